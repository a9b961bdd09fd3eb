"""A corpus of malformed scenarios, each made from the packaged default by one targeted edit.

Every case names the YAML path its error must point at (or, for whole-file problems, a phrase
of the message). The corpus covers the classes of bad input, not single examples:

* ``type``: booleans, strings, lists, nulls and dates where numbers, booleans or names belong;
* ``range``: well-typed but physically absurd values (0.0001 persons per dwelling, 500 % a year);
* ``relation``: fields that only make sense together (min ≤ max, start < horizon, shares sum);
* ``yaml``: abuse of YAML itself (aliases, deep nesting, huge files, tags, NUL bytes);
* ``file``: files that cannot be read (not UTF-8, a directory, no permission);
* ``weather``: malformed weather files named by a valid scenario.

`tests/scenario/test_corpus.py` runs it; ``python tests/scenario/corpus.py`` runs it on its own
(each case in a child process with a time limit) and prints how many cases give a clean error,
which is how the figures before and after a change of the loader are measured.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

import pvlib
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from cayo.scenario.io import default_scenario_text

DEFAULT = default_scenario_text()
TMY3 = Path(pvlib.__file__).parent / "data" / "723170TYA.CSV"
MIB = 1024 * 1024


# ---------------------------------------------------------------- edits of the default text


def edit(old: str, new: str, text: str = DEFAULT) -> str:
    """`text` with the single occurrence of `old` replaced by `new`."""
    if text.count(old) != 1:
        raise ValueError(f"{old!r} occurs {text.count(old)} times")
    return text.replace(old, new)


def _line_of(path: str, text: str) -> int:
    """0-based line of the key at dotted `path` in `text`."""
    node = YAML(typ="rt").load(text)
    keys = path.split(".")
    for key in keys[:-1]:
        node = node[int(key)] if isinstance(node, CommentedSeq) else node[key]
    last = keys[-1]
    if isinstance(node, CommentedMap):
        return int(node.lc.key(last)[0])
    raise ValueError(f"{path} is not a mapping key")


def set_at(path: str, value: str, text: str = DEFAULT) -> str:
    """`text` with the block-style value at dotted `path` replaced by `value` (comment kept)."""
    lines = text.splitlines(keepends=True)
    n = _line_of(path, text)
    key = path.split(".")[-1]
    m = re.match(rf"^(\s*{re.escape(key)}:)([^#\n]*?)(\s*(?:#.*)?\n?)$", lines[n])
    if m is None:
        raise ValueError(f"cannot edit line {n + 1}: {lines[n]!r}")
    lines[n] = f"{m.group(1)} {value}{m.group(3)}"
    return "".join(lines)


def drop_at(path: str, text: str = DEFAULT) -> str:
    """`text` without the (one-line) key at dotted `path`."""
    lines = text.splitlines(keepends=True)
    del lines[_line_of(path, text)]
    return "".join(lines)


# ---------------------------------------------------------------- weather files


def weather_scenario(name: str) -> str:
    """The default text reading weather file `name` next to the scenario."""
    return edit("  source: reference\n", f"  source: file\n  file: {name}\n")


def tmy3_rows() -> tuple[list[str], list[list[str]]]:
    """(the two header lines, the 8760 data rows as cells) of pvlib's Greensboro TMY3."""
    lines = TMY3.read_text().splitlines()
    return lines[:2], [next(csv.reader([line])) for line in lines[2:]]


def write_tmy3(path: Path, rows: list[list[str]], head: list[str]) -> None:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text("\n".join(head) + "\n" + out.getvalue())


def broken_tmy3(column: str, row: int, value: str, keep: int | None = None) -> Make:
    """A maker writing the Greensboro TMY3 with data `row` of `column` set to `value`."""

    def make(tmp: Path) -> str:
        head, rows = tmy3_rows()
        col = next(csv.reader([head[1]])).index(column)
        rows[row][col] = value
        write_tmy3(tmp / "site.csv", rows[:keep] if keep else rows, head)
        return weather_scenario("site.csv")

    return make


# ---------------------------------------------------------------- the corpus

Make = Callable[[Path], "str | Path"]


