"""The one place that runs the stages in order: scenario → weather → demand → plan → stress →
design → phases → money → verdict (→ confirmed changes). The CLI and the Python API only call it.

Every stage start and end is logged on the ``cayo`` logger (INFO, with its time); a caller may
also follow stages with `on_stage(name)` and steps inside long stages with
`on_step(stage, done, total)`.
"""

from __future__ import annotations

import logging
import platform
import threading
import time
from collections.abc import Callable
from contextlib import nullcontext
from dataclasses import dataclass, field, replace
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from cayo import fmt
from cayo.caveats import caveats
from cayo.demand.town import TownDemand
from cayo.design.loop import Design, design_town
from cayo.design.search import Step as Step_
from cayo.errors import CayoError
from cayo.finance.metrics import not_served_reasons, plan_figures
from cayo.finance.npc import Money, Stage, cash_flows, components, money_figures, operating_costs
from cayo.phases import (
    BackgroundPhases,
    PhasePlan,
    Starts,
    full_town_year,
    run_phases,
    spare_cores,
)
from cayo.prepare import Prepared, Reuse, prepare
from cayo.program import Program
from cayo.program.workforce import WorkforceRamp, cohort_model
from cayo.scenario.io import LoadedScenario, load_scenario
from cayo.scenario.schema import Scenario
from cayo.stress.run import BatchMap, StressResult, stress_test, warm_kernels
from cayo.stress.system import system_from_plan
from cayo.supply.fixed import FixedParts
from cayo.supply.inputs import LPInputs
from cayo.supply.lp import SolverOptions
from cayo.supply.plan import SupplyPlan, plan_supply
from cayo.verdict.judge import Verdict, confirm_changes, judge
from cayo.weather import WeatherYear

STAGES = (
    "weather",
    "program",
    "demand",
    "pv",
    "fixed",
    "lp",
    "figures",
    "stress",
    "design",
    "phases",
    "money",
    "verdict",
    "confirm",
)
LAST_STAGES = ("stress", "design", "verdict")  # where `run_plan(upto=…)` may stop
log = logging.getLogger("cayo")
VERSIONED = (
    "cayo",
    "numpy",
    "numba",
    "pandas",
    "pyarrow",
    "pvlib",
    "highspy",
    "pydantic",
    "ruamel.yaml",
)


@dataclass(frozen=True)
class PlanResult:
    """Everything one planning run produced (saved by `cayo.results.io.write_results`).

    Attributes
    ----------
    loaded : the scenario as read.
    weather : the weather year used.
    program : the facilities the town needs.
    demand : hourly demand of every utility.
    fixed : sewage, solid waste and data links, sized outside the LP.
    inputs : the LP inputs (series + annualised parameters).
    plan : capacities and hourly dispatch.
    figures : scalar results, unit in every key.
    metadata : seed, versions, scenario hash, timings [s], solver details.
    stress : the stress test of the plan (None when it was not run).
    ramp : the workforce ramp (specialists, students, residents per year).
    phases : the milestones' plans, in order (empty when phasing is off).
    money : cash flows over the horizon and net present cost.
    verdict : go / go with conditions / no-go, with the scorecard, changes, risks, reference class.
    design : the least-cost design that passes the stress test, or the floor that blocks it
        (None when it was not run).
    """

    loaded: LoadedScenario
    weather: WeatherYear
    program: Program
    demand: TownDemand
    fixed: FixedParts
    inputs: LPInputs
    plan: SupplyPlan
    figures: dict[str, float]
    metadata: dict[str, Any] = field(default_factory=dict)
    stress: StressResult | None = None
    ramp: WorkforceRamp | None = None
    phases: tuple[PhasePlan, ...] = ()
    money: Money | None = None
    verdict: Verdict | None = None
    design: Design | None = None

    def starts(self) -> Starts:
        """The optimal bases of this plan's LPs, to start a similar plan from
        (``run_plan(..., warm=result.starts())``: a planner's loop in Python)."""
        bases = {p.milestone.year: p.plan.solution.basis for p in self.phases}
        return Starts(self.plan.solution.basis, {y: b for y, b in bases.items() if b is not None})

    def hourly(self) -> pd.DataFrame:
        """One table of every hourly series [kW, kWh, W/m², °C] for saving."""
        weather = self.weather.data[["ghi", "temp_air"]].rename(
            columns={"ghi": "ghi_w_m2", "temp_air": "temp_air_c"}
        )
        out = pd.concat([self.plan.hourly.set_axis(weather.index), weather], axis=1)
        out.index.name = "time"
        return out


