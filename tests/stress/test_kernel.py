"""The dispatch simulator on hand-checkable cases: every expected number is worked out by hand
in the test's comment from the rules in `cayo.stress.kernel`."""

from __future__ import annotations

import math

import numba
import numpy as np
import pytest
from stress_cases import events, system

from cayo.stress import kernel as k
from cayo.stress.metrics import year_table
from cayo.stress.run import simulate
from cayo.stress.samplers import LinkUnits


def run(sys_, ev, seed: int = 0) -> dict[str, float]:
    """Results of the first year, by name."""
    return dict(year_table(simulate(sys_, ev, seed), sys_.hours, {}).iloc[0])


def sums(sys_, ev, seed: int = 0):
    return year_table(simulate(sys_, ev, seed), sys_.hours, {}).sum()


def tank_case(T: int = 48, n: int = 6):
    """10 m³/h demand, a full tank of n hours, wells of 20 m³/h at 1 kWh/m³ on a 1 MW grid."""
    s = system(T, water_tank_m3=10.0 * n, level0_m3=10.0 * n, wells_m3_h=20.0, wells_kwh_per_m3=1.0)
    s = s.with_series(k.WATER, np.full(T, 10.0)).with_series(k.LEVEL_TARGET, np.full(T, 10.0 * n))
    return s.with_series(k.GRID, np.full(T, 1000.0))


@pytest.mark.parametrize(("hours", "short"), [(5, 0.0), (6, 0.0), (7, 10.0), (9, 30.0)])
def test_tank_of_n_hours_bridges_a_blackout_of_n_hours_only(hours: int, short: float) -> None:
    # No power from hour 10: the pumps stop, the 60 m³ tank gives 10 m³/h for 6 h; an outage
    # of 7 h leaves its last hour dry (10 m³), one of 9 h its last three (30 m³).
    r = run(tank_case(), events(48, 1, [(k.GRID_OFF, 10, hours, 0.0)]))
    assert r["unserved_water_m3"] == pytest.approx(short)
    assert r["served_water_m3"] == pytest.approx(480.0 - short)
    # a dry hour costs more than 1 % of the day's 240 m³: one rationing day
    assert r["water_rationing_days"] == (1.0 if short else 0.0)


def test_tank_refills_after_the_blackout() -> None:
    # After a 6-h outage at hour 10 the wells make 20 m³/h: 10 for the town, 10 back into the
    # tank, which is full again at hour 22; a second 6-h outage from hour 30 is bridged too.
    ev = events(48, 1, [(k.GRID_OFF, 10, 6, 0.0), (k.GRID_OFF, 30, 6, 0.0)])
    assert run(tank_case(), ev)["unserved_water_m3"] == 0.0
    # ... but not if it starts at hour 18, with the tank only 20 m³ full again
    ev = events(48, 1, [(k.GRID_OFF, 10, 6, 0.0), (k.GRID_OFF, 18, 6, 0.0)])
    assert run(tank_case(), ev)["unserved_water_m3"] == pytest.approx(40.0)


def battery_case(T: int = 48, n: int = 5, autonomy: float = 0.0):
    """A 100 kW critical load (the data centre), a full battery of n hours, a 200 kW grid."""
    s = system(
        T,
        battery_kw=100.0,
        battery_kwh=100.0 * n,
        soc0_kwh=100.0 * n,
        data_centre_autonomy_h=autonomy,
    )
    for row in (k.LOAD, k.CRITICAL, k.DATA_CENTRE):
        s = s.with_series(row, np.full(T, 100.0))
    s = s.with_series(k.SOC_TARGET, np.full(T, 100.0 * n))
    return s.with_series(k.GRID, np.full(T, 200.0))


@pytest.mark.parametrize(("hours", "lost"), [(4, 0.0), (5, 0.0), (6, 100.0)])
def test_battery_of_n_hours_bridges_n_hours(hours: int, lost: float) -> None:
    r = run(battery_case(), events(48, 1, [(k.GRID_OFF, 3, hours, 0.0)]))
    assert r["unserved_critical_kwh"] == pytest.approx(lost)
    assert r["unserved_kwh"] == pytest.approx(lost)
    assert r["loss_of_load_h"] == (1.0 if lost else 0.0)
    assert r["data_centre_up_h"] == 48.0 - (1.0 if lost else 0.0)
    # the grid recharges the battery toward the schedule (100 kW spare for 5 h)
    assert r["grid_import_kwh"] == pytest.approx(100.0 * (48 - hours) + min(hours, 5) * 100.0)


