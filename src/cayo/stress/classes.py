"""Failure classes of the stress test, each with the switch that turns it off (the same
sampled years otherwise): what the verdict's risks and the design's floor both use."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np

from cayo.scenario.schema import Stress
from cayo.stress.samplers import LinkUnits
from cayo.stress.system import System

Switch = Callable[[System, Stress], tuple[System, Stress]]


def _stress(s: Stress, section: str, **changes: float) -> Stress:
    return s.model_copy(update={section: getattr(s, section).model_copy(update=changes)})


def _no_link_failures(system: System, s: Stress) -> tuple[System, Stress]:
    links = system.links
    perfect = LinkUnits(links.capacity_gbps, np.ones_like(links.availability), links.option)
    return replace(system, links=perfect), s


FAILURE_CLASSES: dict[str, Switch] = {
    "island-grid cuts and collapses": lambda sy, s: (
        sy, _stress(s, "island_grid", cut_day_share=0.0, collapses_per_yr=0.0)),
    # engine failures are drawn in the kernel from the plant's parameters, not by the samplers
    "engine failures": lambda sy, s: (
        sy.with_plant(fail_to_start=0.0, fail_to_run_per_h=0.0), s),
    "national grid collapses": lambda sy, s: (sy, _stress(s, "main_grid", collapses_per_yr=0.0)),
    "late and missed ships": lambda sy, s: (
        sy, _stress(s, "ships", late_share=0.0, missed_share=0.0)),
    "hurricanes": lambda sy, s: (sy, _stress(s, "hurricanes", per_yr=0.0)),
    "data-link failures": _no_link_failures,
}  # fmt: skip
