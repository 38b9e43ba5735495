"""A conditional logit fitted by gradient ascent, for the benchmarks that read weights off the
question sets (``answer_weights.py``, ``unit_ranker.py``; not a test, not used by the app).

Each question brings its candidates' features ``X`` and which of them hold the answer ``y``; the
model maximizes Σ log P(a candidate holding it), P a softmax over the question's candidates, less
an L2 pull of the weights towards ``start``. Plain gradient ascent: the step grows while the
objective improves and halves when it does not; ``low`` keeps weights above a floor (projected)."""

from __future__ import annotations

import numpy as np


def fit(data: list[tuple[np.ndarray, np.ndarray]], start: np.ndarray, l2: float | np.ndarray,
        low: np.ndarray | None = None, steps: int = 400, rate: float = 0.5, min_rate: float = 1e-6) -> np.ndarray:
    """The weights, from ``start``: ``l2`` is one strength for every weight or one per weight."""
    w = start.copy()

    def objective(v: np.ndarray) -> tuple[float, np.ndarray]:
        d = v - start
        if np.ndim(l2) == 0:
            total, grad = -0.5 * l2 * float(d @ d), -l2 * d
        else:
            total, grad = -0.5 * float(l2 @ (d * d)), -l2 * d
        for X, y in data:
            s = X @ v
            p = np.exp(s - s.max())
            p /= p.sum()
            pos = p[y].sum()
            total += float(np.log(pos + 1e-12))
            grad = grad + (p[y] @ X[y]) / (pos + 1e-12) - p @ X
        return total, grad

    f, g = objective(w)
    for _ in range(steps):
        trial = w + rate * g / max(1, len(data))
        if low is not None:
            trial = np.maximum(low, trial)
        ft, gt = objective(trial)
        if ft >= f:
            w, f, g = trial, ft, gt
            rate *= 1.2
        else:
            rate *= 0.5
            if rate < min_rate:
                break
    return w
