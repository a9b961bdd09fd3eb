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


class Wells(Strict):
    """Groundwater wells with pumps, capped by the aquifer's sustainable yield."""

    enabled: bool = True
    sustainable_yield_m3_per_h: float = Field(ge=0, le=1e6, description="Yield cap [m³/h].")
    capex_usd_per_m3_per_h: float = Field(ge=0, le=1e8, description="Wells + pumps [USD/(m³/h)].")
    fixed_om_usd_per_m3_per_h_yr: float = Field(ge=0, le=1e7, description="[USD/(m³/h)/yr].")
    lifetime_yr: float = Field(gt=0, le=MAX_LIFETIME, description="Economic life [yr].")
    kwh_per_m3: float = Field(ge=0, le=20, description="Pumping energy [kWh/m³].")


class Desalination(Strict):
    """Reverse-osmosis desalination plant."""

    enabled: bool = True
    capex_usd_per_m3_per_day: float = Field(ge=0, le=1e6, description="[USD/(m³/day)].")
    fixed_om_usd_per_m3_per_day_yr: float = Field(ge=0, le=1e5, description="[USD/(m³/day)/yr].")
    variable_om_usd_per_m3: float = Field(
        ge=0, le=100, description="Membranes, chemicals [USD/m³]."
    )
    lifetime_yr: float = Field(gt=0, le=MAX_LIFETIME, description="Economic life [yr].")
    kwh_per_m3: float = Field(ge=0, le=50, description="Electricity per m³ produced [kWh/m³].")


class WaterTank(Strict):
    """Treated-water storage."""

    enabled: bool = True
    capex_usd_per_m3: float = Field(ge=0, le=1e6, description="[USD/m³ of storage].")
    lifetime_yr: float = Field(gt=0, le=MAX_LIFETIME, description="Economic life [yr].")


class WaterSupply(Strict):
    """Water sources, storage and the price of water not delivered."""

    wells: Wells
    desalination: Desalination
    tank: WaterTank
    distribution_kwh_per_m3: float = Field(
        ge=0, le=10, description="Network pumping per m³ supplied [kWh/m³]."
    )
    value_of_lost_water_usd_per_m3: float = Field(
        gt=0, le=1e5, description="Penalty on water not delivered [USD/m³]."
    )


class Sewage(Strict):
    """Wastewater treatment, sized to the peak hourly flow; its energy is a load on the LP."""

    capex_usd_per_m3_per_day: float = Field(ge=0, le=1e6, description="[USD/(m³/day)].")
    fixed_om_share_per_yr: float = Field(ge=0, le=1, description="O&M as a share of capex [1/yr].")
    lifetime_yr: float = Field(gt=0, le=MAX_LIFETIME, description="Economic life [yr].")
    kwh_per_m3: float = Field(ge=0, le=10, description="Treatment energy [kWh/m³].")
    reuse_for_irrigation: bool = Field(description="Use treated water for irrigation.")
    reuse_recovery_share: float = Field(ge=0, le=1, description="Treated water reusable [-].")


class Diesel(Strict):
    """Diesel / fuel oil by sea: tank, ships, minimum stock. With ``enabled: false`` the gensets
    buy their fuel as they burn it, with no tank or ship in the plan."""

    enabled: bool = True
    ship_interval_days: int = Field(ge=1, le=365, description="Days between possible ships [d].")
    first_ship_day: int = Field(ge=0, le=364, description="Day of the year of the first ship [d].")
    max_cargo_m3: float = Field(ge=0, le=1e6, description="Most one ship delivers [m³].")
    tank_capex_usd_per_m3: float = Field(ge=0, le=1e6, description="Tank cost [USD/m³].")
    tank_lifetime_yr: float = Field(gt=0, le=MAX_LIFETIME, description="Economic life [yr].")


class Lpg(Strict):
    """Cooking gas by sea: tank, ships, price and the penalty on gas not delivered. With
    ``enabled: false`` no gas ship comes and the cooking demand is reported unserved."""

    enabled: bool = True
    price_usd_per_kg: float = Field(ge=0, le=100, description="Delivered price [USD/kg].")
    ship_interval_days: int = Field(ge=1, le=365, description="Days between possible ships [d].")
    first_ship_day: int = Field(ge=0, le=364, description="Day of the year of the first ship [d].")
    max_cargo_t: float = Field(ge=0, le=1e6, description="Most one ship delivers [t].")
    tank_capex_usd_per_t: float = Field(ge=0, le=1e7, description="Storage cost [USD/t].")
    tank_lifetime_yr: float = Field(gt=0, le=MAX_LIFETIME, description="Economic life [yr].")
    value_of_lost_lpg_usd_per_kg: float = Field(
        gt=0, le=1e4, description="Penalty on cooking gas not delivered [USD/kg]."
    )


