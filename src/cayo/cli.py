"""Command line: ``cayo plan | stress | design | verdict | report | program | demand | init |
validate``
(also ``python -m cayo``). Every command only calls the pipeline and prints; a user's mistake
is one message and exit code 2, never a traceback.

Progress: on a terminal, a bar per stage (and per step inside long stages); piped or
redirected, one timestamped log line per stage on standard error.
"""

from __future__ import annotations

import json
import logging
import math
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.markup import escape

from cayo.errors import CayoError

if TYPE_CHECKING:
    from cayo.pipeline import PlanResult
    from cayo.scenario.io import LoadedScenario
    from cayo.stress.run import BatchMap
    from cayo.verdict.judge import Verdict

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="cayo plans and stress-tests a new technology town. Default scenario: Cayo Digital.",
    context_settings={"show_default": True},
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
    "design": "design for failure: least-cost design that passes the stress test",
    "verdict": "verdict: criteria, cheapest changes, risks",
    "confirm": "verdict: re-planning each cheapest change (HiGHS)",
    "write": "writing results",
}
OUT_HELP = "Results folder (default: results/<scenario name>)."
CONFIRM_HELP = "Re-plan each failed criterion's cheapest change (one LP each) to confirm it."

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


def _setup_logging(quiet: bool) -> None:
    """Log lines on standard error: every stage (INFO) when it is not a terminal, where no bar
    is drawn; on a terminal only warnings (the bars show the stages). `quiet`: warnings only."""
    logger = logging.getLogger("cayo")
    logger.handlers.clear()
    logger.propagate = False
    if err.is_terminal:
        from rich.logging import RichHandler

        handler: logging.Handler = RichHandler(console=err, show_path=False, show_time=False)
    else:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(
            logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%d %H:%M:%S")
        )
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING if quiet or err.is_terminal else logging.INFO)


def _default_target(loaded: LoadedScenario) -> Path:
    return Path("results") / slug(loaded.scenario.name)


def _check_target(target: Path, loaded: LoadedScenario, overwrite: bool) -> Path:
    """Refuse, before any work, a results folder cayo may not or cannot write."""
    from cayo.results.folder import check_output_dir

    return check_output_dir(target, loaded, kind="plan", replace_other=overwrite)


OverwriteOpt = Annotated[
    bool,
    typer.Option(
        "--overwrite",
        help="Replace results that cayo wrote for ANOTHER scenario file in the same folder.",
    ),
]
QuietOpt = Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no tables.")]
ColdOpt = Annotated[
    bool,
    typer.Option(
        "--cold",
        help="Solve the LPs from scratch (default: from the optimal bases the last plan saved in "
        "the results folder, where an LP has the same shape: the same optimum, found sooner).",
    ),
]


@app.command()
def plan(
    scenario: ScenarioArg = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", "-o", help=OUT_HELP, show_default=False)
    ] = None,
    confirm: Annotated[bool, typer.Option("--confirm/--no-confirm", help=CONFIRM_HELP)] = True,
    overwrite: OverwriteOpt = False,
    quiet: QuietOpt = False,
    sequential: Annotated[
        bool,
        typer.Option(
            "--sequential",
            help="Solve the milestones' plans in this process, after the full town's (default: "
            "beside it in a second process when a second core is free; same results).",
        ),
    ] = False,
    cold: ColdOpt = False,
) -> None:
    """Plan a scenario: weather, hourly demand, least-cost supply, stress test, phases, money
    and verdict; print a summary, save results."""
    from cayo.report.summary import summary
    from cayo.scenario.io import load_scenario

    _setup_logging(quiet)
    try:
        loaded = load_scenario(scenario)
        target = _check_target(out_dir or _default_target(loaded), loaded, overwrite)
        result, folder = _run_with_progress(
            loaded,
            target,
            STAGE_LABELS,
            quiet,
            confirm=confirm,
            overwrite=overwrite,
            parallel=False if sequential else None,
            cold=cold,
        )
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
        _print_design(result)
        _print_verdict(result)
        _print_warnings(result.metadata.get("warnings", []))
        _print_where(folder)


def _print_design(result: PlanResult) -> None:
    from cayo.design.doc import design_doc
    from cayo.report.design_tables import design_panel

    if result.design is None or result.stress is None:
        return
    out.print()
    out.print(design_panel(design_doc(result.design, result.figures, result.stress.summary)))


