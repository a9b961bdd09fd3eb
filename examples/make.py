"""Write the calibration scenarios of this folder from the packaged default.

Each place is the default scenario (Cayo Digital) with its town replaced: the people, the site,
the facilities a real town has, its cooling, water and losses, each value with its source.
The supply sections stay the default's: calibration compares demand only (`cayo calibrate`).
Run ``python examples/make.py`` after the default changes; a test checks the files are current.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from cayo.scenario.io import default_scenario_text

HERE = Path(__file__).parent

# Cuba 2023: 15.66 % of the population aged 0-14 (population-pyramid.net/fr/pp/cuba), spread
# evenly over the single years; the same shares serve the other places (no better split found)
AGES = "{age_0_2: 0.0313, age_3_6: 0.0418, age_7_17: 0.1148, adult: 0.8121}"
NO_INDUSTRY = """  industry:
    floor_area_m2: 0           # [m2] not modelled: the place's industry is outside this comparison
    process_load_kw: 0         # [kW] same
    workers: 0                 # [persons] same
"""
NO_DATA_CENTRE = "    it_load_kw: 0              # [kW] no data centre\n"


@dataclass(frozen=True)
class Place:
    """A real place as edits of the default scenario's text."""

    file: str
    name: str
    site: str
    people: str
    water_use: str
    cooling: str
    loss: str
    cooking: str = ""  # the default's (LPG) unless given
    waste_use: str = ""  # the default's (Cuba's rate) unless given


PLACES = (
    Place(
        file="isla-de-la-juventud.yaml",
        name="Isla de la Juventud (calibration)",
        site="""site:
  name: Isla de la Juventud, Cuba (the whole special municipality)
  latitude: 21.75              # [deg N] source: https://en.wikipedia.org/wiki/Isla_de_la_Juventud
  longitude: -82.85            # [deg E] source: same
  altitude_m: 10               # [m] estimate: low coastal plain around Nueva Gerona
  utc_offset_h: -5             # [h] source: Cuba standard time is UTC-5
""",
        people=f"""people:
  specialists: 0               # [persons] a general town: no IT specialists (so no offices or laboratories)
  students: 0                  # [persons] same
  dependents: 83581            # [persons] source: population 2022 (ONEI, via http://es.wikipedia.org/wiki/Isla_de_la_juventud)
  dependent_age_shares: {AGES}  # [-] source: Cuba 2023, 15.66 % aged 0-14 (population-pyramid.net)
  household_size: 2.88         # [persons/dwelling] computed: 11,167,325 people in 3,882,424 dwellings (Cuba 2012 census, https://havanatimes.org/news/cuba-publishes-partial-final-statistics-from-2012-census)
  commuters: 0
  visitors_per_day: 0
""",
        cooking="""cooking:
  electric_share: 0.705        # [-] source: 70.5 % of Cuban homes cook mainly on electricity (2012 census, https://martinoticias.com/amp/lena-carbon-cocina-gas-electricidad-alimentos-queroseno-/29886.html); 68 % in 2014 (https://periodismodebarrio.org/2024/11/con-que-combustibles-se-cocina-en-cuba/amp)
""",
        water_use="""water_use:
  income_band: upper_middle    # World Bank: Cuba
  metered: false               # estimate: Cuban blocks share one meter per cistern (INRH, Granma 2019)
  residential_l_per_person_day: null
""",
        cooling="""cooling:
  by_facility:
    residence: {ac_share: 0.184, set_point_c: 25, cop: 2.8}  # [-, degC, -] source: 18.4 % of Dominican households have AC (2022 census, https://informatediario.com/2024/09/el-18-4-de-los-hogares-dominicanos-tienen-aire-acondicionado), no Cuban figure found; COP 2.8 estimate: an old stock of fixed-speed units (docs/notes/ac-water-sources.md)
  cop_gain_per_yr: 0.0
""",
        loss="  water_network_loss_share: 0.50   # [-] source: Cuba loses more than 50 % of the water it pumps (Aguas de La Habana, https://americaeconomia.com/cuba-pierde-mas-de-50-de-agua-potable)\n",
    ),
    Place(
        file="lanzarote.yaml",
        name="Lanzarote (calibration)",
        site="""site:
  name: Lanzarote, Canary Islands, Spain
  latitude: 28.96              # [deg N] estimate: Arrecife
  longitude: -13.55            # [deg E] estimate: Arrecife
  altitude_m: 20               # [m] estimate: low coast
  utc_offset_h: 0              # [h] Canary Islands standard time (WET)
""",
        people=f"""people:
  specialists: 0               # [persons] a general town
  students: 0                  # [persons] same
  dependents: 147000           # [persons] source: registered residents 2017 (https://www.biosferadigital.com/articulo/sin-categoria/los-cuatro-misterios-del-agua-en-lanzarote/20180215220918077892.html)
  dependent_age_shares: {AGES}  # [-] estimate: Cuba's shares (no Canary split found)
  household_size: 2.5          # [persons/dwelling] estimate: Spanish average
  commuters: 0
  visitors_per_day: 0
  tourists: 71937              # [persons] computed: >3.1 million tourists in 2017 (same source) x 8.47 nights (Anuario Estadístico de Lanzarote 2014, https://lancelotdigital.com/lanzarote/lanzarote-contaba-en-2014-con-33-911-plazas-mas-que-en-1993) / 365
""",
        water_use="""water_use:
  income_band: high            # World Bank: Spain
  metered: true                # source: homes are billed by meter (Canal Gestión Lanzarote)
  residential_l_per_person_day: null
""",
        waste_use="""waste_use:
  municipal_kg_per_person_day: 1.33  # [kg/(person*day)] computed: 487 kg per person in 2017, the EU average (Eurostat, https://ec.europa.eu/eurostat/web/products-eurostat-news/-/DDN-20190123-1) / 365; Spain's own figure was not found
""",
        cooling="""cooling:
  by_facility:
    residence: {ac_share: 0.355, set_point_c: 25, cop: 2.8}  # [-, degC, -] source: 35.5 % of Spanish dwellings have AC (INE Encuesta de Hogares y Medioambiente 2008, https://www.ine.es/jaxi/files/_px/es/csv/t25/p500/2008/p01/l0/01014c.csv?nocab=1); COP estimate
  cop_gain_per_yr: 0.0
""",
        loss="  water_network_loss_share: 0.56   # [-] source: 56.21 % of the water produced was not billed in 2024 (Canal Gestión, https://mirametv.com/lanzarote-pierde-mas-de-la-mitad-del-agua-desalada-175-millones-de-metros-cubicos-no-se-facturaron-en-2024/)\n",
    ),
    Place(
        file="grand-cayman.yaml",
        name="Grand Cayman (calibration)",
        site="""site:
  name: Grand Cayman, Cayman Islands
  latitude: 19.29              # [deg N] estimate: George Town
  longitude: -81.38            # [deg E] estimate: George Town
  altitude_m: 3                # [m] estimate: flat coral island
  utc_offset_h: -5             # [h] Cayman Islands time (UTC-5, no daylight saving)
""",
        people=f"""people:
  specialists: 0               # [persons] a general town
  students: 0                  # [persons] same
  dependents: 65900            # [persons] computed: CUC's "about 68,000" for the three islands (2019) less the Sister Islands' census share (docs/notes/calibration-sources.md)
  dependent_age_shares: {AGES}  # [-] estimate: Cuba's shares (no Cayman split found)
  household_size: 2.6          # [persons/dwelling] estimate
  commuters: 0
  visitors_per_day: 0
  tourists: 9641               # [persons] computed: 502,739 overnight visitors in 2019 (docs/notes/calibration-sources.md) x 7 nights (estimate) / 365
""",
        water_use="""water_use:
  income_band: high            # World Bank: Cayman Islands
  metered: true                # estimate
  residential_l_per_person_day: null
""",
        cooling="""cooling:
  by_facility:
    residence: {ac_share: 0.9, set_point_c: 25, cop: 2.8}  # [-, degC, -] estimate: air-conditioning nearly everywhere (IEA: ~90 % of US homes, ~80 % in Singapore and Malaysia); COP estimate
  cop_gain_per_yr: 0.0
""",
        loss="  water_network_loss_share: 0.15   # [-] estimate: the water company reports losses under 5 %, the water authority's are not published\n",
    ),
)


