"""Hand-solved cases of the multi-utility supply LP: water, diesel and LPG by ship, plan-wide rules.

Every optimum below is derived on paper in the test's docstring and asserted exactly. The
"year" of a case is its T hours: an annual capital cost is paid once per case, whatever T is.
Unless a case says otherwise: genset C_g = 300 USD/(kW·yr), m_g = 0.3 USD/kWh, φ = 0.25 L/kWh,
VoLL = 1000 USD/kWh (the defaults of `inputs`).
"""

from __future__ import annotations

import numpy as np
import pytest
from lp_cases import inputs

from cayo.errors import CayoError
from cayo.supply.assemble import ship_hours
from cayo.supply.inputs import LPInputs
from cayo.supply.lp import SolveError
from cayo.supply.plan import build_lp, plan_supply

REL = 1e-7
ABS = 1e-6


# --- 1–4: water -----------------------------------------------------------------------------


@pytest.mark.parametrize("ro_capital, builds_ro", [(19.2, True), (28.8, False)])
def test_wells_then_desalination_at_its_break_even(ro_capital, builds_ro):
    """T = 48 h; load 1 kW and water W = 10 m³/h, both flat; electricity from a genset only with
    C_g = 4.8 USD/(kW·yr) and m_g = 0.3 USD/kWh. A flat extra load of 1 kW for the 48 h costs
    4.8 + 0.3·48, i.e. k = 4.8/48 + 0.3 = 0.4 USD/kWh.

    Wells: yield Y = 6 m³/h < W, 0.5 kWh/m³, 4.8 USD/((m³/h)·yr) → 4.8/48 + 0.5·0.4 = 0.3 USD/m³
    at full use, so the wells run flat at Y. The other 4 m³/h come from RO (3 kWh/m³, 0.3 USD/m³
    O&M, capital C_r) at C_r/48 + 0.3 + 3·0.4 = C_r/48 + 1.5 USD/m³, or are lost at
    VoLW = 2 USD/m³. Break-even C_r = 24: C_r = 19.2 (1.9 USD/m³) builds 4 m³/h of RO;
    C_r = 28.8 (2.1 USD/m³) builds none and leaves 4·48 = 192 m³ unserved.

    Objective = 48·(1·k + 6·0.3 + 4·min(C_r/48 + 1.5, 2)) → 470.4 and 489.6 USD;
    genset = 1 + 0.5·6 + 3·4 = 16 kW with RO, 4 kW without.
    """
    T = 48
    x = inputs(
        T,
        genset_max_kw=None,
        genset_capital_usd_per_kw_yr=4.8,
        water_m3_h=np.full(T, 10.0),
        wells_max_m3_h=6.0,
        wells_capital_usd_per_m3h_yr=4.8,
        wells_kwh_per_m3=0.5,
        ro_enabled=True,
        ro_capital_usd_per_m3h_yr=ro_capital,
        ro_marginal_usd_per_m3=0.3,
        ro_kwh_per_m3=3.0,
        value_of_lost_water_usd_per_m3=2.0,
    )
    p = plan_supply(x)
    k = 4.8 / T + 0.3
    ro_unit = ro_capital / T + 0.3 + 3.0 * k
    ro = 4.0 if builds_ro else 0.0
    assert p.capacity["wells_m3_h"] == pytest.approx(6.0, rel=REL)
    assert p.capacity["ro_m3_h"] == pytest.approx(ro, abs=ABS)
    assert p.capacity["genset_kw"] == pytest.approx(1 + 0.5 * 6 + 3 * ro, rel=REL)
    assert p.hourly["unserved_water_m3_h"].sum() == pytest.approx((4 - ro) * T, abs=ABS)
    expected = T * (1 * k + 6 * 0.3 + 4 * min(ro_unit, 2.0))
    assert expected == pytest.approx(470.4 if builds_ro else 489.6, rel=1e-12)
    assert p.objective_usd_yr == pytest.approx(expected, rel=REL)


