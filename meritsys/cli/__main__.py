"""``python -m meritsys.cli``: the same as ``python -m meritsys``."""

import sys

from meritsys.cli import main

if __name__ == "__main__":
    sys.exit(main())
