"""Cross-check and time cayo's multi-utility supply LP against the identical PyPSA model.

    python bench/lp_vs_pypsa.py [INPUT_FOLDER]

INPUT_FOLDER holds ``lp_hourly.parquet`` + ``lp_parameters.json`` (written by
``cayo.supply.inputs.save_inputs``). Without it, the default scenario's inputs are exported to
a temporary folder first (not timed).

Phases, per tool:

* import: ``python -c "<import>"`` in a fresh subprocess minus a bare ``python -c pass``
  (median of 3 each);
* read:   ``cayo.supply.inputs.load_inputs`` (the same call for both tools);
* build:  cayo ``build_lp``; PyPSA network construction (``n.add``);
* solve:  the rest of cayo's ``plan_supply`` (matrix to HiGHS, run, results);
          PyPSA ``n.optimize(solver_name="highs")`` (linopy model, HiGHS, solution assignment).

Everything both tools import (cayo, pypsa, highspy, pyarrow.parquet) is imported before any
in-process phase is timed, so lazily imported modules are charged to neither tool's read/solve;
import cost is measured only in the subprocesses.

The last line printed is ``objective_rel_diff=<x> time_ratio=<cayo_total/pypsa_total>``.

`build_network`, `extra_functionality` (with `battery_power_constraint`) and `network_capacity`
are the single copy of the PyPSA mirror of ``cayo.supply.plan.build_lp`` (electricity, water,
diesel and LPG by ship, reserve and the plan-wide rules); tests/supply/test_pypsa_crosscheck.py
loads them from here.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from cayo.supply.inputs import LPInputs, is_capped

BUS = "electricity"
BATTERY_BUS = "battery"
CHARGER = "battery_charger"
DISCHARGER = "battery_discharger"
WATER_BUS = "water"
DIESEL_BUS = "diesel"
LPG_BUS = "lpg"
GENSET = "genset"
RESERVE_SHORTFALL = "reserve_shortfall"


# --------------------------------------------------------------------------------------------
# The PyPSA mirror of cayo's LP
# --------------------------------------------------------------------------------------------
#
# Units: the network is built in the units of the exported inputs (kW, kWh, m³/h, m³, L, kg;
# every bus counts its own unit per hour), not in cayo's internal 1e-3 scaling.
#
# cayo                                   PyPSA
# electricity balance (≥, PV curtailed)  bus "electricity" (=; PV's p ≤ a_t·P_pv curtails),
#                                        load L_t − must_run_t
# PV, grid import, lost load             Generators (lost load p ≤ L_t − critical_t)
# genset without fuel logistics          Generator
# genset burning shipped diesel          Link diesel → electricity, efficiency 1/φ, so p_nom,
#                                        p_nom_min/max, capital and VOM are on the fuel side
# battery                                Store on bus "battery" + charger/discharger Links
# wells, RO                              Links electricity → water, efficiency 1/e [m³/kWh],
#                                        p_nom on the electric side (= e·Q)
# water tank, unserved water             Store (cyclic), Generator (p ≤ W_t)
# diesel / LPG tank                      Store (cyclic; diesel e_t ≥ min stock by a bound)
# deliveries                             Generator p_nom = cargo, p_max_pu = 1 in ship hours
# unserved LPG (daily in cayo)           Generator p ≤ LPG_t (hourly: same optimum, linear cost)
# reserve, shortfall, most unserved,     `extra_functionality` (linopy rows; the shortfall is a
# least renewable                        linopy variable priced at VoLL in the objective)
#
# cayo keeps fuel stocks by the day (ships unload in hour 0); the hourly Stores here are the
# hourly stock balance the daily rows are an exact form of, so the optima agree. Deliveries are
# allowed in the hours the ship series marks; cayo takes any marked hour as hour 0 of its day
# (one cargo a day), so the two agree when ships are marked at hour 0, as
# `cayo.supply.assemble.ship_hours` writes them.


def build_network(x: LPInputs, snapshots: pd.Index | None = None):
    """The PyPSA network whose LP is cayo's `build_lp(x)` (components skipped exactly as there).

    Pass `extra_functionality(x)` to ``n.optimize``.
    """
    import pypsa

    T = len(x.load_kw)
    if snapshots is None:
        snapshots = pd.date_range("2001-01-01", periods=T, freq="h")
    n = pypsa.Network()
    n.set_snapshots(snapshots)
    n.snapshot_weightings.loc[:, :] = 1.0  # one hour, objective weight 1 (the default; explicit)

    def series(values: np.ndarray) -> pd.Series:
        return pd.Series(np.asarray(values, dtype=float), index=n.snapshots)

    def bounded_generator(name: str, bus: str, upper: np.ndarray, cost: float) -> None:
        """0 ≤ p_t ≤ upper_t at `cost` per unit (p_nom = peak, p_max_pu = upper/peak)."""
        upper = np.maximum(np.asarray(upper, dtype=float), 0.0)
        peak = float(upper.max()) if len(upper) else 0.0
        n.add(
            "Generator",
            name,
            bus=bus,
            p_nom=peak,
            p_max_pu=series(upper / peak if peak > 0 else np.zeros(T)),
            marginal_cost=cost,
        )

    load = np.asarray(x.load_kw, dtype=float)
    must_run = 0.0 if x.must_run_kw is None else np.asarray(x.must_run_kw, dtype=float)
    n.add("Bus", BUS)
    n.add("Load", "load", bus=BUS, p_set=series(load - must_run))
    if np.any(load - must_run < 0):
        # cayo's balance is ≥ (free disposal); PV curtailment cannot absorb must-run surplus.
        surplus = np.maximum(must_run - load, 0.0)
        n.add(
            "Generator",
            "must_run_surplus",
            bus=BUS,
            p_nom=float(surplus.max()),
            p_min_pu=-1.0,
            p_max_pu=0.0,
        )

    # define_pv: skipped when pv_max_kw <= 0
    if x.pv_max_kw > 0:
        n.add(
            "Generator",
            "pv",
            bus=BUS,
            p_nom_extendable=True,
            p_nom_max=x.pv_max_kw,
            p_max_pu=series(x.pv_kw_per_kwp),
            capital_cost=x.pv_capital_usd_per_kw_yr,
        )

    # define_genset: skipped when genset_max_kw is not None and <= 0; None/inf = uncapped.
    genset = not (x.genset_max_kw is not None and x.genset_max_kw <= 0)
    genset_max = x.genset_max_kw if is_capped(x.genset_max_kw) else np.inf
    # define_diesel: only with ships and a genset; fuel is then paid on delivery, not per kWh.
    diesel = genset and x.diesel_ship is not None
    phi = x.genset_fuel_l_per_kwh
    if diesel:
        n.add("Bus", DIESEL_BUS)
        n.add(
            "Store",
            "diesel_tank",
            bus=DIESEL_BUS,
            e_nom_extendable=True,
            e_nom_min=x.diesel_min_stock_l,
            e_cyclic=True,
            capital_cost=x.diesel_tank_capital_usd_per_l_yr,
        )  # e_t ≥ diesel_min_stock_l: a bound set in extra_functionality
        n.add(
            "Generator",
            "diesel_delivery",
            bus=DIESEL_BUS,
            p_nom=x.diesel_cargo_l,
            p_max_pu=series(np.asarray(x.diesel_ship) > 0),
            marginal_cost=x.diesel_price_usd_per_l,
        )
    if genset and diesel and phi > 0:
        n.add(
            "Link",
            GENSET,
            bus0=DIESEL_BUS,
            bus1=BUS,
            efficiency=1.0 / phi,
            p_nom_extendable=True,
            p_nom_min=phi * x.genset_min_kw,
            p_nom_max=phi * genset_max,
            capital_cost=x.genset_capital_usd_per_kw_yr / phi,
            marginal_cost=x.genset_marginal_usd_per_kwh / phi,
        )
    elif genset:  # no fuel logistics (or a genset that burns nothing)
        n.add(
            "Generator",
            GENSET,
            bus=BUS,
            p_nom_extendable=True,
            p_nom_min=x.genset_min_kw,
            p_nom_max=genset_max,
            capital_cost=x.genset_capital_usd_per_kw_yr,
            marginal_cost=x.genset_marginal_usd_per_kwh,
        )

    # define_battery: skipped unless battery_enabled
    if x.battery_enabled:
        n.add("Bus", BATTERY_BUS)
        n.add(
            "Store",
            "battery",
            bus=BATTERY_BUS,
            e_nom_extendable=True,
            e_cyclic=True,
            capital_cost=x.battery_energy_capital_usd_per_kwh_yr,
        )
        n.add(
            "Link",
            CHARGER,
            bus0=BUS,
            bus1=BATTERY_BUS,
            p_nom_extendable=True,
            efficiency=x.battery_charge_efficiency,
            capital_cost=x.battery_power_capital_usd_per_kw_yr,
        )
        # cayo charges m_b per kWh of AC discharge d_t = η_d·p0; a Link's marginal_cost is per p0.
        n.add(
            "Link",
            DISCHARGER,
            bus0=BATTERY_BUS,
            bus1=BUS,
            p_nom_extendable=True,
            efficiency=x.battery_discharge_efficiency,
            capital_cost=0.0,
            marginal_cost=x.battery_discharge_cost_usd_per_kwh * x.battery_discharge_efficiency,
        )

    # define_grid_import: skipped when no hour has availability > 0
    grid = np.asarray(x.grid_available_kw, dtype=float)
    if np.any(grid > 0):
        bounded_generator("island_grid", BUS, grid, x.grid_price_usd_per_kwh)

    # define_lost_load: always present, 0 <= u_t <= L_t − critical_t
    critical = 0.0 if x.critical_kw is None else np.asarray(x.critical_kw, dtype=float)
    bounded_generator("lost_load", BUS, load - critical, x.value_of_lost_load_usd_per_kwh)

    # define_water: skipped without a water series
    if x.water_m3_h is not None:
        demand = np.asarray(x.water_m3_h, dtype=float)
        n.add("Bus", WATER_BUS)
        n.add("Load", "water_load", bus=WATER_BUS, p_set=series(demand))
        sources = []
        if x.wells_max_m3_h > 0:
            sources.append(
                ("wells", x.wells_max_m3_h, x.wells_capital_usd_per_m3h_yr, 0.0, x.wells_kwh_per_m3)
            )
        if x.ro_enabled:
            sources.append(
                (
                    "ro",
                    np.inf,
                    x.ro_capital_usd_per_m3h_yr,
                    x.ro_marginal_usd_per_m3,
                    x.ro_kwh_per_m3,
                )
            )
        for name, most, capital, marginal, e in sources:
            if e > 0:  # capacity, capital and marginal cost measured on the electric side
                n.add(
                    "Link",
                    name,
                    bus0=BUS,
                    bus1=WATER_BUS,
                    efficiency=1.0 / e,
                    p_nom_extendable=True,
                    p_nom_max=e * most,
                    capital_cost=capital / e,
                    marginal_cost=marginal / e,
                )
            else:  # water that needs no power
                n.add(
                    "Generator",
                    name,
                    bus=WATER_BUS,
                    p_nom_extendable=True,
                    p_nom_max=most,
                    capital_cost=capital,
                    marginal_cost=marginal,
                )
        bounded_generator("unserved_water", WATER_BUS, demand, x.value_of_lost_water_usd_per_m3)
        if x.water_tank_enabled:
            n.add(
                "Store",
                "water_tank",
                bus=WATER_BUS,
                e_nom_extendable=True,
                e_cyclic=True,
                capital_cost=x.water_tank_capital_usd_per_m3_yr,
            )

    # define_lpg: skipped without an LPG series or its ships
    if x.lpg_kg_h is not None and x.lpg_ship is not None:
        gas = np.asarray(x.lpg_kg_h, dtype=float)
        n.add("Bus", LPG_BUS)
        n.add("Load", "lpg_load", bus=LPG_BUS, p_set=series(gas))
        n.add(
            "Store",
            "lpg_tank",
            bus=LPG_BUS,
            e_nom_extendable=True,
            e_cyclic=True,
            capital_cost=x.lpg_tank_capital_usd_per_kg_yr,
        )
        n.add(
            "Generator",
            "lpg_delivery",
            bus=LPG_BUS,
            p_nom=x.lpg_cargo_kg,
            p_max_pu=series(np.asarray(x.lpg_ship) > 0),
            marginal_cost=x.lpg_price_usd_per_kg,
        )
        bounded_generator("unserved_lpg", LPG_BUS, gas, x.value_of_lost_lpg_usd_per_kg)
    return n


def _genset_output(n, phi: float):
    """(capacity P_g, hourly output g_t) as linopy expressions [kW], or None without a genset."""
    m = n.model
    if GENSET in n.links.index:  # fuel-side link: P_g = p_nom/φ, g_t = p0_t/φ
        return (
            m["Link-p_nom"].sel(name=GENSET, drop=True) / phi,
            m["Link-p"].sel(name=GENSET, drop=True) / phi,
        )
    if GENSET in n.generators.index:
        return (
            m["Generator-p_nom"].sel(name=GENSET, drop=True),
            m["Generator-p"].sel(name=GENSET, drop=True),
        )
    return None


def battery_power_constraint(x: LPInputs):
    """extra_functionality: charger.p_nom == η_d · discharger.p_nom.

    Separate charger/discharger links give c_t ≤ P_b (charger p_nom = P_b) and
    d_t = η_d · discharger p0_t ≤ P_b (discharger p0_t ≤ P_b / η_d). cayo writes the tighter
    c_t + d_t ≤ P_b, which has the same optimum: an hour that both charges and discharges can be
    netted to one flow with the same state of charge, no less supply, no less reserve headroom
    (P_b − d_t) and lower cost.
    """

    def extra(n, snapshots) -> None:
        if not x.battery_enabled:
            return
        p_nom = n.model["Link-p_nom"]
        n.model.add_constraints(
            p_nom.sel(name=CHARGER, drop=True)
            - x.battery_discharge_efficiency * p_nom.sel(name=DISCHARGER, drop=True)
            == 0,
            name="battery_power_ac",
        )

    return extra


def extra_functionality(x: LPInputs):
    """Everything cayo's LP has that PyPSA components do not express, for ``n.optimize``:

    * the battery's AC power coupling (`battery_power_constraint`);
    * diesel stock ≥ diesel_min_stock_l every hour (a lower bound on the tank's Store-e);
    * operating reserve every hour: (P_g − g_t) + (P_b − d_t) + z_t ≥ ρ_L·(L_t − u_t) +
      ρ_pv·a_t·P_pv, with the shortfall z_t ≥ 0 a new variable priced at VoLL in the objective;
    * most unserved share: Σ u_t ≤ s_max · Σ L_t;
    * least renewable share: Σ g_t + Σ i_t ≤ (1 − RE_min)·Σ (L_t − u_t + wells and RO input).
    """
    battery = battery_power_constraint(x)

    def extra(n, snapshots) -> None:
        m = n.model
        battery(n, snapshots)
        gen = _genset_output(n, x.genset_fuel_l_per_kwh)
        load = pd.Series(np.asarray(x.load_kw, dtype=float), index=snapshots).rename_axis(
            "snapshot"
        )

        if "water_tank" in n.stores.index and x.water_min_level_m3 > 0:
            e = m["Store-e"]
            lower = e.lower.copy()
            lower.loc[{"name": "water_tank"}] = x.water_min_level_m3
            e.update(lower=lower)

        if "diesel_tank" in n.stores.index and x.diesel_min_stock_l > 0:
            e = m["Store-e"]
            lower = e.lower.copy()
            lower.loc[{"name": "diesel_tank"}] = x.diesel_min_stock_l
            e.update(lower=lower)

        if x.reserve_share_of_load > 0 or x.reserve_share_of_pv > 0:
            hours = pd.Index(snapshots, name="snapshot")
            z = m.add_variables(lower=0.0, coords=[hours], name=RESERVE_SHORTFALL)
            lhs = 1.0 * z
            if gen is not None:
                lhs = lhs + gen[0] - gen[1]
            if x.battery_enabled:
                lhs = (
                    lhs
                    + m["Link-p_nom"].sel(name=CHARGER, drop=True)
                    - x.battery_discharge_efficiency * m["Link-p"].sel(name=DISCHARGER, drop=True)
                )
            if "pv" in n.generators.index and x.reserve_share_of_pv > 0:
                a = pd.Series(np.asarray(x.pv_kw_per_kwp, dtype=float), index=snapshots)
                lhs = lhs - x.reserve_share_of_pv * a.rename_axis("snapshot") * m[
                    "Generator-p_nom"
                ].sel(name="pv", drop=True)
            if x.reserve_share_of_load > 0:
                lost = m["Generator-p"].sel(name="lost_load", drop=True)
                lhs = lhs + x.reserve_share_of_load * lost
            m.add_constraints(lhs >= x.reserve_share_of_load * load, name="reserve")
            m.add_objective(
                m.objective.expression + x.value_of_lost_load_usd_per_kwh * z.sum(),
                overwrite=True,
            )

        unserved = m["Generator-p"].sel(name="lost_load", drop=True).sum()
        total_load = float(np.sum(x.load_kw))
        if x.max_unserved_share < 1:
            m.add_constraints(unserved <= x.max_unserved_share * total_load, name="max_unserved")
        if x.min_renewable_share > 0:
            keep = 1.0 - x.min_renewable_share
            lhs = -keep * unserved
            if gen is not None:
                lhs = lhs + gen[1].sum()
            if "island_grid" in n.generators.index:
                lhs = lhs + m["Generator-p"].sel(name="island_grid", drop=True).sum()
            for plant in ("wells", "ro"):  # their p0 is the electricity they draw
                if plant in n.links.index:
                    lhs = lhs - keep * m["Link-p"].sel(name=plant, drop=True).sum()
            m.add_constraints(lhs <= keep * total_load, name="min_renewable")

    return extra


def network_capacity(n, x: LPInputs) -> dict[str, float]:
    """Optimal capacities under cayo's names and units (0 for absent components)."""
    gen = n.generators.p_nom_opt
    link = n.links.p_nom_opt
    store = n.stores.e_nom_opt

    def water(name: str, e: float) -> float:
        if name in link.index:
            return float(link[name]) / e
        return float(gen.get(name, 0.0))

    genset = float(gen.get(GENSET, 0.0))
    if GENSET in link.index:
        genset = float(link[GENSET]) / x.genset_fuel_l_per_kwh
    return {
        "pv_kw": float(gen.get("pv", 0.0)),
        "battery_kw": float(link.get(CHARGER, 0.0)),
        "battery_kwh": float(store.get("battery", 0.0)),
        "genset_kw": genset,
        "wells_m3_h": water("wells", x.wells_kwh_per_m3),
        "ro_m3_h": water("ro", x.ro_kwh_per_m3),
        "water_tank_m3": float(store.get("water_tank", 0.0)),
        "diesel_tank_l": float(store.get("diesel_tank", 0.0)),
        "lpg_tank_kg": float(store.get("lpg_tank", 0.0)),
    }


# --------------------------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------------------------


def _run_python(code: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return time.perf_counter() - t0


def import_seconds(code: str, repeats: int = 3) -> float:
    """Median wall time of ``python -c code`` minus median of ``python -c pass``."""
    base = statistics.median(_run_python("pass") for _ in range(repeats))
    full = statistics.median(_run_python(code) for _ in range(repeats))
    return full - base


def default_inputs(folder: Path) -> Path:
    """Export the default scenario's LP inputs into `folder`."""
    from cayo.pipeline import prepare
    from cayo.scenario.io import load_scenario
    from cayo.supply.inputs import save_inputs

    save_inputs(prepare(load_scenario()).inputs, folder)
    return folder


def time_cayo(folder: Path) -> dict:
    import cayo.supply.plan as el
    from cayo.supply.inputs import load_inputs
    from cayo.supply.lp import SOLVER_OPTIONS

    t0 = time.perf_counter()
    x = load_inputs(folder)
    t_read = time.perf_counter() - t0

    # Time build_lp inside plan_supply by wrapping the module global it calls.
    built: dict[str, float] = {}
    original = el.build_lp

    def timed_build_lp(inputs):
        t = time.perf_counter()
        lp = original(inputs)
        built["seconds"] = time.perf_counter() - t
        return lp

    el.build_lp = timed_build_lp
    try:
        t0 = time.perf_counter()
        plan = el.plan_supply(x)
        t_plan = time.perf_counter() - t0
    finally:
        el.build_lp = original
    sol = plan.solution
    return {
        "read": t_read,
        "build": built["seconds"],
        "solve": t_plan - built["seconds"],
        "highs_run": sol.seconds,
        "objective": plan.objective_usd_yr,
        "capacity": plan.capacity,
        "hours": len(x.load_kw),
        "detail": f"HiGHS options {SOLVER_OPTIONS}; {sol.iterations} iterations",
    }


def time_pypsa(folder: Path, solver_options: dict | None = None) -> dict:
    from cayo.supply.inputs import load_inputs

    t0 = time.perf_counter()
    x = load_inputs(folder)
    t_read = time.perf_counter() - t0

    t0 = time.perf_counter()
    n = build_network(x)
    t_build = time.perf_counter() - t0

    marks: dict[str, float] = {}
    extra = extra_functionality(x)

    def extra_timed(net, sns):  # called by n.optimize right after linopy model creation
        marks["model_created"] = time.perf_counter()
        extra(net, sns)

    t0 = time.perf_counter()
    status, condition = n.optimize(
        solver_name="highs",
        solver_options=solver_options or {},
        extra_functionality=extra_timed,
        include_objective_constant=True,
    )
    t_solve = time.perf_counter() - t0
    if (status, condition) != ("ok", "optimal"):
        raise RuntimeError(f"PyPSA/HiGHS ended with {status}/{condition}")

    h = n.model.solver_model
    info = h.getInfo()
    solver_option = h.getOptionValue("solver")
    if isinstance(solver_option, tuple):  # highspy returns (status, value)
        solver_option = solver_option[-1]
    return {
        "read": t_read,
        "build": t_build,
        "solve": t_solve,
        "create_model": marks["model_created"] - t0,
        "highs_run": float(h.getRunTime()),
        "objective": float(n.objective),
        "objective_constant": float(n.objective_constant or 0.0),
        "capacity": network_capacity(n, x),
        "detail": f"HiGHS solver={solver_option!r} "
        f"({'cayo options' if solver_options else 'PyPSA/linopy defaults'}), "
        f"{info.simplex_iteration_count} simplex + {info.ipm_iteration_count} ipm "
        f"iterations; LP {h.getNumRow()} rows x {h.getNumCol()} cols",
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, help="exported LP inputs (default: export)")
    ap.add_argument("--repeats", type=int, default=3, help="import timing repeats (median)")
    ap.add_argument(
        "--no-same-options",
        action="store_true",
        help="skip the extra PyPSA run with cayo's HiGHS options (informative, not in time_ratio)",
    )
    args = ap.parse_args(argv)

    tmp = None
    folder = args.folder
    if folder is None:
        tmp = tempfile.TemporaryDirectory(prefix="cayo-lpin-")
        folder = default_inputs(Path(tmp.name))
        print(f"exported default-scenario inputs to {folder}")

    imp_cayo = import_seconds("import cayo.supply.plan, cayo.supply.inputs", args.repeats)
    imp_pypsa = import_seconds("import pypsa", args.repeats)

    # Everything either tool imports lazily, imported now (untimed) so neither is charged for it.
    import highspy  # noqa: F401
    import linopy  # noqa: F401
    import pyarrow.dataset  # noqa: F401  (pq.read_table imports it on first use: ~0.13 s)
    import pyarrow.parquet  # noqa: F401
    import pypsa  # noqa: F401

    import cayo.supply.plan  # noqa: F401

    c = time_cayo(folder)
    p = time_pypsa(folder)
    c["import"], p["import"] = imp_cayo, imp_pypsa
    phases = ("import", "read", "build", "solve")
    c["total"] = sum(c[k] for k in phases)
    p["total"] = sum(p[k] for k in phases)

    print()
    print(f"inputs: {folder}  ({c['hours']} h)")
    print(f"{'phase [s]':<32}{'cayo':>10}{'pypsa':>10}")
    for k in phases:
        print(f"{k:<32}{c[k]:>10.3f}{p[k]:>10.3f}")
    print(f"{'total':<32}{c['total']:>10.3f}{p['total']:>10.3f}")
    print(f"{'  solve: linopy model creation':<32}{'':>10}{p['create_model']:>10.3f}")
    print(f"{'  solve: HiGHS run':<32}{c['highs_run']:>10.3f}{p['highs_run']:>10.3f}")
    print(f"cayo : {c['detail']}")
    print(f"pypsa: {p['detail']}; objective_constant={p['objective_constant']}")
    print(f"objective [USD/yr]: cayo {c['objective']!r}  pypsa {p['objective']!r}")
    for k in c["capacity"]:
        print(f"  {k:<14} cayo {c['capacity'][k]:14.4f}  pypsa {p['capacity'][k]:14.4f}")
    if not args.no_same_options:
        from cayo.supply.lp import SOLVER_OPTIONS

        q = time_pypsa(folder, dict(SOLVER_OPTIONS))
        q["total"] = p["import"] + sum(q[k] for k in ("read", "build", "solve"))
        print(
            f"pypsa with cayo's HiGHS options: total {q['total']:.3f} s (HiGHS run "
            f"{q['highs_run']:.3f} s, {q['detail']}); time_ratio_same_options="
            f"{c['total'] / q['total']:.4f}; objective {q['objective']!r}"
        )
    rel = abs(c["objective"] - p["objective"]) / max(abs(c["objective"]), abs(p["objective"]))
    if tmp is not None:
        tmp.cleanup()
    sys.stdout.flush()
    print(f"objective_rel_diff={rel:.3e} time_ratio={c['total'] / p['total']:.4f}", flush=True)


if __name__ == "__main__":
    main()
