"""Resilience levers: what each one changes in the simulated town, what it costs, how far it
may go.

A design is a dict of lever sizes (totals, in each lever's unit). Capacity levers that the
supply LP also sizes (engines, desalination, wells) are floors when the design is re-planned;
storage added by the design (battery, water tank, diesel tank) is a reserve held full for
failures, on top of what the LP cycles every day; distribution and microgrid levers change
only the failure model. Costs per unit come from the cost table (`cayo.costs`) for what the
LP knows and from the scenario's `design` section (sources there) for the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from cayo.costs import capital_recovery_factor, cost_table
from cayo.scenario.schema import Scenario
from cayo.stress import kernel as k
from cayo.stress.system import System, engine_units

RESERVES = {  # storage levers kept full as a reserve → (series row, state array, start field)
    "battery_kwh": (k.SOC_TARGET, "soc_kwh", "soc0_kwh"),
    "water_tank_m3": (k.LEVEL_TARGET, "level_m3", "level0_m3"),
    "diesel_tank_l": (None, "diesel_l", "diesel0_l"),
}
FLOORS = ("genset_kw", "ro_m3_h", "wells_m3_h")  # re-planned by the LP with these as floors
PLANT_FIELD = {"battery_kw": "battery_kw", "battery_kwh": "battery_kwh",
               "water_tank_m3": "water_tank_m3", "diesel_tank_l": "diesel_tank_l",
               "ro_m3_h": "ro_m3_h", "wells_m3_h": "wells_m3_h", "microgrid_kw": "microgrid_kw",
               "hardened_share": "hardened_share", "underground_share": "underground_share",
               "data_centre_autonomy_h": "data_centre_autonomy_h"}  # fmt: skip


@dataclass(frozen=True)
class Lever:
    """One lever of the design.

    Attributes
    ----------
    key : its name in a design (a plan capacity key, or a share or a power of its own).
    name, unit : for people.
    calm : its size in the calm plan [unit].
    base : the first size tried when the calm plan has none [unit].
    high : the largest size the search may reach [unit].
    capex_usd_per_unit : overnight cost [USD/unit].
    annual_usd_per_unit : capital recovery + fixed O&M [USD/unit/yr].
    utility : the utility whose cost it adds to.
    share : a share of the town's lines (steps of 0.1 up to 1), not a capacity.
    """

    key: str
    name: str
    unit: str
    calm: float
    base: float
    high: float
    capex_usd_per_unit: float
    annual_usd_per_unit: float
    utility: str
    share: bool = False

    def ladder(self) -> list[float]:
        """Sizes the search tries, rising from the calm size to `high` (the last one).

        >>> Lever("x", "x", "kW", 100.0, 10.0, 1000.0, 1.0, 1.0, "electricity").ladder()
        [110.0, 125.0, 150.0, 200.0, 300.0, 500.0, 1000.0]
        """
        if self.share:
            return [round(0.1 * i, 10) for i in range(11) if 0.1 * i > self.calm + 1e-9]
        start = self.calm if self.calm > 0 else 0.0
        step = self.calm if self.calm > 0 else self.base
        out = [start + step * g for g in (0.1, 0.25, 0.5, 1, 2, 4, 9, 19, 49, 99)]
        out = [x for x in out if x < self.high * (1 - 1e-9)]
        return out + [self.high] if self.high > self.calm else out


def line_km(s: Scenario, dwellings: float) -> float:
    """The town's distribution lines [km]: `design.line_km_per_dwelling` × dwellings."""
    return s.design.line_km_per_dwelling * dwellings


