"""Availability of the island grid to the town: a capped import, cut every night.

The island's engines (46–48 MW installed, 11–25 MW available in 2024–25) cannot meet its night
peak of 21–26 MW, so circuits are cut in rotation for 2–5 h, mostly between 21:00 and 04:00
(https://translatingcuba.com/ten-hour-blackouts-come-to-cubas-isle-of-youth-despite-its-energy-autonomy/).
The plan sees a deterministic version: every day the town's feeder is cut for
``cut_hours_per_day`` consecutive hours inside the window, and the cut's start rotates through the
window from one day to the next (as rotating schedules do); otherwise the town may draw up to
``max_import_kw``. Random failures are the stress stage's business.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from cayo.scenario.schema import IslandGrid


def cut_mask(index: pd.DatetimeIndex, grid: IslandGrid) -> np.ndarray:
    """True in the hours the town's feeder is cut [bool per hour].

    >>> from cayo.weather.year import hourly_index
    >>> g = IslandGrid(max_import_kw=1, price_usd_per_kwh=0.3, cut_hours_per_day=2,
    ...                cut_window_start_h=22, cut_window_hours=4)
    >>> m = cut_mask(hourly_index(2025, -5), g)
    >>> int(m.sum()), [int(h) for h in np.flatnonzero(m[:74])]  # hour 0: 31 Dec's cut wraps
    (730, [0, 22, 23, 47, 48, 72, 73])
    """
    n = len(index)
    if grid.cut_hours_per_day == 0:
        return np.zeros(n, dtype=bool)
    slots = grid.cut_window_hours - grid.cut_hours_per_day + 1  # possible start offsets
    days = n // 24
    start = grid.cut_window_start_h + (np.arange(days) % slots)  # hour of the day the cut starts
    hours = (np.arange(days)[:, None] * 24 + start[:, None] + np.arange(grid.cut_hours_per_day)) % n
    mask = np.zeros(n, dtype=bool)
    mask[hours.ravel()] = True
    return mask


def available_import_kw(index: pd.DatetimeIndex, grid: IslandGrid) -> np.ndarray:
    """Most the town may import each hour [kW]."""
    if not grid.enabled:
        return np.zeros(len(index))
    return np.where(cut_mask(index, grid), 0.0, grid.max_import_kw)
