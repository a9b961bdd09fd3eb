"""Command line: ``cayo plan | init | validate`` (also ``python -m cayo``)."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from cayo.errors import CayoError

if TYPE_CHECKING:
    from cayo.pipeline import PlanResult
    from cayo.scenario.io import LoadedScenario

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="cayo plans and stress-tests a new technology town. Default scenario: Cayo Digital.",
)
# Piped or captured output gets 110 columns (rich would use 80), so the tables keep one line a row.
out = Console(width=None if sys.stdout.isatty() else 110)
err = Console(stderr=True)

STAGE_LABELS = {  # progress-bar text of each pipeline stage
    "weather": "weather year (pvlib)",
    "program": "facilities from norms",
    "demand": "hourly demand of every utility",
    "pv": "PV output per kWp",
    "fixed": "sewage, waste and data links",
    "lp": "least-cost supply plan (HiGHS)",
    "figures": "costs and shares",
    "stress": "stress test: sampled years of failures",
    "phases": "a supply plan per build-out milestone (HiGHS)",
    "money": "cash flows over the town's life",
    "verdict": "verdict: criteria, cheapest changes, risks",
    "write": "writing results",
}

ScenarioArg = Annotated[
    Path | None,
    typer.Argument(
        help="Scenario YAML file; omit it for the packaged Cayo Digital scenario.",
        show_default=False,
    ),
]


def _fail(exc: Exception) -> None:
    err.print("[bold red]error:[/]", escape(str(exc)), highlight=False, soft_wrap=True)
    raise typer.Exit(code=2)


def slug(name: str) -> str:
    """Folder-safe form of a scenario name.

    >>> slug("Cayo Digital (v2)")
    'cayo-digital-v2'
    """
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "scenario"


@app.command()
def plan(
    scenario: ScenarioArg = None,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Results folder [default: results/<scenario name>]."),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")
    ] = False,
) -> None:
    """Plan a scenario: weather, hourly demand, least-cost supply, stress test; print a summary,
    save results."""
    from cayo.report.summary import summary
    from cayo.scenario.io import load_scenario

    try:
        loaded = load_scenario(scenario)
        target = out_dir or Path("results") / slug(loaded.scenario.name)
        result, folder = _run_with_progress(loaded, target, STAGE_LABELS, quiet)
    except CayoError as exc:
        _fail(exc)
        return
    if not quiet:
        from cayo.report.tables import demand_table

        out.print(demand_table(result.demand.summary(), title="Demand by utility"))
        for note in result.program.notes:
            out.print(f"note: {note}", soft_wrap=True)
        out.print()
        out.print(summary(result.figures, result.metadata))
        _print_stress(result)
        _print_verdict(result)
        out.print(f"\nresults written to [bold]{folder}[/]", soft_wrap=True)
        out.print(f"report: [bold]{folder / 'report.html'}[/]", soft_wrap=True)


def _run_with_progress(
    loaded: LoadedScenario, target: Path, labels: dict[str, str], quiet: bool
) -> tuple[PlanResult, Path]:
    """Run the pipeline with a progress bar per stage and one for the stress test's years;
    write the results folder."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from cayo.pipeline import STAGES, run_plan
    from cayo.results.io import write_results

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[detail]}"),
        TimeElapsedColumn(),
        console=err,
        disable=quiet,
        transient=True,
    ) as progress:
        task = progress.add_task("reading scenario", total=len(STAGES) + 1, detail="")
        years = progress.add_task("sampled years", total=None, visible=False, detail="")

        def on_stage(name: str) -> None:
            progress.update(task, description=labels[name], completed=STAGES.index(name))

        def on_batch(done: int, most: int, share: float) -> None:
            progress.update(
                years,
                visible=True,
                completed=done,
                total=most,
                detail=f"{done:,} years, mean unserved ±{share:.1%}",
            )

        result = run_plan(loaded, on_stage=on_stage, on_batch=on_batch)
        progress.update(task, description=labels["write"], completed=len(STAGES))
        folder = write_results(result, target)
    return result, folder


def _print_verdict(result: PlanResult) -> None:
    from cayo.report.summary import money_table, verdict_panel
    from cayo.verdict.judge import verdict_doc

    if result.money is not None:
        out.print()
        out.print(money_table(result.figures, result.ramp.target_year if result.ramp else None))
    if result.verdict is not None:
        out.print()
        out.print(verdict_panel(verdict_doc(result.verdict)))