@dataclass(frozen=True)
class Bad:
    """One malformed scenario.

    name : a short identifier.
    kind : type, range, relation, yaml, file or weather (see the module docstring).
    field : the YAML path the error must name ('' for problems of the whole file).
    words : a phrase the report must contain (case-insensitive; '' for none).
    make : builds the input in a temporary folder: scenario text (given to `parse_scenario`
        as ``folder/town.yaml``) or the path of a file (given to `load_scenario`).
    patch : name of a context in `PATCHES` the load runs in ('' for none).
    """

    name: str
    kind: str
    field: str
    words: str
    make: Make
    patch: str = ""


def text(value: str) -> Make:
    return lambda _tmp: value


def _file(data: bytes, name: str = "town.yaml") -> Make:
    def make(tmp: Path) -> Path:
        path = tmp / name
        path.write_bytes(data)
        return path

    return make


def _directory(tmp: Path) -> Path:
    (tmp / "town.yaml").mkdir()
    return tmp / "town.yaml"


def _written(tmp: Path) -> Path:
    path = tmp / "town.yaml"
    path.write_text(DEFAULT, encoding="utf-8")
    return path


@contextlib.contextmanager
def _no_permission() -> Iterator[None]:
    """Reading any file named town.yaml fails as without read permission (tests run as root)."""
    real = Path.open

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "town.yaml":
            raise PermissionError(13, "Permission denied", str(self))
        return real(self, *args, **kwargs)  # type: ignore[arg-type]

    with mock.patch.object(Path, "open", deny):
        yield


PATCHES: dict[str, Callable[[], contextlib.AbstractContextManager[None]]] = {
    "no_permission": _no_permission
}


def _laughs(levels: int = 12, fan: int = 10) -> str:
    """The 'billion laughs': each level is a list of `fan` aliases of the level below."""
    lines = ['l0: &l0 ["lol"]']
    for i in range(1, levels):
        lines.append(f"l{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * fan) + "]")
    return DEFAULT + "laughs:\n" + "".join(f"  {line}\n" for line in lines)


def _deep_flow(depth: int) -> str:
    return DEFAULT + "deep: " + "[" * depth + "]" * depth + "\n"


def _deep_block(depth: int) -> str:
    return DEFAULT + "".join(f"{'  ' * i}k{i}:\n" for i in range(depth)) + "  " * depth + "x: 1\n"


