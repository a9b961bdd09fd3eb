"""The search for the least-cost passing design on a fixed sample of failure years.

Every candidate runs through the stress simulator on the same sampled years (common random
numbers), so two designs differ only by what they build. The search is greedy on the cost of
what is still missing, then gives back what is not needed:

1. rise: from the calm plan, try the next one or two sizes of every lever; take the step that
   removes the most of the criteria's shortfall per USD a year, until every criterion holds
   or no step helps (then the best design found is the closest one);
2. prune: each lever in turn, dearest first, goes back to the smallest size on its ladder at
   which the design still passes;
3. trim: each continuous lever is bisected between that size and the one below it, to
   `TRIM_SHARE` of its step.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from cayo.design.levers import Lever, cost
from cayo.stress.metrics import uptime_tier
from cayo.verdict.criteria import TIER_RANK

TRIM_STEPS = 10  # bisections of a continuous lever: 1/1024 of its last step
STRESS_CRITERIA = ("unserved electricity", "unserved water", "data-centre tier")


@dataclass(frozen=True)
class Goal:
    """What the design must hold on sampled years.

    Attributes
    ----------
    load_kwh, water_m3 : the year's electricity load [kWh] and water demand [m³].
    limits : criterion → its threshold (shares [-] for unserved service, a tier rank for the
        data centre); a criterion not in it is not judged.
    """

    load_kwh: float
    water_m3: float
    limits: dict[str, float]

    def values(self, years: pd.DataFrame) -> dict[str, float]:
        """Each judged criterion's value in the P90 year of `years`."""
        out: dict[str, float] = {}
        if "unserved electricity" in self.limits:
            p90 = float(np.quantile(years["unserved_kwh"], 0.9))
            out["unserved electricity"] = p90 / self.load_kwh if self.load_kwh else 0.0
        if "unserved water" in self.limits:
            p90 = float(np.quantile(years["unserved_water_m3"], 0.9))
            out["unserved water"] = p90 / self.water_m3 if self.water_m3 else 0.0
        if "data-centre tier" in self.limits:
            a = float(np.quantile(years["data_centre_availability_pct"], 0.1))
            out["data-centre tier"] = float(TIER_RANK[uptime_tier(a)])
        return out

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

    phase: str  # "rise", "prune" or "trim"
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
    """The least-cost design found from `start` (lever key → size; default the calm plan):
    `evaluate(sizes)` returns the criteria's values of a design."""
    t0 = time.perf_counter()
    sizes = dict(start or {})
    count = [0]

    def run(trial: dict[str, float]) -> dict[str, float]:
        count[0] += 1
        return evaluate(trial)

    steps: list[Step] = []

    def record(phase: str, key: str, values: dict[str, float]) -> None:
        step = Step(phase, key, sizes.get(key, 0.0), goal.shortfall(values),
                    cost(levers, sizes)[1], values, time.perf_counter() - t0)  # fmt: skip
        steps.append(step)
        if on_step is not None:
            on_step(step)

    values = run(sizes)
    values = _rise(levers, goal, run, sizes, values, record)
    if goal.shortfall(values) == 0:
        values = _prune(levers, goal, run, sizes, values, record)
    return Found(dict(sizes), values, goal.shortfall(values) == 0, steps, count[0])


def _size(lever: Lever, sizes: dict[str, float]) -> float:
    return sizes.get(lever.key, lever.calm)


def _fits(sizes: dict[str, float]) -> bool:
    return sizes.get("hardened_share", 0.0) + sizes.get("underground_share", 0.0) <= 1 + 1e-9


def _rise(levers, goal, run, sizes, values, record) -> dict[str, float]:  # type: ignore[no-untyped-def]
    """Greedy steps, lazily: a lever's gain (shortfall removed per USD/yr) is remembered from
    when it was last tried; only the lever with the best remembered gain is tried again, and
    its step is taken when its fresh gain still beats every other remembered one (gains shrink
    as a design grows, so stale ones are upper bounds in practice). When no remembered gain is
    positive, every lever is tried afresh; the rise ends when none helps."""
    gap = goal.shortfall(values)
    gains: dict[str, float] = {}
    fresh: dict[str, tuple[float, float, dict[str, float], float]] = {}

    def trial(lever: Lever) -> None:
        base_cost = cost(levers, sizes)[1]
        gains[lever.key] = 0.0
        fresh.pop(lever.key, None)
        for size in [x for x in lever.ladder() if x > _size(lever, sizes) + 1e-12][:2]:
            t = sizes | {lever.key: size}
            if not _fits(t):
                return
            v = run(t)
            g = goal.shortfall(v)
            if g < gap - 1e-12:
                gains[lever.key] = (gap - g) / max(cost(levers, t)[1] - base_cost, 1e-6)
                fresh[lever.key] = (gains[lever.key], size, v, g)
                return  # the nearer size already helps

    for lever in levers:
        trial(lever)
    while gap > 0:
        order = sorted(levers, key=lambda lv: -gains.get(lv.key, 0.0))
        top = order[0]
        if gains.get(top.key, 0.0) <= 0:
            return values  # no step helps: the closest design
        if top.key not in fresh:
            trial(top)
            continue
        _, size, v, g = fresh.pop(top.key)
        sizes[top.key], values, gap = size, v, g
        record("rise", top.key, values)
        fresh.clear()  # the design moved: every remembered gain is stale
        trial(top)
        if max(gains.values(), default=0.0) <= 0:
            for lever in levers:
                trial(lever)
    return values


def _prune(levers, goal, run, sizes, values, record) -> dict[str, float]:  # type: ignore[no-untyped-def]
    moved = [lv for lv in levers if _size(lv, sizes) > lv.calm + 1e-12]
    moved.sort(key=lambda lv: -(_size(lv, sizes) - lv.calm) * lv.annual_usd_per_unit)
    for lever in moved:
        now = _size(lever, sizes)
        lower = [lever.calm] + [x for x in lever.ladder() if x < now - 1e-12]
        below = lever.calm
        for size in lower:  # smallest first: the first that passes is kept
            v = run(sizes | {lever.key: size})
            if goal.shortfall(v) == 0:
                sizes[lever.key], values = size, v
                record("prune", lever.key, values)
                break
            below = size
        if not lever.share and sizes[lever.key] > lever.calm:
            values = _trim(lever, goal, run, sizes, values, below, record)
        if sizes[lever.key] <= lever.calm + 1e-12:
            del sizes[lever.key]
    return values


def _trim(lever, goal, run, sizes, values, below, record) -> dict[str, float]:  # type: ignore[no-untyped-def]
    lo, hi = below, sizes[lever.key]  # lo fails, hi passes
    for _ in range(TRIM_STEPS):
        mid = 0.5 * (lo + hi)
        v = run(sizes | {lever.key: mid})
        if goal.shortfall(v) == 0:
            hi, values = mid, v
        else:
            lo = mid
    if hi < sizes[lever.key]:
        sizes[lever.key] = hi
        record("trim", lever.key, values)
    return values
