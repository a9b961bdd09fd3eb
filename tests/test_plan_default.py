"""The default scenario end to end: conservation, battery physics, figures, saved files."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from cayo.results.io import read_results
from cayo.supply.inputs import load_inputs
from cayo.supply.lp import load_basis
from cayo.supply.plan import plan_supply


@pytest.fixture(scope="module")
def saved(default_run):
    return read_results(default_run[1])


def _row(text: str, label: str) -> str:
    """The printed line of a summary row (label, then two spaces or more)."""
    import re

    found = [line for line in text.splitlines() if re.match(re.escape(label) + r"\s{2,}", line)]
    assert found, f"no row {label!r} printed"
    return found[0]


def test_summary_is_printed(default_run, saved):
    """The terminal summary prints the saved figures, formatted by cayo.fmt: the capacities,
    the LCOE, both capex figures (not a sum of every capex key) and the NPC."""
    from cayo import fmt

    text, f = default_run[0], saved.figures
    assert fmt.number(f["pv_kw"], 0) in _row(text, "PV")
    assert fmt.number(f["battery_kwh"], 0) in _row(text, "battery energy")
    assert fmt.number(f["genset_kw"], 0) in _row(text, "gensets")
    assert fmt.number(f["lcoe_usd_per_kwh_served"], 3) in _row(text, "LCOE")
    assert fmt.money(f["capex_full_town_usd"]) in _row(text, "capex, full town")
    assert fmt.money(f["capex_lifecycle_usd"]) in _row(text, "capex, build-out")
    assert fmt.money(f["npc_total_usd"]) in _row(text, "net present cost")
    # the full town's capex is what its components cost, by hand from the saved capacities
    s = json.loads((saved.folder / "scenario.resolved.json").read_text())
    t = s["technologies"]
    pv_battery_gensets = (
        f["pv_kw"] * t["pv"]["capex_usd_per_kw"]
        + f["battery_kw"] * t["battery"]["capex_power_usd_per_kw"]
        + f["battery_kwh"] * t["battery"]["capex_energy_usd_per_kwh"]
        + f["genset_kw"] * t["genset"]["capex_usd_per_kw"]
    )
    assert pv_battery_gensets < f["capex_full_town_usd"] < 1.5 * pv_battery_gensets
    assert "e+" not in text and not re.search(r"\bnan\b", text, re.IGNORECASE)
    assert "results written to" in text


def test_hourly_balance_holds_every_hour(saved):
    h = saved.hourly
    assert len(h) == 8760
    supply = (
        h.pv_kw
        + h.battery_discharge_kw
        - h.battery_charge_kw
        + h.genset_kw
        + h.grid_import_kw
        + h.unserved_kw
        + h.must_run_kw
        - h.wells_kw
        - h.ro_kw
    )
    np.testing.assert_allclose(supply, h.load_kw, atol=1e-5 * h.load_kw.max())
    assert (h.pv_kw <= h.pv_available_kw + 1e-6).all()
    np.testing.assert_allclose(h.pv_kw + h.curtailed_kw, h.pv_available_kw, atol=1e-6)


def test_battery_state_follows_its_flows(saved):
    h, f = saved.hourly, saved.figures
    sc = json.loads((saved.folder / "scenario.resolved.json").read_text())["technologies"][
        "battery"
    ]
    soc = h.battery_soc_kwh.to_numpy()
    delta = (
        sc["charge_efficiency"] * h.battery_charge_kw
        - h.battery_discharge_kw / sc["discharge_efficiency"]
    )
    np.testing.assert_allclose(soc - np.roll(soc, 1), delta, atol=1e-4 * f["battery_kwh"])
    assert soc.max() <= f["battery_kwh"] * (1 + 1e-7) + 1e-6
    assert (h.battery_charge_kw + h.battery_discharge_kw).max() <= f["battery_kw"] * (
        1 + 1e-7
    ) + 1e-6


def test_grid_respects_nightly_cuts(saved):
    h = saved.hourly
    lp = load_inputs(saved.folder / "lp")
    assert (h.grid_import_kw.to_numpy() <= lp.grid_available_kw + 1e-6).all()
    cut_hours = h.index[lp.grid_available_kw == 0].hour
    assert set(cut_hours) <= {21, 22, 23, 0, 1, 2, 3}  # the window the island's cuts fall in


def test_figures_are_consistent(saved):
    """Costs by hand from the scenario and the dispatch; the LP's own objective (the solver's
    number) equals the extracted costs plus penalties."""
    f = saved.figures
    s = json.loads((saved.folder / "scenario.resolved.json").read_text())
    r = s["finance"]["discount_rate"]

    def crf(life: float) -> float:  # capital recovery factor, by hand
        return r / (1 - (1 + r) ** -life)

    pv, gen = s["technologies"]["pv"], s["technologies"]["genset"]
    assert f["cost_pv_usd_yr"] == pytest.approx(
        f["pv_kw"]
        * (pv["capex_usd_per_kw"] * crf(pv["lifetime_yr"]) + pv["fixed_om_usd_per_kw_yr"])
    )
    assert f["cost_genset_capital_usd_yr"] == pytest.approx(
        f["genset_kw"]
        * (gen["capex_usd_per_kw"] * crf(gen["lifetime_yr"]) + gen["fixed_om_usd_per_kw_yr"])
    )
    h = saved.hourly
    assert f["cost_diesel_purchases_usd_yr"] == pytest.approx(
        h.diesel_delivery_l.sum() * gen["fuel_price_usd_per_l"]
    )
    assert f["cost_grid_purchases_usd_yr"] == pytest.approx(
        h.grid_import_kw.sum() * s["technologies"]["island_grid"]["price_usd_per_kwh"]
    )
    # the LP objective is the solver's number: electricity, water plants and LPG + penalties
    lp_costs = f["cost_electricity_system_usd_yr"] + sum(
        f[k]
        for k in (
            "cost_wells_usd_yr",
            "cost_desalination_usd_yr",
            "cost_water_tank_usd_yr",
            "cost_lpg_usd_yr",
        )
    )
    penalties = sum(v for k, v in f.items() if k.startswith("penalty_"))
    assert f["lp_objective_usd_yr"] == pytest.approx(lp_costs + penalties, rel=1e-7)
    served = h.load_kw.sum() - h.unserved_kw.sum() + h.wells_kw.sum() + h.ro_kw.sum()
    assert f["lcoe_usd_per_kwh_served"] == pytest.approx(
        f["cost_electricity_system_usd_yr"] / served
    )
    burnt_l = gen["fuel_l_per_kwh"] * h.genset_kw.sum()
    assert f["diesel_burnt_m3_yr"] * 1000 == pytest.approx(burnt_l)
    # over a cyclic year every litre burnt was delivered
    assert f["diesel_imported_m3_yr"] * 1000 == pytest.approx(burnt_l, rel=1e-6)
    assert 0 <= f["renewable_share"] <= 1
    # An island of 15,000 people planned from scratch: costs in a plausible band for islands
    # (Caribbean tariffs 0.30-0.65 USD/kWh, IADB 2013; the plan should beat diesel-only).
    assert 0.05 < f["lcoe_usd_per_kwh_served"] < 0.65


def test_water_balance_and_stocks_hold_every_hour(saved):
    h, f = saved.hourly, saved.figures
    level = h.water_level_m3.to_numpy()
    inflow = h.wells_m3_h + h.ro_m3_h + h.unserved_water_m3_h - h.water_demand_m3_h
    np.testing.assert_allclose(
        level - np.roll(level, 1), inflow, atol=1e-6 * f["water_tank_m3"] + 1e-6
    )
    assert level.max() <= f["water_tank_m3"] * (1 + 1e-9) + 1e-6
    lp = load_inputs(saved.folder / "lp")
    assert (h.wells_m3_h <= f["wells_m3_h"] + 1e-6).all()
    assert f["wells_m3_h"] <= lp.wells_max_m3_h + 1e-6  # the aquifer's sustainable yield
    stock = h.diesel_stock_l.to_numpy()
    np.testing.assert_allclose(
        stock - np.roll(stock, 1), h.diesel_delivery_l - h.diesel_burn_l, atol=1e-3
    )
    assert stock.max() <= f["diesel_tank_l"] * (1 + 1e-9) + 1e-3
    # the critical peak (data centre, clinics) for the critical autonomy is always in stock:
    # hours × peak critical kW × L/kWh, from the scenario, by hand
    s = json.loads((saved.folder / "scenario.resolved.json").read_text())
    reserve = (
        s["constraints"]["critical_autonomy_hours"]
        * float(np.max(lp.critical_kw))
        * s["technologies"]["genset"]["fuel_l_per_kwh"]
    )
    assert reserve > 0 and lp.diesel_min_stock_l == pytest.approx(reserve)
    assert stock.min() >= reserve * (1 - 1e-9) - 1e-6
    assert (h.diesel_delivery_l[h.diesel_delivery_l > 0].index.hour == 0).all()
    lpg = h.lpg_stock_kg.to_numpy()
    served = h.lpg_demand_kg_h - h.unserved_lpg_kg_h
    np.testing.assert_allclose(lpg - np.roll(lpg, 1), h.lpg_delivery_kg - served, atol=1e-3)
    assert lpg.min() >= -1e-6 and lpg.max() <= f["lpg_tank_kg"] * (1 + 1e-9) + 1e-3


def test_metadata_records_seed_versions_and_hash(saved):
    m = saved.metadata
    assert m["seed"] == 20261129
    for pkg in ("python", "cayo", "numpy", "pvlib", "highspy", "pydantic"):
        assert m["versions"][pkg] not in ("", "unknown")
    assert len(m["scenario_sha256"]) == 64
    assert m["solver"]["status"] == "Optimal"


def test_exported_lp_inputs_rebuild_the_same_optimum(saved):
    """The saved LP inputs are complete: re-solving them gives the saved objective (from the
    saved basis, which only shortens the path: a missing input would move the optimum)."""
    x = load_inputs(saved.folder / "lp")
    basis = load_basis(saved.folder / "lp")
    assert basis is not None
    again = plan_supply(x, warm=basis)
    assert again.solution.warm
    assert again.objective_usd_yr == pytest.approx(saved.figures["lp_objective_usd_yr"], rel=1e-9)
    assert (saved.folder / "lp" / "README.md").read_text().startswith("# The cayo supply LP")


def test_results_carry_the_whole_town(saved):
    import pandas as pd

    folder = saved.folder
    facilities = pd.read_csv(folder / "facilities.csv", index_col="facility")
    # summary.json keeps 12 significant digits
    assert facilities.at["residence", "occupants"] == pytest.approx(
        saved.metadata["residents"], rel=1e-11
    )
    demand = pd.read_parquet(folder / "demand_hourly.parquet")
    summary = pd.read_csv(folder / "demand_summary.csv", index_col="carrier")
    assert set(summary.index) == {
        "electricity",
        "water",
        "wastewater",
        "bod",
        "lpg",
        "waste",
        "data",
    }
    # the LP's fixed load is the town's electricity (every electricity column but the cooling
    # parts) plus sewage treatment and water distribution
    el = [c for c in demand.columns if c.startswith("electricity_kW__") and "__cooling_" not in c]
    lp = load_inputs(folder / "lp")
    town = demand[el].sum(axis=1).to_numpy()
    f = saved.figures
    assert (lp.load_kw >= town - 1e-9).all()
    assert lp.load_kw.sum() == pytest.approx(
        town.sum() + f["sewage_kwh_yr"] + f["distribution_kwh_yr"], rel=1e-12
    )
    water = [c for c in demand.columns if c.startswith("water_")]
    assert demand[water].to_numpy().sum() == pytest.approx(summary.at["water", "annual"], rel=1e-9)