def _huge(size: int) -> str:
    return DEFAULT + ("# padding " + "x" * 88 + "\n") * (size // 99 + 1)


def _weather_missing(tmp: Path) -> str:
    return weather_scenario("nowhere.epw")


def _weather_dir(tmp: Path) -> str:
    (tmp / "w.csv").mkdir()
    return weather_scenario("w.csv")


def _weather_garbage(tmp: Path) -> str:
    (tmp / "w.epw").write_bytes(bytes(range(256)) * 40)
    return weather_scenario("w.epw")


def _weather_empty(tmp: Path) -> str:
    (tmp / "w.epw").write_text("")
    return weather_scenario("w.epw")


def _weather_wrong_format(tmp: Path) -> str:
    head, rows = tmy3_rows()
    write_tmy3(tmp / "site.epw", rows, head)  # a TMY3 named .epw
    return weather_scenario("site.epw")


def _weather_short_row(tmp: Path) -> str:
    head, rows = tmy3_rows()
    rows[100] = rows[100][:10]
    write_tmy3(tmp / "site.csv", rows, head)
    return weather_scenario("site.csv")


S = set_at  # short names for the table below
PV = "technologies.pv"
BAT = "technologies.battery"
GEN = "technologies.genset"
GRID = "technologies.island_grid"
MILESTONE_2 = "    - {year: 2032, research: true, industry: true}"

CORPUS: list[Bad] = [
    # ------------------------------------------------ type: a value of the wrong kind
    Bad(
        "bool_capex",
        "type",
        f"{PV}.capex_usd_per_kw",
        "",
        text(S(f"{PV}.capex_usd_per_kw", "true")),
    ),
    Bad("bool_latitude", "type", "site.latitude", "", text(S("site.latitude", "false"))),
    Bad("bool_seed", "type", "seed", "", text(S("seed", "true"))),
    Bad(
        "bool_specialists", "type", "people.specialists", "", text(S("people.specialists", "true"))
    ),
    Bad("yes_specialists", "type", "people.specialists", "", text(S("people.specialists", "yes"))),
    Bad(
        "quoted_household",
        "type",
        "people.households.single_household_size",
        "",
        text(S("people.households.single_household_size", '"2.5"')),
    ),
    Bad(
        "quoted_discount",
        "type",
        "finance.discount_rate",
        "",
        text(S("finance.discount_rate", "'0.08'")),
    ),
    Bad("int_for_bool", "type", f"{PV}.enabled", "", text(S(f"{PV}.enabled", "1"))),
    Bad(
        "string_for_bool",
        "type",
        "sewage.reuse_for_irrigation",
        "",
        text(S("sewage.reuse_for_irrigation", '"true"')),
    ),
    Bad(
        "list_for_number",
        "type",
        "finance.discount_rate",
        "",
        text(S("finance.discount_rate", "[0.08]")),
    ),
    Bad(
        "null_for_number",
        "type",
        "finance.discount_rate",
        "",
        text(S("finance.discount_rate", "~")),
    ),
    Bad("empty_for_number", "type", "site.altitude_m", "", text(S("site.altitude_m", ""))),
    Bad("float_for_year", "type", "weather.year", "", text(S("weather.year", "2025.5"))),
    Bad(
        "float_for_hour",
        "type",
        f"{GRID}.cut_window_start_h",
        "",
        text(S(f"{GRID}.cut_window_start_h", "21.0")),
    ),
    Bad("date_for_latitude", "type", "site.latitude", "", text(S("site.latitude", "2025-01-01"))),
    Bad("number_for_source", "type", "weather.source", "", text(S("weather.source", "1"))),
    Bad(
        "unknown_redundancy",
        "type",
        "data_links.redundancy",
        "",
        text(S("data_links.redundancy", '"N+2"')),
    ),
    Bad(
        "number_for_tier",
        "type",
        "criteria.min_data_centre_tier",
        "",
        text(S("criteria.min_data_centre_tier", "3")),
    ),
    Bad(
        "string_for_list",
        "type",
        "constraints.critical_facilities",
        "",
        text(S("constraints.critical_facilities", "data_centre")),
    ),
    Bad(
        "float_month",
        "type",
        "program.calendar.school_holiday_months",
        "",
        text(S("program.calendar.school_holiday_months", "[7.5, 8]")),
    ),
    Bad(
        "named_month_share",
        "type",
        "stress.hurricanes.month_shares",
        "",
        text(S("stress.hurricanes.month_shares", "{sep: 1.0}")),
    ),
    Bad(
        "quoted_capacity",
        "type",
        "program.capacity.school",
        "",
        text(S("program.capacity", "{school: '800'}")),
    ),
    Bad(
        "bool_norm",
        "type",
        "program.norms.office.floor_m2_per_unit",
        "",
        text(S("program.norms", "{office: {floor_m2_per_unit: true}}")),
    ),
    Bad("number_for_name", "type", "site.name", "", text(S("site.name", "42"))),
    Bad("bool_max_kw", "type", f"{GEN}.max_kw", "", text(S(f"{GEN}.max_kw", "true"))),
    Bad(
        "quoted_tilt",
        "type",
        f"{PV}.tilt_deg",
        "",
        text(edit("    azimuth_deg:", "    tilt_deg: '20'\n    azimuth_deg:")),
    ),
    Bad(
        "mapping_for_number",
        "type",
        "stress.gensets.unit_kw",
        "",
        text(S("stress.gensets.unit_kw", "{kw: 500}")),
    ),
    Bad(
        "bool_capacity_gbps",
        "type",
        "data_links.options.microwave.capacity_gbps",
        "",
        text(S("data_links.options.microwave.capacity_gbps", "true")),
    ),
    # ------------------------------------------------ range: well typed, physically absurd
    Bad(
        "tiny_household",
        "range",
        "people.households.single_household_size",
        "persons per dwelling",
        text(S("people.households.single_household_size", "0.0001")),
    ),
    Bad(
        "huge_household",
        "range",
        "people.households.single_household_size",
        "",
        text(S("people.households.single_household_size", "40")),
    ),
    Bad(
        "billion_specialists",
        "range",
        "people.specialists",
        "",
        text(S("people.specialists", "1000000000")),
    ),
    Bad(
        "ten_million_students",
        "range",
        "people.students",
        "",
        text(S("people.students", "10000000")),
    ),
    Bad(
        "ten_residents",
        "range",
        "people",
        "residents",
        text(S("people.students", "5", S("people.specialists", "5"))),
    ),
    Bad(
        "efficiency_001",
        "range",
        f"{BAT}.charge_efficiency",
        "",
        text(S(f"{BAT}.charge_efficiency", "0.01")),
    ),
    Bad(
        "inverter_120pct",
        "range",
        f"{PV}.inverter_efficiency",
        "",
        text(S(f"{PV}.inverter_efficiency", "1.2")),
    ),
    Bad("lifetime_tiny", "range", f"{PV}.lifetime_yr", "", text(S(f"{PV}.lifetime_yr", "0.001"))),
    Bad("lifetime_500", "range", f"{GEN}.lifetime_yr", "", text(S(f"{GEN}.lifetime_yr", "500"))),
    Bad(
        "discount_500pct",
        "range",
        "finance.discount_rate",
        "",
        text(S("finance.discount_rate", "5")),
    ),
    Bad(
        "discount_negative",
        "range",
        "finance.discount_rate",
        "",
        text(S("finance.discount_rate", "-0.05")),
    ),
    Bad(
        "hour_25",
        "range",
        f"{GRID}.cut_window_start_h",
        "",
        text(S(f"{GRID}.cut_window_start_h", "25")),
    ),
    Bad(
        "window_0h",
        "range",
        f"{GRID}.cut_window_hours",
        "",
        text(S(f"{GRID}.cut_window_hours", "0")),
    ),
    Bad(
        "pue_temp_200",
        "range",
        "program.data_centre.pue_ref_temp_c",
        "",
        text(S("program.data_centre.pue_ref_temp_c", "200")),
    ),
    Bad(
        "streets_95pct",
        "range",
        "program.street_lighting.street_share_of_land",
        "",
        text(S("program.street_lighting.street_share_of_land", "0.95")),
    ),
    Bad(
        "water_loss_99pct",
        "range",
        "utilities.water_network_loss_share",
        "",
        text(S("utilities.water_network_loss_share", "0.99")),
    ),
    Bad(
        "fail_to_start_2",
        "range",
        "stress.gensets.fail_to_start",
        "",
        text(S("stress.gensets.fail_to_start", "2")),
    ),
    Bad(
        "fail_to_run_09",
        "range",
        "stress.gensets.fail_to_run_per_h",
        "",
        text(S("stress.gensets.fail_to_run_per_h", "0.9")),
    ),
    Bad(
        "hurricanes_50",
        "range",
        "stress.hurricanes.per_yr",
        "",
        text(S("stress.hurricanes.per_yr", "50")),
    ),
    Bad("start_1500", "range", "workforce.start_year", "", text(S("workforce.start_year", "1500"))),
    Bad(
        "fuel_001", "range", f"{GEN}.fuel_l_per_kwh", "", text(S(f"{GEN}.fuel_l_per_kwh", "0.001"))
    ),
    Bad(
        "fuel_price_500",
        "range",
        f"{GEN}.fuel_price_usd_per_l",
        "",
        text(S(f"{GEN}.fuel_price_usd_per_l", "500")),
    ),
    Bad("kw_per_ha_1e5", "range", f"{PV}.kw_per_ha", "", text(S(f"{PV}.kw_per_ha", "100000"))),
    Bad("land_negative", "range", f"{PV}.land_ha", "", text(S(f"{PV}.land_ha", "-60"))),
    Bad("altitude_20km", "range", "site.altitude_m", "", text(S("site.altitude_m", "20000"))),
    Bad("utc_30", "range", "site.utc_offset_h", "", text(S("site.utc_offset_h", "30"))),
    Bad("utc_odd", "range", "site.utc_offset_h", "quarter", text(S("site.utc_offset_h", "-5.3"))),
    Bad(
        "temp_coeff_positive",
        "range",
        f"{PV}.temperature_coefficient_per_c",
        "",
        text(S(f"{PV}.temperature_coefficient_per_c", "0.004")),
    ),
    Bad(
        "losses_99pct",
        "range",
        f"{PV}.system_losses_pct",
        "",
        text(S(f"{PV}.system_losses_pct", "99")),
    ),
    Bad("dc_ac_10", "range", f"{PV}.dc_ac_ratio", "", text(S(f"{PV}.dc_ac_ratio", "10"))),
    Bad(
        "it_load_1e9",
        "range",
        "program.data_centre.it_load_kw",
        "",
        text(S("program.data_centre.it_load_kw", "1e9")),
    ),
    Bad(
        "pue_05",
        "range",
        "program.data_centre.pue_min",
        "",
        text(S("program.data_centre.pue_min", "0.5")),
    ),
    Bad("sewage_kwh_100", "range", "sewage.kwh_per_m3", "", text(S("sewage.kwh_per_m3", "100"))),
    Bad(
        "desal_kwh_001",
        "range",
        "water_supply.desalination.kwh_per_m3",
        "",
        text(S("water_supply.desalination.kwh_per_m3", "0.01")),
    ),
    Bad(
        "landfill_density_20",
        "range",
        "solid_waste.landfill_density_t_per_m3",
        "",
        text(S("solid_waste.landfill_density_t_per_m3", "20")),
    ),
    Bad(
        "truck_1000t",
        "range",
        "solid_waste.truck_capacity_t",
        "",
        text(S("solid_waste.truck_capacity_t", "1000")),
    ),
    Bad(
        "voll_1e6",
        "range",
        "finance.value_of_lost_load_usd_per_kwh",
        "",
        text(S("finance.value_of_lost_load_usd_per_kwh", "1000000")),
    ),
    Bad(
        "budget_1usd",
        "range",
        "criteria.budget_capex_usd",
        "",
        text(S("criteria.budget_capex_usd", "1")),
    ),
    Bad(
        "lcoe_1000",
        "range",
        "criteria.max_lcoe_usd_per_kwh",
        "",
        text(S("criteria.max_lcoe_usd_per_kwh", "1000")),
    ),
    Bad(
        "collapse_sigma_50",
        "range",
        "stress.island_grid.collapse_sigma",
        "",
        text(S("stress.island_grid.collapse_sigma", "50")),
    ),
    Bad(
        "delay_0",
        "range",
        "stress.ships.delay_mean_days",
        "",
        text(S("stress.ships.delay_mean_days", "0")),
    ),
    Bad(
        "availability_001",
        "range",
        "data_links.options.satellite.availability",
        "",
        text(S("data_links.options.satellite.availability", "0.01")),
    ),
    Bad(
        "capacity_1e12",
        "range",
        "program.capacity.school",
        "",
        text(S("program.capacity", "{school: 1e12}")),
    ),
    Bad(
        "units_per_facility_0",
        "range",
        "program.norms.school.units_per_facility",
        "",
        text(S("program.norms", "{school: {units_per_facility: 0}}")),
    ),
    Bad(
        "ci_target_0",
        "range",
        "stress.run.ci_rel_target",
        "",
        text(S("stress.run.ci_rel_target", "0")),
    ),
    Bad(
        "survival_1e5h",
        "range",
        "stress.run.survival_max_hours",
        "",
        text(S("stress.run.survival_max_hours", "100000")),
    ),
    Bad("demand_scale_1000", "range", "demand.scale", "", text(S("demand.scale", "1000"))),
    Bad(
        "programme_0y",
        "range",
        "workforce.programme_years",
        "",
        text(S("workforce.programme_years", "0")),
    ),
    Bad(
        "attrition_90pct",
        "range",
        "workforce.attrition_per_yr",
        "",
        text(S("workforce.attrition_per_yr", "0.9")),
    ),
    Bad(
        "repair_0h",
        "range",
        "stress.gensets.repair_mean_hours",
        "",
        text(S("stress.gensets.repair_mean_hours", "0")),
    ),
    Bad(
        "wte_10000",
        "range",
        "solid_waste.wte_kwh_per_t",
        "",
        text(S("solid_waste.wte_kwh_per_t", "10000")),
    ),
    Bad(
        "bod_5000",
        "range",
        "utilities.bod_g_per_resident_day",
        "",
        text(S("utilities.bod_g_per_resident_day", "5000")),
    ),
    Bad("seed_negative", "range", "seed", "", text(S("seed", "-1"))),
    Bad("empty_name", "range", "name", "", text(S("name", '""'))),
    Bad(
        "first_ship_400",
        "range",
        "fuel_supply.diesel.first_ship_day",
        "",
        text(S("fuel_supply.diesel.first_ship_day", "400")),
    ),
    Bad(
        "cargo_negative",
        "range",
        "fuel_supply.diesel.max_cargo_m3",
        "",
        text(S("fuel_supply.diesel.max_cargo_m3", "-1")),
    ),
    Bad(
        "intense_150pct",
        "range",
        "stress.hurricanes.intense_share",
        "",
        text(S("stress.hurricanes.intense_share", "1.5")),
    ),
    Bad(
        "nan_capex",
        "range",
        f"{BAT}.capex_energy_usd_per_kwh",
        "",
        text(S(f"{BAT}.capex_energy_usd_per_kwh", ".nan")),
    ),
    Bad(
        "inf_land",
        "range",
        "criteria.land_available_ha",
        "",
        text(S("criteria.land_available_ha", ".inf")),
    ),
    # ------------------------------------------------ relation: fields checked together
    Bad(
        "initial_above_target",
        "relation",
        "workforce.initial_specialists",
        "",
        text(S("workforce.initial_specialists", "3001000")),
    ),
    Bad(
        "initial_above_target_small",
        "relation",
        "workforce.initial_specialists",
        "",
        text(S("workforce.initial_specialists", "12001")),
    ),
    Bad(
        "horizon_before_start",
        "relation",
        "workforce.horizon_year",
        "",
        text(S("workforce.horizon_year", "2020")),
    ),
    Bad(
        "horizon_2500",
        "relation",
        "workforce.horizon_year",
        "",
        text(S("workforce.horizon_year", "2500")),
    ),
    Bad(
        "milestone_after_horizon",
        "relation",
        "phasing.milestones.2",
        "",
        text(edit(MILESTONE_2, "    - {year: 2060, research: true, industry: true}")),
    ),
    Bad(
        "milestones_unordered",
        "relation",
        "phasing.milestones",
        "",
        text(edit(MILESTONE_2, "    - {year: 2029, research: true, industry: true}")),
    ),
    Bad(
        "no_milestones",
        "relation",
        "phasing.milestones",
        "",
        text(edit("  milestones:", "  milestones: []\n  old_milestones:")),
    ),
    Bad(
        "cut_min_above_max",
        "relation",
        "stress.island_grid.cut_min_hours",
        "",
        text(S("stress.island_grid.cut_min_hours", "12")),
    ),
    Bad(
        "min_years_above_max",
        "relation",
        "stress.run.min_years",
        "",
        text(S("stress.run.min_years", "60000")),
    ),
    Bad(
        "batch_above_max",
        "relation",
        "stress.run.batch_years",
        "",
        text(S("stress.run.batch_years", "60000")),
    ),
    Bad(
        "cut_longer_than_window",
        "relation",
        f"{GRID}.cut_hours_per_day",
        "",
        text(S(f"{GRID}.cut_hours_per_day", "9")),
    ),
    Bad(
        "month_shares_sum_2",
        "relation",
        "stress.hurricanes.month_shares",
        "",
        text(S("stress.hurricanes.month_shares", "{9: 1.0, 10: 1.0}")),
    ),
    Bad(
        "age_shares_sum_05",
        "relation",
        "people.households.child_age_shares",
        "",
        text(S("people.households.child_age_shares.age_7_17", "0.0")),
    ),
    Bad(
        "all_holidays",
        "relation",
        "program.calendar.school_holiday_months",
        "",
        text(
            S("program.calendar.school_holiday_months", "[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]")
        ),
    ),
    Bad(
        "holiday_twice",
        "relation",
        "program.calendar.school_holiday_months",
        "",
        text(S("program.calendar.school_holiday_months", "[7, 7]")),
    ),
    Bad(
        "no_link_units",
        "relation",
        "data_links.options",
        "",
        text(
            S(
                "data_links.options.satellite.max_units",
                "0",
                S(
                    "data_links.options.microwave.max_units",
                    "0",
                    S("data_links.options.submarine_fibre.max_units", "0"),
                ),
            )
        ),
    ),
    Bad(
        "no_link_options",
        "relation",
        "data_links.options",
        "",
        text(
            re.sub(r"(?s)  options:\n.*?(?=\nsolid_waste:)", "  options: {}\n", DEFAULT).replace(
                "    dependent_links: [submarine_fibre, microwave]", "    dependent_links: []"
            )
        ),
    ),
    Bad(
        "unknown_dependent_link",
        "relation",
        "stress.main_grid.dependent_links.0",
        "",
        text(S("stress.main_grid.dependent_links", "[fibre]")),
    ),
    Bad(
        "unknown_critical",
        "relation",
        "constraints.critical_facilities.0",
        "",
        text(S("constraints.critical_facilities", "[hospital]")),
    ),
    Bad(
        "source_file_without_file",
        "relation",
        "weather.file",
        "",
        text(S("weather.source", "file")),
    ),
    Bad(
        "missing_field",
        "relation",
        "finance.discount_rate",
        "missing",
        text(drop_at("finance.discount_rate")),
    ),
    Bad(
        "unknown_field",
        "relation",
        "finance.interest",
        "unknown",
        text(edit("  discount_rate:", "  interest: 0.05\n  discount_rate:")),
    ),
    # ------------------------------------------------ yaml: abuse of YAML itself
    Bad("billion_laughs", "yaml", "", "alias", text(_laughs())),
    Bad("alias_bomb_small", "yaml", "", "alias", text(_laughs(levels=6, fan=30))),
    Bad("recursive_alias", "yaml", "", "", text(DEFAULT + "loop: &a [*a]\n")),
    Bad("deep_flow_10000", "yaml", "", "nest", text(_deep_flow(10_000))),
    Bad("deep_flow_100", "yaml", "", "nest", text(_deep_flow(100))),
    Bad("deep_block_300", "yaml", "", "nest", text(_deep_block(300))),
    Bad("huge_text_50mb", "yaml", "", "at most 512 KiB", lambda _tmp: _huge(50 * MIB)),
    Bad(
        "huge_file_50mb",
        "yaml",
        "",
        "at most 512 KiB",
        lambda tmp: _file(_huge(50 * MIB).encode())(tmp),
    ),
    Bad("too_many_lines", "yaml", "", "at most 3,000", text(DEFAULT + "#\n" * 3000)),
    Bad(
        "too_many_values",
        "yaml",
        "",
        "more than 3,000 YAML values",
        text(DEFAULT + "x: [" + "1, " * 3000 + "1]\n"),
    ),
    Bad("nul_byte", "yaml", "", "nul", text(edit("name: Cayo Digital", "name: Cayo\0Digital"))),
    Bad(
        "nul_byte_file",
        "yaml",
        "",
        "nul",
        _file(edit("name: Cayo Digital", "name: Cayo\0Digital").encode()),
    ),
    Bad(
        "control_char",
        "yaml",
        "",
        "control",
        text(edit("name: Cayo Digital", "name: Cayo\x07Digital")),
    ),
    Bad(
        "python_object_tag",
        "yaml",
        "",
        "tag",
        text(DEFAULT + "evil: !!python/object/apply:os.system ['true']\n"),
    ),
    Bad(
        "python_name_tag",
        "yaml",
        "site",
        "tag",
        text(edit("site:\n", "site: !!python/name:os.system\n  x: 1\nsite_:\n")),
    ),
    Bad("custom_tag", "yaml", "site.latitude", "tag", text(S("site.latitude", "!deg 21.75"))),
    Bad("top_level_list", "yaml", "", "not a mapping", text("- " + DEFAULT.replace("\n", "\n  "))),
    Bad("top_level_scalar", "yaml", "", "not a mapping", text("just a sentence\n")),
    Bad("empty", "yaml", "", "empty", text("")),
    Bad("second_document", "yaml", "", "", text(DEFAULT + "---\nname: other\n")),
    # ------------------------------------------------ file: the scenario file cannot be read
    Bad(
        "latin1_file",
        "file",
        "",
        "utf-8",
        _file(DEFAULT.replace("Digital", "Digitál").encode("latin-1")),
    ),
    Bad("directory", "file", "", "directory", _directory),
    Bad("no_permission", "file", "", "permission", _written, patch="no_permission"),
    Bad("utf16_file", "file", "", "utf-8", _file(DEFAULT.encode("utf-16"))),
    # ------------------------------------------------ weather: a malformed weather file
    Bad("weather_missing", "weather", "weather.file", "not found", _weather_missing),
    Bad("weather_directory", "weather", "weather.file", "", _weather_dir),
    Bad("weather_garbage", "weather", "weather.file", "", _weather_garbage),
    Bad("weather_empty", "weather", "weather.file", "", _weather_empty),
    Bad("weather_wrong_format", "weather", "weather.file", "", _weather_wrong_format),
    Bad("weather_short_row", "weather", "weather.file", "", _weather_short_row),
    Bad(
        "weather_5000_rows",
        "weather",
        "weather.file",
        "8760",
        broken_tmy3("GHI (W/m^2)", 0, "0", keep=5000),
    ),
    Bad(
        "weather_text_ghi",
        "weather",
        "weather.file",
        "row",
        broken_tmy3("GHI (W/m^2)", 4000, "abc"),
    ),
    Bad(
        "weather_nan_ghi", "weather", "weather.file", "row", broken_tmy3("GHI (W/m^2)", 4000, "NaN")
    ),
    Bad(
        "weather_blank_temp",
        "weather",
        "weather.file",
        "row",
        broken_tmy3("Dry-bulb (C)", 4000, ""),
    ),
    Bad(
        "weather_negative_ghi",
        "weather",
        "weather.file",
        "row",
        broken_tmy3("GHI (W/m^2)", 4012, "-5"),
    ),
    Bad(
        "weather_ghi_2000",
        "weather",
        "weather.file",
        "row",
        broken_tmy3("GHI (W/m^2)", 4012, "2000"),
    ),
    Bad(
        "weather_temp_75", "weather", "weather.file", "row", broken_tmy3("Dry-bulb (C)", 4012, "75")
    ),
    Bad(
        "weather_temp_minus_80",
        "weather",
        "weather.file",
        "row",
        broken_tmy3("Dry-bulb (C)", 100, "-80"),
    ),
    Bad(
        "weather_wind_negative",
        "weather",
        "weather.file",
        "row",
        broken_tmy3("Wspd (m/s)", 100, "-3"),
    ),
]


def load_case(case: Bad, tmp: Path, made: str | Path | None = None) -> object:
    """Build `case` in `tmp` (unless `made` already) and load it; returns the Scenario if it
    is (wrongly) accepted."""
    from cayo.scenario.io import load_scenario, parse_scenario

    made = case.make(tmp) if made is None else made
    patch = PATCHES[case.patch]() if case.patch else contextlib.nullcontext()
    with patch:
        if isinstance(made, Path):
            return load_scenario(made).scenario
        return parse_scenario(made, tmp / "town.yaml")


def names_the_field(case: Bad, report: str, paths: list[str]) -> bool:
    """The report names the case's field (or, for whole-file problems, its phrase)."""
    if case.field and not any(p == case.field or p.startswith(case.field + ".") for p in paths):
        return False
    return case.words.lower() in report.lower()


def _run_one(index: int, queue: object) -> None:  # pragma: no cover - in a child process
    import tempfile
    import time

    from cayo.errors import ScenarioError

    case = CORPUS[index]
    with tempfile.TemporaryDirectory() as tmp:
        made = case.make(Path(tmp))
        start = time.perf_counter()
        try:
            load_case(case, Path(tmp), made)
            outcome = ("accepted", "")
        except ScenarioError as err:
            paths = [p.path for p in err.problems]
            ok = names_the_field(case, str(err), paths)
            outcome = ("clean" if ok else "wrong field", str(err).splitlines()[0])
        except BaseException as exc:  # noqa: BLE001 - anything else is what is counted
            outcome = ("crash", f"{type(exc).__name__}: {str(exc)[:80]}")
        queue.put((*outcome, time.perf_counter() - start))  # type: ignore[attr-defined]


def main() -> None:  # pragma: no cover - a measuring tool, run by hand
    """Run every case in a child process (60 s, 4 GiB at most) and count the outcomes."""
    import collections
    import multiprocessing
    import resource

    def limited(index: int, queue: object) -> None:
        resource.setrlimit(resource.RLIMIT_AS, (4 << 30, 4 << 30))
        _run_one(index, queue)

    ctx = multiprocessing.get_context("fork")
    counts: collections.Counter[str] = collections.Counter()
    slowest = (0.0, "")
    for i, case in enumerate(CORPUS):
        queue = ctx.Queue()
        proc = ctx.Process(target=limited, args=(i, queue))
        proc.start()
        proc.join(60)
        if proc.is_alive():
            proc.kill()
            proc.join()
            result = ("hang", "killed after 60 s", 60.0)
        elif queue.empty():
            result = ("crash", f"child died (exit code {proc.exitcode})", 0.0)
        else:
            result = queue.get()
        outcome, note, seconds = result
        if outcome == "clean" and seconds > 2.0:
            outcome = "slow"
        counts[outcome] += 1
        if outcome == "clean" and seconds > slowest[0]:
            slowest = (seconds, case.name)
        print(f"{outcome:12s} {seconds:6.2f}s {case.kind:8s} {case.name:28s} {note[:70]}")
    print(
        f"\n{len(CORPUS)} malformed scenarios: {dict(counts)}; slowest clean error "
        f"{slowest[0]:.2f} s ({slowest[1]})"
    )


if __name__ == "__main__":
    main()
