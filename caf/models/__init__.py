"""The pydantic models: facts only, no I/O, no formatting; imports only :mod:`caf.errors`."""
