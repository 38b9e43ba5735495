"""Entry point of the frozen app: the same `reglens` command (no arguments: the window)."""

import sys

from reglens.cli import main

if __name__ == "__main__":
    sys.exit(main())
