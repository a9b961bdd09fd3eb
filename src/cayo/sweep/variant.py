"""One variant of a sweep, run where a Dask worker (or this process) runs it: the scenario with
the variant's values, the pipeline up to the sweep's stage, one flat row of inputs and headline
outputs for the run store.

A worker process keeps, between its variants (`_MEMORY`), the weather year, program, demand and
PV output where their scenario sections did not change (`cayo.prepare.Reuse`), the compiled
simulator (numba's, per process), and the optimal bases of the LPs it solved: each variant
starts from the basis of the nearest variant it solved before (in the varied fields, each scaled
to its range). A variant that fails records its error; it never stops the sweep.
"""

from __future__ import annotations

import logging
import math
import os
import socket
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cayo.errors import CayoError
from cayo.phases import Starts
from cayo.prepare import Reuse

STAGES = ("plan", "stress", "design", "verdict")
KEPT_BASES = 16


@dataclass(frozen=True)
class Task:
    """What a worker needs to run one variant.

    Attributes
    ----------
    variant : its id (``v00000``).
    where : the base scenario's file (its text is sent to each worker once).
    values : varied path → value [the field's unit].
    spans : varied path → (low, high), to measure how near two variants are.
    stage : how far the pipeline runs (`STAGES`).
    save : folder to write the variant's full results into (None: the row only).
    """

    variant: str
    where: str
    values: dict[str, int | float]
    spans: dict[str, tuple[float, float]]
    stage: str = "plan"
    save: str | None = None


@dataclass
class _Memory:
    reuse: Reuse = field(default_factory=Reuse)
    bases: list[tuple[dict[str, float], Starts]] = field(default_factory=list)

    def nearest(
        self, values: dict[str, int | float], spans: dict[str, tuple[float, float]]
    ) -> Starts | None:
        """The bases of the solved variant nearest to `values` (None before the first)."""
        if not self.bases:
            return None

        def far(seen: dict[str, float]) -> float:
            return math.fsum(
                ((values[p] - seen.get(p, math.inf)) / ((hi - lo) or 1.0)) ** 2
                for p, (lo, hi) in spans.items()
            )

        return min(self.bases, key=lambda b: far(b[0]))[1]

    def keep(self, values: dict[str, int | float], starts: Starts) -> None:
        self.bases.append(({p: float(v) for p, v in values.items()}, starts))
        del self.bases[:-KEPT_BASES]


_MEMORY = _Memory()


@dataclass(frozen=True)
class Seed:
    """A solved variant's values and its LPs' optimal bases, for other workers to start from."""

    values: dict[str, float]
    starts: Starts


def run_first(task: Task, text: str) -> tuple[dict[str, Any], Seed | None]:
    """Run `task` (the sweep's first variant, solved from scratch) and hand back its bases, for
    every worker to start from (None if it failed)."""
    row = run_variant(task, text)
    ok = row["status"] == "ok" and _MEMORY.bases
    return row, Seed(*_MEMORY.bases[-1]) if ok else None


def run_variant(task: Task, text: str, seed: Seed | None = None) -> dict[str, Any]:
    """Run `task` on base scenario YAML `text`; its row for the run store (status "ok" or
    "failed" with the error). `seed`, the first variant's bases, is kept by the worker as one
    more neighbour to start from."""
    if seed is not None and not any(seen == seed.values for seen, _ in _MEMORY.bases):
        _MEMORY.keep(seed.values, seed.starts)
    t0 = time.perf_counter()
    row: dict[str, Any] = {
        "variant": task.variant,
        **task.values,
        "stage": task.stage,
        "worker": f"{socket.gethostname()}:{os.getpid()}",
    }
    try:
        row |= _outputs(task, text)
        row["status"], row["error"] = "ok", ""
    except CayoError as exc:  # the scenario or the solve: the user's to read
        row["status"], row["error"] = "failed", str(exc)
    except Exception as exc:  # noqa: BLE001 - recorded; the sweep goes on
        where = traceback.extract_tb(exc.__traceback__)[-1]
        row["status"] = "failed"
        row["error"] = f"{type(exc).__name__}: {exc} ({Path(where.filename).name}:{where.lineno})"
    row["seconds"] = round(time.perf_counter() - t0, 4)
    return row


def _outputs(task: Task, base: str) -> dict[str, Any]:
    import numba

    from cayo.pipeline import run_plan
    from cayo.scenario.io import LoadedScenario, parse_scenario
    from cayo.sweep.vary import set_values

    logging.getLogger("cayo").setLevel(logging.WARNING)
    numba.set_num_threads(1)  # a worker is one process of one thread
    text = set_values(base, task.values)
    loaded = LoadedScenario(parse_scenario(text, Path(task.where)), Path(task.where), text)
    warm = _MEMORY.nearest(task.values, task.spans)
    hits = _MEMORY.reuse.hits
    result = run_plan(
        loaded,
        stress=task.stage != "plan",
        upto="stress" if task.stage == "plan" else task.stage,
        confirm=False,
        parallel=False,
        warm=warm,
        reuse=_MEMORY.reuse,
    )
    _MEMORY.keep(task.values, result.starts())
    if task.save is not None:
        from cayo.results.io import write_results

        write_results(result, task.save)
    solver = result.metadata["solver"]
    out: dict[str, Any] = {
        "lp_seconds": solver["seconds"],
        "lp_iterations": solver["iterations"],
        "lp_warm": bool(solver["warm_start"]),
        "lp_primal": bool(solver["warm_primal"]),
        "lp_rows": solver["lp_rows"],
        "lp_columns": solver["lp_columns"],
        "reused_inputs": _MEMORY.reuse.hits > hits,
    }
    out |= {k: float(v) for k, v in result.figures.items() if _number(v)}
    out |= _criteria(result)
    return out


def _number(v: Any) -> bool:
    return isinstance(v, int | float) and not isinstance(v, bool)


def _criteria(result: Any) -> dict[str, Any]:
    """The verdict (at the verdict stage) and each criterion's margin and pass: the verdict's
    scorecard, or at earlier stages the same criteria measured on what was run."""
    from cayo.verdict.criteria import measure, scorecard

    out: dict[str, Any] = {}
    if result.verdict is not None:
        out["verdict"] = result.verdict.outcome
        card = result.verdict.scorecard
    else:
        summary = result.stress.summary if result.stress is not None else None
        card = scorecard(measure(result.figures, summary), result.loaded.scenario.criteria)
    for name, r in card.iterrows():
        out[f"margin.{name}"] = float(r["margin"])
        out[f"pass.{name}"] = bool(r["passed"])
    if result.design is not None:
        out["design_passed"] = bool(result.design.passed)
        out["design_verified"] = bool(result.design.verified)
    return out