def _print_stress(result: PlanResult) -> None:
    from cayo.report.summary import stress_table, survival_table

    if result.stress is None:
        return
    out.print()
    out.print(stress_table(result.stress.summary, result.metadata.get("stress", {})))
    out.print()
    out.print(survival_table(result.stress.survival))


@app.command()
def stress(
    scenario: ScenarioArg = None,
    years: Annotated[
        int | None,
        typer.Option(
            "--years",
            "-n",
            min=1,
            help="Sample exactly this many years (default: until converged).",
        ),
    ] = None,
    seed: Annotated[
        int | None, typer.Option("--seed", min=0, help="Seed instead of the scenario's.")
    ] = None,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Results folder [default: results/<scenario name>]."),
    ] = None,
    plan_dir: Annotated[
        Path | None,
        typer.Option(
            "--plan",
            help="Stress the plan saved in this results folder instead of planning again "
            "(its scenario's stress settings; writes <folder>/stress unless --out).",
        ),
    ] = None,
    quiet: Annotated[
        bool, typer.Option("--quiet", "-q", help="No progress bar and no tables.")
    ] = False,
) -> None:
    """Stress-test a scenario's least-cost plan: sampled years of grid cuts, engine failures, late
    ships and hurricanes; print reliability per utility and outage survival, save results."""
    from cayo.scenario.io import load_scenario

    if plan_dir is not None:
        if scenario is not None:
            _fail(CayoError("give a scenario or --plan, not both"))
        _stress_saved_plan(plan_dir, years, seed, out_dir, quiet)
        return

    labels = STAGE_LABELS | {"lp": "least-cost supply plan to stress (HiGHS)"}
    try:
        loaded = load_scenario(scenario)
        loaded = _with_stress_overrides(loaded, years, seed)
        target = out_dir or Path("results") / slug(loaded.scenario.name)
        result, folder = _run_with_progress(loaded, target, labels, quiet)
    except CayoError as exc:
        _fail(exc)
        return
    if not quiet:
        _print_stress(result)
        out.print(f"\nresults written to [bold]{folder}[/]", soft_wrap=True)
        out.print(f"report: [bold]{folder / 'report.html'}[/]", soft_wrap=True)


def _stress_saved_plan(
    folder: Path, years: int | None, seed: int | None, out_dir: Path | None, quiet: bool
) -> None:
    """`cayo stress --plan DIR`: re-run the stress test of a saved plan, no LP."""
    from rich.progress import Progress

    from cayo.results.io import SYSTEM, write_stress_results
    from cayo.scenario.schema import Scenario
    from cayo.stress.run import stress_test
    from cayo.stress.system import load_system

    needed = [folder / SYSTEM, folder / "scenario.resolved.json"]
    missing = [p.name for p in needed if not p.is_file()]
    if missing:
        _fail(
            CayoError(
                f"{folder} is not a results folder with a stress-tested plan (missing "
                f"{', '.join(missing)}); write one with `cayo plan -o {folder}`"
            )
        )
    try:
        system = load_system(needed[0])
        scenario = Scenario.model_validate_json(needed[1].read_text(encoding="utf-8"))
    except (ValueError, OSError) as exc:
        _fail(CayoError(f"cannot read the saved plan in {folder}: {exc}"))
        return
    run = scenario.stress.run
    if years is not None:
        run = run.model_copy(
            update={"min_years": years, "max_years": years, "batch_years": min(years, 1000)}
        )
    cfg = scenario.stress.model_copy(update={"run": run})
    with Progress(console=err, disable=quiet, transient=True) as progress:
        task = progress.add_task("sampled years", total=run.max_years)

        def on_batch(done: int, most: int, share: float) -> None:
            progress.update(task, completed=done, total=most)

        result = stress_test(system, cfg, scenario.seed if seed is None else seed, None, on_batch)
        target = write_stress_results(result, out_dir or folder / "stress")
    if not quiet:
        from cayo.report.summary import stress_table, survival_table

        meta = {**result.meta, "tiers": result.tiers()}
        out.print(stress_table(result.summary, meta))
        out.print()
        out.print(survival_table(result.survival))
        out.print(f"\nresults written to [bold]{target}[/]", soft_wrap=True)


def _with_stress_overrides(
    loaded: LoadedScenario, years: int | None, seed: int | None
) -> LoadedScenario:
    """The scenario with the stress test's years and/or seed set from the command line."""
    from dataclasses import replace

    s = loaded.scenario
    run = s.stress.run
    if years is not None:
        run = run.model_copy(
            update={"min_years": years, "max_years": years, "batch_years": min(years, 1000)}
        )
    scenario = s.model_copy(
        update={
            "stress": s.stress.model_copy(update={"run": run}),
            "seed": s.seed if seed is None else seed,
        }
    )
    return replace(loaded, scenario=scenario)


