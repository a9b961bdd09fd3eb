"""PV output per kWp (cayo.weather.pv) checked against pvlib's own ModelChain.

Reference: ``pvlib.modelchain.ModelChain.with_pvwatts`` (pvlib docs, "ModelChain"), run on the
same weather with the same parameters: tilt = latitude, azimuth 180°, Perez transposition,
physical IAM, SAPM cell temperature with ``open_rack_glass_polymer`` parameters, PVWatts DC,
PVWatts losses, PVWatts inverter with pdc0 = 1/dc_ac_ratio/eta and eta_inv_nom = eta.
cayo evaluates the sun at each hour's mid-point, so ModelChain gets the weather with its index
shifted by +30 min (its labels are the instants at which the sun is computed).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pvlib
import pytest
from pvlib.modelchain import ModelChain

from cayo.scenario.io import load_scenario
from cayo.scenario.schema import Site
from cayo.weather.files import read_weather_file
from cayo.weather.pv import ALBEDO, TEMPERATURE_MODEL, pv_ac_per_kwp

GREENSBORO_TMY3 = Path(pvlib.__file__).parent / "data" / "723170TYA.CSV"  # shipped with pvlib

# pvwatts_losses() inputs with every loss set to 0 except one; pvlib combines them as
# 100·(1 − Π(1 − l/100)), so a single 14 % entry gives exactly 14 % in total.
NO_LOSSES = dict(
    soiling=0,
    shading=0,
    snow=0,
    mismatch=0,
    wiring=0,
    connections=0,
    lid=0,
    nameplate_rating=0,
    age=0,
    availability=0,
)


@pytest.fixture(scope="module")
def greensboro():
    site = Site(name="Greensboro", latitude=36.1, longitude=-79.95, altitude_m=273, utc_offset_h=-5)
    return site, read_weather_file(GREENSBORO_TMY3, None, site, 2025)


def modelchain_ac(weather, site, pv, losses_model, losses_parameters=None) -> np.ndarray:
    """AC output [kW/kWp] from pvlib's ModelChain.with_pvwatts for the same plant."""
    tilt = site.latitude if pv.tilt_deg is None else pv.tilt_deg
    location = pvlib.location.Location(site.latitude, site.longitude, altitude=site.altitude_m)
    system = pvlib.pvsystem.PVSystem(
        surface_tilt=abs(tilt),
        surface_azimuth=pv.azimuth_deg,
        albedo=ALBEDO,
        module_parameters={"pdc0": 1.0, "gamma_pdc": pv.temperature_coefficient_per_c},
        inverter_parameters={
            "pdc0": 1.0 / pv.dc_ac_ratio / pv.inverter_efficiency,
            "eta_inv_nom": pv.inverter_efficiency,
        },
        temperature_model_parameters=pvlib.temperature.TEMPERATURE_MODEL_PARAMETERS["sapm"][
            TEMPERATURE_MODEL
        ],
        losses_parameters=losses_parameters,
    )
    mc = ModelChain.with_pvwatts(
        system, location, transposition_model="perez", losses_model=losses_model
    )
    wx = weather.data.copy()
    wx.index = wx.index + pd.Timedelta(minutes=30)  # cayo computes the sun at mid-hour
    mc.run_model(wx)
    return np.nan_to_num(np.asarray(mc.results.ac, dtype=float))


def assert_matches(ours: np.ndarray, ref: np.ndarray) -> None:
    """Annual energy within 1 %, every hour within 0.5 % of the peak."""
    assert ours.shape == ref.shape == (8760,)
    assert ours.sum() == pytest.approx(ref.sum(), rel=0.01)
    assert np.abs(ours - ref).max() <= 0.005 * ref.max()


def test_matches_modelchain_without_losses(scenario, weather):
    """system_losses_pct = 0 against ModelChain with losses_model='no_loss'."""
    pv = scenario.technologies.pv.model_copy(update={"system_losses_pct": 0.0})
    assert_matches(
        pv_ac_per_kwp(weather, scenario.site, pv),
        modelchain_ac(weather, scenario.site, pv, "no_loss"),
    )


def test_matches_modelchain_with_scenario_losses(scenario, weather):
    """The scenario's 14 % against ModelChain's pvwatts losses whose combined total is 14 %."""
    pv = scenario.technologies.pv
    params = {**NO_LOSSES, "soiling": pv.system_losses_pct}
    assert pvlib.pvsystem.pvwatts_losses(**params) == pytest.approx(pv.system_losses_pct)
    ours = pv_ac_per_kwp(weather, scenario.site, pv)
    assert_matches(ours, modelchain_ac(weather, scenario.site, pv, "pvwatts", params))