class FuelSupply(Strict):
    """Fuels that arrive by sea."""

    diesel: Diesel
    lpg: Lpg


class DataLink(Strict):
    """One backhaul option to the main island."""

    capacity_gbps: float = Field(gt=0, le=1e5, description="Capacity of one unit [Gbit/s].")
    capex_usd: float = Field(ge=0, le=1e10, description="Cost of one unit [USD].")
    om_usd_per_yr: float = Field(ge=0, le=1e9, description="Operation of one unit [USD/yr].")
    lifetime_yr: float = Field(gt=0, le=MAX_LIFETIME, description="Economic life [yr].")
    availability: float = Field(gt=0, le=1, description="Share of time the unit works [-].")
    max_units: int = Field(ge=0, le=10, description="Most units that can be built.")


class DataLinks(Strict):
    """Backhaul options and the redundancy rule."""

    options: dict[str, DataLink]
    redundancy: Literal["N", "N+1"] = Field(
        description="'N+1': peak traffic still fits after losing the largest unit."
    )
    min_availability: float = Field(
        gt=0, le=1, description="Least share of time at least one unit works [-]."
    )


class SolidWaste(Strict):
    """Collection, composting, landfill and optional waste-to-energy (sized outside the LP)."""

    truck_capacity_t: float = Field(gt=0, le=100, description="Load of one truck [t/trip].")
    trips_per_truck_day: float = Field(gt=0, le=20, description="Trips a truck makes a day.")
    km_per_trip: float = Field(ge=0, le=1000, description="Round trip [km].")
    truck_l_per_km: float = Field(ge=0, le=5, description="Truck diesel use [L/km].")
    truck_capex_usd: float = Field(ge=0, le=1e7, description="Cost of one truck [USD].")
    truck_lifetime_yr: float = Field(gt=0, le=MAX_LIFETIME, description="Economic life [yr].")
    collection_usd_per_t: float = Field(ge=0, le=1e4, description="Crew and upkeep [USD/t].")
    disposal_usd_per_t: float = Field(ge=0, le=1e4, description="Landfill operation [USD/t].")
    composted_share_of_organic: float = Field(
        ge=0, le=1, description="Organic waste composted [-]."
    )
    landfill_density_t_per_m3: float = Field(gt=0, le=3, description="Compacted waste [t/m³].")
    landfill_height_m: float = Field(gt=0, le=100, description="Mean fill height [m].")
    horizon_yr: float = Field(gt=0, le=100, description="Years the landfill must last [yr].")
    waste_to_energy: bool = Field(description="Burn the residual waste for electricity.")
    wte_kwh_per_t: float = Field(ge=0, le=5000, description="Net electricity per tonne [kWh/t].")
    wte_capex_usd_per_t_per_day: float = Field(ge=0, le=1e7, description="[USD/(t/day)].")
    wte_lifetime_yr: float = Field(gt=0, le=MAX_LIFETIME, description="Economic life [yr].")


class Constraints(Strict):
    """Plan-wide rules, as HOMER and REopt users expect them."""

    reserve_share_of_load: float = Field(
        ge=0, le=1, description="Operating reserve as a share of the hourly load [-]."
    )
    reserve_share_of_pv: float = Field(
        ge=0, le=1, description="Operating reserve as a share of the hourly PV output [-]."
    )
    max_unserved_share: float = Field(
        ge=0, le=1, description="Most electricity left unserved over the year [-]."
    )
    min_renewable_share: float = Field(
        ge=0, le=1, description="Least share of served electricity from PV [-]."
    )
    critical_facilities: list[str] = Field(
        description="Facilities whose electricity must always be served."
    )
    critical_autonomy_hours: float = Field(
        ge=0, le=8760, description="Hours the diesel stock must carry the critical peak [h]."
    )


class Finance(Strict):
    """Money settings (USD, real 2025)."""

    discount_rate: float = Field(ge=0, le=0.5, description="Real discount rate [1/yr].")
    value_of_lost_load_usd_per_kwh: float = Field(
        gt=0, le=1e4, description="Penalty on unserved electricity [USD/kWh]."
    )


