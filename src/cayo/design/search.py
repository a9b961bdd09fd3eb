"""The search for the least-cost passing design on a fixed sample of failure years.

Every candidate runs through the stress simulator on the same sampled years (common random
numbers), so two designs differ only by what they build. The search is greedy on the cost of
what is still missing, then gives back what is not needed:

1. rise: from the calm plan, try the next one or two sizes of every lever; take the step that
   removes the most of the criteria's shortfall per USD a year, until every criterion holds
   or no step helps (then the best design found is the closest one);
2. prune: each lever in turn, dearest first, goes back to the least size at which the design
   still passes, by bisection between its calm size and its size now (to 1/2^`TRIM_STEPS` of
   that range; on the 0.1 steps of a line share).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import numpy as np
import pandas as pd

from cayo.design.levers import Lever, cost
from cayo.stress.metrics import TIER_RANK, quantile_interval, uptime_tier

TRIM_STEPS = 10  # bisections of a continuous lever: 1/1024 of its last step
STRESS_CRITERIA = ("unserved electricity", "unserved water", "data-centre tier")
YEAR_COLUMN = {  # criterion → (its column of the per-year table, the quantile of its P90 year)
    "unserved electricity": ("unserved_kwh", 0.9),
    "unserved water": ("unserved_water_m3", 0.9),
    "data-centre tier": ("data_centre_availability_pct", 0.1),
}


@dataclass(frozen=True)
class Goal:
    """What the design must hold on sampled years.

    Attributes
    ----------
    load_kwh, water_m3 : the year's electricity load [kWh] and water demand [m³].
    limits : criterion → its threshold (shares [-] for unserved service, a tier rank for the
        data centre); a criterion not in it is not judged.
    sure : judge the P90 year by the failing end of its 95 % interval (the design), not by the
        sample's own P90 (the calm plan's and the fresh seed's scorecards).
    """

    load_kwh: float
    water_m3: float
    limits: dict[str, float]
    sure: bool = True

    def values(self, years: pd.DataFrame) -> dict[str, float]:
        """Each judged criterion's value in the P90 year of `years`: with `sure`, the bound of
        its 95 % interval on the failing side (`quantile_interval`), so that a design tuned to
        it holds the criterion's true P90, not just this sample's."""
        out: dict[str, float] = {}
        for name in self.limits:
            column, q = YEAR_COLUMN[name]
            x = years[column].to_numpy(dtype=float)
            if self.sure:
                low, up = quantile_interval(x, q)
                out[name] = self.value_of(name, up if q > 0.5 else low)
            else:
                out[name] = self.value_of(name, float(np.quantile(x, q)))
        return out

    def value_of(self, name: str, x: float) -> float:
        """A criterion's value from its year column's figure `x` (`YEAR_COLUMN`): unserved
        energy [kWh] or water [m³] as a share of the year's, availability [%] as a tier rank."""
        if name == "unserved electricity":
            return x / self.load_kwh if self.load_kwh else 0.0
        if name == "unserved water":
            return x / self.water_m3 if self.water_m3 else 0.0
        return float(TIER_RANK[uptime_tier(x)])

    def holds(self, name: str, value: float) -> bool:
        """Whether one criterion holds at `value`, whatever the others."""
        passing = {n: (v if n == "data-centre tier" else 0.0) for n, v in self.limits.items()}
        return self.shortfall({**passing, name: value}) == 0

    def shortfall(self, values: dict[str, float]) -> float:
        """How far `values` are from passing, each criterion relative to its threshold [-]
        (0: every criterion holds).

        >>> g = Goal(1.0, 1.0, {"unserved electricity": 0.002, "data-centre tier": 3.0})
        >>> g.shortfall({"unserved electricity": 0.003, "data-centre tier": 2.0})
        1.5
        """
        gap = 0.0
        for name, limit in self.limits.items():
            v = values[name]
            if name == "data-centre tier":
                gap += max(limit - v, 0.0)
            else:
                gap += max(v - limit, 0.0) / max(limit, 1e-4)
        return gap