def versions() -> dict[str, str]:
    """Versions of Python and of the packages that shape the numbers."""
    out = {"python": platform.python_version()}
    for name in VERSIONED:
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "unknown"
    return out


def _stage(s: Scenario, year: int, capacity: dict, fixed: FixedParts, figures: dict) -> Stage:
    parts = components(s, capacity, fixed)
    return Stage(
        year=year,
        parts=parts,
        opex_usd_yr=operating_costs(figures, parts),
        served={
            # the town's own electricity: sewage and water distribution are charged to them
            "electricity_kwh": figures["served_kwh_yr"]
            - figures.get("sewage_kwh_yr", 0.0)
            - figures.get("distribution_kwh_yr", 0.0),
            "water_m3": figures.get("water_supplied_m3_yr", 0.0),
        },
    )


def run_money(
    s: Scenario,
    ramp: WorkforceRamp,
    phases: tuple[PhasePlan, ...],
    plan: SupplyPlan,
    fixed: FixedParts,
    figures: dict[str, float],
) -> Money:
    """Cash flows from `start_year` to `horizon_year`: each milestone's plan from its year, the
    full town's plan from `full_town_year` (never, if the target is never reached)."""
    w = s.workforce
    stages = [
        _stage(p.scenario, p.milestone.year, p.plan.capacity, p.fixed, p.figures) for p in phases
    ]
    full_year = full_town_year(ramp, phases, w.start_year)
    if full_year is not None and full_year <= w.horizon_year:
        stages.append(_stage(s, full_year, plan.capacity, fixed, figures))
    return cash_flows(stages, w.start_year, w.horizon_year, s.finance.discount_rate)


def run_stress(
    s: Scenario,
    prep: Prepared,
    plan: SupplyPlan,
    on_batch: Callable[[int, int, float], None] | None = None,
    batch_map: BatchMap | None = None,
) -> StressResult:
    """The stress test of a solved plan (`cayo.stress.run.stress_test`), seeded by the scenario;
    `batch_map` runs its batches on a cluster (a fixed number of years only)."""
    h = plan.hourly
    lp_served = (
        float((h["load_kw"] - h["unserved_kw"]).sum()),
        float((h["water_demand_m3_h"] - h["unserved_water_m3_h"]).sum()),
    )
    system = system_from_plan(s, prep.inputs, plan, prep.fixed, prep.demand)
    return stress_test(system, s.stress, s.seed, lp_served, _logged(on_batch), batch_map)


def run_design(
    s: Scenario,
    prep: Prepared,
    plan: SupplyPlan,
    tested: StressResult,
    figures: dict[str, float],
    on_step: Step | None = None,
) -> Design:
    """The least-cost design that passes the stress test beside the calm plan
    (`cayo.design.loop.design_town`); `on_step("design", step, steps)`."""
    assert tested.system is not None

    def round_(r: int, most: int, what: str) -> None:
        log.info("design: step %d of %d: %s", r + 1, most + 1, what)
        if on_step is not None:
            on_step("design", r, most)

    count = [0]

    def searched(st: Step_) -> None:
        values = ", ".join(
            f"{k} {fmt.share(v)}" if k != "data-centre tier" else f"{k} {v:.0f}"
            for k, v in st.values.items()
        )
        text = (f"{st.phase} {st.lever} → {fmt.number(st.size)}; levers "
                f"{fmt.money(st.annual_usd, 'USD/yr')}; {values}")  # fmt: skip
        log.info("design: %s", text)
        count[0] += 1
        if on_step is not None:  # on a terminal the bar's text is the step: criteria and cost
            on_step(f"design · {text}", count[0], count[0])

    return design_town(
        s, plan, tested.system, tested.summary, figures, prep.program.dwellings,
        on_round=round_, on_step=searched,
    )  # fmt: skip


def _background(work: Callable[[], None]) -> threading.Thread:
    """`work` started in a daemon thread; an error in it is only logged (debug), as the work is
    done again in the foreground, where it is reported."""

    def run() -> None:
        try:
            work()
        except Exception:  # noqa: BLE001
            log.debug("background work failed", exc_info=True)

    thread = threading.Thread(target=run, name="cayo-background", daemon=True)
    thread.start()
    return thread


def _logged(
    on_batch: Callable[[int, int, float], None] | None,
) -> Callable[[int, int, float], None]:
    """`on_batch`, also logging each batch of the stress test."""

    def batch(done: int, most: int, share: float) -> None:
        known = f", mean unserved known to ±{share:.1%}" if np.isfinite(share) else ""
        log.info("stress: %s years of at most %s%s", f"{done:,}", f"{most:,}", known)
        if on_batch is not None:
            on_batch(done, most, share)

    return batch