def _print_where(folder: Path) -> None:
    out.print(f"\nresults written to [bold]{escape(str(folder))}[/]", soft_wrap=True)
    if (folder / "report.html").exists():
        out.print(f"report: [bold]{escape(str(folder / 'report.html'))}[/]", soft_wrap=True)


def _print_warnings(warnings: list[str]) -> None:
    for text in warnings:
        out.print(f"[yellow]warning:[/] {escape(text)}", soft_wrap=True)


def _run_with_progress(
    loaded: LoadedScenario,
    target: Path,
    labels: dict[str, str],
    quiet: bool,
    *,
    upto: str = "verdict",
    confirm: bool = True,
    overwrite: bool = False,
    parallel: bool | None = None,
    cold: bool = False,
    batch_map: BatchMap | None = None,
) -> tuple[PlanResult, Path]:
    """Run the pipeline with a bar per stage, one for the stress test's years and one for the
    steps of long stages (milestone plans); write the results folder. Unless `cold`, the LPs
    start from the bases the previous plan saved in `target` (where they fit)."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from cayo.pipeline import STAGES, run_plan
    from cayo.results.io import saved_starts, write_results

    warm = None if cold else saved_starts(target)

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[detail]}"),
        TimeElapsedColumn(),
        console=err,
        disable=quiet or not err.is_terminal,
        transient=True,
    ) as progress:
        task = progress.add_task("reading scenario", total=len(STAGES) + 1, detail="")
        years = progress.add_task("sampled years", total=None, visible=False, detail="")
        steps = progress.add_task("", total=None, visible=False, detail="")

        def on_stage(name: str) -> None:
            progress.update(task, description=labels[name], completed=STAGES.index(name))
            progress.update(steps, visible=False)

        def on_batch(done: int, most: int, share: float) -> None:
            progress.update(
                years,
                visible=True,
                completed=done,
                total=most,
                detail=f"{done:,} years"
                + (f", mean unserved ±{share:.1%}" if math.isfinite(share) else ""),
            )

        def on_step(stage: str, done: int, total: int) -> None:
            progress.update(
                steps,
                visible=True,
                description=f"  {stage}",
                completed=done,
                total=total,
                detail=f"{done:,} of {total:,}",
            )

        result = run_plan(
            loaded, on_stage=on_stage, on_batch=on_batch, on_step=on_step, upto=upto,
            confirm=confirm, parallel=parallel, warm=warm, batch_map=batch_map,
        )  # fmt: skip
        progress.update(task, description=labels["write"], completed=len(STAGES))
        logging.getLogger("cayo").info("write: %s", target)
        folder = write_results(result, target, replace_other=overwrite)
    return result, folder


def _print_verdict(result: PlanResult) -> None:
    from cayo.report.summary import money_table, verdict_panel
    from cayo.verdict.judge import verdict_doc

    if result.money is not None:
        out.print()
        target_year = result.ramp.target_year if result.ramp else None
        out.print(money_table(result.figures, target_year, result.metadata.get("not_served")))
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
            max=1_000_000,
            help="Sample exactly this many years (default: until converged).",
            show_default=False,
        ),
    ] = None,
    seed: Annotated[
        int | None,
        typer.Option(
            "--seed",
            min=0,
            help="Seed instead of the scenario's (default: the scenario's).",
            show_default=False,
        ),
    ] = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", "-o", help=OUT_HELP, show_default=False)
    ] = None,
    plan_dir: Annotated[
        Path | None,
        typer.Option(
            "--plan",
            help="Stress the plan saved in this results folder instead of planning again "
            "(its scenario's stress settings; writes <folder>/stress unless --out).",
            show_default=False,
        ),
    ] = None,
    overwrite: OverwriteOpt = False,
    quiet: QuietOpt = False,
    cold: ColdOpt = False,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, max=512, show_default=False,
                     help="Split the --years over this many worker processes of a local Dask "
                     "cluster (default: one per core from 100,000 years)."),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option("--scheduler", show_default=False,
                     help="Split the --years over the workers of an existing Dask cluster "
                     "(e.g. tcp://10.0.0.5:8786)."),
    ] = None,
) -> None:  # fmt: skip
    """Stress-test a scenario's least-cost plan: sampled years of grid cuts, engine failures, late
    ships and hurricanes; print reliability per utility and outage survival, save results.
    Runs only what the stress test needs (no milestone plans, money or verdict). With --years,
    the years can be split over a Dask cluster: the same seed gives the same numbers whatever
    the number of workers."""
    from cayo.pipeline import with_stress_overrides
    from cayo.scenario.io import load_scenario
    from cayo.sweep.stress import DASK_YEARS

    _setup_logging(quiet)
    if plan_dir is not None and scenario is not None:
        _fail(CayoError("give a scenario or --plan, not both"))
    if (workers is not None or scheduler is not None) and years is None:
        _fail(CayoError("--workers and --scheduler split a fixed number of years: give --years N"))
    dask = workers is not None or scheduler is not None or (years or 0) >= DASK_YEARS
    with _cluster(dask, scheduler, workers, quiet) as batch_map:
        if plan_dir is not None:
            _stress_saved_plan(plan_dir, years, seed, out_dir, quiet, overwrite, batch_map)
            return
        _up_to(
            lambda: with_stress_overrides(load_scenario(scenario), years, seed), "stress",
            "least-cost supply plan to stress (HiGHS)", out_dir, quiet, overwrite, cold,
            batch_map,
        )  # fmt: skip


@contextmanager
def _cluster(
    wanted: bool, scheduler: str | None, workers: int | None, quiet: bool
) -> Iterator[BatchMap | None]:
    """A Dask cluster's batch map for the stress test (None when not `wanted`)."""
    if not wanted:
        yield None
        return
    from cayo.sweep.engine import engine
    from cayo.sweep.stress import dask_batch_map

    try:
        cluster = engine(scheduler, workers)
        eng = cluster.__enter__()
    except CayoError as exc:
        _fail(exc)
        return
    try:
        if not quiet:
            where = "this machine" if eng.where == "local" else eng.where
            err.print(f"Dask: {eng.workers} worker(s) on {escape(where)}"
                      + (f", dashboard {eng.dashboard}" if eng.dashboard else ""))  # fmt: skip
        yield dask_batch_map(eng)
    finally:
        cluster.__exit__(None, None, None)


