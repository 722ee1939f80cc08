"""The ``caf`` command: thin click commands that call one library function each and print."""
