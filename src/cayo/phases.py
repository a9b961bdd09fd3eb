"""The build-out milestones' plans: one year-long LP per milestone, each keeping what the ones
before built, solved one after the other (each from the previous milestone's optimal basis) and,
when a second core is free, in a process of their own while the full town's plan is solved.

Measured on the default scenario (2 cores, 2026-12-02): the three milestone LPs take 54, 27 and
11 s from scratch; started from the previous milestone's basis the second and third take 9 and
6 s (the first, the smallest town, gains nothing from the full town's basis: 62 s). Solving the
chain beside the full town's LP hides it behind that LP (docs/performance.md).
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from typing import Any

from cayo.errors import CayoError
from cayo.finance.metrics import plan_figures
from cayo.prepare import prepare
from cayo.program.phasing import milestone_scenario
from cayo.program.workforce import WorkforceRamp
from cayo.scenario.io import LoadedScenario
from cayo.scenario.schema import Milestone, Scenario
from cayo.supply.fixed import FixedParts
from cayo.supply.lp import Basis, SolveError, SolverOptions
from cayo.supply.plan import SupplyPlan, plan_supply
from cayo.weather import WeatherYear

log = logging.getLogger("cayo")
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class PhasePlan:
    """The supply plan of one build-out milestone (capacities kept from earlier milestones).

    Attributes
    ----------
    milestone : the year and the stages open.
    scenario : the town in that year (people from the ramp, closed stages at zero).
    fixed : its sewage, waste and data links; plan : its supply plan; figures : its figures
        (unit in every key).
    residents : everyone living in town that year, service households included [persons].
    """

    milestone: Milestone
    scenario: Scenario
    fixed: FixedParts
    plan: SupplyPlan
    figures: dict[str, float]
    residents: float


@dataclass(frozen=True)
class Starts:
    """Optimal bases of an earlier plan, to start this plan's LPs from (warm starts).

    Attributes
    ----------
    town : the full town's LP.
    milestones : each milestone's LP, by its year.
    """

    town: Basis | None = None
    milestones: dict[int, Basis] = field(default_factory=dict)


def run_phases(
    loaded: LoadedScenario,
    ramp: WorkforceRamp,
    solver_options: SolverOptions | None = None,
    on_phase: Progress | None = None,
    weather: WeatherYear | None = None,
    starts: dict[int, Basis] | None = None,
) -> tuple[PhasePlan, ...]:
    """Plan each milestone in turn, each keeping what the ones before built (a sequence of linked
    plans: one year-long LP per milestone, the same LP as the full town's, each started from
    `starts[year]`, the basis an earlier plan saved for that milestone, or else from the
    previous milestone's optimal basis); `on_phase(done, total)` before each milestone and at
    the end. `weather`, the scenario's weather year when already read, is not read again."""
    s = loaded.scenario
    out = []
    existing: dict[str, float] = {}
    basis: Basis | None = None
    milestones = s.phasing.milestones if s.phasing.enabled else []
    for i, m in enumerate(milestones):
        if on_phase is not None:
            on_phase(i, len(milestones))
        log.info("phases: milestone %d (%d of %d)", m.year, i + 1, len(milestones))
        ms = milestone_scenario(s, ramp, m)
        prep = prepare(replace(loaded, scenario=ms), weather=weather)
        start = (starts or {}).get(m.year) or basis
        plan = plan_supply(prep.inputs, prep.weather.data.index, solver_options, existing, start)
        figures = plan_figures(ms, prep.inputs, plan, prep.fixed)
        existing = {k: max(existing.get(k, 0.0), v) for k, v in plan.capacity.items()}
        basis = plan.solution.basis
        residents = prep.program.population.residents
        out.append(PhasePlan(m, ms, prep.fixed, plan, figures, residents))
    if on_phase is not None and milestones:
        on_phase(len(milestones), len(milestones))
    return tuple(out)


def full_town_year(
    ramp: WorkforceRamp, phases: tuple[PhasePlan, ...], start_year: int
) -> int | None:
    """The year the full town's plan takes over: when the ramp reaches the target, at least a
    year after the last milestone; the start without phasing; None if the target is never
    reached."""
    if not phases:
        return start_year
    if ramp.target_year is None:
        return None
    return max(ramp.target_year, phases[-1].milestone.year + 1)


def spare_cores() -> int:
    """Cores this process may use beyond its own (0 on one core)."""
    try:
        return max(len(os.sched_getaffinity(0)) - 1, 0)
    except AttributeError:  # not on Linux
        return max((os.cpu_count() or 1) - 1, 0)


_progress: Any = None  # the worker's end of the progress queue


def _init_worker(progress: Any) -> None:
    global _progress
    _progress = progress


def _phases_in_worker(
    loaded: LoadedScenario,
    ramp: WorkforceRamp,
    solver_options: SolverOptions | None,
    weather: WeatherYear,
    starts: dict[int, Basis] | None,
) -> tuple[PhasePlan, ...]:
    try:
        return run_phases(
            loaded, ramp, solver_options, lambda i, n: _progress.put((i, n)), weather, starts
        )
    except SolveError:
        raise  # pickled by its fields
    except CayoError as e:  # other user errors cross back by their message
        raise CayoError(str(e)) from None


class BackgroundPhases:
    """The milestone chain solved in a spawned process while the caller goes on; `result()`
    waits for it, reporting its progress to `on_phase`. Closing it (or leaving its `with` block)
    ends the process, finished or not, so an interrupted plan leaves no solver running."""

    def __init__(
        self,
        loaded: LoadedScenario,
        ramp: WorkforceRamp,
        solver_options: SolverOptions | None,
        weather: WeatherYear,
        starts: dict[int, Basis] | None = None,
    ) -> None:
        s = loaded.scenario
        self._milestones = s.phasing.milestones if s.phasing.enabled else []
        ctx = multiprocessing.get_context("spawn")  # no fork of a process holding solver threads
        self._progress = ctx.Queue()
        self._pool = ctx.Pool(1, initializer=_init_worker, initargs=(self._progress,))
        self._job = self._pool.apply_async(
            _phases_in_worker, (loaded, ramp, solver_options, weather, starts)
        )

    def result(self, on_phase: Progress | None = None) -> tuple[PhasePlan, ...]:
        """The milestones' plans (the worker's error, if it failed, is raised here)."""
        while not self._job.ready():
            self._job.wait(0.2)
            self._drain(on_phase)
        self._drain(on_phase)
        return self._job.get()

    def _drain(self, on_phase: Progress | None) -> None:
        while True:
            try:
                done, total = self._progress.get_nowait()
            except queue.Empty:
                return
            if done < total:  # the worker's log lines stay in the worker: say it here
                m = self._milestones[done]
                log.info("phases: milestone %d (%d of %d)", m.year, done + 1, total)
            if on_phase is not None:
                on_phase(done, total)

    def close(self) -> None:
        """End the worker process."""
        self._pool.terminate()
        self._pool.join()

    def __enter__(self) -> BackgroundPhases:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