def test_data_centre_rides_through_on_its_own_autonomy() -> None:
    # 3 dark hours with no battery: 2 h of its own backup carry the data centre for 2 of them
    s = battery_case(autonomy=2.0).with_plant(battery_kw=0.0, battery_kwh=0.0, soc0_kwh=0.0)
    s = s.with_series(k.SOC_TARGET, np.zeros(48))
    r = run(s, events(48, 1, [(k.GRID_OFF, 3, 3, 0.0)]))
    assert r["data_centre_up_h"] == 47.0
    assert r["unserved_critical_kwh"] == pytest.approx(300.0)  # the town still lost it
    # after 2 h of power the backup is full again: two 2-h outages 4 h apart are both carried
    r = run(s, events(48, 1, [(k.GRID_OFF, 3, 2, 0.0), (k.GRID_OFF, 7, 2, 0.0)]))
    assert r["data_centre_up_h"] == 48.0


def engine_case(T: int = 48, load: float = 100.0, **params: float):
    p = dict(engine_units=1, unit_kw=500.0, fuel_l_per_kwh=0.25, diesel0_l=1e6, diesel_tank_l=1e6)
    p.update(params)
    return system(T, **p).with_series(k.LOAD, np.full(T, load))


def test_minimum_load_burns_fuel_and_the_excess_is_dumped() -> None:
    # 100 kW load, one 500 kW unit at ≥ 30 %: it makes 150 kW, 50 kW dumped, 37.5 L/h
    r = run(engine_case(min_load_share=0.3), events(48))
    assert r["genset_kwh"] == pytest.approx(150.0 * 48)
    assert r["curtailed_kwh"] == pytest.approx(50.0 * 48)
    assert r["diesel_use_l"] == pytest.approx(150.0 * 48 * 0.25)
    assert r["unserved_kwh"] == 0.0


def test_fuel_reserve_serves_only_the_critical_load_then_runs_dry() -> None:
    # 300 kW load of which 100 kW critical; the stock (1,000 L) is the reserve: the engine serves
    # only the critical 100 kW (25 L/h) for 40 h, then the tank is empty: 200 kW lost for 40 h
    # and 300 kW for 8 h; the waste trucks never fuel from the reserve (two missed days).
    s = engine_case(
        load=300.0, diesel0_l=1000.0, diesel_reserve_l=1000.0, truck_fuel_l_per_day=10.0
    )
    s = s.with_series(k.CRITICAL, np.full(48, 100.0))
    r = run(s, events(48))
    assert r["genset_kwh"] == pytest.approx(100.0 * 40)
    assert r["unserved_kwh"] == pytest.approx(200.0 * 40 + 300.0 * 8)
    assert r["unserved_critical_kwh"] == pytest.approx(100.0 * 8)
    assert r["missed_waste_collection_days"] == 2.0
    assert r["min_fuel_autonomy_days"] == 0.0


def ship_case(port: tuple[int, int] | None):
    """Critical 100 kW on one engine, an empty tank, a diesel ship due at hour 10."""
    s = engine_case(load=100.0, diesel0_l=0.0, diesel_tank_l=1e5, diesel_cargo_l=1e4)
    s = s.with_series(k.CRITICAL, np.full(48, 100.0))
    items = [(k.SHIP_DIESEL, 10, 1, 0.0)]
    if port:
        items.append((k.PORT_CLOSED, port[0], port[1] - port[0], 0.0))
    return s, events(48, 1, items)


def test_a_closed_port_holds_the_ship() -> None:
    assert run(*ship_case(None))["unserved_critical_kwh"] == pytest.approx(1000.0)  # hours 0-9
    assert run(*ship_case((5, 20)))["unserved_critical_kwh"] == pytest.approx(2000.0)  # 0-19
    # the ship fills the tank by its cargo: 10,000 L less 38 h × 25 L/h
    r = run(*ship_case(None))
    assert r["diesel_use_l"] == pytest.approx(38 * 25.0)


