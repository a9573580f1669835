"""Rater calibration: how far a manager's ratings sit from the people's own, in numbers.

PURE Python (no Django import). For each rater (or unit) the SQL in `queries.py` hands over
n, Σd and Σd² of d = manager level − self level over the elements where both are known (the
current ratings). From them: the mean difference, its spread (sample standard deviation), and a
95 % confidence interval for the mean (Student's t for small n). A rater is flagged lenient (rates
above people's own view) or severe (below) only when n reaches MIN_N and the interval excludes 0:
a handful of ratings says nothing about a rater. Drift is the change of the mean between two
cycles, given with both n.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

MIN_N = 8  # ratings a flag needs at least: below it the interval is too wide to mean much

# Two-sided 95 % Student's t quantiles by degrees of freedom (1–30); 1.96 beyond.
_T95 = (
    12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
    2.201, 2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
    2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042,
)  # fmt: skip


def t95(df: int) -> float:
    if df < 1:
        return math.inf
    return _T95[df - 1] if df <= len(_T95) else 1.96


@dataclass(frozen=True)
class Calibration:
    """Manager − self level differences of one rater (or unit): see the module docstring."""

    key: str
    label: str
    n: int
    mean: float | None
    spread: float | None  # sample standard deviation; None below 2 ratings
    low: float | None  # 95 % confidence interval of the mean
    high: float | None

    @property
    def flag(self) -> str:
        """ "lenient", "severe", or "" (in line, or too few ratings to tell)."""
        if self.n < MIN_N or self.low is None or self.high is None:
            return ""
        if self.low > 0:
            return "lenient"
        if self.high < 0:
            return "severe"
        return ""

    @property
    def enough(self) -> bool:
        return self.n >= MIN_N


def calibrate(key: str, label: str, n: int, total: float, squares: float) -> Calibration:
    """From n, Σd and Σd²: mean, sample standard deviation and 95 % interval of the mean."""
    if n <= 0:
        return Calibration(key, label, 0, None, None, None, None)
    mean = total / n
    if n < 2:
        return Calibration(key, label, n, mean, None, None, None)
    variance = max((squares - n * mean * mean) / (n - 1), 0.0)
    spread = math.sqrt(variance)
    half = t95(n - 1) * spread / math.sqrt(n)
    return Calibration(key, label, n, mean, spread, mean - half, mean + half)


@dataclass(frozen=True)
class Drift:
    """The change of one rater's mean difference from one cycle to the next."""

    key: str
    label: str
    cycles: tuple[str, str]
    before: Calibration
    after: Calibration

    @property
    def change(self) -> float | None:
        if self.before.mean is None or self.after.mean is None:
            return None
        return self.after.mean - self.before.mean

    @property
    def enough(self) -> bool:
        return self.before.enough and self.after.enough
