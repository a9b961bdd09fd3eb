"""Scenario schema: strict, frozen pydantic models with units in every field description.

A scenario is everything a user states about a town: the site, its weather source, the people,
building floor-area overrides, and the electricity supply options with their costs. Numbers
carry their unit in the field name (``_kw``, ``_usd_per_kwh``...) and in the description.

Types are strict: a boolean or a string is never read as a number (``capex: true`` is an error,
not 1), a number with a fractional part is never an integer; an integer is a valid float.
Every physical field has a plausible range, written with `span` together with its unit and the
reason for the range; the reason is printed when a value falls outside (see
``docs/scenario-validation.md``). The ranges are wide enough for towns of 500 to 1,000,000
residents in any climate, and narrow enough to stop typos and absurd values before any
computing. Checks that involve more than one field (shares that add up to 1, a minimum below
its maximum, milestones inside the horizon...) are in `cayo.scenario.checks`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import PydanticUndefined

# [persons] ceiling of any one group of people: cayo plans towns of 500 to 1,000,000 residents
MAX_PEOPLE = 5_000_000
WHY_PEOPLE = (
    "cayo plans towns of 500 to 1,000,000 residents; 5 million leaves room and catches typos "
    "such as an extra 000"
)
WHY_SHARE = "a share of a whole runs from 0 to 1"
WHY_PROBABILITY = "a probability runs from 0 to 1"
WHY_EFFICIENCY = (
    "an efficiency cannot exceed 1 (energy is not created); below 0.5 no commercial unit is sold"
)
WHY_COST = (
    "0 is allowed for sensitivities; the ceiling is several times the dearest published "
    "figure, so a larger value is a unit or digit typo"
)
WHY_LIFE = "economic lives of utility assets run from a few years (IT, batteries) to ~80 (pipes)"
WHY_YEAR_H = "a year has 8760 hours"
WHY_SIGMA = (
    "log-normal sigmas of outage durations are 0.5-1.5 in utility data; 3 already spreads one "
    "standard deviation over a factor of 20"
)
WHY_REPAIR_H = (
    "from minutes to a year: Puerto Rico's grid took 11 months to restore after Hurricane "
    "Maria (2017)"
)


def span(
    low: float,
    high: float,
    unit: str,
    why: str,
    description: str,
    *,
    default: Any = PydanticUndefined,
    low_open: bool = False,
    high_open: bool = False,
) -> Any:
    """A field whose value must lie in [low, high] (open ends with `low_open`/`high_open`).

    The unit and the reason for the range are kept in the field's schema extras and printed
    by `cayo.scenario.io` when a value falls outside.
    """
    return Field(
        default,
        description=description,
        json_schema_extra={"unit": unit, "why": why},
        ge=None if low_open else low,
        gt=low if low_open else None,
        le=None if high_open else high,
        lt=high if high_open else None,
    )


def life(low: float, high: float, what: str) -> Any:
    """Economic life [yr] of an asset, `what` saying what typical lives are."""
    return span(low, high, "yr", f"{what}; {WHY_LIFE}", "Economic life [yr].")


def cost(high: float, unit: str, typical: str, description: str) -> Any:
    """A unit cost from 0 to `high` [unit]; `typical` names published figures."""
    return span(0, high, unit, f"{typical}; {WHY_COST}", description)


def share(description: str, why: str = WHY_SHARE, *, high: float = 1.0) -> Any:
    """A share of a whole [-] from 0 to `high`."""
    return span(0, high, "", why, description)


def probability(description: str, *, high: float = 1.0, why: str = WHY_PROBABILITY) -> Any:
    return span(0, high, "", why, description)


class Strict(BaseModel):
    """Base: unknown fields are errors, models are immutable, types are never coerced.

    ``strict=True``: booleans and strings are not numbers, floats are not integers (an integer
    is still a valid float); ``allow_inf_nan=False``: ``.nan`` and ``.inf`` are refused.
    """

    model_config = ConfigDict(
        extra="forbid", frozen=True, validate_default=True, strict=True, allow_inf_nan=False
    )


Name = Annotated[str, Field(min_length=1, max_length=200, pattern=r"\S")]


class Site(Strict):
    """Where the town is."""

    name: Name = Field(description="Human-readable site name.")
    latitude: float = span(
        -90, 90, "deg", "latitudes run from -90 (south pole) to 90 (north pole)", "[deg north]."
    )
    longitude: float = span(
        -180, 180, "deg", "longitudes run from -180 to 180; west is negative", "[deg east]."
    )
    altitude_m: float = span(
        -500,
        6000,
        "m",
        "towns lie between the Dead Sea shore (-430 m) and La Rinconada, Peru (5,100 m)",
        "Altitude above sea level [m].",
    )
    utc_offset_h: float = span(
        -12,
        14,
        "h",
        "time zones run from UTC-12 to UTC+14",
        "Local standard time offset from UTC [h]; no daylight saving.",
    )


MonthlyTemp = Annotated[
    float,
    Field(
        ge=-60,
        le=45,
        json_schema_extra={
            "unit": "degC",
            "why": "monthly means on Earth run from about -50 °C (Antarctic plateau) to about "
            "40 °C (Death Valley in July)",
        },
    ),
]


class Weather(Strict):
    """Which reference year drives PV output and cooling demand."""

    source: Literal["reference", "file"] = Field(
        description="'reference': pvlib's Miami TMY2 carried to the site by clear-sky-index "
        "transfer; 'file': a weather file given in `file`."
    )
    file: Path | None = Field(
        default=None,
        strict=False,  # YAML gives a path as a string
        description="Weather file (EPW, TMY3 or PVGIS TMY); relative to the scenario.",
    )
    format: Literal["epw", "tmy3", "pvgis"] | None = Field(
        default=None, description="Format of `file`; guessed from its extension when omitted."
    )
    year: int = span(
        1900,
        2100,
        "",
        "the calendar year the hours are laid on, for weekdays; any year of 1900-2100 works",
        "Calendar year the hourly series are laid on (weekdays).",
    )
    monthly_mean_temp_c: list[MonthlyTemp] | None = Field(
        default=None,
        min_length=12,
        max_length=12,
        description="The site's 12 monthly mean air temperatures [°C], January first (e.g. "
        "WMO climate normals); the reference year's hours are moved so that each month has "
        "its mean. Only with source: reference.",
    )


class DependentAges(Strict):
    """Shares of the dependents by age band [-]; they add up to 1 (`cayo.scenario.checks`)."""

    age_0_2: float = share("Share aged 0-2 [-].")
    age_3_6: float = share("Share aged 3-6 [-].")
    age_7_17: float = share("Share aged 7-17 [-].")
    adult: float = share("Share aged 18 or more (partners, parents) [-].")


class ChildAges(Strict):
    """Shares of the children by age band [-]; they add up to 1 (`cayo.scenario.checks`)."""

    age_0_2: float = share("Share aged 0-2 [-].")
    age_3_6: float = share("Share aged 3-6 [-].")
    age_7_17: float = share("Share aged 7-17 [-].")


def household_size(description: str, high: float = 10, default: Any = PydanticUndefined) -> Any:
    return span(
        1,
        high,
        "persons per dwelling",
        "a dwelling holds at least one person; national averages run from about 2 (northern "
        "Europe) to about 8 (Senegal) in the UN Database on Household Size and Composition 2019",
        description,
        default=default,
    )


class Households(Strict):
    """How the specialists and students live; their partners and children follow from it."""

    partner_share: float = share("Specialists who live with a partner in town [-].")
    partner_specialist_share: float = share(
        "Of those partners, the share who are specialists too (already counted) [-]."
    )
    partner_job_share: float = share(
        "Of the other partners, the share who take a service job in town [-]."
    )
    children_per_family: float = span(
        0,
        6,
        "children per family",
        "completed fertility runs from about 1 (South Korea) to about 6 (Niger); a young "
        "family has fewer children than it will",
        "Children living with a specialist family (a couple household) [children].",
    )
    child_age_shares: ChildAges
    single_household_size: float = household_size(
        "Specialists without a partner per dwelling (flat shares) [persons].", high=6
    )
    student_household_size: float = household_size(
        "Students per dwelling or dormitory flat [persons].", high=8
    )


class ServiceStaff(Strict):
    """Where the service workers come from (teachers, carers, doctors, shop and kitchen staff).

    The need follows the facilities (`staff_per_unit`); partners with a service job fill it
    first, then workers who move to town with their households (`live_in_share` of the rest),
    then commuters from `commute_from`, up to `commuters_available`; what is left is a
    shortfall the workforce stage reports.
    """

    live_in_share: float = share(
        "Of the staff not found among partners, the share who move to town with their "
        "households [-]."
    )
    household_size: float = household_size(
        "Persons per service worker's household, the worker included [persons/dwelling]."
    )
    workers_per_household: float = span(
        1,
        4,
        "workers per dwelling",
        "a household of a service worker has at least that worker; more than four earners in "
        "one dwelling is rare",
        "Service workers per such household [persons/dwelling].",
    )
    family_age_shares: DependentAges
    commute_from: Name = Field(description="Where the commuters live (a town nearby).")
    commuters_available: int = span(
        0,
        MAX_PEOPLE,
        "persons",
        WHY_PEOPLE,
        "Workers willing to commute in from `commute_from` [persons].",
    )
    commute_km: float = span(
        0, 200, "km", "a daily commute beyond 200 km each way is not a commute", "One way [km]."
    )
    bus_passengers: float = span(
        1,
        150,
        "passengers per bus",
        "a minibus carries ~15, an articulated bus up to ~150",
        "Average passengers per bus trip [persons].",
    )
    bus_l_per_km: float = span(
        0.05,
        1.5,
        "L/km",
        "city buses burn ~0.3-0.6 L of diesel per km; 1.5 L/km is beyond any bus",
        "Diesel burnt per bus-km [L/km].",
    )
    workdays_per_yr: int = span(
        100, 366, "days/yr", "a year has at most 366 days", "Working days a year [days/yr]."
    )


def people(description: str, default: Any = PydanticUndefined) -> Any:
    return span(0, MAX_PEOPLE, "persons", WHY_PEOPLE, description, default=default)


class People(Strict):
    """Who lives in the town, and who comes in by day [persons].

    The families come either from `households` (partners and children follow the specialists)
    or as given numbers (`dependents`, `dependent_age_shares`, `household_size`), not both.
    """

    specialists: int = people("IT specialists living in town [persons].")
    students: int = people("Students living in town [persons].")
    households: Households | None = None
    dependents: int | None = people(
        "Family members who neither work nor study in town [persons]; without `households`.",
        default=None,
    )
    dependent_age_shares: DependentAges | None = None
    household_size: float | None = household_size(
        "Average persons per household, i.e. per dwelling [persons]; without `households`.",
        default=None,
    )
    service_staff: ServiceStaff | None = None
    commuters: int = people("Other workers living elsewhere [persons/day].", default=0)
    visitors_per_day: int = people("Day visitors on an average day [persons/day].", default=0)
    tourists: int = people(
        "Tourists staying overnight on an average night (arrivals × nights / 365) [persons]; "
        "they sleep in hotels and count with the residents in shops, kitchens and sewage.",
        default=0,
    )


class Industry(Strict):
    """Light industrial plants (Cayo Digital's "localization of the production of equipment")."""

    floor_area_m2: float = span(
        0,
        1e7,
        "m²",
        "the largest factory buildings have about 1 million m² (Tesla Giga Texas, Boeing Everett)",
        "Plant floor area [m²].",
    )
    process_load_kw: float = span(
        0,
        1e6,
        "kW",
        "1 GW is more than an aluminium smelter (~500 MW), the most power-hungry plant a town has",
        "Peak process electricity [kW], on the industry schedule.",
    )
    workers: int = people("Plant workers [persons].")


class DataCentre(Strict):
    """On-island data centre: IT load times a PUE that rises with outdoor temperature."""

    it_load_kw: float = span(
        0, 1e6, "kW", "the largest data-centre campuses draw about 1 GW", "Average IT load [kW]."
    )
    pue_min: float = span(
        1,
        3,
        "",
        "PUE is total over IT power, so at least 1; the 2024 world average is 1.56 (Uptime "
        "Institute) and old sites reach 2.5",
        "PUE at or below `pue_ref_temp_c` [-].",
    )
    pue_ref_temp_c: float = span(
        -30,
        50,
        "°C",
        "free cooling works below 10-27 °C; ASHRAE allows server inlets up to 45 °C",
        "Temperature where PUE rises [°C].",
    )
    pue_per_c: float = span(
        0,
        0.2,
        "per °C",
        "chiller-cooled sites gain 0.01-0.03 of PUE per °C; 0.2 would double it in 5 °C",
        "PUE increase per °C above it [1/°C].",
    )
    water_l_per_kwh_it: float = span(
        0,
        10,
        "L/kWh",
        "WUE is 0 for dry coolers, 1.8 L/kWh on average (The Green Grid), ~5 for evaporative "
        "cooling in hot climates",
        "Cooling water per kWh of IT energy (WUE) [L/kWh].",
    )
    external_gbps: float = span(
        0,
        1e5,
        "Gbit/s",
        "100 Tbit/s is more than the largest internet exchanges carry",
        "External bandwidth [Gbit/s].",
    )


class StreetLighting(Strict):
    """Streets and their lighting."""

    street_share_of_land: float = share(
        "Streets as a share of all town land [-].",
        "UN-Habitat recommends at least 30 %; Manhattan has ~36 % and few cities exceed 50 %",
        high=0.6,
    )
    w_per_m2_street: float = span(
        0,
        5,
        "W/m²",
        "LED street lighting needs 0.2-1 W/m², old sodium lamps ~2 W/m²",
        "Lighting power per m² of street [W/m²].",
    )


Month = Annotated[
    int, Field(ge=1, le=12, json_schema_extra={"unit": "", "why": "months run from 1 to 12"})
]


class Calendar(Strict):
    """School terms: in the holiday months schools and the campus run on their weekend profile."""

    school_holiday_months: list[Month] = Field(
        description="Months without classes (1-12), at most 11 of them."
    )


Capacity = Annotated[
    float,
    Field(
        ge=0,
        le=1e9,
        json_schema_extra={
            "unit": "in the facility's unit (places, seats, m²...; see `cayo program`)",
            "why": "1e9 places or m² is far beyond any town",
        },
    ),
]


class Program(Strict):
    """From people to facilities: norm overrides and the facilities the scenario sizes itself.

    The names and the ranges of `norms` and `capacity` follow data/facilities.csv and are
    checked in `cayo.scenario.checks`.
    """

    norms: dict[str, dict[str, float]] = Field(
        default_factory=dict,
        description="Overrides of data/facilities.csv: {facility: {parameter: value}}.",
    )
    capacity: dict[str, Capacity] = Field(
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

    water_network_loss_share: float = share(
        "Share of the water put into the network that is lost [-].",
        "the best networks lose ~5 %, the worst ~70 % (Havana); at 80 % the network delivers "
        "almost nothing (IBNET non-revenue water data)",
        high=0.8,
    )
    bod_g_per_resident_day: float = span(
        20,
        150,
        "g BOD5 per day",
        "a person emits 30-120 g of BOD5 a day worldwide (Henze et al., Biological Wastewater "
        "Treatment); the EU population equivalent is 60 g",
        "Organic load per resident [g BOD5/day].",
    )
    bod_g_per_day_visitor: float = span(
        0,
        150,
        "g BOD5 per day",
        "at most a resident's whole day (30-120 g BOD5)",
        "Organic load per commuter or visitor [g BOD5/day].",
    )


class Demand(Strict):
    """Demand settings."""

    scale: float = span(
        0.1,
        10,
        "",
        "a sensitivity multiplier; beyond 0.1-10 the norms behind the demand no longer "
        "describe the town",
        "Multiplier on the whole electricity demand [-] for sensitivities.",
        default=1.0,
    )


class WaterUse(Strict):
    """Residential water by context; data/water_norms.csv holds the litres per band and their
    sources. Non-residential water is per facility type in data/facilities.csv."""

    income_band: Literal["low", "lower_middle", "upper_middle", "high"] = Field(
        description="World Bank income band of the residents (sets litres per person)."
    )
    metered: bool = Field(description="Homes pay by the cubic metre (meters cut use).")
    residential_l_per_person_day: float | None = span(
        20,
        600,
        "L/(person*day)",
        "20 L/person/day is the WHO minimum for survival; no town's homes use 600",
        "Residential water [L/(person·day)], replacing the table's value for the band.",
        default=None,
    )


# [kWh/kg] lower heating value of LPG, 46 MJ/kg (propane-butane mixes 45.6-46.4 MJ/kg)
LPG_KWH_PER_KG = 46.0 / 3.6
# [-] heat reaching the pot: gas burner 40 %, electric coil 74 % (EPRI, Induction Cooking
# Technology Design and Assessment, https://www.scribd.com/document/402360610/Full-Text-23962016)
GAS_COOKING_EFFICIENCY = 0.40
ELECTRIC_COOKING_EFFICIENCY = 0.74


class WasteUse(Strict):
    """Municipal solid waste by context: the shipped norms (data/facilities.csv) add up to
    Cuba's 0.65 kg/person/day; a place with another national rate scales every municipal
    norm of its residents' buildings by rate / 0.65 (hotels keep their per-guest figure)."""

    municipal_kg_per_person_day: float = span(
        0.1,
        5,
        "kg/(person*day)",
        "national rates run from 0.11 to 4.54 kg/person/day (World Bank, What a Waste 2.0, 2018)",
        "Municipal solid waste per person of the place's country [kg/(person·day)].",
    )


class Cooking(Strict):
    """How homes cook: the residence's LPG norm is for homes cooking on gas."""

    electric_share: float = share(
        "Share of homes cooking on electricity [-]: their LPG becomes electricity at the "
        "same heat in the pot (× LHV × 0.40 / 0.74, on the cooking schedule).",
    )


class CoolingUse(Strict):
    """How one building type is air-conditioned."""

    ac_share: float = share(
        "Share of the floor area that is air-conditioned [-] (homes: of dwellings with AC)."
    )
    set_point_c: float = span(
        16,
        32,
        "degC",
        "room set-points run from ~18 °C (over-cooled offices) to ~28 °C (energy-saving "
        "campaigns); outside 16-32 °C a building is not comfort-cooled",
        "Thermostat set-point [°C]; moves the balance point by the same degrees.",
    )
    cop: float = span(
        1,
        10,
        "-",
        "room air conditioners run from COP ~2 (old window units) to ~7 (best inverter splits, "
        "seasonal); below 1 it is a heater, above 10 no vapour-compression unit",
        "Average coefficient of performance of the installed units when the town is complete "
        "(the last milestone) [-].",
    )


class Cooling(Strict):
    """Air-conditioning by building type; types not listed keep the shipped table's reference
    (cooled throughout at its set-point by units of its COP)."""

    by_facility: dict[Name, CoolingUse] = Field(
        default_factory=dict, description="Cooling per facility type (data/facilities.csv)."
    )
    cop_gain_per_yr: float = span(
        0,
        0.1,
        "1/yr",
        "efficiency standards raise the stock's COP by a few per cent a year; 10 % a year "
        "would double it in seven years",
        "Yearly efficiency gain of the installed units [1/yr]: a milestone N years before the "
        "town is complete sees COP / (1 + gain)^N.",
        default=0.0,
    )


class Pv(Strict):
    """Fixed-tilt photovoltaic plant; capacity in kW of modules (DC, kWp)."""

    enabled: bool = True
    capex_usd_per_kw: float = cost(
        10_000,
        "USD/kWp",
        "utility PV costs 400-2,500 USD/kW worldwide (IRENA 2023), small islands up to ~5,000",
        "Installed cost [USD/kWp].",
    )
    fixed_om_usd_per_kw_yr: float = cost(
        500, "USD/kWp/yr", "PV O&M is 10-50 USD/kW/yr (NREL ATB)", "Fixed O&M [USD/kWp/yr]."
    )
    lifetime_yr: float = life(5, 50, "modules are warranted for 25-30 years")
    land_ha: float = span(
        0,
        1e5,
        "ha",
        "the largest solar parks cover 5,000-15,000 ha (Bhadla, India: 5,700 ha)",
        "Land available for PV [ha].",
    )
    kw_per_ha: float = span(
        100,
        2200,
        "kWp/ha",
        "modules give ~200-230 W/m², so a fully covered hectare holds ~2,200 kWp; ground "
        "plants hold 400-1,000 kWp/ha (NREL land-use survey)",
        "Module capacity per hectare of land [kWp/ha].",
    )
    tilt_deg: float | None = span(
        0,
        90,
        "deg",
        "0 is flat, 90 is a vertical wall",
        "Module tilt [deg]; default: site latitude.",
        default=None,
    )
    azimuth_deg: float = span(
        0,
        360,
        "deg",
        "compass bearings run from 0 (north) to just below 360; 180 = south",
        "Module azimuth [deg], 180 = south.",
        high_open=True,
    )
    dc_ac_ratio: float = span(
        0.8,
        2.5,
        "",
        "plants use 1.0-1.5 (PVWatts default 1.2), battery-coupled ones up to ~2",
        "Module kWp per inverter kW AC [-].",
    )
    inverter_efficiency: float = span(
        0.8,
        1,
        "",
        "modern inverters are 0.95-0.99 efficient (CEC); an efficiency cannot exceed 1",
        "Nominal inverter efficiency [-].",
    )
    temperature_coefficient_per_c: float = span(
        -0.01,
        0,
        "per °C",
        "modules lose power when hot: crystalline silicon -0.003 to -0.005 /°C, thin film "
        "about -0.002 /°C",
        "Power temperature coefficient [1/°C].",
    )
    system_losses_pct: float = span(
        0,
        50,
        "%",
        "PVWatts' default is 14 %; above 50 % the plant is broken, not lossy",
        "PVWatts DC system losses (soiling, wiring, mismatch...) [%].",
    )


class Battery(Strict):
    """Li-ion battery; power [kW] and energy [kWh] sized independently."""

    enabled: bool = True
    capex_power_usd_per_kw: float = cost(
        5000, "USD/kW", "inverters and balance of plant cost 100-500 USD/kW", "Power [USD/kW]."
    )
    capex_energy_usd_per_kwh: float = cost(
        5000,
        "USD/kWh",
        "turnkey Li-ion storage cost 165 USD/kWh in 2024 (BNEF), ~440 in Puerto Rico",
        "Energy part [USD/kWh].",
    )
    fixed_om_usd_per_kw_yr: float = cost(
        500, "USD/kW/yr", "battery O&M is 5-40 USD/kW/yr (NREL ATB)", "Fixed O&M [USD/kW/yr]."
    )
    lifetime_yr: float = life(2, 30, "Li-ion lasts 10-20 years")
    throughput_cost_usd_per_kwh: float = cost(
        1, "USD/kWh", "wear costs 0-0.1 USD per kWh discharged", "Variable O&M [USD/kWh]."
    )
    charge_efficiency: float = span(
        0.5, 1, "", WHY_EFFICIENCY, "AC→stored efficiency [-] (Li-ion ~0.95)."
    )
    discharge_efficiency: float = span(
        0.5, 1, "", WHY_EFFICIENCY, "Stored→AC efficiency [-] (Li-ion ~0.95)."
    )


class Genset(Strict):
    """Diesel / fuel-oil engine generators, linear fuel curve."""

    enabled: bool = True
    capex_usd_per_kw: float = cost(
        10_000, "USD/kW", "engine plants cost 500-2,000 USD/kW", "Installed cost [USD/kW]."
    )
    fixed_om_usd_per_kw_yr: float = cost(
        500, "USD/kW/yr", "engine O&M is 10-50 USD/kW/yr", "Fixed O&M [USD/kW/yr]."
    )
    variable_om_usd_per_kwh: float = cost(
        1, "USD/kWh", "lubricants and overhauls cost 0.005-0.05 USD/kWh", "Variable O&M [USD/kWh]."
    )
    lifetime_yr: float = life(3, 50, "engines last 15-30 years")
    fuel_l_per_kwh: float = span(
        0.15,
        1,
        "L/kWh",
        "diesel holds ~10 kWh/L: the best engines (45-50 %) burn ~0.2 L/kWh, small sets at part "
        "load ~0.5; below 0.15 an engine would be more efficient than any built",
        "Fuel use per kWh delivered [L/kWh].",
    )
    fuel_price_usd_per_l: float = cost(
        10,
        "USD/L",
        "diesel sells for 0.02 (subsidised) to ~2.5 USD/L worldwide, more on remote islands",
        "Delivered fuel price [USD/L].",
    )
    max_kw: float | None = span(
        0,
        1e7,
        "kW",
        "10 GW is the size of the largest power stations; a town needs a few to a few hundred MW",
        "Capacity cap [kW]; null: no cap.",
        default=None,
    )


class IslandGrid(Strict):
    """Import from the isolated island grid: capped, and cut every night on a rotating schedule."""

    enabled: bool = True
    max_import_kw: float = span(
        0,
        1e7,
        "kW",
        "10 GW is the size of the largest power stations; a town needs a few to a few hundred MW",
        "Most the town may draw [kW].",
    )
    price_usd_per_kwh: float = cost(
        5,
        "USD/kWh",
        "electricity tariffs run from 0.01 to ~1 USD/kWh worldwide",
        "Energy price [USD/kWh].",
    )
    cut_window_start_h: int = span(
        0, 23, "h", "hours of the day run from 0 to 23", "Local hour cuts may start [h]."
    )
    cut_window_hours: int = span(1, 24, "h", "a day has 24 hours", "Length of the cut window [h].")
    cut_hours_per_day: int = span(
        0, 24, "h", "a day has 24 hours", "Hours cut every day [h]; at most the window."
    )


class Technologies(Strict):
    """Supply options for electricity. Known technologies: pv, battery, genset, island_grid."""

    pv: Pv
    battery: Battery
    genset: Genset
    island_grid: IslandGrid


class Wells(Strict):
    """Groundwater wells with pumps, capped by the aquifer's sustainable yield."""

    enabled: bool = True
    sustainable_yield_m3_per_h: float = span(
        0,
        1e5,
        "m³/h",
        "100,000 m³/h (2.4 million m³/day) is more than the largest well fields give",
        "Yield cap [m³/h].",
    )
    capex_usd_per_m3_per_h: float = cost(
        1e5,
        "USD/(m³/h)",
        "wells, pumps and mains cost 1,000-20,000 USD per m³/h",
        "Wells + pumps [USD/(m³/h)].",
    )
    fixed_om_usd_per_m3_per_h_yr: float = cost(
        1e4, "USD/(m³/h)/yr", "O&M is 2-5 % of capex a year", "[USD/(m³/h)/yr]."
    )
    lifetime_yr: float = life(5, 80, "wells and pumps last 15-40 years")
    kwh_per_m3: float = span(
        0,
        5,
        "kWh/m³",
        "lifting 1 m³ by 100 m takes ~0.4 kWh; 5 kWh/m³ is over 1,000 m of lift",
        "Pumping energy [kWh/m³].",
    )


class Desalination(Strict):
    """Reverse-osmosis desalination plant."""

    enabled: bool = True
    capex_usd_per_m3_per_day: float = cost(
        20_000,
        "USD/(m³/day)",
        "RO plants cost 1,000-9,000 USD per m³/day of capacity",
        "[USD/(m³/day)].",
    )
    fixed_om_usd_per_m3_per_day_yr: float = cost(
        2000, "USD/(m³/day)/yr", "O&M is 2-5 % of capex a year", "[USD/(m³/day)/yr]."
    )
    variable_om_usd_per_m3: float = cost(
        5, "USD/m³", "membranes and chemicals cost 0.05-0.5 USD/m³", "[USD/m³]."
    )
    lifetime_yr: float = life(5, 50, "RO plants last 20-30 years")
    kwh_per_m3: float = span(
        0.2,
        25,
        "kWh/m³",
        "brackish RO needs 0.5-2.5 kWh/m³, seawater RO 2.5-4, thermal plants up to ~20 "
        "(electric equivalent); seawater cannot be desalinated with less than ~1 kWh/m³",
        "Electricity per m³ produced [kWh/m³].",
    )


class WaterTank(Strict):
    """Treated-water storage."""

    enabled: bool = True
    capex_usd_per_m3: float = cost(
        5000, "USD/m³", "reservoirs cost 100-1,000 USD/m³", "[USD/m³ of storage]."
    )
    lifetime_yr: float = life(5, 100, "concrete reservoirs last 40-80 years")


class WaterSupply(Strict):
    """Water sources, storage and the price of water not delivered."""

    wells: Wells
    desalination: Desalination
    tank: WaterTank
    distribution_kwh_per_m3: float = span(
        0,
        3,
        "kWh/m³",
        "network pumping takes 0.1-1 kWh/m³; 3 kWh/m³ is ~700 m of head",
        "Network pumping per m³ supplied [kWh/m³].",
    )
    value_of_lost_water_usd_per_m3: float = span(
        0.1,
        1000,
        "USD/m³",
        "from trucked water (5-50 USD/m³) to bottled water (~1,000 USD/m³); it must be above "
        "0 for unserved water to be avoided",
        "Penalty on water not delivered [USD/m³].",
    )


class Sewage(Strict):
    """Wastewater treatment, sized to the peak hourly flow; its energy is a load on the LP."""

    capex_usd_per_m3_per_day: float = cost(
        20_000,
        "USD/(m³/day)",
        "treatment plants cost 300-5,000 USD per m³/day",
        "[USD/(m³/day)].",
    )
    fixed_om_share_per_yr: float = share(
        "O&M as a share of capex [1/yr].",
        "plants spend 2-8 % of their capex a year on O&M; 20 % rebuilds them every five years",
        high=0.2,
    )
    lifetime_yr: float = life(5, 80, "treatment plants last 20-40 years")
    kwh_per_m3: float = span(
        0,
        3,
        "kWh/m³",
        "activated sludge needs 0.3-0.6 kWh/m³, membrane bioreactors up to ~1.5",
        "Treatment energy [kWh/m³].",
    )
    reuse_for_irrigation: bool = Field(description="Use treated water for irrigation.")
    reuse_recovery_share: float = share("Treated water reusable [-].")


def ship_interval() -> Any:
    return span(1, 365, "d", "from a ship a day to one a year", "Days between possible ships [d].")


def first_ship() -> Any:
    return span(
        0, 364, "d", "days of the year run from 0 to 364", "Day of the year of the first ship [d]."
    )


class Diesel(Strict):
    """Diesel / fuel oil by sea: tank, ships, minimum stock. With ``enabled: false`` the gensets
    buy their fuel as they burn it, with no tank or ship in the plan."""

    enabled: bool = True
    ship_interval_days: int = ship_interval()
    first_ship_day: int = first_ship()
    max_cargo_m3: float = span(
        0,
        5e5,
        "m³",
        "coastal tankers carry 1,000-50,000 m³, the largest crude carriers ~350,000 m³",
        "Most one ship delivers [m³].",
    )
    tank_capex_usd_per_m3: float = cost(
        5000, "USD/m³", "steel tanks with bunds cost 100-1,000 USD/m³", "Tank cost [USD/m³]."
    )
    tank_lifetime_yr: float = life(5, 80, "steel tanks last 30-50 years")


class Lpg(Strict):
    """Cooking gas by sea: tank, ships, price and the penalty on gas not delivered. With
    ``enabled: false`` no gas ship comes and the cooking demand is reported unserved."""

    enabled: bool = True
    price_usd_per_kg: float = cost(
        10, "USD/kg", "LPG sells for 0.5-3 USD/kg worldwide", "Delivered price [USD/kg]."
    )
    ship_interval_days: int = ship_interval()
    first_ship_day: int = first_ship()
    max_cargo_t: float = span(
        0,
        1e5,
        "t",
        "gas carriers carry 1,000-60,000 t (the largest VLGCs ~55,000 t)",
        "Most one ship delivers [t].",
    )
    tank_capex_usd_per_t: float = cost(
        20_000,
        "USD/t",
        "pressurised bullets cost 1,000-5,000 USD/t",
        "Storage cost [USD/t].",
    )
    tank_lifetime_yr: float = life(5, 80, "pressure vessels last 30-50 years")
    value_of_lost_lpg_usd_per_kg: float = span(
        0.1,
        1000,
        "USD/kg",
        "the cost of cooking otherwise (1-20 USD/kg); it must be above 0 for unserved gas to "
        "be avoided",
        "Penalty on cooking gas not delivered [USD/kg].",
    )


class FuelSupply(Strict):
    """Fuels that arrive by sea."""

    diesel: Diesel
    lpg: Lpg


class DataLink(Strict):
    """One backhaul option to the main island."""

    capacity_gbps: float = span(
        0,
        1e6,
        "Gbit/s",
        "from a radio link's 0.1 Gbit/s to a submarine cable's 250,000 Gbit/s; a unit that "
        "carries nothing is no option",
        "Capacity of one unit [Gbit/s].",
        low_open=True,
    )
    capex_usd: float = cost(
        5e9,
        "USD",
        "from a satellite terminal (~10,000 USD) to an ocean cable (~1 billion USD)",
        "Cost of one unit [USD].",
    )
    om_usd_per_yr: float = cost(
        1e9, "USD/yr", "operation costs up to a few % of capex a year", "[USD/yr]."
    )
    lifetime_yr: float = life(1, 50, "radios and terminals last 5-15 years, cables ~25")
    availability: float = span(
        0.5,
        1,
        "",
        "links are available 0.9-0.99999 of the time; below 0.5 a unit is down more than up",
        "Share of time the unit works [-].",
    )
    max_units: int = span(
        0, 10, "units", "ten parallel units of one kind are more than any town uses", "Most units."
    )


class DataLinks(Strict):
    """Backhaul options and the redundancy rule."""

    options: dict[Name, DataLink]
    redundancy: Literal["N", "N+1"] = Field(
        description="'N+1': peak traffic still fits after losing the largest unit."
    )
    min_availability: float = span(
        0.5,
        1,
        "",
        "Uptime Tier IV is 0.99995; an availability of 1 is never reached with units that fail",
        "Least share of time at least one unit works [-].",
        high_open=True,
    )


class SolidWaste(Strict):
    """Collection, composting, landfill and optional waste-to-energy (sized outside the LP)."""

    truck_capacity_t: float = span(
        1,
        30,
        "t per trip",
        "compactor trucks carry 5-15 t; road limits stop near 30 t",
        "Load of one truck [t/trip].",
    )
    trips_per_truck_day: float = span(
        0.5, 10, "trips per day", "crews make 1-4 trips a day", "Trips a truck makes a day."
    )
    km_per_trip: float = span(
        0, 500, "km", "a round trip to a landfill is 5-100 km", "Round trip [km]."
    )
    truck_l_per_km: float = span(
        0, 2, "L/km", "refuse trucks burn 0.4-1 L/km", "Truck diesel use [L/km]."
    )
    truck_capex_usd: float = cost(
        2e6, "USD", "a compactor truck costs 100,000-400,000 USD", "Cost of one truck [USD]."
    )
    truck_lifetime_yr: float = life(2, 30, "trucks last 7-12 years")
    collection_usd_per_t: float = cost(
        1000,
        "USD/t",
        "collection costs 20-170 USD/t (World Bank, What a Waste 2.0)",
        "Crew and upkeep [USD/t].",
    )
    disposal_usd_per_t: float = cost(
        1000,
        "USD/t",
        "landfills charge 10-100 USD/t (World Bank, What a Waste 2.0)",
        "Landfill operation [USD/t].",
    )
    composted_share_of_organic: float = share("Organic waste composted [-].")
    landfill_density_t_per_m3: float = span(
        0.3,
        1.5,
        "t/m³",
        "compacted municipal waste weighs 0.5-1.2 t/m³",
        "Compacted waste [t/m³].",
    )
    landfill_height_m: float = span(
        1, 100, "m", "landfills are filled 5-50 m high", "Mean fill height [m]."
    )
    horizon_yr: float = span(
        1, 100, "yr", "landfills are planned for 10-50 years", "Years the landfill must last [yr]."
    )
    waste_to_energy: bool = Field(description="Burn the residual waste for electricity.")
    wte_kwh_per_t: float = span(
        0,
        1500,
        "kWh/t",
        "waste holds ~2,800 kWh of heat per tonne and mass-burn plants deliver 400-800 kWh/t",
        "Net electricity per tonne [kWh/t].",
    )
    wte_capex_usd_per_t_per_day: float = cost(
        3e6,
        "USD/(t/day)",
        "waste-to-energy plants cost 200,000-1,000,000 USD per t/day",
        "[USD/(t/day)].",
    )
    wte_lifetime_yr: float = life(5, 50, "incinerators last 20-30 years")


class Constraints(Strict):
    """Plan-wide rules, as HOMER and REopt users expect them."""

    reserve_share_of_load: float = share("Operating reserve as a share of the hourly load [-].")
    reserve_share_of_pv: float = share("Operating reserve as a share of the hourly PV output [-].")
    max_unserved_share: float = share("Most electricity left unserved over the year [-].")
    min_renewable_share: float = share("Least share of served electricity from PV [-].")
    critical_facilities: list[Name] = Field(
        description="Facilities whose electricity must always be served."
    )
    critical_autonomy_hours: float = span(
        0, 8760, "h", WHY_YEAR_H, "Hours the diesel stock must carry the critical peak [h]."
    )


class Finance(Strict):
    """Money settings (USD, real 2025)."""

    discount_rate: float = span(
        0,
        0.3,
        "per year",
        "real discount rates in project appraisal are 0-15 % (the World Bank and ADB use 6-12 "
        "%); write 8 % as 0.08",
        "Real discount rate [1/yr].",
    )
    value_of_lost_load_usd_per_kwh: float = span(
        0.1,
        1000,
        "USD/kWh",
        "studies put the value of lost load at 1-100 USD/kWh; it must be above 0 for unserved "
        "load to be avoided",
        "Penalty on unserved electricity [USD/kWh].",
    )


class StressRun(Strict):
    """How many years the stress test samples."""

    min_years: int = span(
        1, 1_000_000, "years", "a million sampled years take hours", "Years sampled at least [-]."
    )
    max_years: int = span(
        1, 10_000_000, "years", "ten million sampled years take days", "Cap on the years [-]."
    )
    batch_years: int = span(
        1,
        1_000_000,
        "years",
        "a batch must fit in memory",
        "Years per batch; convergence is checked per batch [-].",
    )
    ci_rel_target: float = span(
        0.001,
        1,
        "",
        "below 0.1 % the run needs millions of years; 1 accepts any result",
        "Stop when the 95 % confidence half-width of the mean unserved energy is "
        "within this share of the mean [-].",
    )
    survival_max_hours: int = span(
        1, 8760, "h", WHY_YEAR_H, "Longest outage of the survival curves [h]."
    )


def repair_hours(description: str) -> Any:
    return span(0.1, 8760, "h", WHY_REPAIR_H, description)


def sigma(description: str) -> Any:
    return span(0, 3, "", WHY_SIGMA, description)


def collapses(description: str) -> Any:
    return span(
        0,
        100,
        "per year",
        "Cuba's grids collapsed about 5 times a year in 2024-25; 100 is one every 3-4 days",
        description,
    )


class GridFailures(Strict):
    """The island grid as the town's feeder sees it: nightly rotating cuts and collapses."""

    cut_day_share: float = share("Share of days with a rotating cut [-].")
    cut_min_hours: int = span(1, 24, "h", "a day has 24 hours", "Shortest cut [h].")
    cut_max_hours: int = span(1, 24, "h", "a day has 24 hours", "Longest cut [h].")
    collapses_per_yr: float = collapses("Island-wide blackouts [1/yr].")
    collapse_median_hours: float = repair_hours("Median restoration [h].")
    collapse_sigma: float = sigma("Log-normal sigma of restoration [-].")


class GensetFailures(Strict):
    """Engine units and their failures (REopt's backup-reliability model)."""

    unit_kw: float = span(
        1,
        1e5,
        "kW",
        "engine units are 10 kW to 20 MW; the largest marine engines give ~80 MW",
        "Size of one engine unit [kW].",
    )
    min_load_share: float = share(
        "Least load of a running unit [-].",
        "diesel engines avoid running below 25-40 % load; at 90 % they could not follow the load",
        high=0.9,
    )
    fail_to_start: float = probability(
        "Chance a start fails [-].",
        high=0.5,
        why="REopt's default is 0.0066; a unit failing half its starts is out of service",
    )
    fail_to_run_per_h: float = probability(
        "Chance per running hour [1/h].",
        high=0.1,
        why="REopt's default is 0.00157 per hour; 0.1 is a failure every 10 hours",
    )
    repair_mean_hours: float = repair_hours("Mean repair time [h].")


class MainGrid(Strict):
    """Nationwide collapses of Cuba's main-island grid and what of the town depends on it."""

    collapses_per_yr: float = collapses("Collapses [1/yr].")
    restore_median_hours: float = repair_hours("Median restoration [h].")
    restore_sigma: float = sigma("Log-normal sigma of restoration [-].")
    backup_hours: float = span(
        0, 8760, "h", WHY_YEAR_H, "Hours the far ends of the links run on their own backup [h]."
    )
    dependent_links: list[Name] = Field(
        description="Data-link options that land on the main island (data_links.options keys)."
    )
    ships_wait: bool = Field(description="Fuel ships cannot load while the main grid is down.")


class Ships(Strict):
    """Delays of diesel and LPG ships."""

    late_share: float = share("Share of ships that arrive late [-].")
    delay_mean_days: float = span(
        0.1, 365, "d", "from hours to a year", "Mean delay of a late ship [d]."
    )
    missed_share: float = share("Share of ships that never come [-].")


def repair_days(description: str) -> Any:
    return span(0, 3650, "d", "from none to ten years (a plant rebuilt)", description)


class HurricaneDamage(Strict):
    """What one hurricane of a class breaks, and for how long."""

    pv_lost_share: float = share("PV capacity lost [-].")
    pv_repair_days: float = repair_days("Until it is replaced [d].")
    lines_repair_hours: float = span(
        0, 8760, "h", WHY_REPAIR_H, "Town's overhead lines down: non-critical load cut [h]."
    )
    island_grid_repair_hours: float = span(0, 8760, "h", WHY_REPAIR_H, "Island grid down [h].")
    port_closed_days: float = span(0, 365, "d", "from none to a year", "No ship unloads [d].")
    ro_repair_days: float = repair_days("Desalination intake down [d].")
    link_damage_share: float = probability("Chance each link unit breaks [-].")
    link_repair_days: float = repair_days("Repair of a broken link [d].")


ShareValue = Annotated[float, Field(ge=0, le=1, json_schema_extra={"unit": "", "why": WHY_SHARE})]
MonthShare = ShareValue
# keys: YAML writes `9:` as an integer and JSON (scenario.resolved.json) as "9"; both are read
MonthKey = Annotated[
    int,
    Field(ge=1, le=12, strict=False, json_schema_extra={"unit": "", "why": "months run 1-12"}),
]


class Hurricanes(Strict):
    """Hurricanes that hit the site: rate, season and damage by class."""

    per_yr: float = span(
        0,
        5,
        "per year",
        "the most exposed places are hit about once a year (Isla de la Juventud: 0.27 a year)",
        "Hurricanes affecting the site [1/yr].",
    )
    intense_share: float = share("Share that are intense [-].")
    month_shares: dict[MonthKey, MonthShare] = Field(
        description="Share of hurricanes by month (1-12) [-]; they add up to 1."
    )
    regular: HurricaneDamage
    intense: HurricaneDamage


class Stress(Strict):
    """The stress test: failures sampled year by year against a fixed plan."""

    run: StressRun
    island_grid: GridFailures
    gensets: GensetFailures
    main_grid: MainGrid
    ships: Ships
    hurricanes: Hurricanes
    link_repair_mean_hours: float = repair_hours("Mean repair of a data link's random failure [h].")
    data_centre_autonomy_hours: float = span(
        0, 8760, "h", WHY_YEAR_H, "Hours the data centre's own backup carries it [h]."
    )
    critical_load_share: float = span(
        0,
        1,
        "",
        WHY_SHARE,
        "REopt-style survival view: share of each facility's electricity that is critical, "
        "where critical_load_shares gives none [-] (REopt's default for a grid-connected site: "
        "0.5).",
        default=0.5,
    )
    critical_load_shares: dict[Name, ShareValue] = Field(
        default_factory=dict,
        description="REopt-style survival view: critical share of electricity per facility type "
        "[-]; the facilities in constraints.critical_facilities count in full unless given here.",
    )


def plan_year(description: str, high: int = 2300) -> Any:
    return span(
        1900,
        high,
        "",
        "years of a town planned now, or back-tested on the past; the workforce years may span "
        "at most a century",
        description,
    )


class Workforce(Strict):
    """The training centre and university branch that grow the specialists, and who leaves."""

    start_year: int = plan_year("First year people live in town [yr].", high=2200)
    horizon_year: int = plan_year("Last year modelled [yr]; after start_year.")
    initial_specialists: int = people(
        "Specialists in town at the start [persons]; at most people.specialists."
    )
    intake_per_yr: int = people("Students admitted each year [persons/yr].")
    programme_years: int = span(
        1, 10, "yr", "degrees and training programmes last 1-7 years", "Programme length [yr]."
    )
    completion_share: float = share("Admitted who graduate [-].")
    graduate_stay_share: float = share("Graduates who take a job in town [-].")
    attrition_per_yr: float = share(
        "Specialists who leave each year (emigration, moves) [1/yr].",
        "Cuba's 4.5 % a year in 2022-23 was extreme; at 50 % a year the town empties in two",
        high=0.5,
    )
    external_hires_per_yr: int = people("Specialists hired from outside each year [persons/yr].")


class Milestone(Strict):
    """A build-out milestone: the year a stage of the town opens and what it adds."""

    year: int = plan_year("Year the stage opens [yr]; inside the workforce years.")
    research: bool = Field(description="Laboratories and the data centre are open.")
    industry: bool = Field(description="The light-industrial plants are open.")


class Phasing(Strict):
    """Build-out in stages; each milestone gets a supply plan that keeps what was built before."""

    enabled: bool = Field(description="Plan each milestone (one more LP per milestone).")
    milestones: list[Milestone] = Field(
        description="Stages in year order; at most 20 (each is one more year-long LP).",
    )


WHY_LINE_USD = (
    "a km of town distribution line costs 0.1-3 M USD to build; 5 M USD/km is beyond any "
    "published undergrounding cost (EEI 2012: urban up to 2.8 M USD/km)"
)
WHY_ASSET_LIFE = "grid assets last 10-80 years (composite poles 60-80 yr, WAPA)"


class HardenedPoles(Strict):
    """Hardened overhead lines: concrete or composite poles rated for hurricane winds."""

    usd_per_km: float = span(
        0, 5e6, "USD/km", WHY_LINE_USD,
        "Extra capex over bare overhead line, new build [USD/km]. Estimate: ~10 poles/km of "
        "composite poles at ~4,000 USD (USVI) against wood at 350-1,200 USD, with heavier "
        "footings; retrofits cost 0.24-0.55 M USD/km (FPL 2014, WAPA contracts).",
        default=100_000.0,
    )  # fmt: skip
    lifetime_yr: float = span(1, 100, "yr", WHY_ASSET_LIFE, "Life [yr] (WAPA: 60-80 yr).",
                              default=60.0)  # fmt: skip
    outage_factor: float = share(
        "Chance a hardened line is down in a hurricane, against a bare one's [-] (FPL feeders "
        "in Irma 2017: 69 % against 82 %, so 0.84)."
    )
    repair_factor: float = share(
        "Repair time of a hardened line, against a bare one's [-] (poles stand, crews restring: "
        "FPL's mean outage 5 d in Wilma against 2 d in Irma after hardening, 0.4-0.5)."
    )


class Undergrounding(Strict):
    """Underground distribution lines."""

    usd_per_km: float = span(
        0, 5e6, "USD/km", WHY_LINE_USD,
        "Extra capex over bare overhead line, new build [USD/km] (EEI 2012 Table 6.2, "
        "suburban: 0.26-0.87 M USD/km more than overhead).",
        default=500_000.0,
    )  # fmt: skip
    lifetime_yr: float = span(1, 100, "yr", WHY_ASSET_LIFE, "Life [yr] (estimate).", default=40.0)
    outage_factor: float = share(
        "Chance an underground line is down in a hurricane, against a bare overhead one's [-] "
        "(FPL feeders in Irma 2017: 18 % against 82 %, so 0.22); its repair takes as long."
    )


class Microgrids(Strict):
    """Critical-load microgrids: facilities' critical share islanded on their own plant."""

    usd_per_kw: float = span(
        0, 50_000, "USD/kW", "microgrids cost 2,000-4,000 USD per kW of critical load (NREL "
        "2018); 50,000 USD/kW is beyond any",
        "All-in capex per kW of critical load served [USD/kW] (NREL 2018 microgrid cost "
        "study: campus and institution 3.3 M USD/MW; community 2.1, commercial 4.0).",
        default=3_300.0,
    )  # fmt: skip
    lifetime_yr: float = span(1, 100, "yr", WHY_ASSET_LIFE, "Life [yr] (estimate).", default=20.0)


class Design(Strict):
    """The least-cost design that passes the stress test: levers, their prices, the search."""

    enabled: bool = Field(default=True, description="Search a passing design after the plan.")
    years: int = span(
        20,
        100_000,
        "",
        "fewer than 20 years cannot place a P90 year; 100,000 is a long sweep",
        "Sampled years the design is tuned on [-] (a fresh seed then checks it).",
        default=1000,
    )
    max_capacity_factor: float = span(
        1,
        100,
        "",
        "a design 100 times the calm plan is another town",
        "Most a capacity lever may reach, times the calm plan's size (or its base size) [-].",
        default=10.0,
    )
    line_km_per_dwelling: float = span(
        0.001, 1, "km", "towns have 10-60 m of distribution line per customer (Berlin 15 m, "
        "Barbados 22 m overhead, Germany 34 m, the US 61 m)",
        "Medium- and low-voltage line per dwelling [km] (20 m, range 12-35 m: Stromnetz "
        "Berlin 14.8 m, Electricity North West 23.8 m, BL&P Barbados 22.4 m overhead; "
        "docs/notes/distribution-length-sources.md).",
        default=0.020,
    )  # fmt: skip
    hardened_poles: HardenedPoles = Field(
        default_factory=lambda: HardenedPoles(outage_factor=0.84, repair_factor=0.45)
    )
    underground: Undergrounding = Field(default_factory=lambda: Undergrounding(outage_factor=0.22))
    microgrids: Microgrids = Field(default_factory=Microgrids)
    max_data_centre_autonomy_hours: float = span(
        0,
        8760,
        "h",
        WHY_YEAR_H,
        "Longest data-centre backup the design may add [h].",
        default=168.0,
    )


class Criteria(Strict):
    """What the town must achieve for a 'go'; stress-test criteria are judged in the P90 year."""

    budget_capex_usd: float = span(
        1e5,
        1e12,
        "USD",
        "a town's utilities cost millions to billions of USD; 1 trillion is more than any city's",
        "Most capex of the build-out, replacements aside [USD].",
    )
    max_unserved_energy_share: float = share(
        "Most electricity unserved in the P90 year, of the load [-]."
    )
    max_unserved_water_share: float = share(
        "Most water unserved in the P90 year, of the demand [-]."
    )
    min_water_autonomy_days: float = span(
        0,
        365,
        "d",
        "utilities hold 0.5-3 days of treated water; a year is a reservoir, not a tank",
        "Least treated-water storage, in days of mean supply [d].",
    )
    min_data_centre_tier: Literal["Tier I", "Tier II", "Tier III", "Tier IV"] = Field(
        description="Least Uptime tier of the data centre's availability in the P90 year."
    )
    max_fuel_share: float = share("Most served electricity from the engines (diesel) [-].")
    max_lcoe_usd_per_kwh: float = span(
        0.01,
        10,
        "USD/kWh",
        "electricity costs 0.02-1 USD/kWh to supply worldwide",
        "Lifecycle cost of served electricity at most [USD/kWh].",
    )
    land_available_ha: float = span(
        1,
        1e6,
        "ha",
        "a town of 500 to 1,000,000 residents covers ~10 to ~50,000 ha; 1 million ha is 10,000 km²",
        "Land of the site [ha].",
    )


class Scenario(Strict):
    """A whole scenario file."""

    name: Name = Field(description="Scenario name; used for the results folder.")
    seed: int = span(
        0,
        2**63 - 1,
        "",
        "numpy seeds are non-negative 64-bit integers",
        "Seed of every random draw; recorded in results.",
    )
    site: Site
    weather: Weather
    people: People
    program: Program
    utilities: Utilities
    demand: Demand = Field(default_factory=Demand)
    cooling: Cooling = Field(default_factory=Cooling)
    cooking: Cooking = Field(default_factory=lambda: Cooking(electric_share=0.0))
    water_use: WaterUse
    waste_use: WasteUse
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
    design: Design = Field(default_factory=Design)
