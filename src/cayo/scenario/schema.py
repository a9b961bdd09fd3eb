"""Scenario schema: strict, frozen pydantic models with units in every field description.

A scenario is everything a user states about a town: the site, its weather source, the people,
building floor-area overrides, and the electricity supply options with their costs. Numbers
carry their unit in the field name (``_kw``, ``_usd_per_kwh``...) and in the description.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator, model_validator

MAX_PEOPLE = 10_000_000  # [persons] far beyond any town; catches typos such as 1e12
MAX_KW = 1e8  # [kW] 100 GW, a sanity ceiling on any capacity
MAX_USD = 1e7  # [USD per unit] ceiling for a unit cost
MAX_LIFETIME = 100  # [yr]


class Strict(BaseModel):
    """Base: unknown fields are errors, models are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)


class Site(Strict):
    """Where the town is."""

    name: str = Field(description="Human-readable site name.")
    latitude: float = Field(ge=-90, le=90, description="Latitude [deg north].")
    longitude: float = Field(ge=-180, le=180, description="Longitude [deg east]; west is negative.")
    altitude_m: float = Field(ge=-500, le=9000, description="Altitude above sea level [m].")
    utc_offset_h: float = Field(
        ge=-12, le=14, description="Local standard time offset from UTC [h]; no daylight saving."
    )


class Weather(Strict):
    """Which reference year drives PV output and cooling demand."""

    source: Literal["reference", "file"] = Field(
        description="'reference': pvlib's Miami TMY2 carried to the site by clear-sky-index "
        "transfer; 'file': a weather file given in `file`."
    )
    file: Path | None = Field(
        default=None, description="Weather file (EPW, TMY3 or PVGIS TMY); relative to the scenario."
    )
    format: Literal["epw", "tmy3", "pvgis"] | None = Field(
        default=None, description="Format of `file`; guessed from its extension when omitted."
    )
    year: int = Field(
        ge=1900, le=2100, description="Calendar year the hourly series are laid on (weekdays)."
    )

    @field_validator("file")
    @classmethod
    def _file_matches_source(cls, file: Path | None, info: ValidationInfo) -> Path | None:
        source = info.data.get("source")
        if source == "file" and file is None:
            raise ValueError("weather.source is 'file' but no `file` is given; add `file: PATH`")
        if source == "reference" and file is not None:
            raise ValueError(
                "a `file` is given but weather.source is 'reference'; set source: file"
            )
        return file


class DependentAges(Strict):
    """Shares of the dependents by age band [-]; they add up to 1."""

    age_0_2: float = Field(ge=0, le=1, description="Share aged 0-2 [-].")
    age_3_6: float = Field(ge=0, le=1, description="Share aged 3-6 [-].")
    age_7_17: float = Field(ge=0, le=1, description="Share aged 7-17 [-].")
    adult: float = Field(ge=0, le=1, description="Share aged 18 or more (partners, parents) [-].")

    @model_validator(mode="after")
    def _add_up(self) -> DependentAges:
        total = self.age_0_2 + self.age_3_6 + self.age_7_17 + self.adult
        if abs(total - 1.0) > 1e-6:
            raise ValueError(f"the age shares add up to {total:.4f}, not 1; adjust them")
        return self


class People(Strict):
    """Who lives in the town, and who comes in by day [persons]."""

    specialists: int = Field(
        ge=0, le=MAX_PEOPLE, description="IT specialists living in town [persons]."
    )
    students: int = Field(ge=0, le=MAX_PEOPLE, description="Students living in town [persons].")
    dependents: int = Field(
        ge=0,
        le=MAX_PEOPLE,
        description="Family members who neither work nor study in town [persons].",
    )
    dependent_age_shares: DependentAges
    household_size: float = Field(
        gt=0, le=20, description="Average persons per household, i.e. per dwelling [persons]."
    )
    commuters: int = Field(
        default=0, ge=0, le=MAX_PEOPLE, description="Workers living elsewhere [persons/day]."
    )
    visitors_per_day: int = Field(
        default=0, ge=0, le=MAX_PEOPLE, description="Visitors on an average day [persons/day]."
    )

    @property
    def residents(self) -> int:
        """All residents [persons]."""
        return self.specialists + self.students + self.dependents

    @model_validator(mode="after")
    def _someone(self) -> People:
        if self.residents == 0:
            raise ValueError("the town has no residents; give specialists, students or dependents")
        return self


