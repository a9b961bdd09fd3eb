"""One table of cost per unit: what each component costs to build, how long it lasts, what it
costs to keep a year, and the annuity that turns its capex into a yearly cost.

Every view of money reads this table and nothing else: the supply LP's annualised coefficients
(`cayo.supply.assemble`), the services sized outside the LP (sewage, solid waste, data links),
the plan's annual costs per utility and the net present cost (`cayo.finance`), and the cost of
the verdict's changes (`cayo.verdict.changes`). A core module: it imports only the scenario.

Money is real USD (2025). A component's annual cost per unit of capacity is

    capital recovery  capex × CRF(r, life)                                [USD/unit/yr]
  + fixed O&M         paid every year whatever the plant does             [USD/unit/yr]

and what depends on how the plant runs (variable O&M, fuel, purchases) is costed from the
dispatch, not here.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from cayo.scenario.schema import DataLink, Scenario, Sewage, SolidWaste

UTILITIES = ("electricity", "water", "sewage", "cooking gas", "solid waste", "data links")
LINK_PREFIX = "data_link_units_"  # capacity key of a data-link option: LINK_PREFIX + its name


def capital_recovery_factor(rate: float, years: float) -> float:
    """Capital recovery factor [1/yr]: r / (1 − (1 + r)^−n); 1/n when r = 0.

    >>> round(capital_recovery_factor(0.08, 20), 6)
    0.101852
    >>> capital_recovery_factor(0.0, 25)
    0.04
    """
    if years <= 0:
        raise ValueError("years must be positive")
    if rate == 0:
        return 1.0 / years
    return rate / (1.0 - (1.0 + rate) ** -years)


def annuity_factor(rate: float, years: float) -> float:
    """Present value of 1 USD paid at the end of each of n years [yr]: (1 − (1 + r)^−n) / r; n
    when r = 0. The inverse of `capital_recovery_factor`.

    >>> round(annuity_factor(0.08, 20), 6), annuity_factor(0.0, 25)
    (9.818147, 25.0)
    >>> round(annuity_factor(0.08, 20) * capital_recovery_factor(0.08, 20), 12)
    1.0
    """
    return 1.0 / capital_recovery_factor(rate, years)


@dataclass(frozen=True)
class UnitCost:
    """The cost of one unit of one component's capacity.

    Attributes
    ----------
    component : its name for people (``"PV"``, ``"battery power"``, ``"link: radio"``).
    key : its capacity key, the size's name in plans and figures (``"pv_kw"``).
    utility : the utility it serves (one of `UTILITIES`).
    unit : the unit of its capacity (``"kWp"``, ``"m³/h"``, ``"truck"``).
    capex_usd_per_unit : overnight cost [USD/unit].
    life_yr : economic life [yr]; it is bought again when it runs out.
    fixed_om_usd_per_unit_yr : fixed operation and maintenance [USD/unit/yr].
    """

    component: str
    key: str
    utility: str
    unit: str
    capex_usd_per_unit: float
    life_yr: float
    fixed_om_usd_per_unit_yr: float

    def capital_recovery_usd_per_unit_yr(self, rate: float) -> float:
        """Annuity of the capex at real discount rate `rate` over the life [USD/unit/yr]."""
        return self.capex_usd_per_unit * capital_recovery_factor(rate, self.life_yr)

    def annual_usd_per_unit_yr(self, rate: float) -> float:
        """Capital recovery + fixed O&M [USD/unit/yr]: what a unit costs a year, idle or not."""
        return self.capital_recovery_usd_per_unit_yr(rate) + self.fixed_om_usd_per_unit_yr


@dataclass(frozen=True)
class CostTable:
    """Cost per unit of every component a plan can build, at the scenario's discount rate.

    Attributes
    ----------
    rows : one `UnitCost` per component, keyed by capacity key (unique).
    discount_rate : real discount rate [1/yr].
    """

    rows: tuple[UnitCost, ...]
    discount_rate: float

    def __post_init__(self) -> None:
        keys = [r.key for r in self.rows]
        if len(set(keys)) != len(keys):
            raise ValueError(f"capacity keys repeat in the cost table: {keys}")
        unknown = {r.utility for r in self.rows} - set(UTILITIES)
        if unknown:
            raise ValueError(f"unknown utilities in the cost table: {sorted(unknown)}")

    def __getitem__(self, key: str) -> UnitCost:
        for r in self.rows:
            if r.key == key:
                return r
        raise KeyError(key)

    def __iter__(self) -> Iterator[UnitCost]:
        return iter(self.rows)

    def __contains__(self, key: object) -> bool:
        return any(r.key == key for r in self.rows)

    def keys(self) -> tuple[str, ...]:
        """The capacity keys, in table order."""
        return tuple(r.key for r in self.rows)

    def capital_recovery(self, key: str) -> float:
        """Capital recovery of one unit of `key` at the table's rate [USD/unit/yr]."""
        return self[key].capital_recovery_usd_per_unit_yr(self.discount_rate)

    def annual(self, key: str) -> float:
        """Capital recovery + fixed O&M of one unit of `key` at the table's rate [USD/unit/yr]."""
        return self[key].annual_usd_per_unit_yr(self.discount_rate)