class StressRun(Strict):
    """How many years the stress test samples."""

    min_years: int = Field(ge=1, le=1_000_000, description="Years sampled at least [-].")
    max_years: int = Field(ge=1, le=10_000_000, description="Cap on the years sampled [-].")
    batch_years: int = Field(
        ge=1, le=1_000_000, description="Years per batch; convergence is checked per batch [-]."
    )
    ci_rel_target: float = Field(
        gt=0,
        le=1,
        description="Stop when the 95 % confidence half-width of the mean unserved energy is "
        "within this share of the mean [-].",
    )
    survival_max_hours: int = Field(
        ge=1, le=8760, description="Longest outage of the survival curves [h]."
    )

    @model_validator(mode="after")
    def _order(self) -> StressRun:
        if self.min_years > self.max_years:
            raise ValueError(
                f"min_years {self.min_years} exceeds max_years {self.max_years}; raise max_years"
            )
        return self


class GridFailures(Strict):
    """The island grid as the town's feeder sees it: nightly rotating cuts and collapses."""

    cut_day_share: float = Field(ge=0, le=1, description="Share of days with a rotating cut [-].")
    cut_min_hours: int = Field(ge=1, le=24, description="Shortest cut [h].")
    cut_max_hours: int = Field(ge=1, le=24, description="Longest cut [h].")
    collapses_per_yr: float = Field(ge=0, le=365, description="Island-wide blackouts [1/yr].")
    collapse_median_hours: float = Field(gt=0, le=8760, description="Median restoration [h].")
    collapse_sigma: float = Field(ge=0, le=5, description="Log-normal sigma of restoration [-].")

    @model_validator(mode="after")
    def _range(self) -> GridFailures:
        if self.cut_min_hours > self.cut_max_hours:
            raise ValueError(
                f"cut_min_hours {self.cut_min_hours} exceeds cut_max_hours {self.cut_max_hours}"
            )
        return self


class GensetFailures(Strict):
    """Engine units and their failures (REopt's backup-reliability model)."""

    unit_kw: float = Field(gt=0, le=MAX_KW, description="Size of one engine unit [kW].")
    min_load_share: float = Field(ge=0, lt=1, description="Least load of a running unit [-].")
    fail_to_start: float = Field(ge=0, le=1, description="Chance a start fails [-].")
    fail_to_run_per_h: float = Field(ge=0, le=1, description="Chance per running hour [1/h].")
    repair_mean_hours: float = Field(gt=0, le=8760, description="Mean repair time [h].")


class MainGrid(Strict):
    """Nationwide collapses of Cuba's main-island grid and what of the town depends on it."""

    collapses_per_yr: float = Field(ge=0, le=365, description="Collapses [1/yr].")
    restore_median_hours: float = Field(gt=0, le=8760, description="Median restoration [h].")
    restore_sigma: float = Field(ge=0, le=5, description="Log-normal sigma of restoration [-].")
    backup_hours: float = Field(
        ge=0, le=8760, description="Hours the far ends of the links run on their own backup [h]."
    )
    dependent_links: list[str] = Field(
        description="Data-link options that land on the main island (data_links.options keys)."
    )
    ships_wait: bool = Field(description="Fuel ships cannot load while the main grid is down.")


class Ships(Strict):
    """Delays of diesel and LPG ships."""

    late_share: float = Field(ge=0, le=1, description="Share of ships that arrive late [-].")
    delay_mean_days: float = Field(gt=0, le=365, description="Mean delay of a late ship [d].")
    missed_share: float = Field(ge=0, le=1, description="Share of ships that never come [-].")


class HurricaneDamage(Strict):
    """What one hurricane of a class breaks, and for how long."""

    pv_lost_share: float = Field(ge=0, le=1, description="PV capacity lost [-].")
    pv_repair_days: float = Field(ge=0, le=3650, description="Until it is replaced [d].")
    lines_repair_hours: float = Field(
        ge=0, le=8760, description="Town's overhead lines down: non-critical load cut [h]."
    )
    island_grid_repair_hours: float = Field(ge=0, le=8760, description="Island grid down [h].")
    port_closed_days: float = Field(ge=0, le=365, description="No ship unloads [d].")
    ro_repair_days: float = Field(ge=0, le=3650, description="Desalination intake down [d].")
    link_damage_share: float = Field(ge=0, le=1, description="Chance each link unit breaks [-].")
    link_repair_days: float = Field(ge=0, le=3650, description="Repair of a broken link [d].")


class Hurricanes(Strict):
    """Hurricanes that hit the site: rate, season and damage by class."""

    per_yr: float = Field(ge=0, le=20, description="Hurricanes affecting the site [1/yr].")
    intense_share: float = Field(ge=0, le=1, description="Share that are intense [-].")
    month_shares: dict[int, float] = Field(description="Share of hurricanes by month (1-12) [-].")
    regular: HurricaneDamage
    intense: HurricaneDamage

    @model_validator(mode="after")
    def _months(self) -> Hurricanes:
        bad = [m for m in self.month_shares if not 1 <= m <= 12]
        if bad:
            raise ValueError(f"months must be 1-12, got {bad}")
        if any(v < 0 for v in self.month_shares.values()):
            raise ValueError("month shares cannot be negative")
        total = sum(self.month_shares.values())
        if self.per_yr > 0 and abs(total - 1.0) > 0.01:
            raise ValueError(f"the month shares add up to {total:.3f}, not 1; adjust them")
        return self