class Industry(Strict):
    """Light industrial plants (Cayo Digital's "localization of the production of equipment")."""

    floor_area_m2: float = Field(ge=0, le=1e8, description="Plant floor area [m²].")
    process_load_kw: float = Field(
        ge=0, le=MAX_KW, description="Peak process electricity [kW], on the industry schedule."
    )
    workers: int = Field(ge=0, le=MAX_PEOPLE, description="Plant workers [persons].")


class DataCentre(Strict):
    """On-island data centre: IT load times a PUE that rises with outdoor temperature."""

    it_load_kw: float = Field(ge=0, le=MAX_KW, description="Average IT load [kW].")
    pue_min: float = Field(ge=1, le=3, description="PUE at or below `pue_ref_temp_c` [-].")
    pue_ref_temp_c: float = Field(ge=-30, le=50, description="Temperature where PUE rises [°C].")
    pue_per_c: float = Field(ge=0, le=0.2, description="PUE increase per °C above it [1/°C].")
    water_l_per_kwh_it: float = Field(
        ge=0, le=10, description="Cooling water per kWh of IT energy (WUE) [L/kWh]."
    )
    external_gbps: float = Field(ge=0, le=1e5, description="External bandwidth [Gbit/s].")


class StreetLighting(Strict):
    """Streets and their lighting."""

    street_share_of_land: float = Field(
        ge=0, lt=0.9, description="Streets as a share of all town land [-]."
    )
    w_per_m2_street: float = Field(
        ge=0, le=50, description="Lighting power per m² of street [W/m²]."
    )


class Calendar(Strict):
    """School terms: in the holiday months schools and the campus run on their weekend profile."""

    school_holiday_months: list[int] = Field(description="Months without classes (1-12).")

    @field_validator("school_holiday_months")
    @classmethod
    def _months(cls, months: list[int]) -> list[int]:
        bad = [m for m in months if not 1 <= m <= 12]
        if bad:
            raise ValueError(f"months must be 1-12; got {bad}")
        return months


class Program(Strict):
    """From people to facilities: norm overrides and the facilities the scenario sizes itself."""

    norms: dict[str, dict[str, float]] = Field(
        default_factory=dict,
        description="Overrides of data/facilities.csv: {facility: {parameter: value}}.",
    )
    capacity: dict[str, float] = Field(
        default_factory=dict,
        description="Capacity per facility in its own unit (places, seats, m²...), overriding "
        "the norm-based value.",
    )
    industry: Industry
    data_centre: DataCentre
    street_lighting: StreetLighting
    calendar: Calendar


class Utilities(Strict):
    """Utility-wide demand parameters."""

    water_network_loss_share: float = Field(
        ge=0, lt=0.9, description="Share of the water put into the network that is lost [-]."
    )
    bod_g_per_resident_day: float = Field(
        ge=0, le=500, description="Organic load per resident [g BOD5/day]."
    )
    bod_g_per_day_visitor: float = Field(
        ge=0, le=500, description="Organic load per commuter or visitor [g BOD5/day]."
    )


class Demand(Strict):
    """Demand settings."""

    scale: float = Field(
        default=1.0,
        gt=0,
        le=100,
        description="Multiplier on the whole electricity demand [-] for sensitivities.",
    )


class Pv(Strict):
    """Fixed-tilt photovoltaic plant; capacity in kW of modules (DC, kWp)."""

    enabled: bool = True
    capex_usd_per_kw: float = Field(ge=0, le=MAX_USD, description="Installed cost [USD/kWp].")
    fixed_om_usd_per_kw_yr: float = Field(ge=0, le=MAX_USD, description="Fixed O&M [USD/kWp/yr].")
    lifetime_yr: float = Field(gt=0, le=MAX_LIFETIME, description="Economic life [yr].")
    land_ha: float = Field(ge=0, le=1e6, description="Land available for PV [ha].")
    kw_per_ha: float = Field(
        gt=0, le=5000, description="Module capacity per hectare of land [kWp/ha]."
    )
    tilt_deg: float | None = Field(
        default=None, ge=0, le=90, description="Module tilt [deg]; default: site latitude."
    )
    azimuth_deg: float = Field(ge=0, lt=360, description="Module azimuth [deg], 180 = south.")
    dc_ac_ratio: float = Field(gt=0.5, le=3, description="Module kWp per inverter kW AC [-].")
    inverter_efficiency: float = Field(gt=0.5, le=1, description="Nominal inverter efficiency [-].")
    temperature_coefficient_per_c: float = Field(
        ge=-0.02, le=0, description="Power temperature coefficient [1/°C]."
    )
    system_losses_pct: float = Field(
        ge=0, lt=100, description="PVWatts DC system losses (soiling, wiring, mismatch...) [%]."
    )


