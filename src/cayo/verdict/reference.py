"""The reference class: how fast real planned technology towns filled up, against the scenario's
ramp (`data/reference_towns.csv`, with sources)."""

from __future__ import annotations

from importlib import resources

import pandas as pd

from cayo.program.workforce import WorkforceRamp


def reference_towns() -> pd.DataFrame:
    """The shipped table: planned and counted residents, year opened and year counted."""
    with resources.files("cayo.data").joinpath("reference_towns.csv").open() as f:
        return pd.read_csv(f)


def reference_class(ramp: WorkforceRamp, planned_residents: float) -> pd.DataFrame:
    """For each reference town: the share of its planned residents it had after N years, and the
    share the scenario's ramp gives after the same N years [-]; `faster` is their ratio."""
    rows = []
    for _, t in reference_towns().iterrows():
        years = int(t["year_counted"] - t["opened"])
        ref = float(t["residents"] / t["planned_residents"])
        mine = float(ramp.at(int(ramp.years.index[0]) + years)["residents"]) / planned_residents
        rows.append(
            {"town": t["town"], "years_after_opening": years, "reference_share": ref,
             "scenario_share": mine, "faster": mine / ref if ref > 0 else float("inf"),
             "source": t["source"]}
        )  # fmt: skip
    return pd.DataFrame(rows).set_index("town")