@app.command()
def verdict(
    scenario: ScenarioArg = None,
    plan_dir: Annotated[
        Path | None,
        typer.Option("--plan", help="Judge the plan saved in this results folder (no new plan)."),
    ] = None,
    confirm: Annotated[
        bool,
        typer.Option(
            "--confirm/--no-confirm",
            help="Re-plan each failed criterion's cheapest change (one LP each) to confirm it.",
        ),
    ] = True,
    out_dir: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Results folder [default: results/<scenario name>]."),
    ] = None,
) -> None:
    """Go, go with conditions, or no-go: every criterion with its margin, the cheapest change that
    flips each failed one (confirmed by re-planning), the top risks and the reference class."""
    from dataclasses import replace

    from cayo.report.summary import verdict_panel
    from cayo.results.io import VERDICT, write_results, write_verdict
    from cayo.scenario.io import load_scenario
    from cayo.verdict.judge import confirm_changes, verdict_doc

    try:
        if plan_dir is not None:
            if scenario is not None:
                raise CayoError("give a scenario or --plan, not both")
            v, target = _verdict_of_saved_plan(plan_dir, confirm)
            write_verdict(v, target / VERDICT)
            if (target / "report.html").exists():
                from cayo.report.html import render_report

                render_report(target)
        else:
            loaded = load_scenario(scenario)
            target = out_dir or Path("results") / slug(loaded.scenario.name)
            result, _ = _run_with_progress(loaded, target, STAGE_LABELS, False)
            v = result.verdict
            if confirm and v is not None and result.stress and result.stress.system:
                with err.status("re-planning the cheapest changes (one LP each)..."):
                    v = confirm_changes(
                        v, loaded.scenario, result.stress.system, result.inputs,
                        result.weather.data.index, result.figures,
                    )  # fmt: skip
                write_results(replace(result, verdict=v), target)
    except CayoError as exc:
        _fail(exc)
        return
    if v is not None:
        out.print(verdict_panel(verdict_doc(v)))
    out.print(f"\nverdict written to [bold]{target / VERDICT}[/]", soft_wrap=True)
    if (target / "report.html").exists():
        out.print(f"report: [bold]{target / 'report.html'}[/]", soft_wrap=True)


def _verdict_of_saved_plan(folder: Path, confirm: bool):  # type: ignore[no-untyped-def]
    """Judge (and re-plan the changes of) a plan saved by `cayo plan`."""
    import json

    import pandas as pd

    from cayo.program.workforce import cohort_model
    from cayo.results.io import SYSTEM
    from cayo.scenario.schema import Scenario
    from cayo.stress.system import load_system
    from cayo.supply.inputs import load_inputs
    from cayo.supply.plan import CAPACITIES
    from cayo.verdict.judge import confirm_changes, judge

    needed = [folder / n for n in ("summary.json", "scenario.resolved.json", "stress_summary.csv",
                                   SYSTEM, "lp/lp_parameters.json")]  # fmt: skip
    missing = [str(p.relative_to(folder)) for p in needed if not p.is_file()]
    if missing:
        raise CayoError(
            f"{folder} is not a results folder of `cayo plan` (missing {', '.join(missing)}); "
            f"write one with `cayo plan -o {folder}`"
        )
    try:
        s = Scenario.model_validate_json(needed[1].read_text(encoding="utf-8"))
        figures = json.loads(needed[0].read_text())["figures"]
        stress = pd.read_csv(needed[2], index_col="metric")
        system = load_system(needed[3])
    except (ValueError, OSError, KeyError) as exc:
        first = str(exc).splitlines()[0]
        raise CayoError(
            f"cannot read the saved plan in {folder} ({first}); it may come from another "
            f"version of cayo: plan it again with `cayo plan -o {folder}`"
        ) from None
    capacity = {key: float(figures[key]) for key in CAPACITIES.values()}
    v = judge(s, figures, stress, system, capacity, cohort_model(s.workforce, s.people))
    if confirm:
        with err.status("re-planning the cheapest changes (one LP each)..."):
            v = confirm_changes(v, s, system, load_inputs(folder / "lp"), None, figures)
    return v, folder


