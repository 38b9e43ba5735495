"""Entry point of the frozen app: the same `reglens` command (no arguments: the window)."""

import sys

# OpenMP and BLAS read their thread settings once, when they load: set them first
from reglens import threads

threads.configure()

from reglens.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main())