def sewage_plant(s: Sewage) -> UnitCost:
    """The treatment plant per m³/day of hydraulic capacity; its O&M is a share of capex."""
    return UnitCost(
        "sewage plant",
        "sewage_capacity_m3_per_day",
        "sewage",
        "m³/day",
        s.capex_usd_per_m3_per_day,
        s.lifetime_yr,
        s.capex_usd_per_m3_per_day * s.fixed_om_share_per_yr,
    )


def waste_trucks(w: SolidWaste) -> UnitCost:
    """A collection truck (its crew and upkeep are paid per tonne: variable, not here)."""
    return UnitCost(
        "waste trucks", "waste_trucks", "solid waste", "truck", w.truck_capex_usd,
        w.truck_lifetime_yr, 0.0,
    )  # fmt: skip


def waste_to_energy(w: SolidWaste) -> UnitCost:
    """The waste-to-energy plant per t/day of waste burnt."""
    return UnitCost(
        "waste-to-energy", "wte_t_per_day", "solid waste", "t/day",
        w.wte_capex_usd_per_t_per_day, w.wte_lifetime_yr, 0.0,
    )  # fmt: skip


def data_link(name: str, o: DataLink) -> UnitCost:
    """One unit of a data-link option (a cable, a radio hop, a satellite terminal)."""
    return UnitCost(
        f"link: {name}", LINK_PREFIX + name, "data links", "unit", o.capex_usd, o.lifetime_yr,
        o.om_usd_per_yr,
    )  # fmt: skip


def cost_table(s: Scenario) -> CostTable:
    """The scenario's cost table: every component, enabled or not (a disabled technology is
    simply never built).

    >>> from cayo.scenario.io import load_scenario
    >>> t = cost_table(load_scenario().scenario)
    >>> t["ro_m3_h"].unit, t["diesel_tank_l"].unit, t["battery_kwh"].fixed_om_usd_per_unit_yr
    ('m³/h', 'L', 0.0)
    """
    t, w, f = s.technologies, s.water_supply, s.fuel_supply
    pv, bat, gen = t.pv, t.battery, t.genset
    ro = w.desalination
    rows = [
        UnitCost("PV", "pv_kw", "electricity", "kWp", pv.capex_usd_per_kw, pv.lifetime_yr,
                 pv.fixed_om_usd_per_kw_yr),
        UnitCost("battery power", "battery_kw", "electricity", "kW", bat.capex_power_usd_per_kw,
                 bat.lifetime_yr, bat.fixed_om_usd_per_kw_yr),
        UnitCost("battery energy", "battery_kwh", "electricity", "kWh",
                 bat.capex_energy_usd_per_kwh, bat.lifetime_yr, 0.0),
        UnitCost("gensets", "genset_kw", "electricity", "kW", gen.capex_usd_per_kw,
                 gen.lifetime_yr, gen.fixed_om_usd_per_kw_yr),
        UnitCost("diesel tank", "diesel_tank_l", "electricity", "L",
                 f.diesel.tank_capex_usd_per_m3 / 1000, f.diesel.tank_lifetime_yr, 0.0),
        UnitCost("wells", "wells_m3_h", "water", "m³/h", w.wells.capex_usd_per_m3_per_h,
                 w.wells.lifetime_yr, w.wells.fixed_om_usd_per_m3_per_h_yr),
        # the scenario prices desalination per m³/day; the plan sizes it in m³/h (× 24)
        UnitCost("desalination", "ro_m3_h", "water", "m³/h", 24 * ro.capex_usd_per_m3_per_day,
                 ro.lifetime_yr, 24 * ro.fixed_om_usd_per_m3_per_day_yr),
        UnitCost("water tank", "water_tank_m3", "water", "m³", w.tank.capex_usd_per_m3,
                 w.tank.lifetime_yr, 0.0),
        UnitCost("LPG tank", "lpg_tank_kg", "cooking gas", "kg", f.lpg.tank_capex_usd_per_t / 1000,
                 f.lpg.tank_lifetime_yr, 0.0),
        sewage_plant(s.sewage),
        waste_trucks(s.solid_waste),
        waste_to_energy(s.solid_waste),
        *(data_link(name, o) for name, o in s.data_links.options.items()),
    ]  # fmt: skip
    return CostTable(tuple(rows), s.finance.discount_rate)
