"""The stress test's sampled years split over a Dask cluster (``cayo stress --years 1000000``).

The simulated town is sent to every worker once; each task runs a group of consecutive batches
(`cayo.stress.run.run_batches`) with one simulator thread. A batch's draws come from its own
seeded stream (seed, batch number) and its years are numbered from its first year, so the year
table is the same, to the bit, whatever the number of workers or the order the groups end in.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable

import pandas as pd

from cayo.scenario.schema import Stress
from cayo.stress.run import Batch, BatchMap, run_batches
from cayo.stress.system import System
from cayo.sweep.engine import Engine, run_all

BATCHES_PER_TASK = 10  # 10 batches of 1,000 years: ~1 s of simulation a task on one thread
DASK_YEARS = 100_000  # `cayo stress --years` from which a local cluster is started by default


def _group(batches: list[Batch], system: System, stress: Stress, seed: int) -> list[pd.DataFrame]:
    """One task: a group of batches on one simulator thread."""
    import numba

    numba.set_num_threads(1)
    return run_batches(system, stress, seed, batches)


def dask_batch_map(eng: Engine, per_task: int = BATCHES_PER_TASK) -> BatchMap:
    """A `BatchMap` that runs groups of `per_task` batches on `eng`'s workers."""

    def run(
        system: System,
        stress: Stress,
        seed: int,
        batches: list[Batch],
        on_done: Callable[[int], None],
    ) -> list[pd.DataFrame]:
        groups = [batches[i : i + per_task] for i in range(0, len(batches), per_task)]
        names = [f"{g[0][0]:06d}" for g in groups]
        tables: dict[str, list[pd.DataFrame]] = {}
        years = [0]
        failed: list[str] = []

        def ended(name: str, result: list[pd.DataFrame] | None, error: str | None) -> None:
            if result is None:
                failed.append(f"batches from {int(name):,}: {error}")
                return
            tables[name] = result
            years[0] += sum(len(t) for t in result)
            on_done(years[0])

        run_all(eng, _group, groups, names, f"cayo-stress-{seed}-{uuid.uuid4().hex[:8]}", ended,
                system=system, stress=stress, seed=seed)  # fmt: skip
        if failed:
            raise RuntimeError("the cluster did not return every batch: " + "; ".join(failed))
        return [t for name in names for t in tables[name]]

    return run
