"""The terminal side of a sweep: a progress bar over variants, then what ran and which criteria
hold (the same cells as the sweep report's table)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.table import Table

from cayo import fmt
from cayo.sweep.engine import Engine
from cayo.sweep.report import SHARE_HEAD, share_cells
from cayo.sweep.run import Sweep, run_sweep


def run_with_progress(err: Console, quiet: bool, stage: str, total: int, **kwargs: Any) -> Sweep:
    """`run_sweep(**kwargs)` with a bar over the variants on a terminal (a log line per variant
    otherwise) and the cluster's workers and dashboard printed."""
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[detail]}"),
        TimeElapsedColumn(),
        console=err,
        disable=quiet or not err.is_terminal,
        transient=True,
    ) as bar:
        task = bar.add_task("starting the Dask cluster", total=total, detail="")

        def on_engine(eng: Engine) -> None:
            where = "this machine" if eng.where == "local" else eng.where
            if not quiet:
                err.print(
                    f"Dask: {eng.workers} worker(s) on {escape(where)}"
                    + (f", dashboard {eng.dashboard}" if eng.dashboard else "")
                )
            bar.update(task, description=f"variants ({stage})")

        progress: Callable[[int, int, str], None] = lambda done, _n, what: bar.update(  # noqa: E731
            task, completed=done, detail=what
        )
        return run_sweep(stage=stage, on_progress=progress, on_engine=on_engine, **kwargs)


def sweep_table(rows: Any) -> Table:
    """Which criteria hold across the variants."""
    t = Table(title="criteria across the variants", title_justify="left", box=None)
    for i, h in enumerate(SHARE_HEAD):
        t.add_column(h, justify="right" if i else "left")
    for r in share_cells(rows):
        t.add_row(*(escape(c) for c in r))
    return t


def print_sweep(out: Console, done: Sweep) -> None:
    """What ran, how long it took, which criteria hold, the failures, where the files are."""
    ran = len(done.rows) - done.skipped
    per = done.timings["variants"] / ran if ran else float("nan")
    out.print(
        f"{len(done.rows):,} variants ({done.samples.method}, stage {done.stage}): "
        f"{ran:,} run now on {done.workers} worker(s), {done.skipped:,} resumed, "
        f"{len(done.failed):,} failed; {fmt.quantity(done.seconds, 's')} in all"
        + (f", {fmt.quantity(per, 's')} a variant" if ran else ""),
        soft_wrap=True,
    )
    out.print(sweep_table(done.rows))
    for _, r in done.failed.head(5).iterrows():
        out.print(f"[yellow]failed:[/] {r['variant']}: {escape(str(r['error']))}", soft_wrap=True)
    out.print(f"run store: [bold]{escape(str(done.folder / 'runs.parquet'))}[/]", soft_wrap=True)
    out.print(f"report: [bold]{escape(str(done.folder / 'report.html'))}[/]", soft_wrap=True)
