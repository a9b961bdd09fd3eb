"""Shared scaffolding for the hand-solved LP cases (on pytest's `pythonpath`)."""

from __future__ import annotations

import numpy as np

from cayo.supply.inputs import LPInputs


def inputs(T: int = 48, **kw) -> LPInputs:
    """Everything off except lost load; tests switch on what they need.

    Defaults: PV 100 USD/(kWp·yr) (off: pv_max_kw 0), battery 50 USD/(kW·yr) + 20 USD/(kWh·yr)
    (off), genset 300 USD/(kW·yr) and 0.3 USD/kWh with 0.25 L/kWh (off: genset_max_kw 0), grid
    0.2 USD/kWh (no availability), VoLL 1000 USD/kWh, load 1 kW flat.
    """
    base = dict(
        load_kw=np.ones(T),
        pv_kw_per_kwp=np.zeros(T),
        grid_available_kw=np.zeros(T),
        pv_capital_usd_per_kw_yr=100.0,
        pv_max_kw=0.0,
        battery_power_capital_usd_per_kw_yr=50.0,
        battery_energy_capital_usd_per_kwh_yr=20.0,
        battery_discharge_cost_usd_per_kwh=0.0,
        battery_enabled=False,
        battery_charge_efficiency=1.0,
        battery_discharge_efficiency=1.0,
        genset_capital_usd_per_kw_yr=300.0,
        genset_marginal_usd_per_kwh=0.3,
        genset_fuel_l_per_kwh=0.25,
        genset_max_kw=0.0,
        grid_price_usd_per_kwh=0.2,
        value_of_lost_load_usd_per_kwh=1000.0,
    )
    base.update(kw)
    return LPInputs(**base)