@dataclass(frozen=True)
class Step:
    """One step of the search: what it did and where it left the design."""

    phase: str  # "rise" or "prune"
    lever: str
    size: float
    shortfall: float
    annual_usd: float
    values: dict[str, float]
    seconds: float


@dataclass(frozen=True)
class Found:
    """The search's result.

    Attributes
    ----------
    sizes : lever key → total size (only levers moved from the calm plan).
    values : the criteria's values with it (P90 of the design years).
    passed : every criterion holds.
    steps : the path taken; evaluations : simulator runs.
    """

    sizes: dict[str, float]
    values: dict[str, float]
    passed: bool
    steps: list[Step] = field(default_factory=list)
    evaluations: int = 0


Evaluate = Callable[[dict[str, float]], dict[str, float]]


def search(
    levers: list[Lever],
    goal: Goal,
    evaluate: Evaluate,
    start: dict[str, float] | None = None,
    on_step: Callable[[Step], None] | None = None,
) -> Found:
    """The least-cost design found from `start` (lever key → size; default the calm plan; the
    prune never goes below it: a size another criterion asks for, e.g. the water autonomy's
    tank): `evaluate(sizes)` returns the criteria's values of a design."""
    t0 = time.perf_counter()
    sizes = dict(start or {})
    count = [0]

    def run(trial: dict[str, float]) -> dict[str, float]:
        count[0] += 1
        return evaluate(trial)

    steps: list[Step] = []

    def record(phase: str, key: str, values: dict[str, float]) -> None:
        step = Step(phase, key, sizes.get(key.split("+")[-1], 0.0), goal.shortfall(values),
                    cost(levers, sizes)[1], values, time.perf_counter() - t0)  # fmt: skip
        steps.append(step)
        if on_step is not None:
            on_step(step)

    values = run(sizes)
    values = _rise(levers, goal, run, sizes, values, record)
    if goal.shortfall(values) == 0:
        least = {lv.key: max(lv.calm, (start or {}).get(lv.key, lv.calm)) for lv in levers}
        values = _prune(levers, goal, run, sizes, values, record, least)
    return Found(dict(sizes), values, goal.shortfall(values) == 0, steps, count[0])


def _size(lever: Lever, sizes: dict[str, float]) -> float:
    return sizes.get(lever.key, lever.calm)


LINE_SHARES = ("hardened_share", "underground_share")


def _fit(sizes: dict[str, float], moved: str) -> dict[str, float]:
    """`sizes` with the other line share cut so that the shares cover the lines at most once
    (more underground replaces hardened poles, and the other way round)."""
    if moved not in LINE_SHARES:
        return sizes
    other = LINE_SHARES[1 - LINE_SHARES.index(moved)]
    if other in sizes and sizes[moved] + sizes[other] > 1 + 1e-9:
        return sizes | {other: max(1.0 - sizes[moved], 0.0)}
    return sizes


PAIRS = (("battery_kw", "battery_kwh"), ("genset_kw", "diesel_tank_l"))
"""Levers that work only together (power without energy, engines without fuel): the search
also steps them as one move."""


def moves(levers: list[Lever]) -> list[tuple[Lever, ...]]:
    """Every lever alone, and each pair of `PAIRS` that is open, as one move."""
    by_key = {lv.key: lv for lv in levers}
    pairs = [tuple(by_key[k] for k in pair) for pair in PAIRS if all(k in by_key for k in pair)]
    return [(lv,) for lv in levers] + pairs


