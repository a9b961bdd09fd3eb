"""PV output per kWp from pvlib: Perez transposition, physical IAM, SAPM cell temperature,
PVWatts DC model, PVWatts losses and PVWatts inverter — the steps of pvlib's
``ModelChain.with_pvwatts``, composed directly so each parameter is explicit and the run is fast.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pvlib

from cayo.scenario.schema import Pv, Site
from cayo.weather.year import WeatherYear

TEMPERATURE_MODEL = "open_rack_glass_polymer"  # SAPM mounting for ground-mounted c-Si
ALBEDO = 0.25  # [-] pvlib's default ground reflectance (grass)


def pv_ac_per_kwp(weather: WeatherYear, site: Site, pv: Pv) -> np.ndarray:
    """Hourly AC output per kWp of modules [kW/kWp], 8760 values in [0, 1/dc_ac_ratio].

    Sun position is evaluated at each hour's mid-point.
    """
    data = weather.data
    mid = data.index + pd.Timedelta(minutes=30)
    tilt = site.latitude if pv.tilt_deg is None else pv.tilt_deg
    tilt = abs(tilt)
    sun = pvlib.solarposition.get_solarposition(
        mid, site.latitude, site.longitude, site.altitude_m, temperature=data["temp_air"].to_numpy()
    )
    zen = sun["apparent_zenith"].to_numpy()
    azi = sun["azimuth"].to_numpy()
    dni_extra = pvlib.irradiance.get_extra_radiation(mid).to_numpy()
    airmass = pvlib.atmosphere.get_relative_airmass(zen, model="kastenyoung1989")
    poa = pvlib.irradiance.get_total_irradiance(
        tilt,
        pv.azimuth_deg,
        zen,
        azi,
        data["dni"].to_numpy(),
        data["ghi"].to_numpy(),
        data["dhi"].to_numpy(),
        dni_extra=dni_extra,
        airmass=airmass,
        albedo=ALBEDO,
        model="perez",
    )
    aoi = pvlib.irradiance.aoi(tilt, pv.azimuth_deg, zen, azi)
    iam = pvlib.iam.physical(aoi)
    effective = np.nan_to_num(poa["poa_direct"] * iam + poa["poa_diffuse"])
    params = pvlib.temperature.TEMPERATURE_MODEL_PARAMETERS["sapm"][TEMPERATURE_MODEL]
    t_cell = pvlib.temperature.sapm_cell(
        np.nan_to_num(poa["poa_global"]),
        data["temp_air"].to_numpy(),
        data["wind_speed"].to_numpy(),
        params["a"],
        params["b"],
        params["deltaT"],
    )
    pdc = pvlib.pvsystem.pvwatts_dc(effective, t_cell, 1.0, pv.temperature_coefficient_per_c)
    pdc = pdc * (1.0 - pv.system_losses_pct / 100.0)
    inverter_pdc0 = 1.0 / pv.dc_ac_ratio / pv.inverter_efficiency  # DC input rating per kWp
    pac = pvlib.inverter.pvwatts(pdc, inverter_pdc0, eta_inv_nom=pv.inverter_efficiency)
    return np.clip(np.nan_to_num(np.asarray(pac, dtype=float)), 0.0, None)
