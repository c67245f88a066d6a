"""The grading kernel: an IPython kernel with a memory limit (installed by `make course` as
the kernelspec ``lecturecode-graded``, which nbgrader's autograde uses).

    python kernel.py --memory-mb 1536 -f CONNECTION_FILE

``resource.setrlimit(RLIMIT_AS)`` caps the kernel's address space, so an allocation beyond it
raises ``MemoryError`` in the student's cell instead of taking the grading machine down.
"""

import os
import resource
import sys


def main(argv: list) -> None:
    """Set the limit named by ``--memory-mb`` and start the kernel with the other arguments."""
    if "--memory-mb" in argv:
        i = argv.index("--memory-mb")
        megabytes = int(argv[i + 1])
        del argv[i:i + 2]
        limit = megabytes * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    sys.argv = [sys.argv[0]] + argv
    from ipykernel.kernelapp import launch_new_instance

    launch_new_instance()


if __name__ == "__main__":
    main(sys.argv[1:])
