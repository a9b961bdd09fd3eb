"""The floor that blocks every design: with every lever at its largest size, which criterion
still fails, by how much, and which failure class holds it there (the criterion passes with
that class switched off, on the same sampled years otherwise)."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from cayo.design.levers import Lever, apply
from cayo.design.search import Found, Goal
from cayo.fmt import share
from cayo.scenario.schema import Scenario
from cayo.stress.classes import FAILURE_CLASSES
from cayo.stress.metrics import TIER_RANK, year_table
from cayo.stress.run import sample, simulate
from cayo.stress.samplers import Events
from cayo.stress.system import System


@dataclass(frozen=True)
class Blocked:
    """One criterion no design passes.

    Attributes
    ----------
    criterion, threshold : what fails and its limit.
    best : its value with every lever at its largest size (no design does better) [its unit].
    closest : its value in the closest design the search found.
    classes : failure classes that, switched off, let it pass at the largest sizes.
    p90_year_loss_h, p90_year_unserved : the P90 year at the largest sizes: hours with load
        lost [h] and unserved electricity [kWh] or water [m³].
    """

    criterion: str
    threshold: float
    best: float
    closest: float
    classes: list[str] = field(default_factory=list)
    p90_year_loss_h: float = 0.0
    p90_year_unserved: float = 0.0

    def sentence(self) -> str:
        """What blocks it and what would have to change, for people."""
        best, limit = _show(self.criterion, self.best), _show(self.criterion, self.threshold)
        what = (f"{self.criterion}: no design reaches {limit}; with every lever at its largest "
                f"size the P90 year is still {best} ({self.p90_year_loss_h:,.0f} h with load "
                f"lost)")  # fmt: skip
        if self.classes:
            what += f"; it is held there by {' and '.join(self.classes)} (it passes without them)"
        return (
            what + f". To pass: accept {best} as the criterion, change the hazard "
            "assumption that binds, or add a lever cayo does not model"
        )


@dataclass(frozen=True)
class Floor:
    """Every criterion that blocks a passing design, and the sizes tried as the largest."""

    blocked: list[Blocked]
    largest: dict[str, float]


def largest(levers: list[Lever]) -> dict[str, float]:
    """Every lever at its largest size (all the lines underground: they fail least)."""
    out = {lv.key: lv.high for lv in levers}
    if "underground_share" in out:
        out["hardened_share"] = 0.0
    return out


def find_floor(
    s: Scenario, system: System, levers: list[Lever], goal: Goal, found: Found, events: Events
) -> Floor:
    """The floor of `goal` on these `events`: criteria failing at the largest sizes, and the
    failure classes that bind them."""
    sizes = largest(levers)
    top = apply(system, sizes, s)
    years = year_table(simulate(top, events, s.seed), top.hours, {})
    values = goal.values(years)
    blocked = []
    for name, limit in goal.limits.items():
        if goal.holds(name, values[name]):
            continue
        classes = []
        for cls, switch in FAILURE_CLASSES.items():
            sy, st = switch(top, s.stress)
            ev = sample(sy, st, s.seed, 0, len(years))
            v = goal.values(year_table(simulate(sy, ev, s.seed), sy.hours, {}))
            if goal.holds(name, v[name]):
                classes.append(cls)
        col = "unserved_water_m3" if name == "unserved water" else "unserved_kwh"
        rank = int(np.argsort(years[col].to_numpy())[int(0.9 * (len(years) - 1))])
        blocked.append(Blocked(name, limit, values[name], found.values[name], classes,
                               float(years["loss_of_load_h"].iloc[rank]),
                               float(years[col].iloc[rank])))  # fmt: skip
    return Floor(blocked, sizes)


def _show(criterion: str, value: float) -> str:
    """A criterion's value for people: a tier's name, else a share.

    >>> _show("data-centre tier", 3.0), _show("unserved water", 0.00543)
    ('Tier III', '0.543 %')
    """
    if criterion == "data-centre tier":
        return next((n for n, r in TIER_RANK.items() if r == int(value)), "below Tier I")
    return share(value)
