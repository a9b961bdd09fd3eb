"""Write a results folder atomically, and read it back without re-running anything.

Layout of a results folder::

    summary.json            figures (unit in every key) and metadata (seed, versions, hashes)
    hourly.parquet          electricity dispatch and weather, indexed by local standard time
    demand_hourly.parquet   every utility's hourly demand by facility (<carrier>_<unit>__<facility>)
    demand_summary.csv      per utility: annual total, peak, peak hour, per resident per day
    facilities.csv          the program: capacity, count, floor, land, staff, occupants
    dispatch_weeks.png      hourly dispatch in the hardest and a typical week
    supply_year.png         water by source, tank level, diesel and LPG stocks over the year
    stress_years.parquet    the stress test: one row per sampled year (metrics with units)
    stress_summary.csv      mean, 95 % interval, P50/P90/P99 of every stress metric
    survival.csv            probability of surviving an outage of d hours: operational and
                            REopt-style critical-load views (docs/stress.md)
    survival.png, stress_distribution.png   the same, drawn
    stress.json             the stress test's figures and metadata (seed, years, convergence)
    stress_system.npz       the plan as the simulator sees it: `cayo stress --plan DIR` re-runs it
    workforce.csv           the cohort model: intake, students, graduates, specialists per year
    phases.csv              capacities of each milestone's plan and of the full town's
    money_flows.csv         capex, replacements, operating cost and salvage per year and utility
    verdict.json            go / go with conditions / no-go: scorecard, cheapest changes, risks
    report.html             everything above on one self-contained page (`cayo report DIR`)
    scenario.yaml           the scenario text exactly as read
    scenario.resolved.json  the validated scenario with every default filled in
    lp/lp_hourly.parquet    LP inputs: load_kw, pv_kw_per_kwp, grid_available_kw
    lp/lp_parameters.json   LP inputs: annualised costs, efficiencies, bounds (with units)
    lp/README.md            the LP formulation, to rebuild it with another tool
    lp/basis.npz            the optimal basis of the full town's LP; lp/basis-YEAR.npz each
                            milestone's: the next plan into this folder starts from them
    .cayo-results.json      the manifest: cayo version, kind, scenario (identity, path, sha256),
                            time, every file written; cayo replaces only folders carrying it

Where results may go, the manifest, and the atomic swap live in `cayo.results.folder`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from cayo.fmt import to_json
from cayo.report.figures import dispatch_figure, supply_year_figure
from cayo.report.stress_figures import distribution_figure, survival_figure
from cayo.results.folder import ScenarioLike, atomic_dir, atomic_write
from cayo.supply.inputs import save_inputs
from cayo.supply.lp import load_basis, save_basis

if TYPE_CHECKING:  # kept off the import path of `cayo report`, `cayo demand`, `cayo program`
    from cayo.phases import Starts
    from cayo.pipeline import PlanResult
    from cayo.stress.run import StressResult
    from cayo.verdict.judge import Verdict

SUMMARY = "summary.json"
HOURLY = "hourly.parquet"
FIGURE = "dispatch_weeks.png"
DEMAND = "demand_hourly.parquet"
FACILITIES = "facilities.csv"
STRESS_YEARS = "stress_years.parquet"
STRESS_JSON = "stress.json"
SYSTEM = "stress_system.npz"
VERDICT = "verdict.json"


@dataclass(frozen=True)
class SavedResults:
    """A results folder read back: figures, metadata and the hourly table."""

    folder: Path
    figures: dict[str, float]
    metadata: dict[str, Any]
    hourly: pd.DataFrame


def _write_into(result: PlanResult, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    doc = {"figures": result.figures, "metadata": result.metadata}
    (folder / SUMMARY).write_text(to_json(doc))
    result.hourly().to_parquet(folder / HOURLY)
    result.demand.wide().to_parquet(folder / DEMAND)
    result.demand.summary().to_csv(folder / "demand_summary.csv")
    result.program.facilities.to_csv(folder / FACILITIES)
    (folder / "scenario.yaml").write_text(result.loaded.text, encoding="utf-8")
    (folder / "scenario.resolved.json").write_text(result.loaded.scenario.model_dump_json(indent=2))
    save_inputs(result.inputs, folder / "lp")
    starts = result.starts()
    if starts.town is not None:
        save_basis(starts.town, folder / "lp")
    for year, basis in starts.milestones.items():
        save_basis(basis, folder / "lp", milestone_basis(year))
    hourly = result.plan.hourly.set_axis(result.weather.data.index)
    dispatch_figure(hourly, folder / FIGURE)
    if result.inputs.water_m3_h is not None:
        supply_year_figure(hourly, folder / "supply_year.png")
    if result.stress is not None:
        _write_stress(result.stress, folder)
    if result.ramp is not None:
        result.ramp.years.to_csv(folder / "workforce.csv")
    if result.phases:
        phase_table(result).to_csv(folder / "phases.csv", index=False)
    if result.money is not None:
        result.money.flows.to_csv(folder / "money_flows.csv", index=False)
    if result.design is not None and result.stress is not None:
        _write_design(result, folder)
    if result.verdict is not None:
        write_verdict(result.verdict, folder / VERDICT)
    lp_doc = resources.files("cayo.data").joinpath("lp_formulation.md").read_text(encoding="utf-8")
    (folder / "lp" / "README.md").write_text(lp_doc, encoding="utf-8")
    from cayo.report.html import render_report

    render_report(folder)  # last: it reads what was written above


DESIGN = "design.json"


def _write_design(result: PlanResult, folder: Path) -> None:
    """``design.json`` (`cayo.design.doc.design_doc`) and the design's survival curves."""
    from cayo.design.doc import design_doc

    d = result.design
    assert d is not None and result.stress is not None
    doc = design_doc(d, result.figures, result.stress.summary)
    (folder / DESIGN).write_text(to_json(doc))
    if d.stress is not None:
        d.stress.survival.to_csv(folder / "design_survival.csv", index=False)