Step = Callable[[str, int, int], None]


def run_plan(
    scenario: LoadedScenario | str | Path | None = None,
    on_stage: Callable[[str], None] | None = None,
    solver_options: SolverOptions | None = None,
    stress: bool = True,
    on_batch: Callable[[int, int, float], None] | None = None,
    *,
    upto: str = "verdict",
    confirm: bool = True,
    on_step: Step | None = None,
    parallel: bool | None = None,
    warm: Starts | None = None,
    design: bool | None = None,
    reuse: Reuse | None = None,
    batch_map: BatchMap | None = None,
) -> PlanResult:
    """Plan a scenario end to end.

    Parameters
    ----------
    scenario : a path, a `LoadedScenario`, or None for the packaged default.
    on_stage : called with each stage's name (one of `STAGES`) as it starts.
    solver_options : HiGHS options for every LP.
    stress : run the stress test (without it the verdict has no reliability criteria).
    on_batch : `(years done, most years, CI share)` after each batch of the stress test.
    upto : the last stage: ``"verdict"`` (everything), ``"design"`` (the design loop after the
        stress test, no phases, money or verdict: what `cayo design` needs) or ``"stress"``
        (what `cayo stress` needs).
    confirm : re-plan each failed criterion's cheapest change (one LP each) to confirm it.
    on_step : `(stage, done, total)` inside long stages (milestone plans, confirmed changes).
    parallel : solve the milestones' plans in a second process while the full town's plan is
        solved and stress-tested (None: when a second core is free). The results are the same.
    warm : optimal bases of an earlier plan (e.g. the last plan of this scenario,
        `cayo.results.io.saved_starts`) to start the full town's and the milestones' LPs from;
        a basis that does not fit its LP is ignored. The optimum is the same; where it is not
        unique, another optimal vertex may be found.
    design : search the least-cost design that passes the stress test (None: the scenario's
        ``design.enabled``); needs the stress test and ``upto="verdict"``.
    reuse : weather, program, demand and PV kept from earlier plans in this process (a sweep's
        worker), used where their scenario sections are the same.
    batch_map : runs the stress test's batches on a cluster (`cayo.sweep.stress`) when its
        number of years is fixed; the same numbers as in this process.
    """
    if upto not in LAST_STAGES:
        raise ValueError(f"upto must be one of {LAST_STAGES}, not {upto!r}")
    note = on_stage or (lambda _name: None)
    step: Step = on_step or (lambda _stage, _done, _total: None)
    loaded = scenario if isinstance(scenario, LoadedScenario) else load_scenario(scenario)
    s = loaded.scenario
    timings: dict[str, float] = {}

    def timed(name: str, fn: Callable[[], Any]) -> Any:
        note(name)
        log.info("%s: started", name)
        t0 = time.perf_counter()
        out = fn()
        timings[name] = round(time.perf_counter() - t0, 4)
        log.info("%s: done in %.1f s", name, timings[name])
        return out

    prep = prepare(loaded, timed, reuse=reuse)
    weather, program, demand, inputs = prep.weather, prep.program, prep.demand, prep.inputs
    fixed = prep.fixed
    ramp = cohort_model(s.workforce, s.people)
    phased = upto == "verdict" and s.phasing.enabled and bool(s.phasing.milestones)
    background = parallel if parallel is not None else spare_cores() > 0
    starts = warm or Starts()
    with (
        BackgroundPhases(loaded, ramp, solver_options, weather, starts.milestones)
        if phased and background
        else nullcontext()
    ) as chain:
        kernels = _background(warm_kernels) if stress else None
        plan = timed(
            "lp", lambda: plan_supply(inputs, weather.data.index, solver_options, warm=starts.town)
        )
        figures = timed("figures", lambda: plan_figures(s, inputs, plan, fixed))
        figures["land_town_ha"] = program.land_ha
        figures["land_total_ha"] = (
            program.land_ha + figures["pv_land_ha"] + figures["landfill_area_ha"]
        )
        if kernels is not None:
            kernels.join()  # compiled (first run) or loaded from the cache while HiGHS ran
        tested = (
            timed("stress", lambda: run_stress(s, prep, plan, on_batch, batch_map))
            if stress
            else None
        )
        if tested is not None:
            # a stress figure that cannot exist (fuel autonomy with no fuel) is left out; its
            # reason comes from `not_served_reasons`
            figures.update({k: v for k, v in tested.figures().items() if np.isfinite(v)})
        designed: Design | None = None
        wanted = upto == "design" or (upto == "verdict" and (s.design.enabled if design is None
                                                              else design))  # fmt: skip
        if wanted and tested is not None and tested.system is not None:
            # while the milestones' plans finish in the second process
            designed = timed("design", lambda: run_design(s, prep, plan, tested, figures, step))
        phases: tuple[PhasePlan, ...] = ()
        if upto == "verdict":
            on_phase: Callable[[int, int], None] = lambda i, n: step("phases", i, n)  # noqa: E731
            phases = timed(
                "phases",
                lambda: (
                    chain.result(on_phase)
                    if chain is not None
                    else run_phases(
                        loaded, ramp, solver_options, on_phase, weather, starts.milestones
                    )
                ),
            )
    money: Money | None = None
    verdict: Verdict | None = None
    if upto == "verdict":
        money = timed("money", lambda: run_money(s, ramp, phases, plan, fixed, figures))
        figures.update(money_figures(money, ramp, s, demand.residents))
    if designed is not None:  # the design beside the calm plan's money
        figures.update(designed.figures(figures, s))
    if upto == "verdict":
        verdict = timed(
            "verdict",
            lambda: judge(
                s, figures, tested.summary if tested else None, tested.system if tested else None,
                plan.capacity, ramp, design=designed,
            ),
        )  # fmt: skip
        if confirm and verdict is not None and tested is not None and tested.system is not None:
            v, system = verdict, tested.system
            verdict = timed(
                "confirm",
                lambda: confirm_changes(
                    v,
                    s,
                    system,
                    inputs,
                    weather.data.index,
                    figures,
                    on_change=lambda i, n: step("confirm", i, n),
                    warm=plan.solution.basis,
                ),  # fmt: skip
            )
    meta = {
        "scenario_name": s.name,
        "scenario_file": str(loaded.path),
        "scenario_sha256": loaded.sha256,
        "seed": s.seed,
        "weather_source": weather.source,
        "weather_notes": list(weather.notes),
        "weather_annual_ghi_kwh_m2": round(weather.annual_ghi_kwh_m2, 3),
        "weather_mean_temp_c": round(weather.mean_temp_c, 3),
        "residents": demand.residents,
        "people": program.people_figures(),
        "water_l_per_resident_day": demand.water_l_per_resident_day(),
        "commute_from": program.service.commute_from,
        "electricity_kwh_per_resident_yr": round(demand.kwh_per_resident(), 3),
        "electricity_kwh_per_resident_city_scope_yr": round(
            demand.kwh_per_resident_city_scope(), 3
        ),
        "program_notes": list(program.notes),
        "land_ha": round(program.land_ha, 3),
        "solver": {
            "name": "HiGHS (highspy)",
            "status": plan.solution.status,
            "seconds": round(plan.solution.seconds, 4),
            "iterations": plan.solution.iterations,
            "warm_start": plan.solution.warm,
            "warm_primal": plan.solution.primal,
            "lp_columns": int(len(plan.solution.x)),
            "lp_rows": int(len(plan.solution.row_dual)),
        },
        "timings_s": timings,
        "versions": versions(),
        "created_utc": pd.Timestamp.now(tz="UTC").isoformat(timespec="seconds"),
        "hours": int(np.size(inputs.load_kw)),
        "stages_run": [name for name in STAGES if name in timings],
        "verdict_confirmed": "confirm" in timings,
    }
    if tested is not None:
        meta["stress"] = {**tested.meta, "nominal_check": tested.nominal, "tiers": tested.tiers()}
    meta["workforce_target_year"] = ramp.target_year
    meta["not_served"] = not_served_reasons(s, figures)
    result = PlanResult(
        loaded, weather, program, demand, fixed, inputs, plan, figures, meta, tested,
        ramp if upto == "verdict" else None, phases, money, verdict, designed,
    )  # fmt: skip
    found = caveats(result)
    for text in found:
        log.warning(text)
    meta["warnings"] = found
    return result


