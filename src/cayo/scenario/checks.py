"""Checks of a scenario that involve more than one field, the shipped tables or files.

They read the plain YAML data (dicts, lists, numbers), not the validated model, so they run
even when the schema failed elsewhere and every problem of a file is listed at once; a value
of the wrong type is skipped here and left to the schema's own message. `cayo.scenario.io`
runs them together with the schema; nothing else validates a scenario.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from cayo.errors import Problem

Loc = tuple[str | int, ...]
LineOf = Callable[[Loc], "int | None"]

MIN_RESIDENTS = 100  # [persons] below this the norms (per 1,000 residents) round to nothing
MAX_RESIDENTS = 5_000_000  # [persons] cayo plans towns of 500 to 1,000,000 residents
AGE_TOLERANCE = 0.001  # [-] the dependents' age shares add up to 1 within this
AGES = ("age_0_2", "age_3_6", "age_7_17")
EXPLICIT_FAMILY = ("dependents", "dependent_age_shares", "household_size")
MONTH_TOLERANCE = 0.01  # [-] the hurricane month shares add up to 1 within this (3 decimals)
MAX_HORIZON_YEARS = 100  # [yr] workforce horizon after its start
MAX_MILESTONES = 20  # each milestone is one more year-long LP (30-60 s)
# [unit of data/facilities.csv] bounds of a norm override; the others are 0 to 1e9, and
# units_per_facility must be above 0 (it divides the capacity into buildings)
NORM_RANGES = {
    "balance_temp_c": (-50.0, 60.0, "a building's balance point lies between -50 and 60 °C"),
    "return_factor": (0.0, 1.0, "a building returns at most the water it uses"),
    "cooling_cop": (1.0, 10.0, "air conditioners have a COP of ~2 to ~7; it divides the load"),
    "cooling_set_point_c": (16.0, 32.0, "comfort set-points lie between 16 and 32 °C"),
}
MAX_NORM = 1e9  # [unit of data/facilities.csv] ceiling of any norm or capacity


def _get(data: Any, loc: Loc) -> Any:
    """The raw value at `loc` (None when a part is missing or not a container)."""
    node = data
    for key in loc:
        if isinstance(node, dict) and key in node:
            node = node[key]
        elif isinstance(node, list) and isinstance(key, int) and 0 <= key < len(node):
            node = node[key]
        else:
            return None
    return node


def _number(value: Any) -> float | None:
    """`value` if the schema would read it as a finite number, else None (the schema reports)."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    try:
        x = float(value)
    except OverflowError:  # an integer of 400 digits: the schema's range message
        return None
    return x if math.isfinite(x) else None


