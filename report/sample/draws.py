"""Random draws from a numpy Generator: a weighted pick, a uniform integer, a chance."""

from __future__ import annotations

import numpy as np


def pick(rng: np.random.Generator, options: dict[str, float]) -> str:
    keys = list(options)
    p = np.asarray([options[k] for k in keys], dtype=float)
    return keys[int(rng.choice(len(keys), p=p / p.sum()))]


def uni(rng: np.random.Generator, lo: int, hi: int) -> int:
    """Uniform integer in [lo, hi]."""
    return int(rng.integers(lo, hi + 1)) if hi > lo else lo


def chance(rng: np.random.Generator, p: float) -> bool:
    return bool(rng.random() < p)
