"""The verdict: go, go with conditions, or no-go, with the scorecard, the cheapest change for
each failed criterion, the top risks and where the population ramp sits in its reference class.

* go: every criterion passes and the ramp is no more than twice as fast as the fastest real
  planned technology town of the reference class;
* go with conditions: every failed criterion has a change that flips it (the conditions), and/or
  the ramp is faster than the reference class allows (plan for a slower one);
* no-go: a failed criterion has no change that flips it among the levers tried, or a utility
  the town needs gets none of its supply (cooking gas with LPG disabled, water with every water
  technology disabled): no capacity lever can flip that, the scenario must enable a supply.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pandas as pd

from cayo.design.loop import Design
from cayo.finance.metrics import not_served_reasons, unserved_utilities
from cayo.fmt import money, number, share
from cayo.program.people import Population
from cayo.program.workforce import WorkforceRamp
from cayo.scenario.schema import Scenario
from cayo.stress.system import System
from cayo.supply.inputs import LPInputs
from cayo.supply.lp import Basis
from cayo.verdict.changes import Change, cheapest_change, confirm
from cayo.verdict.criteria import measure, scorecard, show, unmeasured
from cayo.verdict.designed import DESIGN_LEVER, design_changes, design_scorecard
from cayo.verdict.reference import reference_class
from cayo.verdict.risks import top_risks

log = logging.getLogger("cayo")

RAMP_TOLERANCE = 2.0  # a ramp more than twice as fast as the fastest reference town is a condition
SEARCH_YEARS = 1000  # sampled years for candidate changes and risks (same seed for all)


@dataclass(frozen=True)
class Verdict:
    """The answer and why.

    Attributes
    ----------
    outcome : 'go', 'go with conditions' or 'no-go'.
    scorecard : criteria with value, threshold, margin, passed.
    changes : failed criterion → its cheapest flipping change (None: none found).
    risks : failure classes by what they add to unserved service and its cost (None without a
        stress test).
    reference : the reference class against the scenario's ramp.
    reasons : plain sentences, most important first.
    not_served : utility the town needs and gets none of → why (each one fails the plan).
    not_judged : criterion whose value is missing (left out of the scorecard) → why.
    design_scorecard : the passing design's scorecard (None without a design).
    """

    outcome: str
    scorecard: pd.DataFrame
    changes: dict[str, Change | None]
    risks: pd.DataFrame | None
    reference: pd.DataFrame
    reasons: list[str]
    not_served: dict[str, str] = field(default_factory=dict)
    not_judged: dict[str, str] = field(default_factory=dict)
    design_scorecard: pd.DataFrame | None = None


def _outcome(
    card: pd.DataFrame,
    changes: dict[str, Change | None],
    slow: bool,
    not_served: dict[str, str] | None = None,
) -> str:
    if not_served:
        return "no-go"
    failed = card.index[~card["passed"].astype(bool)]

    def flips(c: Change | None) -> bool:
        return c is not None and (c.confirmed if c.confirmed is not None else c.flips)

    if any(not flips(changes.get(name)) for name in failed):
        return "no-go"
    return "go with conditions" if len(failed) or slow else "go"


def judge(
    s: Scenario,
    figures: dict[str, float],
    stress: pd.DataFrame | None,
    system: System | None,
    capacity: dict[str, float],
    ramp: WorkforceRamp,
    years: int = SEARCH_YEARS,
    design: Design | None = None,
) -> Verdict:
    """Judge a plan: utilities not served, scorecard, cheapest changes (simulated), risks,
    reference class. A verified passing `design` is the change of every failed criterion it
    passes (no single-lever search for those)."""
    measured = measure(figures, stress)
    card = scorecard(measured, s.criteria)
    not_served = unserved_utilities(s, figures)
    missing = not_served_reasons(s, figures)
    unjudged = {
        name: missing.get("lcoe_usd_per_kwh_served", "its figure is missing")
        if name == "electricity cost"
        else "its figure is missing"
        for name in unmeasured(measured)
    }
    design_card = design_scorecard(design, figures, s) if design and design.passed else None
    changes: dict[str, Change | None] = dict(
        design_changes(card, design_card, design) if design and design_card is not None else {}
    )
    daily = figures.get("water_supplied_m3_yr", 0.0) / 365.0
    for name, row in card.iterrows():
        if row["passed"] or name in changes:
            continue
        if system is None and name != "water autonomy":
            changes[str(name)] = None
            continue
        log.info("verdict: %s fails; trying the levers that could flip it", name)
        changes[str(name)] = (
            cheapest_change(str(name), s, system, capacity, float(row["threshold"]), figures,  # type: ignore[arg-type]
                            s.seed, years)
            if daily or name != "water autonomy" else None
        )  # fmt: skip
    risks = None
    if system is not None:
        log.info("verdict: top risks, one failure class switched off at a time")
        risks = top_risks(
            system, s.stress, s.seed, years, s.finance.value_of_lost_load_usd_per_kwh,
            s.water_supply.value_of_lost_water_usd_per_m3,
        )  # fmt: skip
    ref = reference_class(ramp, Population.of(s.people).residents)
    fast = bool((ref["faster"] > RAMP_TOLERANCE).all()) if len(ref) else False
    reasons = design_reasons(design, design_card) + _reasons(
        card, changes, risks, ref, fast, not_served, unjudged
    )
    outcome = _outcome(card, changes, fast, not_served)
    return Verdict(outcome, card, changes, risks, ref, reasons, not_served, unjudged, design_card)


def confirm_changes(
    v: Verdict,
    s: Scenario,
    system: System,
    inputs: LPInputs,
    index: pd.DatetimeIndex | None,
    figures: dict[str, float],
    years: int = SEARCH_YEARS,
    on_change: Callable[[int, int], None] | None = None,
    warm: Basis | None = None,
) -> Verdict:
    """Re-plan each cheapest change (one LP each) and judge its criterion again;
    `on_change(done, total)` before each re-plan and at the end. `warm`, the plan's optimal basis,
    starts each re-plan's simplex (a floor on a capacity keeps its basis dual feasible: 11 s
    instead of 60 s for a larger battery and gensets on the default town)."""
    todo = [name for name, c in v.changes.items() if c is not None and c.lever != DESIGN_LEVER]
    done: dict[str, Change | None] = {}
    for name, c in v.changes.items():
        if c is None or c.lever == DESIGN_LEVER:  # the design was re-planned and checked
            done[name] = c
            continue
        if on_change is not None:
            on_change(todo.index(name), len(todo))
        log.info("confirm: re-planning with %s for %s (%d of %d)", c.lever, name,
                 todo.index(name) + 1, len(todo))  # fmt: skip
        threshold = float(v.scorecard.loc[name, "threshold"])
        done[name] = confirm(c, s, system, inputs, index, threshold, figures, s.seed, years, warm)
    if on_change is not None and todo:
        on_change(len(todo), len(todo))
    fast = bool((v.reference["faster"] > RAMP_TOLERANCE).all()) if len(v.reference) else False
    keep = [r for r in v.reasons if r.startswith(DESIGN_PREFIXES)]
    reasons = keep + _reasons(
        v.scorecard, done, v.risks, v.reference, fast, v.not_served, v.not_judged
    )
    outcome = _outcome(v.scorecard, done, fast, v.not_served)
    return replace(v, changes=done, outcome=outcome, reasons=reasons)


DESIGN_PREFIXES = ("a passing design", "no design passes", "a design passes")


def design_reasons(design: Design | None, design_card: pd.DataFrame | None) -> list[str]:
    """The design's sentences, first among the reasons."""
    if design is None:
        return []
    if not design.passed:
        assert design.floor is not None
        return [f"no design passes: {b.sentence()}" for b in design.floor.blocked]
    built = "; ".join(_built(design))
    money_ = (f"{money(design.extra_usd_yr, 'USD/yr')} more than the calm plan "
              f"({money(design.extra_capex_usd)} more capex)")  # fmt: skip
    if not design.verified:
        return [f"a design passes on the years it was tuned on but NOT on a fresh seed: {built}"]
    assert design_card is not None
    failed = [str(n) for n, r in design_card.iterrows() if not r["passed"]]
    if failed:
        return [f"a design passes the stress test on a fresh seed ({built}; {money_}) but "
                f"fails {', '.join(failed)}"]  # fmt: skip
    return [f"a passing design exists, checked on a fresh seed: build {built}; {money_}"]