def _integer(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _short(x: float) -> str:
    """1e9 rather than 1e+09.

    >>> _short(1e9), _short(60.0), _short(-0.5)
    ('1e9', '60', '-0.5')
    """
    return re.sub(r"e\+0*", "e", f"{x:g}")


class _Checks:
    """Collects the problems of one scenario's plain data."""

    def __init__(self, data: dict[str, Any], line_of: LineOf):
        self.data = data
        self.line_of = line_of
        self.problems: list[Problem] = []

    def add(self, loc: Loc, message: str, hint: str) -> None:
        self.problems.append(
            Problem(".".join(str(k) for k in loc), self.line_of(loc), message, hint)
        )

    def num(self, *loc: str | int) -> float | None:
        return _number(_get(self.data, loc))

    def whole(self, *loc: str | int) -> int | None:
        return _integer(_get(self.data, loc))

    def unknown(self, loc: Loc, key: str, what: str, known: list[str], where: str = "") -> None:
        close = difflib.get_close_matches(key, known, n=1)
        self.add(
            loc,
            f"unknown {what} '{key}'",
            (f"did you mean '{close[0]}'? " if close else "") + f"known{where}: {', '.join(known)}",
        )

    # ------------------------------------------------------------ site, people and program

    def site(self) -> None:
        offset = self.num("site", "utc_offset_h")
        if offset is not None and -12 <= offset <= 14 and (offset * 4) != round(offset * 4):
            self.add(
                ("site", "utc_offset_h"),
                f"utc_offset_h {offset:g} is not a whole number of quarter hours (every time "
                "zone is: UTC-5, UTC+5:30 = 5.5, UTC+5:45 = 5.75)",
                "write the offset in hours, e.g. -5, 5.5 or 5.75",
            )

    def people(self) -> None:
        people = _get(self.data, ("people",))
        if not isinstance(people, dict):
            return
        self.family_source(people)
        counts = [self.whole("people", g) for g in ("specialists", "students")]
        counts.append(self.whole("people", "dependents") if "dependents" in people else 0)
        if all(g is not None and 0 <= g <= MAX_RESIDENTS for g in counts):
            total = sum(g for g in counts if g is not None)
            if total == 0:
                self.add(
                    ("people",),
                    "the town has no residents",
                    "give specialists, students or dependents (the default has 12,000 "
                    "specialists and 3,000 students)",
                )
            elif not MIN_RESIDENTS <= total <= MAX_RESIDENTS:
                self.add(
                    ("people",),
                    f"the town has {total:,} residents (specialists + students + dependents); "
                    f"cayo plans towns of {MIN_RESIDENTS} to {MAX_RESIDENTS:,} residents (its "
                    "planning norms count facilities per 1,000 residents)",
                    "check the numbers of people for a missing or extra digit",
                )
        self.shares_add_up(("people", "dependent_age_shares"), AGES + ("adult",))
        self.shares_add_up(("people", "households", "child_age_shares"), AGES)
        self.shares_add_up(("people", "service_staff", "family_age_shares"), AGES + ("adult",))

    def family_source(self, people: dict[str, Any]) -> None:
        """Families come from `households` or from the three given numbers, not both."""
        given = [k for k in EXPLICIT_FAMILY if k in people]
        if "households" in people and given:
            self.add(
                ("people", given[0]),
                f"both people.households and people.{', people.'.join(given)} are given; "
                "households derive the dependents, their ages and the household size",
                "keep `households` (partners and children follow the specialists) or remove it "
                "and give dependents, dependent_age_shares and household_size",
            )
        elif "households" not in people:
            missing = [k for k in EXPLICIT_FAMILY if k not in people]
            if missing:
                self.add(
                    ("people",),
                    f"the families are not described: people.{', people.'.join(missing)} missing",
                    "add a `households` section (partners and children follow the specialists; "
                    "see the default scenario) or give dependents, dependent_age_shares and "
                    "household_size",
                )

    def shares_add_up(self, loc: Loc, keys: tuple[str, ...]) -> None:
        shares = [self.num(*loc, k) for k in keys]
        if all(a is not None and 0 <= a <= 1 for a in shares):
            total_share = sum(a for a in shares if a is not None)
            if abs(total_share - 1.0) > AGE_TOLERANCE:
                self.add(
                    loc,
                    f"the age shares add up to {total_share:.4f}, not 1",
                    f"adjust them so that {' + '.join(keys)} = 1 (within {AGE_TOLERANCE})",
                )

    def calendar(self) -> None:
        loc: Loc = ("program", "calendar", "school_holiday_months")
        months = _get(self.data, loc)
        if not isinstance(months, list):
            return
        whole = [m for m in months if _integer(m) is not None and 1 <= m <= 12]
        twice = sorted({m for m in whole if whole.count(m) > 1})
        if twice:
            self.add(
                loc,
                f"month(s) {twice} listed more than once",
                "list each holiday month once",
            )
        if len(set(whole)) == 12:
            self.add(
                loc,
                "every month is a school holiday: no term is left",
                "list only the months without classes (at most 11; the default has [7, 8])",
            )

    def program(self) -> None:
        from cayo.program.norms import NUMERIC_FIELDS, facility_names

        names = facility_names()
        capacity = _get(self.data, ("program", "capacity"))
        for key in capacity if isinstance(capacity, dict) else {}:
            if key not in names:  # its range is the schema's
                self.unknown(("program", "capacity", str(key)), str(key), "facility", names)
        overrides = _get(self.data, ("program", "norms"))
        for fac, changes in (overrides if isinstance(overrides, dict) else {}).items():
            if fac not in names:
                self.unknown(("program", "norms", str(fac)), str(fac), "facility", names)
                continue
            for par, value in (changes if isinstance(changes, dict) else {}).items():
                loc: Loc = ("program", "norms", str(fac), str(par))
                number = _number(value)
                low, high, why = NORM_RANGES.get(
                    str(par), (0.0, MAX_NORM, "norms are not negative, and 1e9 is no norm")
                )
                if par not in NUMERIC_FIELDS:
                    self.unknown(loc, str(par), "numeric norm", list(NUMERIC_FIELDS))
                elif number is not None and not (
                    low <= number <= high and (number > 0 or par != "units_per_facility")
                ):
                    span = f"{_short(low)} to {_short(high)}"
                    if par == "units_per_facility":
                        span = f"more than {_short(low)}, up to {_short(high)}"
                        why = "it divides the capacity into buildings"
                    self.add(
                        loc,
                        f"norm {par} = {number:g} is out of range ({why})",
                        f"use {span} in the unit of data/facilities.csv (see `cayo program`)",
                    )
        critical = _get(self.data, ("constraints", "critical_facilities"))
        for i, fac in enumerate(critical if isinstance(critical, list) else []):
            if isinstance(fac, str) and fac not in names:
                self.unknown(("constraints", "critical_facilities", i), fac, "facility", names)
        for loc in (("stress", "critical_load_shares"), ("cooling", "by_facility")):
            per_facility = _get(self.data, loc)
            for fac in per_facility if isinstance(per_facility, dict) else {}:
                if isinstance(fac, str) and fac not in names:
                    self.unknown((*loc, fac), fac, "facility", names)

    # ------------------------------------------------------------ weather

    def weather(self, where: Path) -> None:
        source = _get(self.data, ("weather", "source"))
        wfile = _get(self.data, ("weather", "file"))
        fmt = _get(self.data, ("weather", "format"))
        if source == "file" and wfile is None:
            self.add(
                ("weather", "file"),
                "weather.source is 'file' but no `file` is given",
                "add `file: PATH` (an EPW, TMY3 or PVGIS TMY file), or set source: reference",
            )
        if source == "file" and _get(self.data, ("weather", "monthly_mean_temp_c")) is not None:
            self.add(
                ("weather", "monthly_mean_temp_c"),
                "monthly_mean_temp_c is given but weather.source is 'file' (the file has the "
                "site's own temperatures)",
                "remove monthly_mean_temp_c, or set source: reference to move the reference "
                "year to these monthly means",
            )
        if source == "reference" and wfile is not None:
            self.add(
                ("weather", "file"),
                "a `file` is given but weather.source is 'reference'",
                "set source: file to use the file, or remove `file:`",
            )
        if not isinstance(wfile, str) or source not in ("file", "reference", None):
            return
        full = Path(wfile) if Path(wfile).is_absolute() else where.parent / wfile
        try:
            found = full.is_file()
        except (OSError, ValueError):  # a name too long for the file system, a NUL byte
            found = False
        if not found:
            self.add(
                ("weather", "file"),
                f"weather file not found: {full}",
                "give a path relative to the scenario file, or an absolute one",
            )
            return
        if source != "file" or fmt not in ("epw", "tmy3", "pvgis", None):
            return
        from cayo.weather.files import WeatherFileError, read_weather_table

        try:
            read_weather_table(full, fmt)
        except WeatherFileError as err:
            for problem in err.problems:
                self.add(("weather", "file"), f"{full.name}: {problem}", err.hint)

    # ------------------------------------------------------------ supply

    def technologies(self) -> None:
        tech = _get(self.data, ("technologies",))
        if not isinstance(tech, dict):
            return
        sources = [tech.get(t) for t in ("pv", "genset", "island_grid")]
        if all(isinstance(s, dict) and s.get("enabled", True) is False for s in sources):
            self.add(
                ("technologies",),
                "no electricity source is enabled",
                "enable at least one of pv, genset, island_grid",
            )
        cut = self.whole("technologies", "island_grid", "cut_hours_per_day")
        window = self.whole("technologies", "island_grid", "cut_window_hours")
        if cut is not None and window is not None and 0 <= cut <= 24 and cut > window > 0:
            self.add(
                ("technologies", "island_grid", "cut_hours_per_day"),
                f"cut_hours_per_day ({cut}) is longer than cut_window_hours ({window})",
                "widen the window (cut_window_hours) or cut fewer hours",
            )

    def data_links(self) -> None:
        options = _get(self.data, ("data_links", "options"))
        if isinstance(options, dict):
            units = [_integer(_get(o, ("max_units",))) for o in options.values()]
            redundancy = _get(self.data, ("data_links", "redundancy"))
            need = 2 if redundancy == "N+1" else 1
            if not options:
                self.add(
                    ("data_links", "options"),
                    "no data-link option is given",
                    "add at least one option (e.g. submarine_fibre, microwave, satellite)",
                )
            elif (
                all(u is not None and 0 <= u <= 10 for u in units)
                and sum(u for u in units if u is not None) < need
            ):
                self.add(
                    ("data_links", "options"),
                    f"the options allow {sum(u for u in units if u is not None)} unit(s) in all; "
                    f"redundancy {redundancy} needs at least {need}",
                    "raise max_units of an option",
                )
        known = [str(k) for k in options] if isinstance(options, dict) else []
        names = _get(self.data, ("stress", "main_grid", "dependent_links"))
        for i, name in enumerate(names if isinstance(names, list) and known else []):
            if isinstance(name, str) and name not in known:
                self.unknown(
                    ("stress", "main_grid", "dependent_links", i),
                    name,
                    "data link",
                    known,
                    " (data_links.options)",
                )

    # ------------------------------------------------------------ years and the stress test

    def years(self) -> None:
        start = self.whole("workforce", "start_year")
        horizon = self.whole("workforce", "horizon_year")
        ok = start is not None and horizon is not None
        if start is not None and horizon is not None:
            if horizon <= start:
                ok = False
                self.add(
                    ("workforce", "horizon_year"),
                    f"horizon_year {horizon} must come after start_year {start}",
                    "set horizon_year to a later year than start_year",
                )
            elif horizon - start > MAX_HORIZON_YEARS:
                ok = False
                self.add(
                    ("workforce", "horizon_year"),
                    f"the workforce years {start}-{horizon} span {horizon - start} years; at most "
                    f"{MAX_HORIZON_YEARS} (beyond a century no cost, population or climate "
                    "figure holds)",
                    "bring horizon_year closer to start_year",
                )
        initial = self.whole("workforce", "initial_specialists")
        target = self.whole("people", "specialists")
        if initial is not None and target is not None and initial > target >= 0:
            self.add(
                ("workforce", "initial_specialists"),
                f"initial_specialists ({initial:,}) exceeds the town's target of {target:,} "
                "specialists (people.specialists)",
                "the town starts with at most its target: lower initial_specialists or raise "
                "people.specialists",
            )
        milestones = _get(self.data, ("phasing", "milestones"))
        if not isinstance(milestones, list):
            return
        if _get(self.data, ("phasing", "enabled")) is True and not milestones:
            self.add(
                ("phasing", "milestones"),
                "phasing is enabled but lists no milestones",
                "add a milestone ({year: 2030, research: true, industry: true}) or set "
                "enabled: false",
            )
        if len(milestones) > MAX_MILESTONES:
            self.add(
                ("phasing", "milestones"),
                f"{len(milestones)} milestones; at most {MAX_MILESTONES} (each is one more "
                "year-long LP of 30-60 s)",
                "keep the stages that change what is built",
            )
        previous: int | None = None
        for i, m in enumerate(milestones):
            year = _integer(_get(m, ("year",)))
            if year is None:
                continue
            if previous is not None and year <= previous:
                self.add(
                    ("phasing", "milestones", i, "year"),
                    f"milestone years must rise strictly: {previous} is followed by {year}",
                    "list the milestones in year order, one per year",
                )
            previous = year
            if ok and start is not None and horizon is not None and not start <= year <= horizon:
                self.add(
                    ("phasing", "milestones", i, "year"),
                    f"milestone year {year} lies outside the workforce years {start}-{horizon}",
                    "move it inside workforce.start_year..horizon_year, or widen them",
                )

    def stress(self) -> None:
        low = self.whole("stress", "run", "min_years")
        high = self.whole("stress", "run", "max_years")
        batch = self.whole("stress", "run", "batch_years")
        if low is not None and high is not None and low > high > 0:
            self.add(
                ("stress", "run", "min_years"),
                f"min_years ({low:,}) exceeds max_years ({high:,})",
                "raise max_years or lower min_years",
            )
        if batch is not None and high is not None and batch > high > 0:
            self.add(
                ("stress", "run", "batch_years"),
                f"batch_years ({batch:,}) exceeds max_years ({high:,})",
                "a batch is part of the run: lower batch_years or raise max_years",
            )
        shortest = self.whole("stress", "island_grid", "cut_min_hours")
        longest = self.whole("stress", "island_grid", "cut_max_hours")
        if shortest is not None and longest is not None and shortest > longest > 0:
            self.add(
                ("stress", "island_grid", "cut_min_hours"),
                f"cut_min_hours ({shortest}) exceeds cut_max_hours ({longest})",
                "make the shortest cut no longer than the longest",
            )
        shares = _get(self.data, ("stress", "hurricanes", "month_shares"))
        per_yr = self.num("stress", "hurricanes", "per_yr")
        if not isinstance(shares, dict) or per_yr is None or per_yr <= 0:
            return
        values = [_number(v) for v in shares.values()]
        if not shares:
            self.add(
                ("stress", "hurricanes", "month_shares"),
                "hurricanes come but no month is given",
                "give the share of hurricanes by month, e.g. {8: 0.2, 9: 0.4, 10: 0.4}",
            )
        elif all(v is not None and 0 <= v <= 1 for v in values):
            total = sum(v for v in values if v is not None)
            if abs(total - 1.0) > MONTH_TOLERANCE:
                self.add(
                    ("stress", "hurricanes", "month_shares"),
                    f"the month shares add up to {total:.3f}, not 1",
                    f"adjust them so that they add up to 1 (within {MONTH_TOLERANCE})",
                )


def relation_problems(data: dict[str, Any], line_of: LineOf, where: Path) -> list[Problem]:
    """Every problem of plain scenario `data` that no single field shows.

    `line_of` gives the 1-based line of a YAML path; `where` is the scenario file, next to which
    a relative weather file is looked for.
    """
    checks = _Checks(data, line_of)
    checks.site()
    checks.people()
    checks.calendar()
    checks.program()
    checks.weather(where)
    checks.technologies()
    checks.data_links()
    checks.years()
    checks.stress()
    return checks.problems