def test_matches_modelchain_with_pvlib_default_losses(scenario, weather):
    """pvlib's default PVWatts loss set (14.08 % combined) entered as system_losses_pct."""
    total = float(pvlib.pvsystem.pvwatts_losses())
    assert total == pytest.approx(14.08, abs=0.01)  # PVWatts v5 manual default, NREL/TP-6A20-62641
    pv = scenario.technologies.pv.model_copy(update={"system_losses_pct": total})
    ours = pv_ac_per_kwp(weather, scenario.site, pv)
    assert_matches(ours, modelchain_ac(weather, scenario.site, pv, "pvwatts", {}))


def test_matches_modelchain_measured_weather_other_orientation(greensboro):
    """Measured TMY3 weather (pvlib's Greensboro file), tilt 20°, azimuth 200°, DC/AC 1.4."""
    site, weather = greensboro
    pv = load_scenario().scenario.technologies.pv.model_copy(
        update={"tilt_deg": 20.0, "azimuth_deg": 200.0, "dc_ac_ratio": 1.4}
    )
    params = {**NO_LOSSES, "soiling": pv.system_losses_pct}
    assert_matches(
        pv_ac_per_kwp(weather, site, pv), modelchain_ac(weather, site, pv, "pvwatts", params)
    )


def test_bounds(scenario, weather):
    """Analytic bounds: PVWatts inverter caps AC at eta·pdc0 = 1/dc_ac_ratio; no sun, no output."""
    pv = scenario.technologies.pv
    ac = pv_ac_per_kwp(weather, scenario.site, pv)
    assert ac.shape == (8760,)
    assert np.isfinite(ac).all()
    assert ac.min() >= 0.0
    assert ac.max() <= 1.0 / pv.dc_ac_ratio + 1e-12
    # the cap is reached on clear days (a 1.2 DC/AC ratio clips at noon at 21.75° N)
    assert ac.max() == pytest.approx(1.0 / pv.dc_ac_ratio, rel=1e-6)
    assert (ac[weather.data["ghi"].to_numpy() == 0] == 0).all()
    mid = weather.data.index + pd.Timedelta(minutes=30)
    elev = pvlib.solarposition.get_solarposition(
        mid, scenario.site.latitude, scenario.site.longitude
    )["elevation"].to_numpy()
    night = elev < -5  # the sun stays below the horizon the whole hour
    assert night.sum() > 3000
    assert (ac[night] == 0).all()


def test_hourly_energy_balance_bound(scenario, weather):
    """Hour by hour, AC ≤ 1.0026·η·(1 − L)·(1 + |γ|·max(0, 25 − T_air))·POA/1000.

    Analytic: IAM ≤ 1 so effective ≤ POA; SAPM gives T_cell ≥ T_air when irradiance ≥ 0, so
    PVWatts DC ≤ (POA/1000)(1 + |γ|·max(0, 25 − T_air)); the PVWatts inverter curve
    η_nom/0.9637·(0.9858 − 0.0162ζ − 0.0059/ζ) peaks at 1.0026·η_nom (ζ = 0.60).
    """
    pv = scenario.technologies.pv
    site = scenario.site
    ac = pv_ac_per_kwp(weather, site, pv)
    mid = weather.data.index + pd.Timedelta(minutes=30)
    sun = pvlib.solarposition.get_solarposition(mid, site.latitude, site.longitude, site.altitude_m)
    poa = pvlib.irradiance.get_total_irradiance(
        site.latitude,
        pv.azimuth_deg,
        sun["apparent_zenith"].to_numpy(),
        sun["azimuth"].to_numpy(),
        weather.data["dni"].to_numpy(),
        weather.data["ghi"].to_numpy(),
        weather.data["dhi"].to_numpy(),
        dni_extra=pvlib.irradiance.get_extra_radiation(mid).to_numpy(),
        model="perez",
        albedo=ALBEDO,
        airmass=pvlib.atmosphere.get_relative_airmass(sun["apparent_zenith"].to_numpy()),
    )
    poa = np.nan_to_num(np.asarray(poa["poa_global"], dtype=float))
    t_air = weather.data["temp_air"].to_numpy()
    warm = 1 + abs(pv.temperature_coefficient_per_c) * np.maximum(0.0, 25.0 - t_air)
    bound = 1.0026 * pv.inverter_efficiency * (1 - pv.system_losses_pct / 100) * warm * poa / 1000
    assert (ac <= bound + 1e-9).all()
    # and the annual performance ratio (AC yield / POA irradiation) is therefore below ~0.83
    assert ac.sum() / (poa.sum() / 1000) < 1.0026 * 0.96 * 0.86 * warm.max()