def with_stress_overrides(
    loaded: LoadedScenario, years: int | None = None, seed: int | None = None
) -> LoadedScenario:
    """The scenario with the stress test's number of years and/or its seed set by the caller."""
    s = loaded.scenario
    scenario = s.model_copy(
        update={"stress": _stress_years(s.stress, years), "seed": s.seed if seed is None else seed}
    )
    return replace(loaded, scenario=scenario)


def _stress_years(cfg: Any, years: int | None) -> Any:
    if years is None:
        return cfg
    run = cfg.run.model_copy(
        update={"min_years": years, "max_years": years, "batch_years": min(years, 1000)}
    )
    return cfg.model_copy(update={"run": run})


def _saved(folder: Path, names: tuple[str, ...]) -> list[Path]:
    """The files of a saved results folder, or a CayoError naming the missing ones."""
    paths = [folder / n for n in names]
    missing = [n for n, p in zip(names, paths, strict=True) if not p.is_file()]
    if missing:
        raise CayoError(
            f"{folder} is not a results folder of `cayo plan` with a stress-tested plan (missing "
            f"{', '.join(missing)}); write one with `cayo plan -o {folder}`"
        )
    return paths


def _unreadable(folder: Path, exc: Exception) -> CayoError:
    first = (str(exc).splitlines() or [type(exc).__name__])[0]
    return CayoError(
        f"cannot read the saved plan in {folder} ({first}); it may come from another version "
        f"of cayo: plan it again with `cayo plan -o {folder}`"
    )


