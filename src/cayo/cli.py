"""Command line: ``cayo plan | init | validate`` (also ``python -m cayo``)."""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape

from cayo.errors import CayoError

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="cayo plans and stress-tests a new technology town. Default scenario: Cayo Digital.",
)
# Piped or captured output gets 110 columns (rich would use 80), so the tables keep one line a row.
out = Console(width=None if sys.stdout.isatty() else 110)
err = Console(stderr=True)

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
    """Plan a scenario: weather, hourly demand, least-cost supply; print a summary, save results."""
    from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from cayo.pipeline import STAGES, run_plan
    from cayo.report.summary import summary
    from cayo.results.io import write_results
    from cayo.scenario.io import load_scenario

    labels = {
        "weather": "weather year (pvlib)",
        "program": "facilities from norms",
        "demand": "hourly demand of every utility",
        "pv": "PV output per kWp",
        "fixed": "sewage, waste and data links",
        "lp": "least-cost supply plan (HiGHS)",
        "figures": "costs and shares",
        "write": "writing results",
    }
    try:
        loaded = load_scenario(scenario)
        target = out_dir or Path("results") / slug(loaded.scenario.name)
        with Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            TimeElapsedColumn(),
            console=err,
            disable=quiet,
            transient=True,
        ) as progress:
            task = progress.add_task("reading scenario", total=len(STAGES) + 1)

            def on_stage(name: str) -> None:
                progress.update(task, description=labels[name], completed=STAGES.index(name))

            result = run_plan(loaded, on_stage=on_stage)
            progress.update(task, description=labels["write"], completed=len(STAGES))
            folder = write_results(result, target)
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
        out.print(f"\nresults written to [bold]{folder}[/]", soft_wrap=True)


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