def _rise(levers, goal, run, sizes, values, record) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Greedy steps, lazily: a move's gain (shortfall removed per USD/yr) is remembered from
    when it was last tried; only the move with the best remembered gain is tried again, and
    its step is taken when its fresh gain still beats every other remembered one (gains shrink
    as a design grows, so stale ones are upper bounds in practice). When no remembered gain is
    positive, every move is tried afresh; the rise ends when none helps. A single lever tries
    its next two sizes (a plateau may hide the first step's effect); a pair its next one."""
    gap = goal.shortfall(values)
    options = moves(levers)
    name = {m: "+".join(lv.key for lv in m) for m in options}
    gains: dict[str, float] = {}
    fresh: dict[str, tuple[float, dict[str, float], dict[str, float], float]] = {}

    def trial(move: tuple[Lever, ...]) -> None:
        key = name[move]
        base_cost = cost(levers, sizes)[1]
        gains[key] = 0.0
        fresh.pop(key, None)
        ahead = [[x for x in lv.ladder() if x > _size(lv, sizes) + 1e-12] for lv in move]
        if any(not a for a in ahead):
            return
        for i in range(2 if len(move) == 1 else 1):
            if any(len(a) <= i for a in ahead):
                return
            t = dict(sizes)
            for lv, a in zip(move, ahead, strict=True):
                t = _fit(t | {lv.key: a[i]}, lv.key)
            v = run(t)
            g = goal.shortfall(v)
            if g < gap - 1e-12:
                gains[key] = (gap - g) / max(cost(levers, t)[1] - base_cost, 1e-6)
                fresh[key] = (gains[key], t, v, g)
                return  # the nearer size already helps

    for move in options:
        trial(move)
    while gap > 0:
        top = max(options, key=lambda m: gains.get(name[m], 0.0))
        if gains.get(name[top], 0.0) <= 0:
            return values  # no step helps: the closest design
        if name[top] not in fresh:
            trial(top)
            continue
        _, t, v, g = fresh.pop(name[top])
        sizes.update(t)
        values, gap = v, g
        record("rise", name[top], values)
        fresh.clear()  # the design moved: every remembered gain is stale
        trial(top)
        if max(gains.values(), default=0.0) <= 0:
            for move in options:
                trial(move)
    return values


def _prune(levers, goal, run, sizes, values, record, least) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Each moved lever, dearest first, back to the least size at which the design still
    passes: bisection between its `least` size and its size now (on the 0.1 steps of a share;
    to 1/2^`TRIM_STEPS` of the range for a capacity)."""
    moved = [lv for lv in levers if _size(lv, sizes) > least[lv.key] + 1e-12]
    moved.sort(key=lambda lv: -(_size(lv, sizes) - lv.calm) * lv.annual_usd_per_unit)
    for lever in moved:
        low = replace(lever, calm=least[lever.key])
        values = (_bisect_share if lever.share else _bisect)(low, goal, run, sizes, values)
        if sizes[lever.key] <= lever.calm + 1e-12:
            del sizes[lever.key]
        record("prune", lever.key, values)
    return values


def _passes(goal: Goal, run, trial: dict[str, float]):  # type: ignore[no-untyped-def]
    v = run(trial)
    return goal.shortfall(v) == 0, v


def _bisect(lever, goal, run, sizes, values) -> dict[str, float]:  # type: ignore[no-untyped-def]
    ok, v = _passes(goal, run, sizes | {lever.key: lever.calm})
    if ok:
        sizes[lever.key] = lever.calm
        return v
    lo, hi = lever.calm, sizes[lever.key]  # lo fails, hi passes
    for _ in range(TRIM_STEPS):
        mid = 0.5 * (lo + hi)
        ok, v = _passes(goal, run, sizes | {lever.key: mid})
        if ok:
            hi, values = mid, v
        else:
            lo = mid
    sizes[lever.key] = hi
    return values


def _bisect_share(lever, goal, run, sizes, values) -> dict[str, float]:  # type: ignore[no-untyped-def]
    steps = [lever.calm] + [x for x in lever.ladder() if x < sizes[lever.key] - 1e-12]
    lo, hi = -1, len(steps)  # steps[hi] (or the size now) passes; steps[lo] fails
    while hi - lo > 1:
        mid = (lo + hi) // 2
        ok, v = _passes(goal, run, sizes | {lever.key: steps[mid]})
        if ok:
            hi, values = mid, v
        else:
            lo = mid
    if hi < len(steps):
        sizes[lever.key] = steps[hi]
    return values
