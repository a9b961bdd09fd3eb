"""cayo: plan and stress-test a new technology town.

>>> import cayo
>>> cayo.__version__
'0.1.0'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cayo.version import __version__

__all__ = ["__version__", "load_scenario", "plan"]

if TYPE_CHECKING:
    from cayo.pipeline import PlanResult
    from cayo.scenario.io import LoadedScenario


def load_scenario(path: Any = None) -> LoadedScenario:
    """Read and validate a scenario file (``None``: the packaged Cayo Digital default)."""
    from cayo.scenario.io import load_scenario as _load

    return _load(path)


def plan(scenario: Any = None, **kwargs: Any) -> PlanResult:
    """Plan a scenario: a path, a `LoadedScenario`, or ``None`` for the default."""
    from cayo.pipeline import run_plan

    return run_plan(scenario, **kwargs)