def test_cooking_gas_runs_out_until_the_ship() -> None:
    # 1 kg/h from an empty 100 kg tank; a 50 kg ship at hour 5 and another at hour 30
    s = system(48, lpg_tank_kg=100.0, lpg_cargo_kg=50.0).with_series(k.LPG, np.ones(48))
    r = run(s, events(48, 1, [(k.SHIP_LPG, 5, 1, 0.0), (k.SHIP_LPG, 30, 1, 0.0)]))
    assert r["unserved_lpg_kg"] == pytest.approx(5.0)  # hours 0-4; after that 50 kg last 50 h


def test_lines_down_cut_the_non_critical_load_only() -> None:
    s = system(48).with_series(k.LOAD, np.full(48, 300.0)).with_series(k.CRITICAL, np.full(48, 100))
    s = s.with_series(k.GRID, np.full(48, 1000.0))
    r = run(s, events(48, 1, [(k.LINES_DOWN, 10, 4, 1.0)]))
    assert r["unserved_kwh"] == pytest.approx(800.0)
    assert r["unserved_critical_kwh"] == 0.0
    assert r["loss_of_load_h"] == 4.0


def lines_case(**plant: float):
    """300 kW of load, 100 kW critical, a 1 MW grid; the lines down for 10 h from hour 10."""
    s = system(48, **plant).with_series(k.LOAD, np.full(48, 300.0))
    s = s.with_series(k.CRITICAL, np.full(48, 100.0)).with_series(k.GRID, np.full(48, 1000.0))
    return run(s, events(48, 1, [(k.LINES_DOWN, 10, 10, 1.0)]))


def test_hardened_and_underground_lines_cut_less_by_hand() -> None:
    # bare lines: class 4 (200 kW) out for 10 h
    assert lines_case()["unserved_kwh"] == pytest.approx(2000.0)
    # half underground (down with chance 0.2): 200 × (0.5 + 0.5 × 0.2) × 10 h
    half = lines_case(underground_share=0.5, underground_outage_factor=0.2)
    assert half["unserved_kwh"] == pytest.approx(1200.0)
    # all hardened, down with chance 0.8, repaired in 0.4 of the time: 200 × 0.8 × 4 h
    hard = lines_case(hardened_share=1.0, hardened_outage_factor=0.8, hardened_repair_factor=0.4)
    assert hard["unserved_kwh"] == pytest.approx(640.0)
    assert hard["loss_of_load_h"] == 4.0


def test_a_microgrid_serves_the_critical_part_of_what_the_lines_cut() -> None:
    # REopt-style critical load 160 kW, of which 100 kW is class 1: 60 kW of class 4 critical;
    # a 50 kW microgrid serves 50 of the 200 kW cut for 10 h
    s = system(48, microgrid_kw=50.0).with_series(k.LOAD, np.full(48, 300.0))
    s = s.with_series(k.CRITICAL, np.full(48, 100.0)).with_series(k.GRID, np.full(48, 1000.0))
    s = s.with_series(k.SHARED_CRITICAL, np.full(48, 160.0))
    r = run(s, events(48, 1, [(k.LINES_DOWN, 10, 10, 1.0)]))
    assert r["unserved_kwh"] == pytest.approx(1500.0)
    big = s.with_plant(microgrid_kw=500.0)  # no more than the critical part: 60 kW
    assert run(big, events(48, 1, [(k.LINES_DOWN, 10, 10, 1.0)]))["unserved_kwh"] == (
        pytest.approx(1400.0)
    )


def test_pv_damage_and_ro_intake_damage() -> None:
    s = system(48, pv_kw=100.0).with_series(k.PV, np.ones(48)).with_series(k.LOAD, np.full(48, 100))
    r = run(s, events(48, 1, [(k.PV_LOSS, 20, 5, 0.5)]))  # half the PV for 5 h: 50 kW short
    assert r["unserved_kwh"] == pytest.approx(250.0)
    w = system(48, ro_m3_h=20.0, ro_kwh_per_m3=1.0).with_series(k.WATER, np.full(48, 10.0))
    w = w.with_series(k.GRID, np.full(48, 1000.0))
    r = run(w, events(48, 1, [(k.RO_DOWN, 7, 3, 0.0)]))  # no tank, no wells: 3 h dry
    assert r["unserved_water_m3"] == pytest.approx(30.0)