def _bridging_case(T: int = 48, **kw) -> LPInputs:
    """Water 8 m³/h from 18:00 to 22:00 (k = 4 h), 4 m³/h otherwise; wells up to Y = 5 m³/h at
    1 USD/((m³/h)·yr) and no pumping energy; VoLW = 100 USD/m³; no electricity load."""
    water = np.tile(np.r_[np.full(18, 4.0), np.full(4, 8.0), np.full(2, 4.0)], T // 24)
    base = dict(
        load_kw=np.zeros(T),
        water_m3_h=water,
        wells_max_m3_h=5.0,
        wells_capital_usd_per_m3h_yr=1.0,
        water_tank_capital_usd_per_m3_yr=1.0,
        value_of_lost_water_usd_per_m3=100.0,
    )
    return inputs(T, **(base | kw))


def test_tank_bridges_the_evening_gap():
    """`_bridging_case`: each day the wells fall 8 − 5 = 3 m³/h short for 4 h (12 m³) and have
    5 − 4 = 1 m³/h spare for 20 h (20 m³ ≥ 12), so a 12 m³ tank bridges the gap. A smaller well
    field (Q_w < Y) would need 4 m³ more tank per m³/h saved: 1 < 4·1, so Q_w = Y = 5.
    Lost water (100 USD/m³) never beats the tank (1 USD/m³). Objective = 5·1 + 12·1 = 17."""
    p = plan_supply(_bridging_case(water_tank_enabled=True))
    assert p.capacity["wells_m3_h"] == pytest.approx(5.0, rel=REL)
    assert p.capacity["water_tank_m3"] == pytest.approx(12.0, rel=REL)
    assert p.hourly["water_level_m3"].max() == pytest.approx(12.0, rel=REL)
    assert p.hourly["unserved_water_m3_h"].sum() == pytest.approx(0.0, abs=ABS)
    assert p.objective_usd_yr == pytest.approx(5 + 12, rel=REL)


def test_without_tank_the_gap_is_lost_or_desalinated():
    """`_bridging_case` with the tank off: 12 m³/day (24 m³ over the 2 days) cannot be stored.
    * RO off: it is lost; objective = 5·1 + 100·24 = 2405.
    * RO on at C_r = 10 USD/((m³/h)·yr) and 0.5 USD/m³, no energy: 3 m³/h of RO for the peak hours
      cost 3·10 + 0.5·24 = 42 ≪ 2400; wells stay at Y (each m³/h less would add 10 + 0.5·8 of RO).
      Objective = 5 + 42 = 47."""
    p = plan_supply(_bridging_case())
    assert "water_tank_m3" not in build_lp(_bridging_case()).columns
    assert p.hourly["unserved_water_m3_h"].sum() == pytest.approx(24.0, rel=REL)
    assert p.objective_usd_yr == pytest.approx(5 + 100 * 24, rel=REL)

    ro = dict(ro_enabled=True, ro_capital_usd_per_m3h_yr=10.0, ro_marginal_usd_per_m3=0.5)
    p = plan_supply(_bridging_case(**ro))
    assert p.capacity["wells_m3_h"] == pytest.approx(5.0, rel=REL)
    assert p.capacity["ro_m3_h"] == pytest.approx(3.0, rel=REL)
    assert p.hourly["ro_m3_h"].sum() == pytest.approx(24.0, rel=REL)
    assert p.hourly["unserved_water_m3_h"].sum() == pytest.approx(0.0, abs=ABS)
    assert p.objective_usd_yr == pytest.approx(5 + 30 + 12, rel=REL)


@pytest.mark.parametrize("tank", [False, True])
@pytest.mark.parametrize("load", [0.0, 2.0])
def test_no_water_source_reports_all_water_unserved(tank, load):
    """No wells (wells_max 0), no RO; a tank alone cannot make water (its level is cyclic), and
    there is no electricity source either. Everything is lost:
    objective = VoLW·ΣW + VoLL·ΣL (VoLW = 3 USD/m³), and the plan is still Optimal."""
    T = 24
    water = 2.0 + np.sin(np.arange(T) / 24 * 2 * np.pi)
    x = inputs(
        T,
        load_kw=np.full(T, load),
        water_m3_h=water,
        water_tank_enabled=tank,
        water_tank_capital_usd_per_m3_yr=1.0,
        value_of_lost_water_usd_per_m3=3.0,
    )
    p = plan_supply(x)
    np.testing.assert_allclose(p.hourly["unserved_water_m3_h"], water, rtol=REL)
    assert p.objective_usd_yr == pytest.approx(3.0 * water.sum() + 1000 * load * T, rel=REL)
    assert p.solution.status == "Optimal"


def test_pumping_energy_enters_the_electricity_balance():
    """Wells of yield 10 m³/h > every W_t serve the water hour by hour (no tank); lost water
    (1000 USD/m³) costs more than the 0.7·300 = 210 USD of genset per m³/h of peak pumping. With
    e_w = 0.7 kWh/m³ the only source, the genset, runs g_t = L_t + 0.7·W_t: its energy rises by
    exactly 0.7·ΣW, its capacity to max(L + 0.7·W), and the objective by
    C_g·Δcap + m_g·0.7·ΣW."""
    T = 48
    h = np.arange(T)
    load = 3.0 + np.cos(h / 24 * 2 * np.pi)  # peak at midnight
    water = 4.0 + 3.0 * np.sin(h / 24 * 2 * np.pi)  # peak at 06:00
    kw = dict(
        load_kw=load,
        genset_max_kw=None,
        water_m3_h=water,
        wells_max_m3_h=10.0,
        wells_capital_usd_per_m3h_yr=1.0,
        value_of_lost_water_usd_per_m3=1000.0,
    )
    dry = plan_supply(inputs(T, **kw))
    wet = plan_supply(inputs(T, wells_kwh_per_m3=0.7, **kw))
    np.testing.assert_allclose(dry.hourly["genset_kw"], load, rtol=REL)
    np.testing.assert_allclose(wet.hourly["genset_kw"], load + 0.7 * water, rtol=REL)
    np.testing.assert_allclose(wet.hourly["wells_kw"], 0.7 * water, rtol=REL)
    gain = wet.hourly["genset_kw"].sum() - dry.hourly["genset_kw"].sum()
    assert gain == pytest.approx(0.7 * water.sum(), rel=REL)
    d_cap = (load + 0.7 * water).max() - load.max()
    assert wet.capacity["genset_kw"] - dry.capacity["genset_kw"] == pytest.approx(d_cap, rel=REL)
    assert wet.objective_usd_yr - dry.objective_usd_yr == pytest.approx(
        300 * d_cap + 0.3 * 0.7 * water.sum(), rel=REL
    )
    wells = 1.0 * water.max()
    assert dry.objective_usd_yr == pytest.approx(
        300 * load.max() + 0.3 * load.sum() + wells, rel=REL
    )


# --- 5–6: fuel by ship ----------------------------------------------------------------------

DIESEL_DAYS = 6  # two ship cycles of N = 3 days
DIESEL_T = 24 * DIESEL_DAYS


def _diesel_case(cargo: float, min_stock: float, **kw) -> LPInputs:
    """Load 10 kW flat for 6 days; genset only, burning φ = 0.25 L/kWh (2.5 L/h, B = 60 L/day);
    ships on days 1 and 4 (every N = 3 days, cyclic); diesel 1 USD/L on delivery, tank
    0.01 USD/(L·yr)."""
    T = DIESEL_T
    return inputs(
        T,
        load_kw=np.full(T, 10.0),
        genset_max_kw=None,
        diesel_ship=ship_hours(T, 3, 1),
        diesel_price_usd_per_l=1.0,
        diesel_tank_capital_usd_per_l_yr=0.01,
        diesel_cargo_l=cargo,
        diesel_min_stock_l=min_stock,
        **kw,
    )


@pytest.mark.parametrize("min_stock", [0.0, 20.0])
def test_diesel_tank_holds_one_ship_interval(min_stock):
    """Ample cargo. Each ship must bring the N·B = 180 L burnt until the next one while the stock
    never falls below s_min, so the stock is s_min at the end of the day before a ship and the
    delivery is 180 L (any other split needs a larger tank). Stocks are end-of-hour values
    (s_t = s_{t−1} + δ_t − f_t), so the highest, after the first hour of a ship day, is
    S = s_min + N·B − φ·g = s_min + 180 − 2.5. Deliveries = the year's burn = 0.25·10·144 = 360 L,
    only at hours 24 and 96.
    Objective = 300·10 + 0.3·1440 + 1·360 + 0.01·S."""
    p = plan_supply(_diesel_case(cargo=1e4, min_stock=min_stock))
    h = p.hourly
    tank = min_stock + 3 * 60 - 2.5
    assert p.capacity["genset_kw"] == pytest.approx(10.0, rel=REL)
    assert p.capacity["diesel_tank_l"] == pytest.approx(tank, rel=REL)
    delivered = h["diesel_delivery_l"].to_numpy()
    assert np.flatnonzero(delivered > ABS).tolist() == [24, 96]
    np.testing.assert_allclose(delivered[[24, 96]], 180.0, rtol=REL)
    assert delivered.sum() == pytest.approx(h["diesel_burn_l"].sum(), rel=REL)
    assert delivered.sum() == pytest.approx(0.25 * 10 * DIESEL_T, rel=REL)
    stock = h["diesel_stock_l"].to_numpy()
    assert stock.min() == pytest.approx(min_stock, abs=ABS)
    assert stock[[23, 95]] == pytest.approx([min_stock, min_stock], abs=ABS)
    assert stock.max() == pytest.approx(tank, rel=REL)
    expected = 300 * 10 + 0.3 * 1440 + 1.0 * 360 + 0.01 * tank
    assert p.objective_usd_yr == pytest.approx(expected, rel=REL)


@pytest.mark.parametrize("grid", [False, True])
def test_small_diesel_cargo_forces_lost_load_or_the_grid(grid):
    """Cargo 120 L < the 180 L burnt between ships. Two ships bring 240 L, enough for 960 kWh of
    the 1440 kWh load; the other 480 kWh are lost (VoLL) or, if the grid (5 USD/kWh, always
    available) is there, imported: the genset's 960 kWh cost 300·960/144 + (0.3 + 0.25)·960, i.e.
    2.63 USD/kWh < 5, so it still runs as much as its fuel allows. The least genset for 960 kWh
    runs flat at P_g = 960/144 = 20/3 kW (1/0.6 L/h, 40 L/day), so each ship unloads its full
    120 L and the tank is s_min + 120 − 0.25·20/3.
    Objective = 300·20/3 + 0.3·960 + 1·240 + 0.01·S + (1000 or 5)·480."""
    kw = (
        dict(grid_available_kw=np.full(DIESEL_T, 100.0), grid_price_usd_per_kwh=5.0) if grid else {}
    )
    p = plan_supply(_diesel_case(cargo=120.0, min_stock=20.0, **kw))
    h = p.hourly
    pg = 960 / DIESEL_T
    tank = 20 + 120 - 0.25 * pg
    assert p.capacity["genset_kw"] == pytest.approx(pg, rel=REL)
    np.testing.assert_allclose(h["genset_kw"], pg, rtol=REL)
    assert p.capacity["diesel_tank_l"] == pytest.approx(tank, rel=REL)
    assert h["diesel_delivery_l"].sum() == pytest.approx(240.0, rel=REL)
    assert h["diesel_stock_l"].min() == pytest.approx(20.0, abs=ABS)
    assert h["unserved_kw"].sum() == pytest.approx(0.0 if grid else 480.0, abs=ABS)
    assert h["grid_import_kw"].sum() == pytest.approx(480.0 if grid else 0.0, abs=ABS)
    shortfall = 5.0 if grid else 1000.0
    expected = 300 * pg + 0.3 * 960 + 240 + 0.01 * tank + shortfall * 480
    assert p.objective_usd_yr == pytest.approx(expected, rel=REL)


def _lpg_case(T: int = 144, interval: int = 3, cargo: float = 1e4, ship=None) -> LPInputs:
    """LPG 5 kg/h flat (120 kg/day), no electricity; gas 1 USD/kg on delivery, tank
    0.01 USD/(kg·yr), gas not delivered 10 USD/kg; ships every `interval` days from day 0."""
    return inputs(
        T,
        load_kw=np.zeros(T),
        lpg_kg_h=np.full(T, 5.0),
        lpg_ship=ship_hours(T, interval, 0) if ship is None else ship,
        lpg_price_usd_per_kg=1.0,
        lpg_tank_capital_usd_per_kg_yr=0.01,
        lpg_cargo_kg=cargo,
        value_of_lost_lpg_usd_per_kg=10.0,
    )


def test_lpg_tank_holds_one_ship_interval():
    """Ships on days 0 and 3 of 6; each brings N·120 = 360 kg (stock 0 at the end of the day
    before), so the highest end-of-hour stock is S = 360 − 5 = 355 kg.
    Objective = 1·5·144 + 0.01·355 = 723.55."""
    p = plan_supply(_lpg_case())
    h = p.hourly
    assert p.capacity["lpg_tank_kg"] == pytest.approx(355.0, rel=REL)
    delivered = h["lpg_delivery_kg"].to_numpy()
    assert np.flatnonzero(delivered > ABS).tolist() == [0, 72]
    np.testing.assert_allclose(delivered[[0, 72]], 360.0, rtol=REL)
    assert h["unserved_lpg_kg_h"].sum() == pytest.approx(0.0, abs=ABS)
    assert h["lpg_stock_kg"].max() == pytest.approx(355.0, rel=REL)
    assert h["lpg_stock_kg"].min() == pytest.approx(0.0, abs=ABS)
    assert p.objective_usd_yr == pytest.approx(5 * 144 + 0.01 * 355, rel=REL)


@pytest.mark.parametrize("how", ["cargo 0", "no ship days"])
def test_lpg_without_ships_is_all_unserved(how):
    """No gas can arrive (cargo 0, or no ship day at all): over the cyclic year the stock cannot
    fall, so every day's gas is undelivered. Objective = 10·5·144 = 7200, no tank."""
    T = 144
    p = plan_supply(_lpg_case(cargo=0.0) if how == "cargo 0" else _lpg_case(ship=np.zeros(T)))
    np.testing.assert_allclose(p.hourly["unserved_lpg_kg_h"], 5.0, rtol=REL)
    assert p.hourly["lpg_delivery_kg"].sum() == pytest.approx(0.0, abs=ABS)
    assert p.capacity["lpg_tank_kg"] == pytest.approx(0.0, abs=ABS)
    assert p.objective_usd_yr == pytest.approx(10 * 5 * T, rel=REL)


@pytest.mark.parametrize("first_day", [0, 1, 2])
@pytest.mark.parametrize("cargo", [100.0, 200.0, 300.0])
def test_lpg_short_cargo_prices_the_gap_and_keeps_stocks_in_the_tank(cargo, first_day):
    """Cargo C < the 360 kg used between ships (every 3 days, first on `first_day`): the two
    ships bring 2·C, the other 720 − 2·C kg are undelivered. Each ship unloads C onto an empty
    stock, and the first hour of its day burns 5 kg, so S = C − 5.
    Objective = 1·2·C + 10·(720 − 2·C) + 0.01·(C − 5).
    Which day of a cycle goes short is the solver's choice (the cost is the same), but whatever
    it is the stock at every day's end (hour 23, independent of how a day's shortfall is spread
    over its hours) must fit the tank: a ship day that goes entirely short keeps its whole
    delivery, which the first-hour tank row alone would let exceed S by that hour's 5 kg."""
    T = 144
    p = plan_supply(_lpg_case(cargo=cargo, ship=ship_hours(T, 3, first_day)))
    h = p.hourly
    assert p.capacity["lpg_tank_kg"] == pytest.approx(cargo - 5, rel=REL)
    assert h["lpg_delivery_kg"].sum() == pytest.approx(2 * cargo, rel=REL)
    assert h["unserved_lpg_kg_h"].sum() == pytest.approx(720 - 2 * cargo, rel=REL)
    expected = 2 * cargo + 10 * (720 - 2 * cargo) + 0.01 * (cargo - 5)
    assert p.objective_usd_yr == pytest.approx(expected, rel=REL)
    day_end = h["lpg_stock_kg"].to_numpy()[23::24]
    assert day_end.max() <= p.capacity["lpg_tank_kg"] + ABS
    assert day_end.min() >= -ABS


def test_lpg_reported_stock_stays_within_the_tank_when_gas_runs_short():
    """A ship every day with 60 kg cargo for 120 kg/day: 60 kg/day is undelivered and the stock
    is 0 at every day's end. The LP's tank row (s_{d−1} + δ_d − G_first ≤ S) sizes S = 60 − 5 =
    55 kg. `plan_supply` puts each day's shortfall in its last hours, as the LP's rows assume
    (fuel_lp's docstring): 5 kg served at hour 0, a stock of 55 kg, every hour within the tank."""
    p = plan_supply(_lpg_case(T=48, interval=1, cargo=60.0))
    assert p.capacity["lpg_tank_kg"] == pytest.approx(55.0, rel=REL)
    assert p.hourly["unserved_lpg_kg_h"].sum() == pytest.approx(120.0, rel=REL)
    assert p.hourly["lpg_stock_kg"].max() <= p.capacity["lpg_tank_kg"] + ABS


# --- 7–8: plan-wide rules and the critical load ---------------------------------------------


def test_reserve_sizes_the_genset_above_the_peak():
    """Load 2, 4, 3 kW repeating, ρ_L = 0.2, genset only. Reserve P_g − g_t ≥ 0.2·L_t with
    g_t = L_t means P_g ≥ 1.2·max L = 4.8 kW; the extra 0.8 kW cost 240 USD against
    0.8·1000 USD of shortfall in each peak hour, so it is built.
    Objective = 300·4.8 + 0.3·ΣL."""
    T = 48
    load = np.tile([2.0, 4.0, 3.0], T // 3)
    p = plan_supply(inputs(T, load_kw=load, genset_max_kw=None, reserve_share_of_load=0.2))
    assert p.capacity["genset_kw"] == pytest.approx(4.8, rel=REL)
    assert p.hourly["reserve_shortfall_kw"].sum() == pytest.approx(0.0, abs=ABS)
    assert p.objective_usd_yr == pytest.approx(300 * 4.8 + 0.3 * load.sum(), rel=REL)


def test_reserve_for_pv_keeps_an_idle_genset():
    """Load 1 kW flat for 24 h; PV at a_t = 1 (100 USD/kWp) or a genset (300 + 0.3/kWh);
    ρ_pv = 0.5. With PV x kWp and g = 1 − x, the reserve needs P_g ≥ (1 − x) + 0.5·x, so the cost
    is 100·x + 300·(1 − 0.5·x) + 0.3·24·(1 − x), falling in x: PV serves it all (x = 1) and a
    0.5 kW genset stands idle. Objective = 100 + 150 = 250."""
    T = 24
    x = inputs(
        T,
        pv_kw_per_kwp=np.ones(T),
        pv_max_kw=10.0,
        genset_max_kw=None,
        reserve_share_of_pv=0.5,
    )
    p = plan_supply(x)
    assert p.capacity["pv_kw"] == pytest.approx(1.0, rel=REL)
    assert p.capacity["genset_kw"] == pytest.approx(0.5, rel=REL)
    assert p.hourly["genset_kw"].sum() == pytest.approx(0.0, abs=ABS)
    assert p.objective_usd_yr == pytest.approx(250.0, rel=REL)


def test_reserve_without_dispatchable_plant_is_reported_as_shortfall():
    """PV alone (a_t = 1, 100 USD/kWp) serves 1 kW flat for 24 h; nothing can hold reserve, so
    z_t = ρ_L·L_t = 0.1 kW every hour at VoLL. Objective = 100·1 + 1000·0.1·24 = 2500."""
    T = 24
    x = inputs(T, pv_kw_per_kwp=np.ones(T), pv_max_kw=10.0, reserve_share_of_load=0.1)
    p = plan_supply(x)
    np.testing.assert_allclose(p.hourly["reserve_shortfall_kw"], 0.1, rtol=REL)
    assert p.objective_usd_yr == pytest.approx(100 + 1000 * 0.1 * T, rel=REL)


@pytest.mark.parametrize("share", [1.0, 0.25])
def test_max_unserved_share_binds_exactly(share):
    """Load 1 kW flat for 24 h, genset only, VoLL = 1 USD/kWh: serving a flat kW costs
    300 + 0.3·24 = 307.2 against 24 of lost load, so without a rule everything is shed
    (objective 24). With at most 25 % unserved, 18 kWh must be served; the least genset runs
    flat at 0.75 kW and 0.25 kW is shed every hour.
    Objective = 300·0.75 + 0.3·18 + 1·6 = 236.4."""
    T = 24
    x = inputs(T, genset_max_kw=None, value_of_lost_load_usd_per_kwh=1.0, max_unserved_share=share)
    p = plan_supply(x)
    unserved = share * T
    assert p.hourly["unserved_kw"].sum() == pytest.approx(unserved, rel=REL)
    served = T - unserved
    assert p.capacity["genset_kw"] == pytest.approx(served / T, abs=ABS)
    expected = 300 * served / T + 0.3 * served + 1.0 * unserved
    assert expected == pytest.approx(24.0 if share == 1 else 236.4, rel=1e-12)
    assert p.objective_usd_yr == pytest.approx(expected, rel=REL)


@pytest.mark.parametrize("re_min", [0.0, 0.4])
def test_min_renewable_share_forces_pv(re_min):
    """Load 1 kW flat for 24 h; PV at a_t = 0.5 for 400 USD/kWp (800 USD per flat kW) or the
    genset at 307.2 USD per flat kW: without a rule only the genset is built. With RE ≥ 0.4,
    Σg ≤ 0.6·24 = 14.4 kWh: PV 0.8 kWp gives 0.4 kW, the genset 0.6 kW flat.
    Objective = 400·0.8 + 300·0.6 + 0.3·14.4 = 504.32."""
    T = 24
    x = inputs(
        T,
        pv_kw_per_kwp=np.full(T, 0.5),
        pv_capital_usd_per_kw_yr=400.0,
        pv_max_kw=10.0,
        genset_max_kw=None,
        min_renewable_share=re_min,
    )
    p = plan_supply(x)
    pv = re_min / 0.5
    gen = 1 - re_min
    assert p.capacity["pv_kw"] == pytest.approx(pv, abs=ABS)
    assert p.capacity["genset_kw"] == pytest.approx(gen, rel=REL)
    assert p.hourly["genset_kw"].sum() == pytest.approx(gen * T, rel=REL)
    assert p.objective_usd_yr == pytest.approx(400 * pv + 300 * gen + 0.3 * gen * T, rel=REL)


@pytest.mark.parametrize(
    "rule", [dict(max_unserved_share=0.5), dict(min_renewable_share=0.5, genset_max_kw=None)]
)
def test_impossible_rule_raises_solve_error_with_a_hint(rule):
    """Two rules that cannot be met:
    * no source at all and at most 50 % unserved: the balance forces Σu = ΣL > 0.5·ΣL;
    * at least 50 % renewable with a genset as the only source and all load critical (u_t ≤ 0):
      the balance forces Σg = ΣL > 0.5·ΣL.
    `plan_supply` raises `SolveError`, a `CayoError`, whose hint names the rules to relax."""
    T = 24
    kw = dict(rule)
    if "min_renewable_share" in kw:
        # genset only, no lost load allowed: everything critical, so Σg = ΣL > 0.5·ΣL
        kw["critical_kw"] = np.ones(T)
    with pytest.raises(SolveError) as err:
        plan_supply(inputs(T, **kw))
    assert isinstance(err.value, CayoError)
    message = str(err.value)
    assert "hint:" in message
    assert "max_unserved_share" in message and "min_renewable_share" in message


def test_critical_load_is_served_when_lost_load_is_cheap():
    """Load 3 kW flat of which 1 kW critical, for 24 h; VoLL = 0.01 USD/kWh makes shedding far
    cheaper than a genset (307.2 per flat kW), but u_t ≤ L_t − C_t: the genset is 1 kW and
    2 kW are shed every hour. Objective = 300·1 + 0.3·24 + 0.01·2·24 = 307.68."""
    T = 24
    x = inputs(
        T,
        load_kw=np.full(T, 3.0),
        critical_kw=np.ones(T),
        genset_max_kw=None,
        value_of_lost_load_usd_per_kwh=0.01,
    )
    p = plan_supply(x)
    assert p.capacity["genset_kw"] == pytest.approx(1.0, rel=REL)
    np.testing.assert_allclose(p.hourly["genset_kw"], 1.0, rtol=REL)
    np.testing.assert_allclose(p.hourly["unserved_kw"], 2.0, rtol=REL)
    assert p.objective_usd_yr == pytest.approx(300 + 0.3 * T + 0.01 * 2 * T, rel=REL)


# --- 9: conservation on one mixed case ------------------------------------------------------


def _mixed_case() -> LPInputs:
    """Four days with everything on: PV, battery, genset on shipped diesel, an island grid cut
    every night, waste-to-energy, a critical load, wells + RO + tank, LPG by ship, a reserve."""
    T = 96
    h = np.arange(T)
    hour = h % 24
    load = 6.0 + 2.0 * np.exp(-(((hour - 20) / 2.5) ** 2)) + 0.5 * np.sin(h / 7)
    pv = np.clip(np.sin((hour - 6) / 12 * np.pi), 0.0, None) * (0.8 + 0.2 * np.cos(h / 11))
    grid = np.where((hour >= 1) & (hour < 5), 0.0, 3.0)
    water = 2.0 + 1.5 * np.exp(-(((hour - 7) / 2.0) ** 2)) + 1.0 * np.exp(-(((hour - 19) / 2) ** 2))
    lpg = (
        0.5 + 1.5 * np.exp(-(((hour - 12) / 1.5) ** 2)) + 1.0 * np.exp(-(((hour - 19) / 1.5) ** 2))
    )
    return inputs(
        T,
        load_kw=load,
        pv_kw_per_kwp=pv,
        grid_available_kw=grid,
        pv_capital_usd_per_kw_yr=6.0,
        pv_max_kw=50.0,
        battery_enabled=True,
        battery_power_capital_usd_per_kw_yr=2.0,
        battery_energy_capital_usd_per_kwh_yr=1.0,
        battery_discharge_cost_usd_per_kwh=0.01,
        battery_charge_efficiency=0.95,
        battery_discharge_efficiency=0.93,
        genset_capital_usd_per_kw_yr=10.0,
        genset_marginal_usd_per_kwh=0.05,
        genset_max_kw=None,
        grid_price_usd_per_kwh=0.25,
        critical_kw=np.full(T, 1.5),
        must_run_kw=np.full(T, 0.5),
        reserve_share_of_load=0.1,
        water_m3_h=water,
        wells_max_m3_h=1.8,
        wells_capital_usd_per_m3h_yr=3.0,
        wells_kwh_per_m3=0.6,
        ro_enabled=True,
        ro_capital_usd_per_m3h_yr=8.0,
        ro_marginal_usd_per_m3=0.4,
        ro_kwh_per_m3=3.5,
        water_tank_enabled=True,
        water_tank_capital_usd_per_m3_yr=0.3,
        value_of_lost_water_usd_per_m3=5.0,
        diesel_ship=ship_hours(T, 2, 0),
        diesel_price_usd_per_l=0.9,
        diesel_tank_capital_usd_per_l_yr=0.05,
        diesel_cargo_l=200.0,
        diesel_min_stock_l=10.0,
        lpg_kg_h=lpg,
        lpg_ship=ship_hours(T, 2, 1),
        lpg_price_usd_per_kg=1.2,
        lpg_tank_capital_usd_per_kg_yr=0.02,
        lpg_cargo_kg=1e3,
        value_of_lost_lpg_usd_per_kg=6.0,
    )


def test_every_utility_balances_every_hour():
    """On `_mixed_case`, hour by hour:
    * electricity: pv_kw + discharge − charge + genset + grid + unserved + must_run
      = load + wells_kw + ro_kw (PV surplus is curtailed, nothing else is wasted), and the
      battery's state follows s_t = s_{t−1} + η_c·c_t − d_t/η_d;
    * water: wells + RO + unserved − (v_t − v_{t−1}) = W_t, with v_t ≤ V;
    * diesel and LPG: stock_t − stock_{t−1} = delivery_t − use_t, s_min ≤ stock_t ≤ tank, and the
      deliveries equal the year's use.
    Each technology is used, so every family of rows is exercised."""
    x = _mixed_case()
    p = plan_supply(x)
    h = p.hourly
    cap = p.capacity
    for key in ("pv_kw", "battery_kwh", "genset_kw", "wells_m3_h", "water_tank_m3", "ro_m3_h"):
        assert cap[key] > 1e-3, key
    assert h["grid_import_kw"].sum() > 1e-3

    supply = (
        h["pv_kw"]
        + h["battery_discharge_kw"]
        - h["battery_charge_kw"]
        + h["genset_kw"]
        + h["grid_import_kw"]
        + h["unserved_kw"]
        + h["must_run_kw"]
    )
    demand = h["load_kw"] + h["wells_kw"] + h["ro_kw"]
    np.testing.assert_allclose(supply, demand, atol=ABS)
    assert (h["curtailed_kw"] >= -ABS).all()
    np.testing.assert_allclose(h["pv_kw"] + h["curtailed_kw"], h["pv_available_kw"], atol=ABS)
    np.testing.assert_allclose(h["wells_kw"], 0.6 * h["wells_m3_h"], atol=ABS)
    np.testing.assert_allclose(h["ro_kw"], 3.5 * h["ro_m3_h"], atol=ABS)
    assert (h["unserved_kw"] <= x.load_kw - x.critical_kw + ABS).all()
    soc = h["battery_soc_kwh"].to_numpy()
    np.testing.assert_allclose(
        soc - np.roll(soc, 1),
        0.95 * h["battery_charge_kw"] - h["battery_discharge_kw"] / 0.93,
        atol=ABS,
    )

    level = h["water_level_m3"].to_numpy()
    inflow = h["wells_m3_h"] + h["ro_m3_h"] + h["unserved_water_m3_h"] - h["water_demand_m3_h"]
    np.testing.assert_allclose(level - np.roll(level, 1), inflow, atol=ABS)
    assert level.max() <= cap["water_tank_m3"] + ABS
    assert h["wells_m3_h"].max() <= min(cap["wells_m3_h"], 1.8) + ABS

    burn = h["diesel_burn_l"].to_numpy()
    np.testing.assert_allclose(burn, 0.25 * h["genset_kw"], atol=ABS)
    for stock, delivery, use, tank, low, ships in (
        ("diesel_stock_l", "diesel_delivery_l", burn, cap["diesel_tank_l"], 10.0, x.diesel_ship),
        (
            "lpg_stock_kg",
            "lpg_delivery_kg",
            h["lpg_demand_kg_h"] - h["unserved_lpg_kg_h"],
            cap["lpg_tank_kg"],
            0.0,
            x.lpg_ship,
        ),
    ):
        s = h[stock].to_numpy()
        d = h[delivery].to_numpy()
        np.testing.assert_allclose(s - np.roll(s, 1), d - use, atol=ABS)
        assert s.min() >= low - ABS
        assert s.max() <= tank + ABS
        assert d.sum() == pytest.approx(np.sum(use), rel=1e-9)
        assert set(np.flatnonzero(d > ABS)) <= set(np.flatnonzero(ships))


# --- refinements of the rules ----------------------------------------------------------------


def test_no_reserve_is_held_for_shed_load():
    """Genset only (300 USD/(kW·yr), 0.3 USD/kWh), load 1 kW for 23 h and 3 kW at hour 18,
    VoLL 200 USD/kWh (< 300: the peak is not worth a bigger genset), reserve ρ_L = 0.1.
    The base hours need P_g = 1.1 (1 kW + 0.1 kW reserve). At the peak, serving g with
    u = 3 − g shed, the reserve row (P_g − g) + ρ·u ≥ ρ·3 gives 1.1 − g + 0.1·(3 − g) ≥ 0.3,
    i.e. g ≤ 1: the genset serves 1 kW and 2 kW are shed (with reserve on the whole load it
    could serve only 0.8 kW). Each extra kW of P_g would serve 1/1.1 kW more at the peak, saving
    (200 − 0.3)/1.1 < 300, so P_g stays 1.1.
    Objective = 300·1.1 + 0.3·24 + 200·2 = 737.2."""
    load = np.ones(24)
    load[18] = 3.0
    p = plan_supply(
        inputs(
            24,
            load_kw=load,
            genset_max_kw=None,
            value_of_lost_load_usd_per_kwh=200.0,
            reserve_share_of_load=0.1,
        )
    )
    assert p.capacity["genset_kw"] == pytest.approx(1.1, rel=REL)
    assert p.hourly["unserved_kw"].iloc[18] == pytest.approx(2.0, rel=REL)
    assert p.hourly["reserve_shortfall_kw"].sum() == pytest.approx(0.0, abs=1e-9)
    assert p.objective_usd_yr == pytest.approx(737.2, rel=REL)


def test_renewable_share_counts_the_water_plants_electricity():
    """Load 1 kW and water 1 m³/h, both flat, for 24 h; wells at 1 kWh/m³ (free capacity), no
    tank, so 2 kW all day. PV gives 1 kW/kWp for 12 h; gensets cover the night. Nights need
    2 kW × 12 h = 24 kWh from the genset, exactly half of the 48 kWh served: a 50 % renewable
    rule over every kWh served (the wells' included) is just met with no load shed. (Counting the
    town's 24 kWh alone, 50 % would allow only 12 kWh of genset and force shedding.)"""
    T = 24
    cf = np.r_[np.ones(12), np.zeros(12)]
    x = inputs(
        T,
        pv_kw_per_kwp=cf,
        pv_max_kw=1e6,
        genset_max_kw=None,
        water_m3_h=np.ones(T),
        wells_max_m3_h=5.0,
        wells_kwh_per_m3=1.0,
        min_renewable_share=0.5,
        value_of_lost_water_usd_per_m3=1000.0,
    )
    p = plan_supply(x)
    assert p.hourly["unserved_kw"].sum() == pytest.approx(0.0, abs=1e-7)
    assert p.hourly["unserved_water_m3_h"].sum() == pytest.approx(0.0, abs=1e-7)
    assert p.hourly["genset_kw"].sum() == pytest.approx(24.0, rel=REL)
    assert p.capacity["pv_kw"] == pytest.approx(2.0, rel=REL)


def test_ships_must_unload_in_the_first_hour_of_a_day():
    ship = np.zeros(48)
    ship[36] = 1.0
    x = inputs(
        48, genset_max_kw=None, diesel_ship=ship, diesel_cargo_l=100.0, diesel_price_usd_per_l=1.0
    )
    with pytest.raises(ValueError, match="first hour of a day"):
        plan_supply(x)
