"""The plant the simulator runs: named parameters with their units, and their numba record.

`Plant` is what Python code reads and changes (`dataclasses.replace`); `Plant.record` is the
same values as a one-element numpy structured array, which the numba kernel reads by field name
(`plant[0].battery_kwh`), copying each field into a local once per year, so names cost nothing
in the hourly loop. The kernel with this record and its per-step helpers ran 1.08-1.29× as fast
as the former one with a float vector of 30 numbered slots (docs/performance.md). A jitclass
was not used: numba cannot cache it.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass, fields

import numpy as np


@dataclass(frozen=True)
class Plant:
    """One plan's plant and starting stocks, as the simulator needs them.

    Attributes
    ----------
    pv_kw : PV peak power [kWp].
    battery_kw, battery_kwh : battery power [kW] and energy [kWh].
    charge_efficiency, discharge_efficiency : battery one-way efficiencies [-].
    engine_units : engine units [-]; unit_kw : power of each [kW].
    min_load_share : least load of a running unit, share of its power [-].
    fuel_l_per_kwh : engine fuel use [L/kWh].
    diesel_tank_l, diesel_reserve_l, diesel_cargo_l : diesel tank, the stock kept for the
        critical facilities and the water plants, a ship's cargo [L].
    truck_fuel_l_per_day : the waste trucks' diesel [L/day].
    wells_m3_h, ro_m3_h : well and desalination capacity [m³/h].
    wells_kwh_per_m3, ro_kwh_per_m3 : their electricity use [kWh/m³].
    water_tank_m3 : water storage [m³].
    lpg_tank_kg, lpg_cargo_kg : cooking-gas storage and a ship's cargo [kg].
    fail_to_start : chance an engine start fails [-].
    fail_to_run_per_h : chance a running engine fails in an hour [1/h].
    repair_mean_h : mean repair time of a failed engine [h].
    data_centre_autonomy_h : the data centre's own backup [h].
    soc0_kwh, level0_m3, diesel0_l, lpg0_kg : stocks at the start of every simulated year.
    daily_burn_l : the plan's mean diesel use [L/day], the yardstick of fuel autonomy.
    grid_first : the island grid is cheaper than the engines' fuel and upkeep, used first.
    microgrid_kw : critical-load microgrid: the critical part of the load cut by damaged lines
        that it serves from its own plant [kW].
    hardened_share, underground_share : shares of the town's lines on hardened poles and
        underground [-] (the rest is bare overhead).
    hardened_outage_factor, underground_outage_factor : chance such a line is down in a
        hurricane, against a bare overhead line's [-].
    hardened_repair_factor : repair time of a hardened line, against a bare one's [-].
    """

    pv_kw: float = 0.0
    battery_kw: float = 0.0
    battery_kwh: float = 0.0
    charge_efficiency: float = 1.0
    discharge_efficiency: float = 1.0
    engine_units: int = 0
    unit_kw: float = 0.0
    min_load_share: float = 0.0
    fuel_l_per_kwh: float = 0.0
    diesel_tank_l: float = 0.0
    diesel_reserve_l: float = 0.0
    diesel_cargo_l: float = 0.0
    truck_fuel_l_per_day: float = 0.0
    wells_m3_h: float = 0.0
    wells_kwh_per_m3: float = 0.0
    ro_m3_h: float = 0.0
    ro_kwh_per_m3: float = 0.0
    water_tank_m3: float = 0.0
    lpg_tank_kg: float = 0.0
    lpg_cargo_kg: float = 0.0
    fail_to_start: float = 0.0
    fail_to_run_per_h: float = 0.0
    repair_mean_h: float = 1.0
    data_centre_autonomy_h: float = 0.0
    soc0_kwh: float = 0.0
    level0_m3: float = 0.0
    diesel0_l: float = 0.0
    lpg0_kg: float = 0.0
    daily_burn_l: float = 0.0
    grid_first: bool = True
    microgrid_kw: float = 0.0
    hardened_share: float = 0.0
    underground_share: float = 0.0
    hardened_outage_factor: float = 1.0
    underground_outage_factor: float = 1.0
    hardened_repair_factor: float = 1.0

    def record(self) -> np.ndarray:
        """The plant as a one-element structured array of dtype `PLANT` (the kernel's input)."""
        return np.array([astuple(self)], dtype=PLANT)

    @classmethod
    def from_record(cls, record: np.ndarray) -> Plant:
        """The plant of a `record` written by `Plant.record`."""
        row = record[0]
        return cls(**{f.name: _PY[str(f.type)](row[f.name]) for f in fields(cls)})


_NUMPY = {"float": "f8", "int": "i8", "bool": "?"}
_PY: dict[str, type] = {"float": float, "int": int, "bool": bool}
PLANT = np.dtype([(f.name, _NUMPY[str(f.type)]) for f in fields(Plant)])
"""The kernel's record type: one field per `Plant` attribute, in the same order."""
