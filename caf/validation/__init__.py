"""Files to checked models, every problem located.

Documents with positions, plain-words messages, salvage, cross-tree checks, profiles and the
library search path.
"""