def test_no_power_no_sewage_treatment() -> None:
    s = system(48).with_series(k.SEWAGE_KW, np.full(48, 10.0)).with_series(k.LOAD, np.full(48, 10))
    s = s.with_series(k.WASTEWATER, np.full(48, 5.0)).with_series(k.GRID, np.full(48, 100.0))
    r = run(s, events(48, 1, [(k.GRID_OFF, 0, 4, 0.0)]))
    assert r["untreated_sewage_m3"] == pytest.approx(20.0)
    assert r["unserved_kwh"] == pytest.approx(40.0)


def test_data_service_needs_enough_link_capacity() -> None:
    links = LinkUnits(np.array([10.0, 10.0]), np.array([0.99, 0.99]), ("a", "b"))
    s = system(48, links=links).with_series(k.DATA, np.full(48, 15.0))
    r = run(s, events(48, 1, [(k.LINK_DOWN, 10, 6, 1.0)]))  # 10 Gbit/s left for 15
    assert r["data_service_up_h"] == 42.0
    s = s.with_series(k.DATA, np.full(48, 8.0))
    assert run(s, events(48, 1, [(k.LINK_DOWN, 10, 6, 1.0)]))["data_service_up_h"] == 48.0


def test_start_failures_happen_at_their_chance() -> None:
    # the load needs the engine every other hour: 24 starts a year, each failing with 0.2; a
    # failed start leaves that hour dark
    T, years = 48, 2000
    s = engine_case(T, fail_to_start=0.2).with_series(k.LOAD, np.tile([100.0, 0.0], T // 2))
    total = sums(s, events(T, years))
    starts = 24 * years
    se = math.sqrt(0.2 * 0.8 / starts)
    assert total["genset_start_failures"] / starts == pytest.approx(0.2, abs=4 * se)
    assert total["loss_of_load_h"] == total["genset_start_failures"]


def test_running_failures_and_repairs_match_their_rates() -> None:
    # a 200 kW load on one unit failing with 1 % per running hour (it still serves that hour),
    # repaired in ceil(X) h with X exponential of mean 10 h: mean outage 1/(1 − e^−0.1) = 10.508 h
    T, years = 8760, 20
    s = engine_case(T, load=200.0, fail_to_run_per_h=0.01, repair_mean_h=10.0)
    total = sums(s, events(T, years))
    running = total["genset_kwh"] / 200.0
    failures = total["genset_run_failures"]
    assert failures / running == pytest.approx(0.01, rel=4 / math.sqrt(failures))
    mean_out = 1 / (1 - math.exp(-0.1))
    assert total["loss_of_load_h"] / failures == pytest.approx(mean_out, rel=0.05)


def test_results_do_not_depend_on_batches_or_threads() -> None:
    s = engine_case(
        8760, load=200.0, fail_to_run_per_h=0.01, fail_to_start=0.05, repair_mean_h=10.0
    )
    s = s.with_series(k.LOAD, np.tile([200.0, 0.0, 300.0], 2920))
    ev = events(8760, 8)
    whole = simulate(s, ev, 7)
    first = simulate(s, events(8760, 3), 7, first_year=0)
    rest = simulate(s, events(8760, 5), 7, first_year=3)
    np.testing.assert_array_equal(whole, np.vstack([first, rest]))
    before = numba.get_num_threads()
    try:
        numba.set_num_threads(1)
        np.testing.assert_array_equal(simulate(s, ev, 7), whole)
    finally:
        numba.set_num_threads(before)
    assert not np.array_equal(simulate(s, ev, 8), whole)  # another seed, other failures
    assert len({tuple(row) for row in whole}) > 1  # years differ from each other


def test_uniform_draws_are_uniform() -> None:
    keys = np.arange(200_000, dtype=np.uint64)
    u = np.array([k.uniform(np.uint64(x)) for x in keys[:20_000]])
    assert u.min() >= 0.0 and u.max() < 1.0
    counts = np.histogram(u, bins=10, range=(0, 1))[0]
    chi2 = float(((counts - 2000) ** 2 / 2000).sum())
    assert chi2 < 27.9  # 99.9 % point of chi-square with 9 degrees of freedom