@app.command()
def report(
    folder: Annotated[Path, typer.Argument(help="A results folder written by `cayo plan`.")],
) -> None:
    """Render the folder's report.html again from its saved results (nothing is re-solved)."""
    from cayo.report.html import render_report

    if not (folder / "summary.json").is_file():
        _fail(
            CayoError(
                f"{folder} is not a results folder (no summary.json); "
                "write one with `cayo plan -o FOLDER`"
            )
        )
    try:
        path, seconds = render_report(folder)
    except (OSError, KeyError, ValueError) as exc:
        _fail(
            CayoError(
                f"cannot render the report of {folder}: {exc}; plan it again with `cayo plan`"
            )
        )
        return
    out.print(f"report written to [bold]{path}[/] in {seconds:.2f} s", soft_wrap=True)


@app.command()
def program(
    scenario: ScenarioArg = None,
    csv: Annotated[
        Path | None, typer.Option("--csv", help="Also write the facility table to this CSV file.")
    ] = None,
) -> None:
    """Print the facilities the town needs (capacity, buildings, floor, land, staff, occupants)."""
    from cayo.program import build_program
    from cayo.report.tables import facility_table
    from cayo.results.io import atomic_write
    from cayo.scenario.io import load_scenario

    try:
        loaded = load_scenario(scenario)
    except CayoError as exc:
        _fail(exc)
        return
    prog = build_program(loaded.scenario)
    p = prog.population
    out.print(
        f"{loaded.scenario.name}: {p.residents:,} residents ({p.specialists:,} specialists, "
        f"{p.students:,} students, {p.dependents:,} dependents) in {prog.dwellings:,.0f} "
        f"dwellings; land {prog.land_ha:,.1f} ha",
        soft_wrap=True,
    )
    out.print(facility_table(prog.facilities))
    for note in prog.notes:
        out.print(f"note: {note}", soft_wrap=True)
    if csv is not None:
        atomic_write(csv, lambda tmp: prog.facilities.to_csv(tmp))
        out.print(f"facility table written to {csv}", soft_wrap=True)


@app.command()
def demand(
    scenario: ScenarioArg = None,
    out_file: Annotated[
        Path | None,
        typer.Option("--out", "-o", help="Hourly table [default: results/<name>-demand.parquet]."),
    ] = None,
) -> None:
    """Hourly demand of every utility: print annual totals, peaks and peak hours; save the table."""
    from cayo.demand.town import town_demand
    from cayo.program import build_program
    from cayo.report.tables import demand_table
    from cayo.results.io import atomic_write
    from cayo.scenario.io import load_scenario
    from cayo.weather import weather_for

    try:
        loaded = load_scenario(scenario)
        s = loaded.scenario
        with err.status("weather year and hourly demand..."):
            weather = weather_for(s, loaded.path.parent)
            town = town_demand(s, build_program(s), weather)
    except CayoError as exc:
        _fail(exc)
        return
    target = out_file or Path("results") / f"{slug(s.name)}-demand.parquet"
    out.print(demand_table(town.summary(), title=f"{s.name} — demand by utility"))
    out.print(
        f"electricity per resident: {town.kwh_per_resident():,.0f} kWh/yr in all, "
        f"{town.kwh_per_resident_city_scope():,.0f} kWh/yr for homes, public buildings and streets",
        soft_wrap=True,
    )
    atomic_write(target, lambda tmp: town.wide().to_parquet(tmp))
    out.print(f"hourly table written to {target}", soft_wrap=True)


@app.command()
def init(
    file: Annotated[Path, typer.Argument(help="Where to write the scenario, e.g. my-town.yaml.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented copy of the default scenario (Cayo Digital) to edit."""
    from cayo.scenario.io import default_scenario_text

    if file.exists() and not force:
        _fail(CayoError(f"{file} exists; choose another name or pass --force"))
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(default_scenario_text(), encoding="utf-8")
    out.print(
        f"wrote {file}; check it with `cayo validate {file}`, run it with `cayo plan {file}`",
        soft_wrap=True,
    )


@app.command()
def validate(scenario: ScenarioArg = None) -> None:
    """Check a scenario file and list every problem, without running anything."""
    from cayo.scenario.io import load_scenario

    try:
        loaded = load_scenario(scenario)
    except CayoError as exc:
        _fail(exc)
        return
    s = loaded.scenario
    out.print(
        f"{loaded.path}: valid — '{s.name}', {s.people.residents:,} residents", soft_wrap=True
    )


@app.command()
def version() -> None:
    """Print cayo's version."""
    from cayo import __version__

    out.print(__version__)


def main() -> None:
    """Entry point of the ``cayo`` command."""
    app(prog_name="cayo")


if __name__ == "__main__":  # pragma: no cover
    main()
