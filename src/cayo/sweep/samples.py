"""Which variants a sweep runs: a full grid, a one-at-a-time sweep around the scenario's own
values (tornado and spider plots), or a global design over the ranges (Latin hypercube, or
Saltelli's sampling for Sobol indices, both from SALib)."""

from __future__ import annotations

import hashlib
import itertools
from dataclasses import dataclass

import numpy as np
import pandas as pd

from cayo.errors import CayoError
from cayo.scenario.schema import Scenario
from cayo.sweep.vary import Vary, numeric_paths

METHODS = ("grid", "tornado", "lhs", "sobol")
MAX_VARIANTS = 100_000
BASE = "base"  # the `varied` value of the scenario's own variant in a one-at-a-time sweep


@dataclass(frozen=True)
class Samples:
    """The variants of a sweep.

    Attributes
    ----------
    method : one of `METHODS`.
    varies : the varied fields.
    table : one row per variant (index: variant id ``v00000``…), one column per varied path,
        each value in its field's unit.
    varied : variant id → the path it moves in a one-at-a-time sweep (`BASE` for the scenario's
        own values); empty for the other methods.
    base : the scenario's own value of each varied path.
    seed : seed of a sampled design (lhs, sobol).
    """

    method: str
    varies: tuple[Vary, ...]
    table: pd.DataFrame
    varied: dict[str, str]
    base: dict[str, float]
    seed: int

    def key(self) -> str:
        """A hash of the method, the fields and every variant's values: a sweep's folder is
        resumed only by the same sweep."""
        h = hashlib.sha256(f"{self.method}|{self.seed}|{list(self.table.columns)}".encode())
        h.update(np.ascontiguousarray(self.table.to_numpy(np.float64)).tobytes())
        return h.hexdigest()[:16]

    def values(self, variant: str) -> dict[str, int | float]:
        """The values variant `variant` sets, in each field's type."""
        row = self.table.loc[variant]
        return {v.path: v.cast(float(row[v.path])) for v in self.varies}

    def problem(self) -> dict:
        """SALib's problem definition of the varied ranges."""
        return {
            "num_vars": len(self.varies),
            "names": [v.path for v in self.varies],
            "bounds": [[v.low, v.high] for v in self.varies],
        }


def _ids(n: int) -> list[str]:
    return [f"v{i:05d}" for i in range(n)]


def _table(varies: tuple[Vary, ...], rows: np.ndarray) -> pd.DataFrame:
    rows = rows.astype(np.float64).copy()
    for j, v in enumerate(varies):
        if v.integer:
            rows[:, j] = np.round(rows[:, j])
    return pd.DataFrame(
        rows, index=pd.Index(_ids(len(rows)), name="variant"), columns=[v.path for v in varies]
    )


def make_samples(
    varies: tuple[Vary, ...],
    s: Scenario,
    method: str = "grid",
    samples: int | None = None,
    seed: int = 0,
) -> Samples:
    """The variants of `method` over `varies` around scenario `s` (`samples`: base sample size
    of lhs and sobol; sobol runs samples × (fields + 2) variants)."""
    if method not in METHODS:
        raise CayoError(f"--method {method!r} is not one of {', '.join(METHODS)}")
    fields = numeric_paths(s)
    base = {v.path: float(fields[v.path]) for v in varies}
    varied: dict[str, str] = {}
    if method == "grid":
        rows = np.array(list(itertools.product(*(v.values() for v in varies))))
    elif method == "tornado":
        points = [[base[v.path] for v in varies]]
        labels = [BASE]
        for j, v in enumerate(varies):
            for x in v.values():
                if x != base[v.path]:
                    row = [base[w.path] for w in varies]
                    row[j] = x
                    points.append(row)
                    labels.append(v.path)
        rows = np.array(points)
        varied = dict(zip(_ids(len(rows)), labels, strict=True))
    else:
        rows = _sampled(varies, method, samples, seed)
    if len(rows) > MAX_VARIANTS:
        raise CayoError(
            f"the sweep has {len(rows):,} variants, more than {MAX_VARIANTS:,}; use fewer points "
            "per --vary, or --method lhs with --samples"
        )
    return Samples(method, varies, _table(varies, rows), varied, base, seed)


def _sampled(varies: tuple[Vary, ...], method: str, samples: int | None, seed: int) -> np.ndarray:
    from SALib.sample import latin
    from SALib.sample import sobol as saltelli

    if samples is None or samples < 2:
        raise CayoError(f"--method {method} needs --samples N (N ≥ 2), e.g. --samples 64")
    problem = {
        "num_vars": len(varies),
        "names": [v.path for v in varies],
        "bounds": [[v.low, v.high] for v in varies],
    }
    if method == "lhs":
        return np.asarray(latin.sample(problem, samples, seed=seed))
    if samples & (samples - 1):
        raise CayoError(
            f"--method sobol needs --samples a power of 2 (Sobol' sequences), e.g. "
            f"{1 << (samples.bit_length() - 1)} or {1 << samples.bit_length()}, not {samples}"
        )
    return np.asarray(saltelli.sample(problem, samples, calc_second_order=False, seed=seed))