def _built(design: Design) -> list[str]:
    out = []
    for _, r in design.levers.iterrows():
        if r["unit"] == "share":
            out.append(f"{r['lever']}: {share(r['design'], 0)}")
        else:
            out.append(
                f"{r['lever']} {number(r['calm'], 0)} → {number(r['design'], 0)} {r['unit']}"
            )
    return out or ["nothing more"]


def _reasons(
    card: pd.DataFrame,
    changes: dict[str, Change | None],
    risks: pd.DataFrame | None,
    ref: pd.DataFrame,
    fast: bool,
    not_served: dict[str, str] | None = None,
    unjudged: dict[str, str] | None = None,
) -> list[str]:
    out = [f"{why}; a failed criterion that no capacity lever flips"
           for why in (not_served or {}).values()]  # fmt: skip
    for name, row in card.iterrows():
        if row["passed"]:
            continue
        c = changes.get(str(name))
        kind, unit = str(row["kind"]), str(row["unit"])
        what = (
            f"{name} fails: {show(row['value'], unit, kind)} against "
            f"{show(row['threshold'], unit, kind)}"
        )
        if c is None:
            out.append(f"{what}; no change among the levers tried flips it")
        elif c.lever == DESIGN_LEVER:
            out.append(f"{what}; the passing design brings it to {show(c.value, unit, kind)}")
        else:
            sizes = ", ".join(f"{k} → {number(v, 0)}" for k, v in c.sizes.items())
            state = (
                "simulated on the plan"
                if c.confirmed is None
                else ("confirmed by re-planning" if c.confirmed else "NOT confirmed by re-planning")
            )
            out.append(
                f"{what}; cheapest fix: {c.lever} ({sizes}), {money(c.cost_usd_yr, 'USD/yr')}, "
                f"{state}"
            )
    out += [f"{name} is not judged: {why}" for name, why in (unjudged or {}).items()]
    if risks is not None and len(risks):
        top = risks.index[0]
        out.append(
            f"largest risk: {top} ({number(risks.iloc[0]['unserved_kwh_yr'], 0)} kWh and "
            f"{number(risks.iloc[0]['unserved_water_m3_yr'], 0)} m³ unserved a year)"
        )
    for town, r in ref.iterrows():
        out.append(
            f"ramp: {share(r['scenario_share'], 0)} of the planned residents after "
            f"{r['years_after_opening']} years; {town} had {share(r['reference_share'], 1)} "
            f"(the scenario's ramp is {number(r['faster'], 1)} times its pace)"
        )
    if fast:
        out.append("the ramp is over twice as fast as every reference town: plan for a slower one")
    return out


def verdict_doc(v: Verdict) -> dict:
    """The verdict as plain JSON-ready data."""
    from dataclasses import asdict

    return {
        "outcome": v.outcome,
        "reasons": v.reasons,
        "not_served": dict(v.not_served),
        "not_judged": dict(v.not_judged),
        "scorecard": v.scorecard.reset_index(names="criterion").to_dict(orient="records"),
        "changes": {k: None if c is None else asdict(c) for k, c in v.changes.items()},
        "risks": None if v.risks is None else v.risks.reset_index().to_dict(orient="records"),
        "reference_class": v.reference.reset_index().to_dict(orient="records"),
        "design_scorecard": None
        if v.design_scorecard is None
        else v.design_scorecard.reset_index(names="criterion").to_dict(orient="records"),
    }