class Battery(Strict):
    """Li-ion battery; power [kW] and energy [kWh] sized independently."""

    enabled: bool = True
    capex_power_usd_per_kw: float = Field(ge=0, le=MAX_USD, description="Power part [USD/kW].")
    capex_energy_usd_per_kwh: float = Field(ge=0, le=MAX_USD, description="Energy part [USD/kWh].")
    fixed_om_usd_per_kw_yr: float = Field(ge=0, le=MAX_USD, description="Fixed O&M [USD/kW/yr].")
    lifetime_yr: float = Field(gt=0, le=MAX_LIFETIME, description="Economic life [yr].")
    throughput_cost_usd_per_kwh: float = Field(
        ge=0, le=100, description="Variable O&M per kWh discharged (AC side) [USD/kWh]."
    )
    charge_efficiency: float = Field(gt=0, le=1, description="AC→stored efficiency [-].")
    discharge_efficiency: float = Field(gt=0, le=1, description="Stored→AC efficiency [-].")


class Genset(Strict):
    """Diesel / fuel-oil engine generators, linear fuel curve."""

    enabled: bool = True
    capex_usd_per_kw: float = Field(ge=0, le=MAX_USD, description="Installed cost [USD/kW].")
    fixed_om_usd_per_kw_yr: float = Field(ge=0, le=MAX_USD, description="Fixed O&M [USD/kW/yr].")
    variable_om_usd_per_kwh: float = Field(ge=0, le=100, description="Variable O&M [USD/kWh].")
    lifetime_yr: float = Field(gt=0, le=MAX_LIFETIME, description="Economic life [yr].")
    fuel_l_per_kwh: float = Field(gt=0, le=5, description="Fuel use per kWh delivered [L/kWh].")
    fuel_price_usd_per_l: float = Field(ge=0, le=100, description="Delivered fuel price [USD/L].")
    max_kw: float | None = Field(default=None, ge=0, le=MAX_KW, description="Capacity cap [kW].")


class IslandGrid(Strict):
    """Import from the isolated island grid: capped, and cut every night on a rotating schedule."""

    enabled: bool = True
    max_import_kw: float = Field(ge=0, le=MAX_KW, description="Most the town may draw [kW].")
    price_usd_per_kwh: float = Field(ge=0, le=100, description="Energy price [USD/kWh].")
    cut_window_start_h: int = Field(ge=0, le=23, description="Local hour cuts may start [h].")
    cut_window_hours: int = Field(ge=1, le=24, description="Length of the cut window [h].")
    cut_hours_per_day: int = Field(ge=0, le=24, description="Hours cut every day [h].")

    @field_validator("cut_hours_per_day")
    @classmethod
    def _fits(cls, hours: int, info: ValidationInfo) -> int:
        window = info.data.get("cut_window_hours")
        if window is not None and hours > window:
            raise ValueError(
                f"cut_hours_per_day ({hours}) is longer than cut_window_hours ({window}); "
                "widen the window or cut fewer hours"
            )
        return hours


class Technologies(Strict):
    """Supply options for electricity. Known technologies: pv, battery, genset, island_grid."""

    pv: Pv
    battery: Battery
    genset: Genset
    island_grid: IslandGrid


class Finance(Strict):
    """Money settings (USD, real 2025)."""

    discount_rate: float = Field(ge=0, le=0.5, description="Real discount rate [1/yr].")
    value_of_lost_load_usd_per_kwh: float = Field(
        gt=0, le=1e4, description="Penalty on unserved electricity [USD/kWh]."
    )


class Scenario(Strict):
    """A whole scenario file."""

    name: str = Field(min_length=1, description="Scenario name; used for the results folder.")
    seed: int = Field(ge=0, lt=2**63, description="Seed of every random draw; recorded in results.")
    site: Site
    weather: Weather
    people: People
    program: Program
    utilities: Utilities
    demand: Demand = Field(default_factory=Demand)
    technologies: Technologies
    finance: Finance
