"""Command line: ``cayo plan | init | validate`` (also ``python -m cayo``)."""

from __future__ import annotations

import re
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
out = Console()
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
        "demand": "hourly demand",
        "pv": "PV output per kWp",
        "lp": "least-cost plan (HiGHS)",
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
        out.print(summary(result.figures, result.metadata))
        out.print(f"\nresults written to [bold]{folder}[/]", soft_wrap=True)


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