def stress_saved_plan(
    folder: Path,
    years: int | None = None,
    seed: int | None = None,
    on_batch: Callable[[int, int, float], None] | None = None,
    batch_map: BatchMap | None = None,
) -> StressResult:
    """Stress-test the plan saved in a results folder again (no LP), with its scenario's
    stress settings, `years` sampled years and `seed` if given (on a cluster: `batch_map`)."""
    from cayo.results.io import SYSTEM
    from cayo.stress.system import load_system

    system_file, resolved = _saved(folder, (SYSTEM, "scenario.resolved.json"))
    try:
        system = load_system(system_file)
        s = Scenario.model_validate_json(resolved.read_text(encoding="utf-8"))
    except (ValueError, OSError, KeyError) as exc:
        raise _unreadable(folder, exc) from None
    log.info("stress: %s", folder)
    return stress_test(
        system,
        _stress_years(s.stress, years),
        s.seed if seed is None else seed,
        None,
        _logged(on_batch),
        batch_map,
    )


def _saved_design(
    folder: Path,
    s: Scenario,
    figures: dict[str, float],
    stress: pd.DataFrame,
    system: Any,
    capacity: dict[str, float],
) -> Design:
    """The design of a saved plan, searched again from its saved system and hourly plan (the
    same seed and years: the same design `cayo plan` found), so the verdict judges it as the
    plan's verdict did."""
    import json

    from cayo.results.io import HOURLY

    hourly = pd.read_parquet(folder / HOURLY).reset_index(drop=True)
    calm = SupplyPlan(capacity, hourly, figures["lp_objective_usd_yr"], None)  # type: ignore[arg-type]
    meta = json.loads((folder / "summary.json").read_text(encoding="utf-8"))["metadata"]
    log.info("design: searched again for the saved plan")
    return design_town(s, calm, system, stress, figures, float(meta["people"]["dwellings"]))


def judge_saved_plan(
    folder: Path, confirm: bool = True
) -> tuple[Verdict, dict[str, float], int | None]:
    """Judge the plan saved in a results folder (and re-plan its cheapest changes when
    `confirm`): (verdict, the saved figures, the year the specialists' target is reached)."""
    import json

    from cayo.results.io import SYSTEM
    from cayo.stress.system import load_system
    from cayo.supply.inputs import load_inputs
    from cayo.supply.lp import load_basis
    from cayo.supply.plan import CAPACITIES

    names = ("summary.json", "scenario.resolved.json", "stress_summary.csv", SYSTEM)
    summary_file, resolved, stress_file, system_file = _saved(folder, names)
    if confirm:  # re-planning needs the LP's inputs; judging alone does not
        _saved(folder, ("lp/lp_parameters.json",))
    try:
        s = Scenario.model_validate_json(resolved.read_text(encoding="utf-8"))
        figures = json.loads(summary_file.read_text(encoding="utf-8"))["figures"]
        stress = pd.read_csv(stress_file, index_col="metric")
        system = load_system(system_file)
        capacity = {key: float(figures[key]) for key in CAPACITIES.values()}
        inputs = load_inputs(folder / "lp") if confirm else None
    except (ValueError, OSError, KeyError, TypeError) as exc:
        raise _unreadable(folder, exc) from None
    ramp = cohort_model(s.workforce, s.people)
    designed = None
    if s.design.enabled:
        try:
            designed = _saved_design(folder, s, figures, stress, system, capacity)
        except (ValueError, OSError, KeyError, TypeError) as exc:
            raise _unreadable(folder, exc) from None
    log.info("verdict: %s", folder)
    v = judge(s, figures, stress, system, capacity, ramp, design=designed)
    if inputs is not None:
        log.info("confirm: re-planning the cheapest changes")
        v = confirm_changes(v, s, system, inputs, None, figures, warm=load_basis(folder / "lp"))
    return v, figures, ramp.target_year