def _up_to(
    load: Callable[[], LoadedScenario],
    upto: str,
    lp_label: str,
    out_dir: Path | None,
    quiet: bool,
    overwrite: bool,
    cold: bool,
    batch_map: BatchMap | None = None,
) -> None:
    """Run the pipeline up to `upto` ("stress" or "design") with progress, save the folder,
    print the stress test (and the design)."""
    labels = STAGE_LABELS | {"lp": lp_label}
    try:
        loaded = load()
        target = _check_target(out_dir or _default_target(loaded), loaded, overwrite)
        result, folder = _run_with_progress(
            loaded, target, labels, quiet, upto=upto, overwrite=overwrite, cold=cold,
            batch_map=batch_map,
        )  # fmt: skip
    except CayoError as exc:
        _fail(exc)
        return
    if not quiet:
        _print_stress(result)
        _print_design(result)
        _print_warnings(result.metadata.get("warnings", []))
        _print_where(folder)


def _stress_saved_plan(
    folder: Path,
    years: int | None,
    seed: int | None,
    out_dir: Path | None,
    quiet: bool,
    overwrite: bool,
    batch_map: BatchMap | None = None,
) -> None:
    """`cayo stress --plan DIR`: re-run the stress test of a saved plan, no LP."""
    from rich.progress import Progress

    from cayo.pipeline import stress_saved_plan
    from cayo.results.folder import ScenarioRef, check_output_dir, scenario_of
    from cayo.results.io import write_stress_results

    try:
        ref = scenario_of(folder) or ScenarioRef.of(folder / "scenario.yaml")
        target = check_output_dir(
            out_dir or folder / "stress", ref, kind="stress", replace_other=overwrite
        )
        with Progress(console=err, disable=quiet or not err.is_terminal, transient=True) as bar:
            task = bar.add_task("sampled years", total=None)

            def on_batch(done: int, most: int, share: float) -> None:
                bar.update(task, completed=done, total=most)

            result = stress_saved_plan(folder, years, seed, on_batch, batch_map)
            target = write_stress_results(result, target, scenario=ref, replace_other=overwrite)
    except CayoError as exc:
        _fail(exc)
        return
    if not quiet:
        from cayo.report.summary import stress_table, survival_table

        meta = {**result.meta, "tiers": result.tiers()}
        out.print(stress_table(result.summary, meta))
        out.print()
        out.print(survival_table(result.survival))
        out.print(f"\nresults written to [bold]{escape(str(target))}[/]", soft_wrap=True)


