"""Outage survival curves: hand cases with a step at the storage's hours, and a brute-force
reference that simulates every (start hour, length) pair through the main kernel."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
from stress_cases import events, system

from cayo.stress import kernel as k
from cayo.stress.run import simulate, survival_curves


def test_a_tank_of_six_hours_survives_six_hours_from_every_start() -> None:
    T = 48
    s = system(T, water_tank_m3=60.0, wells_m3_h=20.0, wells_kwh_per_m3=1.0).with_series(
        k.WATER, np.full(T, 10.0)
    )
    s = s.with_series(k.LEVEL_TARGET, np.full(T, 60.0))
    s = replace(s, level_m3=np.full(T, 60.0))
    sv = survival_curves(s, 12).set_index("outage_h")
    expected = np.where(np.arange(1, 13) <= 6, 1.0, 0.0)
    np.testing.assert_array_equal(sv["water_storage_only"], expected)  # no power: no pumping
    np.testing.assert_array_equal(sv["electricity_storage_only"], 1.0)  # no critical load
    # an engine with fuel powers the wells: the water never runs out
    g = s.with_plant(engine_units=1, unit_kw=100.0, fuel_l_per_kwh=0.25, diesel_tank_l=1e6)
    g = replace(g, diesel_l=np.full(T, 1e6))
    np.testing.assert_array_equal(survival_curves(g, 12)["water_with_gensets"], 1.0)


def test_a_battery_of_five_hours_carries_the_critical_load_five_hours() -> None:
    T = 24
    s = system(T, battery_kw=100.0, battery_kwh=500.0).with_series(k.CRITICAL, np.full(T, 100.0))
    s = replace(s.with_series(k.LOAD, np.full(T, 100.0)), soc_kwh=np.full(T, 500.0))
    sv = survival_curves(s, 8)
    np.testing.assert_array_equal(
        sv["electricity_storage_only"], np.where(np.arange(1, 9) <= 5, 1.0, 0.0)
    )
    # half the starts find the battery half full (250 kWh): survival falls in two steps
    s = replace(s, soc_kwh=np.tile([500.0, 250.0], T // 2))
    sv = survival_curves(s, 8).set_index("outage_h")["electricity_storage_only"]
    assert sv[2] == 1.0 and sv[3] == 0.5 and sv[5] == 0.5 and sv[6] == 0.0


def rich_case(T: int = 72):
    """PV by day, a battery, an engine with little diesel, wells and a tank, varying demand."""
    rng = np.random.default_rng(3)
    hour = np.arange(T) % 24
    pv = np.clip(np.sin((hour - 6) / 12 * np.pi), 0, None)
    s = system(
        T, pv_kw=300.0, battery_kw=80.0, battery_kwh=300.0, charge_efficiency=0.95,
        discharge_efficiency=0.95, engine_units=2, unit_kw=40.0, min_load_share=0.3,
        fuel_l_per_kwh=0.3, diesel_tank_l=1e4, wells_m3_h=15.0, wells_kwh_per_m3=2.0,
        ro_m3_h=5.0, ro_kwh_per_m3=4.0, water_tank_m3=60.0,
    )  # fmt: skip
    s = s.with_series(k.PV, pv).with_series(k.CRITICAL, 60 + 40 * rng.random(T))
    s = s.with_series(k.WATER, 8 + 8 * rng.random(T)).with_series(k.LEVEL_TARGET, np.full(T, 40))
    s = s.with_series(k.SOC_TARGET, 150 + 100 * pv)
    s = s.with_series(k.SHARED_CRITICAL, 40 + 50 * rng.random(T))
    return replace(
        s,
        soc_kwh=300 * rng.random(T),
        level_m3=60 * rng.random(T),
        diesel_l=rng.choice([0.0, 30.0, 200.0], T),
    )


def brute_force(s, max_hours: int, gensets: bool) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Survival by simulating each (start, length) pair as its own short year, through the
    main kernel with the outage painted as an event: (critical electricity, water, both)."""
    T = s.hours
    held = np.zeros((3, max_hours, T), dtype=bool)
    for t0 in range(T):
        prev = (t0 - 1) % T
        for d in range(1, max_hours + 1):
            rows = (t0 + np.arange(d)) % T
            w = system(d)
            w = replace(w, plant=s.plant, series=s.series[rows].copy())
            w.series[:, k.LOAD] = w.series[:, k.CRITICAL]
            w.series[:, k.SEWAGE_KW] = 0.0
            w = w.with_plant(
                soc0_kwh=s.soc_kwh[prev], level0_m3=s.level_m3[prev], diesel0_l=s.diesel_l[prev],
                diesel_reserve_l=0.0, engine_units=s.plant.engine_units if gensets else 0,
            )  # fmt: skip
            raw = simulate(w, events(d, 1, [(k.GRID_OFF, 0, d, 0.0)]), 0)[0]
            held[0, d - 1, t0] = raw[k.M_FIRST_CRITICAL_SHORT_H] == d
            held[1, d - 1, t0] = raw[k.M_FIRST_WATER_SHORT_H] == d
            held[2, d - 1, t0] = held[0, d - 1, t0] and held[1, d - 1, t0]
    return held[0].mean(axis=1), held[1].mean(axis=1), held[2].mean(axis=1)


def reopt_view(s):
    """The REopt-style case: only the shared critical load, no water, served."""
    shared = s.with_series(k.CRITICAL, s.series[:, k.SHARED_CRITICAL])
    return shared.with_series(k.WATER, np.zeros(s.hours)).with_series(
        k.LEVEL_TARGET, np.zeros(s.hours)
    )


def test_survival_curves_match_brute_force() -> None:
    s = rich_case()
    sv = survival_curves(s, 30)
    for label, gens in (("with_gensets", True), ("storage_only", False)):
        elec, water, both = brute_force(s, 30, gens)
        np.testing.assert_array_equal(sv[f"electricity_{label}"], elec)
        np.testing.assert_array_equal(sv[f"water_{label}"], water)
        np.testing.assert_array_equal(sv[f"all_utilities_{label}"], both)
        np.testing.assert_array_equal(
            sv[f"critical_load_{label}"], brute_force(reopt_view(s), 30, gens)[0]
        )
        # the views differ on this case: the operational one is the strictest
        assert (sv[f"all_utilities_{label}"] <= sv[f"electricity_{label}"]).all()
        assert not sv[f"critical_load_{label}"].equals(sv[f"electricity_{label}"])
    # the case is not trivial: every curve falls through many values, and the engines help
    for col in sv.columns[1:]:
        assert sv[col].nunique() > 5 and (np.diff(sv[col]) <= 0).all()
    assert (sv["electricity_with_gensets"] >= sv["electricity_storage_only"]).all()
    assert sv["electricity_with_gensets"].sum() > sv["electricity_storage_only"].sum()
