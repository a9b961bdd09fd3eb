"""The sweep's pipeline: the variants, the run store, the cluster, one row per variant as it
ends, the table and the report. `cayo sweep` (through `cayo.sweep.show`) only calls `run_sweep`."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from cayo.scenario.io import LoadedScenario
from cayo.sweep.engine import Engine, engine, run_all
from cayo.sweep.samples import Samples
from cayo.sweep.store import REPORT, VARIANTS, RunStore, check_store, open_store
from cayo.sweep.variant import Seed, Task, run_first, run_variant

log = logging.getLogger("cayo")


@dataclass(frozen=True)
class Sweep:
    """A finished sweep.

    Attributes
    ----------
    folder : its run store.
    samples : the variants.
    stage : how far each variant ran.
    rows : one row per variant (`cayo.sweep.store`).
    skipped : variants a previous run had finished (resumed).
    workers, where, dashboard : the cluster it ran on.
    seconds : wall time of this run [s]; timings : where it went [s].
    """

    folder: Path
    samples: Samples
    stage: str
    rows: pd.DataFrame
    skipped: int
    workers: int
    where: str
    dashboard: str | None
    seconds: float
    timings: dict[str, float]

    @property
    def failed(self) -> pd.DataFrame:
        """The rows of variants that failed."""
        return self.rows[self.rows["status"] != "ok"]


Progress = Callable[[int, int, str], None]  # (variants done, all variants, what just ended)


def tasks(
    samples: Samples,
    stage: str,
    loaded: LoadedScenario,
    folder: Path,
    save: bool,
    todo: list[str],
) -> list[Task]:
    """The tasks of the variants `todo`."""
    spans = {v.path: (v.low, v.high) for v in samples.varies}
    return [
        Task(
            vid,
            str(loaded.path),
            samples.values(vid),
            spans,
            stage,
            str(folder / VARIANTS / vid) if save else None,
        )
        for vid in todo
    ]


def run_sweep(
    loaded: LoadedScenario,
    samples: Samples,
    folder: Path,
    *,
    stage: str = "plan",
    scheduler: str | None = None,
    workers: int | None = None,
    save: bool = False,
    restart: bool = False,
    on_progress: Progress | None = None,
    on_engine: Callable[[Engine], None] | None = None,
) -> Sweep:
    """Run every variant of `samples` not yet in `folder`'s run store on a Dask cluster (a
    LocalCluster of `workers` processes, or the one at `scheduler`), write its row as each ends,
    then the table and the report."""
    from cayo.sweep.report import write_report

    t0 = time.perf_counter()
    check_store(folder, samples, stage, restart)  # before the cluster starts; writes nothing
    total = len(samples.table)
    timings: dict[str, float] = {}
    with engine(scheduler, workers) as eng:
        timings["cluster_start"] = round(time.perf_counter() - t0, 3)
        # the folder is written only once the cluster is there (no store for a wrong address)
        store, skipped = open_store(folder, samples, stage, loaded, restart)
        todo = [vid for vid in samples.table.index if vid not in store.done()]
        if on_engine is not None:
            on_engine(eng)
        log.info(
            "sweep: %d variants (%d done before) on %d worker(s) at %s",
            total,
            skipped,
            eng.workers,
            eng.where,
        )
        t1 = time.perf_counter()
        _run(
            eng,
            store,
            tasks(samples, stage, loaded, folder, save, todo),
            loaded.text,
            skipped,
            total,
            on_progress,
        )
        timings["variants"] = round(time.perf_counter() - t1, 3)
    t2 = time.perf_counter()
    rows = store.finish()
    write_report(folder / REPORT, rows, samples, stage, loaded)
    timings["table_and_report"] = round(time.perf_counter() - t2, 3)
    return Sweep(
        folder,
        samples,
        stage,
        rows,
        skipped,
        eng.workers,
        eng.where,
        eng.dashboard,
        round(time.perf_counter() - t0, 3),
        timings,
    )


def _run(
    eng: Engine,
    store: RunStore,
    todo: list[Task],
    text: str,
    skipped: int,
    total: int,
    on_progress: Progress | None,
) -> None:
    done = [skipped]
    by_id = {t.variant: t for t in todo}
    seed: list[Seed | None] = [None]

    def ended(vid: str, row: dict[str, Any] | None, error: str | None) -> None:
        if row is None:  # the task never returned (its worker died, the cluster failed)
            t = by_id[vid]
            row = {
                "variant": vid,
                **t.values,
                "stage": t.stage,
                "status": "failed",
                "error": f"the worker did not return: {error}",
            }
        store.add(row)
        done[0] += 1
        what = f"{vid} {row['status']}" + (
            f" in {row['seconds']:.1f} s" if "seconds" in row else ""
        )
        log.info("sweep: %d of %d variants (%s)", done[0], total, what)
        if on_progress is not None:
            on_progress(done[0], total, what)

    def first_ended(
        vid: str, out: tuple[dict[str, Any], Seed | None] | None, error: str | None
    ) -> None:
        ended(vid, None if out is None else out[0], error)
        seed[0] = None if out is None else out[1]

    if not todo:
        return
    # the variant nearest the middle of the ranges first, alone, from scratch; then every worker
    # starts from its bases (or a nearer variant's): one cold LP per sweep, not one per worker
    first = min(todo, key=_off_centre)
    rest = [t for t in todo if t is not first]
    prefix = f"cayo-{store.key}"
    run_all(eng, run_first, [first], [first.variant], prefix, first_ended, text=text)
    if rest:
        run_all(
            eng,
            run_variant,
            rest,
            [t.variant for t in rest],
            prefix,
            ended,
            text=text,
            seed=seed[0],
        )


def _off_centre(task: Task) -> float:
    """How far a variant is from the middle of every range (each scaled to its range)."""
    return sum(
        ((task.values[p] - (lo + hi) / 2) / ((hi - lo) or 1.0)) ** 2
        for p, (lo, hi) in task.spans.items()
    )
