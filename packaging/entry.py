"""Entry point of the frozen app: the same `reglens` command (no arguments: the window)."""

import sys

# OpenMP and BLAS read their thread settings once, when they load: set them first
from reglens import threads

threads.configure()

from reglens.cli import main  # noqa: E402

if __name__ == "__main__":
    # PDFs are parsed in a spawned worker process (reglens.isolate); in a frozen
    # app that worker is this executable again, which freeze_support turns into the worker
    import multiprocessing
    multiprocessing.freeze_support()
    sys.exit(main())