class Stress(Strict):
    """The stress test: failures sampled year by year against a fixed plan."""

    run: StressRun
    island_grid: GridFailures
    gensets: GensetFailures
    main_grid: MainGrid
    ships: Ships
    hurricanes: Hurricanes
    link_repair_mean_hours: float = Field(
        gt=0, le=8760, description="Mean repair of a data link's random failure [h]."
    )
    data_centre_autonomy_hours: float = Field(
        ge=0, le=8760, description="Hours the data centre's own backup carries it [h]."
    )


class Workforce(Strict):
    """The training centre and university branch that grow the specialists, and who leaves."""

    start_year: int = Field(ge=1900, le=2200, description="First year people live in town [yr].")
    horizon_year: int = Field(ge=1900, le=2300, description="Last year modelled [yr].")
    initial_specialists: int = Field(
        ge=0, le=MAX_PEOPLE, description="Specialists in town at the start [persons]."
    )
    intake_per_yr: int = Field(
        ge=0, le=MAX_PEOPLE, description="Students admitted each year [persons/yr]."
    )
    programme_years: int = Field(ge=1, le=10, description="Length of the programme [yr].")
    completion_share: float = Field(ge=0, le=1, description="Admitted who graduate [-].")
    graduate_stay_share: float = Field(
        ge=0, le=1, description="Graduates who take a job in town [-]."
    )
    attrition_per_yr: float = Field(
        ge=0, le=1, description="Specialists who leave each year (emigration, moves) [1/yr]."
    )
    external_hires_per_yr: int = Field(
        ge=0, le=MAX_PEOPLE, description="Specialists hired from outside each year [persons/yr]."
    )

    @model_validator(mode="after")
    def _years(self) -> Workforce:
        if self.horizon_year <= self.start_year:
            raise ValueError(
                f"horizon_year {self.horizon_year} must come after start_year {self.start_year}"
            )
        return self


class Milestone(Strict):
    """A build-out milestone: the year a stage of the town opens and what it adds."""

    year: int = Field(ge=1900, le=2300, description="Year the stage opens [yr].")
    research: bool = Field(description="Laboratories and the data centre are open.")
    industry: bool = Field(description="The light-industrial plants are open.")


class Phasing(Strict):
    """Build-out in stages; each milestone gets a supply plan that keeps what was built before."""

    enabled: bool = Field(description="Plan each milestone (one more LP per milestone).")
    milestones: list[Milestone] = Field(description="Stages in year order.")

    @model_validator(mode="after")
    def _ordered(self) -> Phasing:
        years = [m.year for m in self.milestones]
        if years != sorted(set(years)):
            raise ValueError(f"milestone years must rise strictly, got {years}")
        if self.enabled and not years:
            raise ValueError("phasing is enabled but lists no milestones; add one or disable it")
        return self


class Criteria(Strict):
    """What the town must achieve for a 'go'; stress-test criteria are judged in the P90 year."""

    budget_capex_usd: float = Field(
        gt=0, le=1e13, description="Most capex of the build-out, replacements aside [USD]."
    )
    max_unserved_energy_share: float = Field(
        ge=0, le=1, description="Most electricity unserved in the P90 year, of the load [-]."
    )
    max_unserved_water_share: float = Field(
        ge=0, le=1, description="Most water unserved in the P90 year, of the demand [-]."
    )
    min_water_autonomy_days: float = Field(
        ge=0, le=365, description="Least treated-water storage, in days of mean supply [d]."
    )
    min_data_centre_tier: Literal["Tier I", "Tier II", "Tier III", "Tier IV"] = Field(
        description="Least Uptime tier of the data centre's availability in the P90 year."
    )
    max_fuel_share: float = Field(
        ge=0, le=1, description="Most served electricity from the engines (diesel) [-]."
    )
    max_lcoe_usd_per_kwh: float = Field(
        gt=0, le=100, description="Lifecycle cost of served electricity at most [USD/kWh]."
    )
    land_available_ha: float = Field(gt=0, le=1e7, description="Land of the site [ha].")


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
    water_supply: WaterSupply
    sewage: Sewage
    fuel_supply: FuelSupply
    data_links: DataLinks
    solid_waste: SolidWaste
    constraints: Constraints
    stress: Stress
    workforce: Workforce
    phasing: Phasing
    criteria: Criteria
