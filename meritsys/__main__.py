"""``python -m meritsys``: the command line, as the ``meritsys`` script runs it."""

import sys

from meritsys.cli import main

if __name__ == "__main__":
    sys.exit(main())
