"""The inputs of the supply LP: hourly series and annualised parameters.

They are everything the LP needs and nothing else, so that an independent tool can rebuild the
identical problem from the saved files (the formulation is the README.md written beside them,
from data/lp_formulation.md):

* ``lp_hourly.parquet``: the series of `SERIES_UNITS` that the scenario uses;
* ``lp_parameters.json``: scalars with units (see `PARAMETER_UNITS`).

A utility whose series is absent (None) is left out of the LP: electricity alone is the spine.
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, fields, replace
from pathlib import Path

import numpy as np

HOURLY_FILE = "lp_hourly.parquet"
PARAMETERS_FILE = "lp_parameters.json"

SERIES_UNITS = {
    "load_kw": "kW: electricity load that does not depend on the plan",
    "pv_kw_per_kwp": "kW/kWp: PV AC output per kWp",
    "grid_available_kw": "kW: most the town may import from the island grid",
    "critical_kw": "kW: part of load_kw that must be served",
    "must_run_kw": "kW: fixed generation (waste-to-energy)",
    "water_m3_h": "m3/h: water to supply",
    "lpg_kg_h": "kg/h: cooking gas to supply",
    "diesel_ship": "-: 1 in the first hour of a day a diesel ship may unload, else 0",
    "lpg_ship": "-: 1 in the first hour of a day an LPG ship may unload, else 0",
}

PARAMETER_UNITS = {
    "pv_capital_usd_per_kw_yr": "USD/(kWp*yr): annuity of capex + fixed O&M",
    "pv_max_kw": "kWp: land limit (0 = technology disabled)",
    "battery_power_capital_usd_per_kw_yr": "USD/(kW*yr): annuity of power capex + fixed O&M",
    "battery_energy_capital_usd_per_kwh_yr": "USD/(kWh*yr): annuity of energy capex",
    "battery_discharge_cost_usd_per_kwh": "USD/kWh: variable O&M per kWh discharged (AC side)",
    "battery_enabled": "bool",
    "battery_charge_efficiency": "-: AC to stored",
    "battery_discharge_efficiency": "-: stored to AC",
    "genset_capital_usd_per_kw_yr": "USD/(kW*yr): annuity of capex + fixed O&M",
    "genset_marginal_usd_per_kwh": "USD/kWh: variable O&M, plus fuel when diesel_ship is absent",
    "genset_fuel_l_per_kwh": "L/kWh",
    "genset_max_kw": "kW (null = no cap; 0 = disabled)",
    "genset_min_kw": "kW: least genset capacity (the critical peak)",
    "grid_price_usd_per_kwh": "USD/kWh",
    "value_of_lost_load_usd_per_kwh": "USD/kWh",
    "reserve_share_of_load": "-: operating reserve per kW of load",
    "reserve_share_of_pv": "-: operating reserve per kW of PV output",
    "max_unserved_share": "-: most of sum(load_kw) left unserved (1 = no limit)",
    "min_renewable_share": "-: least share of the served load not from gensets or the grid",
    "wells_max_m3_h": "m3/h: sustainable yield (0 = no wells)",
    "wells_capital_usd_per_m3h_yr": "USD/((m3/h)*yr): annuity + fixed O&M",
    "wells_kwh_per_m3": "kWh/m3",
    "ro_enabled": "bool",
    "ro_capital_usd_per_m3h_yr": "USD/((m3/h)*yr): annuity + fixed O&M",
    "ro_marginal_usd_per_m3": "USD/m3",
    "ro_kwh_per_m3": "kWh/m3",
    "water_tank_enabled": "bool",
    "water_tank_capital_usd_per_m3_yr": "USD/(m3*yr)",
    "value_of_lost_water_usd_per_m3": "USD/m3",
    "water_min_level_m3": "m3: water kept in the tank at all times (a reserve)",
    "diesel_price_usd_per_l": "USD/L: paid on delivery",
    "diesel_tank_capital_usd_per_l_yr": "USD/(L*yr)",
    "diesel_cargo_l": "L: most one ship unloads",
    "diesel_min_stock_l": "L: stock kept at all times",
    "lpg_price_usd_per_kg": "USD/kg: paid on delivery",
    "lpg_tank_capital_usd_per_kg_yr": "USD/(kg*yr)",
    "lpg_cargo_kg": "kg: most one ship unloads",
    "value_of_lost_lpg_usd_per_kg": "USD/kg",
}

# Quantities (not prices) that `scaled` multiplies: series and bounds in kW, kWh, m3, L, kg.
QUANTITIES = (
    "load_kw",
    "grid_available_kw",
    "critical_kw",
    "must_run_kw",
    "water_m3_h",
    "lpg_kg_h",
    "pv_max_kw",
    "genset_max_kw",
    "genset_min_kw",
    "wells_max_m3_h",
    "water_min_level_m3",
    "diesel_cargo_l",
    "diesel_min_stock_l",
    "lpg_cargo_kg",
)


@dataclass(frozen=True)
class LPInputs:
    """Everything the supply LP needs; units in `SERIES_UNITS` and `PARAMETER_UNITS`.

    Only the electricity series and parameters are required; every other utility defaults to
    absent, which leaves it out of the LP.
    """

    load_kw: np.ndarray
    pv_kw_per_kwp: np.ndarray
    grid_available_kw: np.ndarray
    pv_capital_usd_per_kw_yr: float
    pv_max_kw: float
    battery_power_capital_usd_per_kw_yr: float
    battery_energy_capital_usd_per_kwh_yr: float
    battery_discharge_cost_usd_per_kwh: float
    battery_enabled: bool
    battery_charge_efficiency: float
    battery_discharge_efficiency: float
    genset_capital_usd_per_kw_yr: float
    genset_marginal_usd_per_kwh: float
    genset_fuel_l_per_kwh: float
    genset_max_kw: float | None
    grid_price_usd_per_kwh: float
    value_of_lost_load_usd_per_kwh: float
    critical_kw: np.ndarray | None = None
    must_run_kw: np.ndarray | None = None
    water_m3_h: np.ndarray | None = None
    lpg_kg_h: np.ndarray | None = None
    diesel_ship: np.ndarray | None = None
    lpg_ship: np.ndarray | None = None
    genset_min_kw: float = 0.0
    reserve_share_of_load: float = 0.0
    reserve_share_of_pv: float = 0.0
    max_unserved_share: float = 1.0
    min_renewable_share: float = 0.0
    wells_max_m3_h: float = 0.0
    wells_capital_usd_per_m3h_yr: float = 0.0
    wells_kwh_per_m3: float = 0.0
    ro_enabled: bool = False
    ro_capital_usd_per_m3h_yr: float = 0.0
    ro_marginal_usd_per_m3: float = 0.0
    ro_kwh_per_m3: float = 0.0
    water_tank_enabled: bool = False
    water_tank_capital_usd_per_m3_yr: float = 0.0
    value_of_lost_water_usd_per_m3: float = 1.0
    water_min_level_m3: float = 0.0
    diesel_price_usd_per_l: float = 0.0
    diesel_tank_capital_usd_per_l_yr: float = 0.0
    diesel_cargo_l: float = 0.0
    diesel_min_stock_l: float = 0.0
    lpg_price_usd_per_kg: float = 0.0
    lpg_tank_capital_usd_per_kg_yr: float = 0.0
    lpg_cargo_kg: float = 0.0
    value_of_lost_lpg_usd_per_kg: float = 1.0

    def parameters(self) -> dict[str, float | bool | None]:
        """The scalar parameters, JSON-ready."""
        d = asdict(self)
        return {k: d[k] for k in PARAMETER_UNITS}

    def series(self) -> dict[str, np.ndarray]:
        """The hourly series that are present."""
        return {k: getattr(self, k) for k in SERIES_UNITS if getattr(self, k) is not None}

    @property
    def hours(self) -> int:
        """Number of hourly steps."""
        return len(self.load_kw)


def scaled(x: LPInputs, factor: float) -> LPInputs:
    """The same LP with every quantity (`QUANTITIES`: kW, kWh, m³, L, kg) multiplied by
    `factor` (e.g. 1e-3: kW → MW, L → m³) and every price per unit unchanged, so the objective is
    multiplied by `factor` too; conversion factors (kWh/m³, L/kWh) are unchanged."""
    changes = {}
    for name in QUANTITIES:
        value = getattr(x, name)
        if value is not None:
            changes[name] = value * factor
    return replace(x, **changes)


def save_inputs(inputs: LPInputs, folder: Path) -> None:
    """Write `lp_hourly.parquet` and `lp_parameters.json` into `folder`."""
    import pandas as pd

    folder.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(inputs.series()).to_parquet(folder / HOURLY_FILE, index=False)
    doc = {
        "parameters": inputs.parameters(),
        "units": PARAMETER_UNITS,
        "series_units": SERIES_UNITS,
        "formulation": "README.md",
    }
    (folder / PARAMETERS_FILE).write_text(json.dumps(doc, indent=2))


def load_inputs(folder: Path) -> LPInputs:
    """Read inputs written by `save_inputs`."""
    import pyarrow.parquet as pq

    table = pq.read_table(folder / HOURLY_FILE)
    params = json.loads((folder / PARAMETERS_FILE).read_text())["parameters"]
    cols = {name: table.column(name).to_numpy() for name in table.column_names}
    known = {f.name for f in fields(LPInputs)}
    return LPInputs(**cols, **{k: v for k, v in params.items() if k in known})


def is_capped(value: float | None) -> bool:
    """True when a capacity bound is finite.

    >>> is_capped(None), is_capped(5.0), is_capped(math.inf)
    (False, True, False)
    """
    return value is not None and math.isfinite(value)