def _block(text: str, head: str, new: str) -> str:
    """`text` with the top-level section `head` (up to the next blank line) replaced."""
    pattern = re.compile(rf"(?ms)^{re.escape(head)}\n.*?(?=^\n)")
    out, n = pattern.subn(new.replace("\\", "\\\\"), text, count=1)
    assert n == 1, head
    return out


def scenario_text(p: Place, default: str) -> str:
    """The scenario text of place `p` made from the `default` scenario's text."""
    text = re.sub(r"(?m)^name: .*$", f"name: {p.name}", default, count=1)
    text = text.replace(
        "# cayo scenario: Cayo Digital, a planned IT town on Isla de la Juventud, Cuba.",
        f"# cayo calibration scenario: {p.name.removesuffix(' (calibration)')}, written by "
        "examples/make.py from the default;\n# its published figures are in "
        "examples/calibration.csv (see docs/calibration.md).",
        1,
    )
    text = _block(text, "site:", p.site)
    text = _block(text, "people:", p.people)
    text = _block(text, "water_use:", p.water_use)
    text = _block(text, "cooling:", p.cooling)
    if p.cooking:
        text = _block(text, "cooking:", p.cooking)
    if p.waste_use:
        text = _block(text, "waste_use:", p.waste_use)
    text = re.sub(r"(?m)^  water_network_loss_share: .*\n", p.loss, text, count=1)
    text = re.sub(r"(?ms)^  industry:\n.*?(?=^  data_centre:)", NO_INDUSTRY, text, count=1)
    text = re.sub(r"(?m)^    it_load_kw: .*\n", NO_DATA_CENTRE, text, count=1)
    text = re.sub(
        r"(?m)^    external_gbps: .*\n",
        "    external_gbps: 0           # [Gbit/s] no data centre\n",
        text,
        count=1,
    )
    text = re.sub(
        r"(?m)^  capacity: \{\}\n",
        "  capacity: {laboratory: 0}   # a general town has no research laboratories\n",
        text,
        count=1,
    )
    text = re.sub(r"(?m)^phasing:\n  enabled: true", "phasing:\n  enabled: false", text, count=1)
    text = re.sub(
        r"(?m)^  initial_specialists: .*\n",
        "  initial_specialists: 0                 # [persons] a general town has no specialist ramp\n",
        text,
        count=1,
    )
    return text


def main() -> None:
    default = default_scenario_text()
    for p in PLACES:
        (HERE / p.file).write_text(scenario_text(p, default), encoding="utf-8")
        print(f"wrote {HERE / p.file}")


if __name__ == "__main__":
    main()