@app.command()
def design(
    scenario: ScenarioArg = None,
    out_dir: Annotated[
        Path | None, typer.Option("--out", "-o", help=OUT_HELP, show_default=False)
    ] = None,
    overwrite: OverwriteOpt = False,
    quiet: QuietOpt = False,
    cold: ColdOpt = False,
) -> None:
    """Design for failure: the calm-year plan, its stress test, then the least-cost design that
    passes the scenario's stress criteria (checked on a fresh seed), or the floor that blocks
    every design; print both side by side, save results. No milestone plans, money or verdict."""
    from cayo.scenario.io import load_scenario

    _setup_logging(quiet)
    _up_to(
        lambda: load_scenario(scenario), "design", "calm-year least-cost plan (HiGHS)", out_dir,
        quiet, overwrite, cold,
    )  # fmt: skip


@app.command()
def verdict(
    scenario: ScenarioArg = None,
    plan_dir: Annotated[
        Path | None,
        typer.Option(
            "--plan",
            help="Judge the plan saved in this results folder (no new plan).",
            show_default=False,
        ),
    ] = None,
    confirm: Annotated[bool, typer.Option("--confirm/--no-confirm", help=CONFIRM_HELP)] = True,
    out_dir: Annotated[
        Path | None, typer.Option("--out", "-o", help=OUT_HELP, show_default=False)
    ] = None,
    overwrite: OverwriteOpt = False,
    quiet: QuietOpt = False,
) -> None:
    """Go, go with conditions, or no-go: every criterion with its margin, the cheapest change that
    flips each failed one (confirmed by re-planning), the top risks and the reference class,
    beside the money (net present cost, LCOE, capex, cost per resident)."""
    from cayo.report.summary import money_table, verdict_panel
    from cayo.results.io import VERDICT
    from cayo.scenario.io import load_scenario
    from cayo.verdict.judge import verdict_doc

    _setup_logging(quiet)
    judged: Verdict | None
    try:
        if plan_dir is not None:
            if scenario is not None:
                raise CayoError("give a scenario or --plan, not both")
            from cayo.pipeline import judge_saved_plan

            status = err.status("judging the saved plan...") if err.is_terminal else nullcontext()
            with status:
                judged, figures, target_year = judge_saved_plan(plan_dir, confirm)
            not_served = _saved_not_served(plan_dir)
            target = plan_dir
            from cayo.results.io import write_verdict

            write_verdict(judged, target / VERDICT)
            if (target / "report.html").exists():
                from cayo.report.html import render_report

                render_report(target)
        else:
            loaded = load_scenario(scenario)
            target = _check_target(out_dir or _default_target(loaded), loaded, overwrite)
            result, target = _run_with_progress(
                loaded, target, STAGE_LABELS, quiet, confirm=confirm, overwrite=overwrite
            )
            judged, figures = result.verdict, result.figures
            not_served = dict(result.metadata.get("not_served") or {})
            target_year = result.ramp.target_year if result.ramp else None
    except CayoError as exc:
        _fail(exc)
        return
    if quiet:
        return
    out.print(money_table(figures, target_year, not_served))
    out.print()
    if judged is not None:
        out.print(verdict_panel(verdict_doc(judged)))
    out.print(f"\nverdict written to [bold]{escape(str(target / VERDICT))}[/]", soft_wrap=True)
    if (target / "report.html").exists():
        out.print(f"report: [bold]{escape(str(target / 'report.html'))}[/]", soft_wrap=True)


def _saved_not_served(folder: Path) -> dict[str, str]:
    """The reasons for the figures a saved plan leaves out (``metadata["not_served"]``)."""
    doc = json.loads((folder / "summary.json").read_text(encoding="utf-8"))
    return dict(doc.get("metadata", {}).get("not_served") or {})


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
    from cayo.results.folder import check_output_file
    from cayo.scenario.io import load_scenario

    try:
        loaded = load_scenario(scenario)
        if csv is not None:
            check_output_file(csv, loaded)
        prog = build_program(loaded.scenario)
    except CayoError as exc:
        _fail(exc)
        return
    from cayo.report.summary import people_table

    out.print(people_table(prog.people_figures(), prog.service.commute_from))
    out.print(f"{loaded.scenario.name}: land {prog.land_ha:,.1f} ha", soft_wrap=True)
    out.print(facility_table(prog.facilities))
    for note in prog.notes:
        out.print(f"note: {note}", soft_wrap=True)
    if csv is not None:
        _write_file(csv, lambda tmp: prog.facilities.to_csv(tmp))
        out.print(f"facility table written to {escape(str(csv))}", soft_wrap=True)