def write_verdict(v: Verdict, path: Path) -> None:
    """Write the verdict (outcome, reasons, scorecard, changes, risks, reference class)."""
    from cayo.verdict.judge import verdict_doc

    doc = to_json(verdict_doc(v))
    atomic_write(path, lambda tmp: tmp.write_text(doc))


def phase_table(result: PlanResult) -> pd.DataFrame:
    """One row per milestone plan and the full town: year, residents, capacities [their units]."""
    rows = [
        {"year": p.milestone.year, "stage": f"milestone {p.milestone.year}",
         "residents": p.residents, **p.plan.capacity}
        for p in result.phases
    ]  # fmt: skip
    from cayo.phases import full_town_year

    start = result.loaded.scenario.workforce.start_year
    full = full_town_year(result.ramp, result.phases, start) if result.ramp is not None else None
    rows.append(
        {"year": full, "stage": "full town", "residents": result.demand.residents,
         **result.plan.capacity}
    )  # fmt: skip
    return pd.DataFrame(rows)


def _write_stress(stress: StressResult, folder: Path) -> None:
    stress.years.to_parquet(folder / STRESS_YEARS)
    stress.summary.to_csv(folder / "stress_summary.csv", index_label="metric")
    stress.survival.to_csv(folder / "survival.csv", index=False)
    doc = {
        "figures": stress.figures(),
        "metadata": {**stress.meta, "nominal_check": stress.nominal, "tiers": stress.tiers()},
    }
    (folder / STRESS_JSON).write_text(to_json(doc))
    if stress.system is not None:
        stress.system.save(folder / SYSTEM)
    survival_figure(stress.survival, folder / "survival.png")
    distribution_figure(stress.years, folder / "stress_distribution.png")


def write_stress_results(
    stress: StressResult,
    folder: str | Path,
    *,
    scenario: ScenarioLike = None,
    replace_other: bool = False,
) -> Path:
    """Write a stress test alone (its tables, figures, ``stress.json`` and the plan it stressed)
    to `folder`, atomically like `write_results`, as ``stress`` results of `scenario` (for
    ``cayo stress --plan DIR``: ``cayo.results.folder.scenario_of(DIR)``, the plan's scenario).
    Refused (`cayo.results.folder.OutputError`, nothing touched) where `check_output_dir`
    refuses."""
    return atomic_dir(
        Path(folder),
        lambda tmp: _write_stress(stress, tmp),
        kind="stress",
        scenario=scenario,
        replace_other=replace_other,
    )


def write_results(result: PlanResult, folder: str | Path, *, replace_other: bool = False) -> Path:
    """Write `result` to `folder` atomically: built beside it under a temporary name, then
    renamed into place, so an error or an interrupt never leaves a half-written folder.
    An existing folder of the same name is replaced only once the new one is complete, and only
    if cayo wrote it for the same scenario file (``result.loaded.path``; another scenario's
    results only with `replace_other`); anything else raises
    `cayo.results.folder.OutputError` with nothing touched (see `check_output_dir`)."""
    loaded = result.loaded
    return atomic_dir(
        Path(folder),
        lambda tmp: _write_into(result, tmp),
        kind="plan",
        scenario=loaded,
        replace_other=replace_other,
    )


_atomic_dir = atomic_dir  # the name tests and older callers use


def read_results(folder: str | Path) -> SavedResults:
    """Read a folder written by `write_results`."""
    folder = Path(folder)
    doc = json.loads((folder / SUMMARY).read_text())
    return SavedResults(folder, doc["figures"], doc["metadata"], pd.read_parquet(folder / HOURLY))


_YEAR = re.compile(r"basis-(\d{4})\.npz")


def milestone_basis(year: int) -> str:
    """File name, in a results folder's ``lp/``, of the optimal basis of a milestone's LP."""
    return f"basis-{year}.npz"


def saved_starts(folder: Path) -> Starts:
    """The optimal bases a plan saved in results folder `folder` (none where there are none or
    they cannot be used), to start a new plan's LPs from."""
    from cayo.phases import Starts

    lp = folder / "lp"
    years = sorted(int(m[1]) for f in lp.glob("basis-*.npz") if (m := _YEAR.fullmatch(f.name)))
    found = {year: load_basis(lp, milestone_basis(year)) for year in years}
    return Starts(load_basis(lp), {y: b for y, b in found.items() if b is not None})