def levers(
    s: Scenario, system: System, capacity: dict[str, float], dwellings: float
) -> list[Lever]:
    """The levers open to this scenario's design (a disabled technology offers none)."""
    table = cost_table(s)
    d = s.design
    f = d.max_capacity_factor
    rate = s.finance.discount_rate
    t, w = s.technologies, s.water_supply
    out: list[Lever] = []

    def capacity_lever(key: str, name: str, unit: str, base: float) -> None:
        calm = float(capacity.get(key, 0.0))
        row = table[key]
        out.append(Lever(key, name, unit, calm, base, max(calm, base) * f, row.capex_usd_per_unit,
                         table.annual(key), row.utility))  # fmt: skip

    if t.battery.enabled:
        capacity_lever("battery_kw", "battery power (reserve)", "kW", 1000.0)
        capacity_lever("battery_kwh", "battery energy (reserve)", "kWh", 4000.0)
    if t.genset.enabled:
        capacity_lever("genset_kw", "engines", "kW", s.stress.gensets.unit_kw)
        if system.fuel_modelled and s.fuel_supply.diesel.enabled:
            capacity_lever("diesel_tank_l", "diesel tank (reserve)", "L", 100_000.0)
    if w.tank.enabled:
        capacity_lever("water_tank_m3", "water tank (reserve)", "m³", 100.0)
    if w.desalination.enabled:
        capacity_lever("ro_m3_h", "desalination", "m³/h", 10.0)
    if w.wells.enabled and capacity.get("wells_m3_h", 0.0) < w.wells.sustainable_yield_m3_per_h:
        calm = float(capacity.get("wells_m3_h", 0.0))
        row = table["wells_m3_h"]
        cap = w.wells.sustainable_yield_m3_per_h
        out.append(Lever("wells_m3_h", "wells", "m³/h", calm, 10.0, cap, row.capex_usd_per_unit,
                         table.annual("wells_m3_h"), "water"))  # fmt: skip
    km = line_km(s, dwellings)
    for key, name, lever in (
        ("hardened_share", "hardened poles", d.hardened_poles),
        ("underground_share", "underground lines", d.underground),
    ):
        capex = lever.usd_per_km * km
        out.append(Lever(key, f"{name} (share of {km:,.0f} km)", "share", 0.0, 0.1, 1.0, capex,
                         capex * capital_recovery_factor(rate, lever.lifetime_yr), "electricity",
                         share=True))  # fmt: skip
    critical = float((system.series[:, k.SHARED_CRITICAL] - system.series[:, k.CRITICAL]).max())
    if critical > 0:
        m = d.microgrids
        out.append(Lever("microgrid_kw", "critical-load microgrids", "kW", 0.0,
                         max(critical / 20, 1.0), critical, m.usd_per_kw,
                         m.usd_per_kw * capital_recovery_factor(rate, m.lifetime_yr),
                         "electricity"))  # fmt: skip
    if s.program.data_centre.it_load_kw > 0:
        dc = s.program.data_centre
        litres = dc.it_load_kw * dc.pue_min * s.technologies.genset.fuel_l_per_kwh
        h0 = s.stress.data_centre_autonomy_hours
        out.append(Lever("data_centre_autonomy_h", "data-centre backup", "h", h0, 12.0,
                         max(d.max_data_centre_autonomy_hours, h0),
                         litres * table["diesel_tank_l"].capex_usd_per_unit,
                         litres * table.annual("diesel_tank_l"), "electricity"))  # fmt: skip
    return out


def apply(calm: System, sizes: dict[str, float], s: Scenario) -> System:
    """`calm` (the calm plan's simulated town) with the design `sizes` (totals by lever key).

    Storage added over the calm plan is a reserve: the plan's schedule and its starting stock
    rise by what is added, so it is full when a failure comes. Line shares bring the scenario's
    hardening and undergrounding factors with them."""
    out = calm
    plant: dict[str, float | int] = {}
    for key, size in sizes.items():
        if key == "genset_kw":
            n, unit = engine_units(size, s.stress.gensets.unit_kw)
            plant |= {"engine_units": n, "unit_kw": unit}
            continue
        field_ = PLANT_FIELD[key]
        added = size - float(getattr(calm.plant, field_))
        plant[field_] = size
        if key in RESERVES and added > 0:
            out = _reserve(out, key, added)
    h, u = s.design.hardened_poles, s.design.underground
    plant |= {"hardened_outage_factor": h.outage_factor, "hardened_repair_factor": h.repair_factor,
              "underground_outage_factor": u.outage_factor}  # fmt: skip
    if plant.get("hardened_share", 0.0) + plant.get("underground_share", 0.0) > 1 + 1e-9:
        raise ValueError("hardened and underground shares add up to more than the town's lines")
    return out.with_plant(**plant)


def _reserve(system: System, key: str, added: float) -> System:
    row, states, start = RESERVES[key]
    out = system if row is None else system.with_series(row, system.series[:, row] + added)
    out = replace(out, **{states: getattr(system, states) + added})  # type: ignore[arg-type]
    return out.with_plant(**{start: float(getattr(system.plant, start)) + added})


def cost(levers_: list[Lever], sizes: dict[str, float]) -> tuple[float, float]:
    """(extra capex [USD], extra annual cost [USD/yr]) of `sizes` over the calm plan."""
    capex = annual = 0.0
    for lever in levers_:
        added = max(sizes.get(lever.key, lever.calm) - lever.calm, 0.0)
        capex += added * lever.capex_usd_per_unit
        annual += added * lever.annual_usd_per_unit
    return capex, annual