def _write_file(path: Path, write: Callable[[Path], object]) -> None:
    """Write one output file atomically; an OS failure (disk full...) is a clear error."""
    from cayo.results.io import atomic_write

    try:
        atomic_write(path, write)
    except CayoError as exc:
        _fail(exc)
    except OSError as exc:
        _fail(CayoError(f"cannot write {path}: {exc.strerror or exc}"))


@app.command()
def demand(
    scenario: ScenarioArg = None,
    out_file: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Hourly table (default: results/<scenario name>-demand.parquet).",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Hourly demand of every utility: print annual totals, peaks and peak hours; save the table."""
    from cayo.demand.town import town_demand
    from cayo.program import build_program
    from cayo.report.tables import demand_table
    from cayo.results.folder import check_output_file
    from cayo.scenario.io import load_scenario
    from cayo.weather import weather_for

    _setup_logging(False)
    try:
        loaded = load_scenario(scenario)
        s = loaded.scenario
        target = out_file or Path("results") / f"{slug(s.name)}-demand.parquet"
        check_output_file(target, loaded)
        busy = "weather year and hourly demand..."
        with err.status(busy) if err.is_terminal else nullcontext():
            weather = weather_for(s, loaded.path.parent)
            town = town_demand(s, build_program(s), weather)
    except CayoError as exc:
        _fail(exc)
        return
    out.print(demand_table(town.summary(), title=f"{s.name} — demand by utility"))
    out.print(
        f"electricity per resident: {town.kwh_per_resident():,.0f} kWh/yr in all, "
        f"{town.kwh_per_resident_city_scope():,.0f} kWh/yr for homes, public buildings and streets",
        soft_wrap=True,
    )
    _write_file(target, lambda tmp: town.wide().to_parquet(tmp))
    out.print(f"hourly table written to {escape(str(target))}", soft_wrap=True)


@app.command()
def calibrate(
    folder: Annotated[
        Path,
        typer.Argument(
            help="A folder with calibration.csv (published figures) and one scenario per place."
        ),
    ] = Path("examples"),
    csv: Annotated[
        Path | None, typer.Option("--csv", help="Also write the comparison to this CSV file.")
    ] = None,
) -> None:
    """Run each place's demand and set it beside the place's published figures (±25 %)."""
    from cayo.calibrate import TOLERANCE, compare
    from cayo.report.tables import calibration_table
    from cayo.results.folder import check_output_file

    _setup_logging(False)
    try:
        if csv is not None:
            check_output_file(csv, None)
        table = compare(folder, on_place=lambda p: err.print(f"demand of {escape(p)}..."))
    except CayoError as exc:
        _fail(exc)
        return
    out.print(calibration_table(table, TOLERANCE))
    outside = int((~table["within"]).sum())
    out.print(
        f"{len(table) - outside} of {len(table)} figures within ±{TOLERANCE:.0%}"
        + (f"; {outside} outside" if outside else ""),
        soft_wrap=True,
    )
    if csv is not None:
        _write_file(csv, lambda tmp: table.to_csv(tmp, index=False))
        out.print(f"comparison written to {escape(str(csv))}", soft_wrap=True)


@app.command()
def init(
    file: Annotated[Path, typer.Argument(help="Where to write the scenario, e.g. my-town.yaml.")],
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a commented copy of the default scenario (Cayo Digital) to edit; it is named after
    the file, so its results go to their own folder."""
    from cayo.scenario.io import default_scenario_text

    if file.is_dir():
        _fail(CayoError(f"{file} is a folder; give a file name such as {file / 'my-town.yaml'}"))
    if file.exists() and not force:
        _fail(CayoError(f"{file} exists; choose another name or pass --force"))
    name = file.stem.replace("_", " ").replace("-", " ").strip() or "my town"
    text = re.sub(
        r"^name: .*$",
        f"name: {json.dumps(name)}  # results go to results/{slug(name)} unless -o says otherwise",
        default_scenario_text(),
        count=1,
        flags=re.MULTILINE,
    )
    from cayo.results.io import atomic_write

    try:
        atomic_write(file, lambda tmp: tmp.write_text(text, encoding="utf-8"))
    except OSError as exc:
        _fail(CayoError(f"cannot write {file}: {exc.strerror or exc}"))
    out.print(
        f"wrote {escape(str(file))} (scenario '{escape(name)}'); check it with `cayo validate "
        f"{escape(str(file))}`, run it with `cayo plan {escape(str(file))}`",
        soft_wrap=True,
    )


@app.command()
def validate(scenario: ScenarioArg = None) -> None:
    """Check a scenario file and list every problem, without running anything."""
    from cayo.program import build_program
    from cayo.scenario.io import load_scenario

    try:
        loaded = load_scenario(scenario)
        residents = build_program(loaded.scenario).population.residents
    except CayoError as exc:
        _fail(exc)
        return
    out.print(
        f"{loaded.path}: valid — '{loaded.scenario.name}', {residents:,.0f} residents",
        soft_wrap=True,
    )


@app.command()
def version() -> None:
    """Print cayo's version."""
    from cayo import __version__

    out.print(__version__)


VARY_HELP = (
    "A numeric scenario field and its range: dotted YAML path=LOW:HIGH[:N] (N points on the "
    "range for grid and tornado, default 3), e.g. technologies.genset.fuel_price_usd_per_l="
    "0.9:1.5:4. Repeat for more fields."
)


@app.command()
def sweep(
    scenario: ScenarioArg = None,
    vary: Annotated[
        list[str] | None, typer.Option("--vary", help=VARY_HELP, show_default=False)
    ] = None,
    method: Annotated[
        str,
        typer.Option(
            "--method",
            help="grid (every combination), tornado (one field at a time around the "
            "scenario's values), lhs (Latin hypercube) or sobol (Saltelli sampling, Sobol "
            "indices).",
        ),
    ] = "grid",
    samples: Annotated[
        int | None,
        typer.Option(
            "--samples",
            min=2,
            max=100_000,
            help="Base sample size of lhs and sobol (sobol: a power of 2; it runs "
            "N × (fields + 2) variants).",
            show_default=False,
        ),
    ] = None,
    seed: Annotated[
        int, typer.Option("--seed", min=0, help="Seed of the lhs and sobol samples.")
    ] = 0,
    stage: Annotated[
        str,
        typer.Option(
            "--stage",
            help="How far each variant runs: plan (the calm-year LP), stress, design (the "
            "passing design) or verdict (no confirming re-plans).",
        ),
    ] = "plan",
    out_dir: Annotated[
        Path | None,
        typer.Option(
            "--out",
            "-o",
            help="Sweep folder (default: results/<scenario name>-sweep); an interrupted "
            "sweep resumes there.",
            show_default=False,
        ),
    ] = None,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers",
            min=1,
            max=512,
            help="Worker processes of the local Dask cluster (default: one per core).",
            show_default=False,
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Address of an existing Dask scheduler (e.g. tcp://10.0.0.5:8786) instead "
            "of a local cluster.",
            show_default=False,
        ),
    ] = None,
    save_results: Annotated[
        bool,
        typer.Option(
            "--save-results", help="Also write each variant's full results folder under variants/."
        ),
    ] = False,
    restart: Annotated[
        bool,
        typer.Option(
            "--restart", help="The folder holds another sweep of this scenario: replace its rows."
        ),
    ] = False,
    quiet: QuietOpt = False,
) -> None:
    """Sweep numeric scenario fields (grid, tornado, Latin hypercube or Sobol) on a Dask
    cluster: one row per variant in a Parquet run store (resumable), and a sweep report."""
    from cayo.results.folder import check_output_dir
    from cayo.scenario.io import load_scenario
    from cayo.sweep.samples import make_samples
    from cayo.sweep.show import print_sweep, run_with_progress
    from cayo.sweep.store import adopt
    from cayo.sweep.variant import STAGES
    from cayo.sweep.vary import check_varies

    _setup_logging(quiet)
    try:
        if stage not in STAGES:
            raise CayoError(f"--stage {stage!r} is not one of {', '.join(STAGES)}")
        loaded = load_scenario(scenario)
        chosen = make_samples(
            check_varies(list(vary or []), loaded), loaded.scenario, method, samples, seed
        )
        folder = out_dir or Path("results") / f"{slug(loaded.scenario.name)}-sweep"
        adopt(Path(folder))
        need = 50_000_000 + (len(chosen.table) * 20_000_000 if save_results else 0)
        target = check_output_dir(folder, loaded, kind="sweep", need_bytes=need)
        done = run_with_progress(
            err,
            quiet,
            stage,
            len(chosen.table),
            loaded=loaded,
            samples=chosen,
            folder=target,
            scheduler=scheduler,
            workers=workers,
            save=save_results,
            restart=restart,
        )
    except CayoError as exc:
        _fail(exc)
        return
    if not quiet:
        print_sweep(out, done)


def main() -> None:
    """Entry point of the ``cayo`` command."""
    app(prog_name="cayo")


if __name__ == "__main__":  # pragma: no cover
    main()
