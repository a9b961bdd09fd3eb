"""The parts of the supply plan sized outside the LP (sewage, solid waste, data links) and what
they hand to it: fixed electricity loads, the critical load, must-run generation, water and gas.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from cayo.demand.consumables import waste_composition
from cayo.demand.electricity import load_columns
from cayo.demand.town import TownDemand
from cayo.scenario.schema import Scenario, WaterSupply
from cayo.supply.data_links import LinkPlan, plan_links
from cayo.supply.sewage import SewagePlan, plan_sewage
from cayo.supply.solid_waste import WastePlan, constant, plan_waste

IRRIGATED = ("sports_ground",)  # facilities whose water is irrigation (reusable treated water)


@dataclass(frozen=True)
class FixedParts:
    """Outside-LP sizing and the LP's fixed series.

    Attributes
    ----------
    sewage, waste, links : the plans of those services.
    load_kw : town demand + sewage treatment + water distribution pumping [kW].
    critical_kw : electricity of the critical facilities [kW].
    must_run_kw : waste-to-energy output [kW].
    water_m3_h : water to produce: demand less treated water reused [m³/h].
    lpg_kg_h : cooking gas demand [kg/h].
    distribution_kw : network pumping part of `load_kw` [kW].
    """

    sewage: SewagePlan
    waste: WastePlan
    links: LinkPlan
    load_kw: np.ndarray
    critical_kw: np.ndarray
    must_run_kw: np.ndarray
    water_m3_h: np.ndarray
    lpg_kg_h: np.ndarray
    distribution_kw: np.ndarray


def distribution_kw(water: WaterSupply, to_supply_m3_h: np.ndarray) -> np.ndarray:
    """Network pumping of the water to supply [kW]; none without any water source (wells and
    desalination both disabled), since then no water reaches the network.

    >>> from cayo.scenario.io import load_scenario
    >>> w = load_scenario().scenario.water_supply
    >>> float(distribution_kw(w, np.array([10.0]))[0]) == 10 * w.distribution_kwh_per_m3
    True
    >>> off = w.model_copy(update={"wells": w.wells.model_copy(update={"enabled": False}),
    ...     "desalination": w.desalination.model_copy(update={"enabled": False})})
    >>> distribution_kw(off, np.array([10.0])).tolist()
    [0.0]
    """
    if not (water.wells.enabled or water.desalination.enabled):
        return np.zeros_like(to_supply_m3_h, dtype=float)
    return to_supply_m3_h * water.distribution_kwh_per_m3


def fixed_parts(scenario: Scenario, demand: TownDemand) -> FixedParts:
    """Size sewage, waste and links; derive the LP's fixed series."""
    r = scenario.finance.discount_rate
    water = demand.total("water")
    irrigation = demand.hourly["water"][list(IRRIGATED)].to_numpy().sum(axis=1)
    sewage = plan_sewage(
        scenario.sewage, demand.total("wastewater"), demand.total("bod"), irrigation, r
    )
    to_supply = water - sewage.reuse_m3_h
    distribution = distribution_kw(scenario.water_supply, to_supply)
    waste_kg_h = demand.hourly["waste"]
    days = len(waste_kg_h) / 24
    t_per_day = float(waste_kg_h.to_numpy().sum() / days / 1000.0)
    comp = waste_composition().set_index("fraction")["share"]
    waste = plan_waste(scenario.solid_waste, t_per_day, float(comp["organic"]), r)
    el = demand.hourly["electricity"]
    critical = [c for c in scenario.constraints.critical_facilities if c in load_columns(el)]
    links = plan_links(scenario.data_links, float(demand.total("data").max()), r)
    return FixedParts(
        sewage=sewage,
        waste=waste,
        links=links,
        load_kw=demand.electricity_kw + sewage.energy_kw + distribution,
        critical_kw=el[critical].to_numpy().sum(axis=1) if critical else np.zeros(len(el)),
        must_run_kw=constant(waste.wte_kw, len(el)),
        water_m3_h=to_supply,
        lpg_kg_h=demand.total("lpg"),
        distribution_kw=distribution,
    )
