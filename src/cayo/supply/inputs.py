"""The inputs of the electricity LP: hourly series and annualised parameters.

They are everything the LP needs and nothing else, so that an independent tool can rebuild the
identical problem from the saved files (the formulation is the README.md written beside them,
from data/lp_formulation.md):

* ``lp_hourly.parquet``: ``load_kw`` [kW], ``pv_kw_per_kwp`` [kW/kWp], ``grid_available_kw`` [kW];
* ``lp_parameters.json``: scalars with units (see `PARAMETER_UNITS`).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, replace
from pathlib import Path

import numpy as np

from cayo.finance.annuity import capital_recovery_factor
from cayo.scenario.schema import Scenario

HOURLY_FILE = "lp_hourly.parquet"
PARAMETERS_FILE = "lp_parameters.json"

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
    "genset_marginal_usd_per_kwh": "USD/kWh: fuel + variable O&M",
    "genset_fuel_l_per_kwh": "L/kWh",
    "genset_max_kw": "kW (null = no cap; 0 = disabled)",
    "grid_price_usd_per_kwh": "USD/kWh",
    "value_of_lost_load_usd_per_kwh": "USD/kWh",
}


@dataclass(frozen=True)
class LPInputs:
    """Everything the electricity LP needs.

    Attributes
    ----------
    load_kw : hourly load [kW], 8760 values.
    pv_kw_per_kwp : hourly PV AC output per kWp [kW/kWp].
    grid_available_kw : hourly import limit from the island grid [kW].
    Other fields: see `PARAMETER_UNITS`.
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

    def parameters(self) -> dict[str, float | bool | None]:
        """The scalar parameters, JSON-ready."""
        d = asdict(self)
        return {k: d[k] for k in PARAMETER_UNITS}


def build_inputs(
    scenario: Scenario,
    load_kw: np.ndarray,
    pv_kw_per_kwp: np.ndarray,
    grid_available_kw: np.ndarray,
) -> LPInputs:
    """Annualise the scenario's costs and bundle them with the hourly series."""
    t = scenario.technologies
    r = scenario.finance.discount_rate
    pv, bat, gen = t.pv, t.battery, t.genset
    crf_pv = capital_recovery_factor(r, pv.lifetime_yr)
    crf_bat = capital_recovery_factor(r, bat.lifetime_yr)
    crf_gen = capital_recovery_factor(r, gen.lifetime_yr)
    return LPInputs(
        load_kw=np.asarray(load_kw, dtype=float),
        pv_kw_per_kwp=np.asarray(pv_kw_per_kwp, dtype=float),
        grid_available_kw=np.asarray(grid_available_kw, dtype=float),
        pv_capital_usd_per_kw_yr=pv.capex_usd_per_kw * crf_pv + pv.fixed_om_usd_per_kw_yr,
        pv_max_kw=pv.land_ha * pv.kw_per_ha if pv.enabled else 0.0,
        battery_power_capital_usd_per_kw_yr=bat.capex_power_usd_per_kw * crf_bat
        + bat.fixed_om_usd_per_kw_yr,
        battery_energy_capital_usd_per_kwh_yr=bat.capex_energy_usd_per_kwh * crf_bat,
        battery_discharge_cost_usd_per_kwh=bat.throughput_cost_usd_per_kwh,
        battery_enabled=bat.enabled,
        battery_charge_efficiency=bat.charge_efficiency,
        battery_discharge_efficiency=bat.discharge_efficiency,
        genset_capital_usd_per_kw_yr=gen.capex_usd_per_kw * crf_gen + gen.fixed_om_usd_per_kw_yr,
        genset_marginal_usd_per_kwh=gen.fuel_l_per_kwh * gen.fuel_price_usd_per_l
        + gen.variable_om_usd_per_kwh,
        genset_fuel_l_per_kwh=gen.fuel_l_per_kwh,
        genset_max_kw=(gen.max_kw if gen.enabled else 0.0),
        grid_price_usd_per_kwh=t.island_grid.price_usd_per_kwh,
        value_of_lost_load_usd_per_kwh=scenario.finance.value_of_lost_load_usd_per_kwh,
    )


def scaled(x: LPInputs, factor: float) -> LPInputs:
    """The same LP with every power and energy multiplied by `factor` (e.g. 1e-3: kW → MW) and
    every cost per kW or kWh unchanged, so the objective is multiplied by `factor` too."""
    return replace(
        x,
        load_kw=x.load_kw * factor,
        grid_available_kw=x.grid_available_kw * factor,
        pv_max_kw=x.pv_max_kw * factor,
        genset_max_kw=None if x.genset_max_kw is None else x.genset_max_kw * factor,
    )


def save_inputs(inputs: LPInputs, folder: Path) -> None:
    """Write `lp_hourly.parquet` and `lp_parameters.json` into `folder`."""
    import pandas as pd

    folder.mkdir(parents=True, exist_ok=True)
    pd.DataFrame(
        {
            "load_kw": inputs.load_kw,
            "pv_kw_per_kwp": inputs.pv_kw_per_kwp,
            "grid_available_kw": inputs.grid_available_kw,
        }
    ).to_parquet(folder / HOURLY_FILE, index=False)
    doc = {"parameters": inputs.parameters(), "units": PARAMETER_UNITS, "formulation": "README.md"}
    (folder / PARAMETERS_FILE).write_text(json.dumps(doc, indent=2))


def load_inputs(folder: Path) -> LPInputs:
    """Read inputs written by `save_inputs`."""
    import pyarrow.parquet as pq

    table = pq.read_table(folder / HOURLY_FILE)
    params = json.loads((folder / PARAMETERS_FILE).read_text())["parameters"]
    cols = {
        name: table.column(name).to_numpy()
        for name in ("load_kw", "pv_kw_per_kwp", "grid_available_kw")
    }
    return LPInputs(**cols, **params)


def is_capped(value: float | None) -> bool:
    """True when a capacity bound is finite.

    >>> is_capped(None), is_capped(5.0), is_capped(math.inf)
    (False, True, False)
    """
    return value is not None and math.isfinite(value)
