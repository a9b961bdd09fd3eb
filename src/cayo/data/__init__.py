"""Shipped tables (with unit and source columns) and example scenarios."""

from __future__ import annotations

from functools import cache
from importlib import resources

import pandas as pd


@cache
def table(name: str) -> pd.DataFrame:
    """A shipped CSV table by file name, e.g. ``table("archetypes.csv")``; cached, do not mutate."""
    with resources.files(__name__).joinpath(name).open("r", encoding="utf-8") as fh:
        return pd.read_csv(fh, dtype={"value": str})
