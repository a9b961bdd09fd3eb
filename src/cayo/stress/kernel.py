"""The dispatch simulator: a fixed plan run hour by hour through sampled years (numba).

One hour, in this order (docs/stress.md has the reasoning):

1. ships that have arrived unload, unless the port is closed (they wait); each fills its tank
   up to its cargo;
2. cooking gas is drawn from the LPG stock; what is missing is unserved gas;
3. the water plants produce the demand plus what brings the tank back to the plan's level for
   that hour: wells first, desalination (RO) for the rest, each up to its capacity, RO not
   while its intake is broken;
4. electricity demand in four classes, served in this priority: (1) the critical facilities,
   (2) the water plants' pumps, (3) the sewage plant, (4) everything else; while
   hurricane-damaged lines are down the share of the fourth on them is cut (all of it on bare
   overhead lines; less on hardened or underground ones, `line_cut_shares`), and a critical-load
   microgrid serves the critical part of what is cut from its own plant, up to its power;
5. supply in merit order: must-run generation, PV, the battery, then the island grid when it is
   up and the engine units, the cheaper of the two first (each unit at least at its minimum
   load; a start can fail, a running unit can fail and is then repaired). The plan's hourly
   battery state is the operator's schedule: the battery first gives only what it holds above
   it; below it, the grid and the engines charge the battery toward it; the battery covers
   whatever they cannot. Once the diesel stock is down to the critical reserve, the engines
   are run for classes 1-2 only and not to charge (a unit's minimum-load excess still serves
   the rest or charges the battery rather than being dumped). Surplus PV and
   the engines' minimum-load excess charge the battery; the rest is curtailed;
6. what is still missing is shed from class 4 up to class 1; water plants short of power produce
   less (wells first), so the tank drains: a blackout becomes a water shortage;
7. the waste trucks fuel once a day from the diesel stock, but never from the critical reserve:
   no fuel, no collection;
8. the data centre runs while class 1 is served or, for up to its own autonomy, on its own
   backup, which is refilled hour for hour once power is back.

Random draws inside the kernel (start failures, running hours to failure, repair times) come from a
counter-based generator (SplitMix64 of the seed, the year, the hour and the unit), so a year's
result depends only on the seed and its number: the same at any batch size or thread count.
"""

from __future__ import annotations

import numpy as np
from numba import njit, prange

# Rows of the hourly series matrix [unit].
LOAD = 0  # electricity load that does not depend on the plan [kW] (classes 1, 3 and 4)
CRITICAL = 1  # class 1 [kW]
DATA_CENTRE = 2  # the data centre's part of class 1 [kW]
SEWAGE_KW = 3  # class 3 [kW]
WASTEWATER = 4  # wastewater to treat [m³/h]
WATER = 5  # water to supply [m³/h]
LPG = 6  # cooking gas [kg/h]
PV = 7  # PV output per kWp [kW/kWp]
GRID = 8  # most the island grid may deliver when it is up [kW]
MUST_RUN = 9  # must-run generation [kW]
DATA = 10  # data traffic [Gbit/s]
SOC_TARGET = 11  # the plan's battery state at the end of the hour [kWh]
LEVEL_TARGET = 12  # the plan's water level at the end of the hour [m³]
SHARED_CRITICAL = 13  # REopt-style critical load: each facility's electricity × its share [kW]
N_SERIES = 14

# Event kinds: (start hour, hours, value).
GRID_OFF = 0  # the island grid delivers nothing
LINES_DOWN = 1  # class 4 cut (value: share of the town's lines down, 1 = all)
PORT_CLOSED = 2
RO_DOWN = 3
PV_LOSS = 4  # value: share of PV lost
LINK_DOWN = 5  # value: link unit
SHIP_DIESEL = 6  # start: arrival hour
SHIP_LPG = 7
N_KINDS = 8

# Per-year results [unit]; `cayo.stress.metrics.KERNEL_METRICS` names them.
M_UNSERVED_KWH = 0
M_LOSS_OF_LOAD_H = 1
M_UNSERVED_CRITICAL_KWH = 2
M_UNSERVED_WATER_M3 = 3
M_RATIONING_DAYS = 4
M_UNTREATED_SEWAGE_M3 = 5
M_UNSERVED_LPG_KG = 6
M_DC_UP_H = 7
M_DATA_SERVICE_H = 8
M_MIN_FUEL_DAYS = 9
M_DIESEL_L = 10
M_MISSED_COLLECTIONS = 11
M_START_FAILURES = 12
M_RUN_FAILURES = 13
M_SERVED_KWH = 14
M_SERVED_WATER_M3 = 15
M_GRID_KWH = 16
M_GENSET_KWH = 17
M_CURTAILED_KWH = 18
M_DIESEL_EMPTY_H = 19
M_FIRST_CRITICAL_SHORT_H = 20  # hours before the first class-1 shortfall (all: none)
M_FIRST_WATER_SHORT_H = 21  # hours before the first water shortfall
N_METRICS = 22

# Bits of the hourly flags; event kinds GRID_OFF..RO_DOWN set bit 1 << kind.
GRID_OFF_BIT = 1 << GRID_OFF
PORT_CLOSED_BIT = 1 << PORT_CLOSED
RO_DOWN_BIT = 1 << RO_DOWN

# Rows of the engine units' scratch [3 × units].
DOWN_UNTIL = 0  # the unit is down (failed, or a failed start) until this hour [h]
RAN = 1  # 1 if the unit ran in the hour just simulated
HOURS_LEFT = 2  # running hours before it fails (geometric with the per-hour chance: the same
# process as a draw every running hour, for one draw per failure) [h]

TINY = 1e-9  # [kW, m³] below this a shortfall is rounding
RATIONING_SHARE = 0.01  # a day with more than 1 % of its water unserved is a rationing day


@njit(inline="always", error_model="numpy")
def uniform(key: np.uint64) -> float:
    """SplitMix64 of `key` as a float in [0, 1)."""
    z = key + np.uint64(0x9E3779B97F4A7C15)
    z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    z = z ^ (z >> np.uint64(31))
    return float(z >> np.uint64(11)) * (1.0 / 9007199254740992.0)


@njit(inline="always", error_model="numpy")
def draw_key(seed: np.uint64, year: int, t: int, slot: int) -> np.uint64:
    """Counter of one draw: the seed, the year, the hour and a slot (use × 32 + unit)."""
    return seed ^ (np.uint64(year) * np.uint64(0x100000000) + np.uint64(t * 128 + slot))


@njit(inline="always", error_model="numpy")
def run_clock(seed: np.uint64, year: int, t: int, u: int, chance: float) -> int:
    """Running hours until a unit fails, geometric with this chance per running hour [h]
    (a huge number when the chance is 0)."""
    if chance <= 0.0:
        return 1 << 60
    v = uniform(draw_key(seed, year, t, 32 + u))
    return 1 + int(np.log1p(-v) / np.log1p(-chance))


@njit(inline="always", error_model="numpy")
def unload(stock: float, tank: float, cargo: float, ships: int) -> float:
    """The stock after `ships` ships of `cargo` each fill a tank of `tank` (a stock already
    above the tank takes nothing) [L or kg]."""
    for _ in range(ships):
        stock = min(stock + cargo, max(tank, stock))
    return stock


@njit(inline="always", error_model="numpy")
def draw(stock: float, want: float) -> tuple[float, float]:
    """Take `want` from `stock`: (stock left, what was missing) [kg or L]."""
    if stock >= want:
        return stock - want, 0.0
    return 0.0, want - stock


@njit(inline="always", error_model="numpy")
def water_to_make(
    demand: float, target: float, level: float, wells: float, ro: float, ro_up: bool
) -> tuple[float, float]:
    """What the wells and the RO plant make to serve `demand` and bring the tank from `level`
    back to the plan's `target`, wells first, each up to its capacity [m³/h]."""
    make = max(demand + target - level, 0.0)
    from_wells = min(wells, make)
    return from_wells, (min(ro, make - from_wells) if ro_up else 0.0)


@njit(inline="always", error_model="numpy")
def battery_first(
    need: float, soc: float, target: float, bat_kw: float, room: float, eta_c: float,
    eta_d: float,
) -> tuple[float, float, float, float, float]:  # fmt: skip
    """The battery before the grid and the engines, for a load `need` left after must-run and
    PV [kW] (negative: a surplus). A surplus charges it (up to `bat_kw` and the AC charge
    `room` that fills it); a need takes only what it holds above the plan's state `target`
    [kWh]. Returns (charge, discharge, load left, charge still wanted toward `target`,
    curtailed) [kW]."""
    charge = dis = r = spilled = 0.0
    if need <= 0.0:
        charge = max(min(-need, bat_kw, room), 0.0)
        spilled = -need - charge
    else:
        r = need
        if soc > target:
            dis = min(r, bat_kw, (soc - target) * eta_d)
            r -= dis
    extra = 0.0
    if dis == 0.0:
        want = min(bat_kw, (target - soc) / eta_c) if target > soc else 0.0
        extra = max(min(want - charge, bat_kw - charge, room - charge), 0.0)
    return charge, dis, r, extra, spilled


@njit(inline="always", error_model="numpy")
def take_grid(
    available: float, r: float, charge: float, extra: float
) -> tuple[float, float, float, float, float]:
    """Draw on the island grid for the load left `r` and the charge wanted `extra` [kW]:
    (import, part to load, load left, charge, charge still wanted)."""
    if r + extra <= TINY:
        return 0.0, 0.0, r, charge, extra
    grid = min(r + extra, available)
    to_load = min(r, grid)
    return grid, to_load, r - to_load, charge + grid - to_load, extra - (grid - to_load)


@njit(inline="always", error_model="numpy")
def start_units(
    units: np.ndarray, t: int, want: int, fts: float, seed: np.uint64, year: int
) -> tuple[int, int]:
    """Run up to `want` engine units that are not down, in unit order; a unit that did not
    run last hour fails to start with chance `fts` (down for this hour: it tries again next
    hour). Marks the units that run. Returns (units running, failed starts)."""
    running = 0
    failed = 0
    for u in range(units.shape[1]):
        on = False
        if running < want and units[DOWN_UNTIL, u] <= t:
            if units[RAN, u] == 0 and fts > 0.0 and uniform(draw_key(seed, year, t, u)) < fts:
                failed += 1
                units[DOWN_UNTIL, u] = t + 1
            else:
                on = True
                running += 1
        units[RAN, u] = 1 if on else 0
    return running, failed


@njit(inline="always", error_model="numpy")
def fail_running(
    units: np.ndarray, t: int, ftr: float, repair_h: float, seed: np.uint64, year: int
) -> int:
    """Count down the running units' hours to failure; a unit that fails is out for a sampled
    repair (exponential, mean `repair_h` [h]) and gets a new clock. Returns the failures."""
    failures = 0
    for u in range(units.shape[1]):
        if units[RAN, u] == 1:
            units[HOURS_LEFT, u] -= 1
            if units[HOURS_LEFT, u] <= 0:
                failures += 1
                v = uniform(draw_key(seed, year, t, 64 + u))
                units[DOWN_UNTIL, u] = t + 1 + int(np.ceil(-repair_h * np.log1p(-v)))
                units[RAN, u] = 0
                units[HOURS_LEFT, u] = run_clock(seed, year, t, u, ftr)
    return failures


@njit(inline="always", error_model="numpy")
def engine_output(
    allowed: float, cap: float, min_load: float, phi: float, diesel: float
) -> tuple[float, float]:
    """Running units of `cap` [kW] asked for `allowed` [kW]: at least their minimum load, at
    most what the diesel stock [L] can fuel at `phi` [L/kWh]. Returns (output [kW], fuel [L])."""
    make = max(min(allowed, cap), cap * min_load)
    if make * phi > diesel:
        make = diesel / phi
    return make, make * phi


@njit(inline="always", error_model="numpy")
def shed(short: float, d2: float, d3: float, d4: float) -> tuple[float, float, float, float]:
    """Split a shortfall [kW] over the classes, class 4 first: (class 1, 2, 3, 4 shed)."""
    s4 = min(short, d4)
    short -= s4
    s3 = min(short, d3)
    short -= s3
    s2 = min(short, d2)
    return max(short - s2, 0.0), s2, s3, s4


@njit(inline="always", error_model="numpy")
def water_made(
    wells: float, ro: float, d2: float, s2: float, e_w: float, e_r: float
) -> tuple[float, float]:
    """What the wells and RO [m³/h] make when `s2` of their `d2` [kW] is shed: the wells
    first, at `e_w` and `e_r` [kWh/m³]."""
    if s2 <= 0.0:
        return wells, ro
    e2 = d2 - s2
    w = min(wells, e2 / e_w) if e_w > 0.0 else wells
    r = max(min(ro, (e2 - w * e_w) / e_r), 0.0) if e_r > 0.0 else ro
    return w, r


@njit(inline="always", error_model="numpy")
def links_carry(link_cap: np.ndarray, all_links: float, mask: np.uint32, data: float) -> bool:
    """The link units not down in `mask` carry `data` [Gbit/s]."""
    cap = all_links
    if mask != 0:
        for i in range(link_cap.shape[0]):
            if (mask >> np.uint32(i)) & np.uint32(1):
                cap -= link_cap[i]
    return cap >= data * (1.0 - 1e-9)


@njit(inline="always", error_model="numpy")
def line_cut_shares(plant: np.ndarray) -> tuple[float, float, float]:
    """Share of class 4 cut when hurricane damage downs the town's lines: (while every damaged
    line is down, once the hardened ones are repaired, the hardened lines' repair time as a
    share of the others') [-]. Bare overhead lines are all down; hardened ones are down with
    `hardened_outage_factor` and repaired in `hardened_repair_factor` of the time; underground
    ones are down with `underground_outage_factor` and repaired in the same time.

    >>> from cayo.stress.plant import Plant
    >>> line_cut_shares(Plant().record())
    (1.0, 1.0, 1.0)
    >>> p = Plant(hardened_share=0.5, hardened_outage_factor=0.8, hardened_repair_factor=0.5,
    ...           underground_share=0.5, underground_outage_factor=0.2)
    >>> e, l, f = line_cut_shares(p.record())
    >>> round(e, 6), round(l, 6), f
    (0.5, 0.1, 0.5)
    """
    p = plant[0]
    h, u = p.hardened_share, p.underground_share
    bare = max(1.0 - h - u, 0.0)
    late = bare + u * p.underground_outage_factor
    return late + h * p.hardened_outage_factor, late, p.hardened_repair_factor


@njit(inline="always", error_model="numpy")
def cut_lines(
    lines_cut: np.ndarray, a: int, b: int, share: float, early: float, late: float, fast: float
) -> None:
    """Add a lines-down event of hours a..b-1 with `share` of the lines damaged to `lines_cut`:
    `early` × share until the hardened lines are back (`fast` of the time), `late` × share after."""
    turn = a + int(np.ceil(fast * (b - a)))
    for t in range(a, b):
        add = (early if t < turn else late) * share
        lines_cut[t] = min(lines_cut[t] + add, 1.0)


@njit(cache=True, error_model="numpy")
def paint(
    kind: np.ndarray,
    start: np.ndarray,
    length: np.ndarray,
    value: np.ndarray,
    lo: int,
    hi: int,
    cut_start: np.ndarray,
    cut_len: np.ndarray,
    flags: np.ndarray,
    pv_factor: np.ndarray,
    link_mask: np.ndarray,
    ships_d: np.ndarray,
    ships_l: np.ndarray,
    lines_cut: np.ndarray,
    plant: np.ndarray,
) -> None:
    """Write events lo..hi-1 of one year, and its nightly cuts (day d: `cut_len[d]` hours from
    hour `cut_start[d]` of the day), onto its hourly arrays (cleared first); everything is cut
    at the year's end. Lines-down events become the share of class 4 cut each hour
    (`line_cut_shares` of the plant's lines; overlapping damage adds up to at most all)."""
    T = flags.shape[0]
    flags[:] = 0
    pv_factor[:] = 1.0
    lines_cut[:] = 0.0
    early, late, fast = line_cut_shares(plant)
    link_mask[:] = 0
    ships_d[:] = 0
    ships_l[:] = 0
    for d in range(cut_len.shape[0]):
        n = cut_len[d]
        if n > 0:
            a = d * 24 + int(cut_start[d])
            for t in range(a, min(a + int(n), T)):
                flags[t] |= np.uint8(GRID_OFF_BIT)
    for e in range(lo, hi):
        k = kind[e]
        a = start[e]
        b = min(a + length[e], T)
        if k == LINES_DOWN:
            cut_lines(lines_cut, a, b, value[e], early, late, fast)
        elif k <= RO_DOWN:
            bit = np.uint8(1 << k)
            for t in range(a, b):
                flags[t] |= bit
        elif k == PV_LOSS:
            keep = 1.0 - value[e]
            for t in range(a, b):
                pv_factor[t] *= keep
        elif k == LINK_DOWN:
            bit32 = np.uint32(1) << np.uint32(int(value[e]))
            for t in range(a, b):
                link_mask[t] |= bit32
        elif k == SHIP_DIESEL:
            if a < T:
                ships_d[a] += 1
        elif k == SHIP_LPG:
            if a < T:
                ships_l[a] += 1


@njit(cache=True, fastmath=True, error_model="numpy")
def simulate_year(
    series: np.ndarray,
    plant: np.ndarray,
    link_cap: np.ndarray,
    flags: np.ndarray,
    pv_factor: np.ndarray,
    link_mask: np.ndarray,
    ships_d: np.ndarray,
    ships_l: np.ndarray,
    lines_cut: np.ndarray,
    seed: np.uint64,
    year: int,
    out: np.ndarray,
    units: np.ndarray,
) -> None:
    """Run one year hour by hour; write its `N_METRICS` results into `out`.

    `plant` is a one-element record of `cayo.stress.plant.PLANT`; `units` is scratch of
    [3 × engine units] ints (rows `DOWN_UNTIL`, `RAN`, `HOURS_LEFT`). Units: see the module's
    constants and `cayo.stress.plant.Plant`.
    """
    p = plant[0]
    T = series.shape[0]
    n_units = p.engine_units
    pv_kw, bat_kw, bat_kwh = p.pv_kw, p.battery_kw, p.battery_kwh
    eta_c, eta_d = p.charge_efficiency, p.discharge_efficiency
    unit_kw, min_load, phi = p.unit_kw, p.min_load_share, p.fuel_l_per_kwh
    d_tank, reserve, d_cargo = p.diesel_tank_l, p.diesel_reserve_l, p.diesel_cargo_l
    truck_l = p.truck_fuel_l_per_day
    wells, e_w, ro, e_r = p.wells_m3_h, p.wells_kwh_per_m3, p.ro_m3_h, p.ro_kwh_per_m3
    tank, l_tank, l_cargo = p.water_tank_m3, p.lpg_tank_kg, p.lpg_cargo_kg
    fts, ftr, repair = p.fail_to_start, p.fail_to_run_per_h, p.repair_mean_h
    autonomy, grid_first = p.data_centre_autonomy_h, p.grid_first
    micro_kw = p.microgrid_kw  # critical-load microgrid, with its own plant [kW]
    soc, level, diesel, lpg = p.soc0_kwh, p.level0_m3, p.diesel0_l, p.lpg0_kg
    all_links = link_cap.sum()
    for u in range(n_units):
        units[DOWN_UNTIL, u] = 0
        units[RAN, u] = 0
        units[HOURS_LEFT, u] = run_clock(seed, year, T, u, ftr)
    acc = out
    acc[:] = 0.0
    acc[M_FIRST_CRITICAL_SHORT_H] = T
    acc[M_FIRST_WATER_SHORT_H] = T
    running = 0  # units that ran last hour
    pend_d = pend_l = 0  # ships waiting for the port to open
    dc_backup = autonomy
    min_diesel = diesel
    day_water = day_short = 0.0
    for t in range(T):
        fl = flags[t]
        # 1. ships unload unless the port is closed
        pend_d += ships_d[t]
        pend_l += ships_l[t]
        if (fl & PORT_CLOSED_BIT) == 0:
            diesel = unload(diesel, d_tank, d_cargo, pend_d)
            lpg = unload(lpg, l_tank, l_cargo, pend_l)
            pend_d = pend_l = 0
        # 2. cooking gas
        lpg, gas_short = draw(lpg, series[t, LPG])
        acc[M_UNSERVED_LPG_KG] += gas_short
        # 3. water plants keep the tank at the plan's level
        w_dem = series[t, WATER]
        w_star, r_star = water_to_make(
            w_dem, series[t, LEVEL_TARGET], level, wells, ro, (fl & RO_DOWN_BIT) == 0
        )
        # 4. demand classes
        d1 = series[t, CRITICAL]
        d2 = w_star * e_w + r_star * e_r
        d3 = series[t, SEWAGE_KW]
        d4 = max(series[t, LOAD] - d1 - d3, 0.0)
        cut4 = d4 * lines_cut[t]
        d4 -= cut4
        if cut4 > 0.0 and micro_kw > 0.0:  # the microgrid serves the critical part it can
            cut4 -= min(micro_kw, cut4, max(series[t, SHARED_CRITICAL] - d1, 0.0))
        # 5. supply in merit order
        free = series[t, MUST_RUN] + pv_kw * series[t, PV] * pv_factor[t]
        room = (bat_kwh - soc) / eta_c  # AC charge that fills the battery [kWh]
        charge, dis, r, extra, spilled = battery_first(
            d1 + d2 + d3 + d4 - free, soc, series[t, SOC_TARGET], bat_kw, room, eta_c, eta_d
        )
        acc[M_CURTAILED_KWH] += spilled
        grid = grid_load = gen_out = 0.0
        grid_up = (fl & GRID_OFF_BIT) == 0
        if grid_first and grid_up:
            grid, grid_load, r, charge, extra = take_grid(series[t, GRID], r, charge, extra)
        k_run = 0
        if r + extra > TINY and n_units > 0 and diesel > 0.0:
            allowed = r + extra
            if diesel <= reserve:  # the reserve serves classes 1-2 only, and charges nothing
                allowed = min(r, max(d1 + d2 - (free + dis + grid_load), 0.0))
            if allowed > TINY:
                want = int(np.ceil(allowed / unit_kw - 1e-9))
                k_run, failed = start_units(units, t, want, fts, seed, year)
                acc[M_START_FAILURES] += failed
                if k_run > 0:
                    gen_out, fuel = engine_output(allowed, k_run * unit_kw, min_load, phi, diesel)
                    diesel -= fuel
                    acc[M_DIESEL_L] += fuel
                    to_load = min(r, gen_out)
                    r -= to_load
                    spare = gen_out - to_load  # charging, and any minimum-load excess
                    c = max(min(spare, bat_kw - charge, room - charge), 0.0)
                    charge += c
                    acc[M_CURTAILED_KWH] += spare - c
                    acc[M_RUN_FAILURES] += fail_running(units, t, ftr, repair, seed, year)
        if not grid_first and grid_up:
            grid, grid_load, r, charge, extra = take_grid(series[t, GRID], r, charge, extra)
        if k_run == 0 and running > 0:
            units[RAN, :] = 0
        running = k_run
        if r > TINY and charge == 0.0:  # the battery covers what is left, below the plan's state
            more = min(r, bat_kw - dis, soc * eta_d - dis)
            if more > 0.0:
                dis += more
                r -= more
        soc = max(soc + charge * eta_c - dis / eta_d, 0.0)
        acc[M_GRID_KWH] += grid
        acc[M_GENSET_KWH] += gen_out
        # 6. shed from class 4 up; water plants short of power make less, the tank drains
        s1, s2, s3, s4 = shed(r if r > TINY else 0.0, d2, d3, d4)
        w, rr = water_made(w_star, r_star, d2, s2, e_w, e_r)
        level += w + rr - w_dem
        w_short = 0.0
        if level < 0.0:
            w_short, level = -level, 0.0
        level = min(level, tank)
        acc[M_UNSERVED_WATER_M3] += w_short
        if w_short > TINY and acc[M_FIRST_WATER_SHORT_H] == T:
            acc[M_FIRST_WATER_SHORT_H] = t
        acc[M_SERVED_WATER_M3] += w_dem - w_short
        day_water += w_dem
        day_short += w_short
        if d3 > 0.0 and s3 > 0.0:
            acc[M_UNTREATED_SEWAGE_M3] += series[t, WASTEWATER] * s3 / d3
        lost = s1 + s3 + s4 + cut4
        acc[M_UNSERVED_KWH] += lost
        acc[M_UNSERVED_CRITICAL_KWH] += s1
        critical_short = s1 > 1e-6 * d1 + TINY
        if critical_short and acc[M_FIRST_CRITICAL_SHORT_H] == T:
            acc[M_FIRST_CRITICAL_SHORT_H] = t
        acc[M_SERVED_KWH] += series[t, LOAD] - lost
        if lost > 1e-6 * series[t, LOAD] + TINY:
            acc[M_LOSS_OF_LOAD_H] += 1.0
        # 7. the day's end: waste trucks, never from the reserve; rationing
        if t % 24 == 23:
            if diesel - truck_l >= reserve:
                diesel -= truck_l
                acc[M_DIESEL_L] += truck_l
            elif truck_l > 0.0:
                acc[M_MISSED_COLLECTIONS] += 1.0
            if day_short > RATIONING_SHARE * day_water:
                acc[M_RATIONING_DAYS] += 1.0
            day_water = day_short = 0.0
        min_diesel = min(min_diesel, diesel)
        if diesel <= TINY and phi > 0.0 and n_units > 0:
            acc[M_DIESEL_EMPTY_H] += 1.0
        # 8. the data centre on the town's power or its own backup, and its links
        dc_up = True
        if critical_short and series[t, DATA_CENTRE] > 0.0:
            if dc_backup >= 1.0:
                dc_backup -= 1.0
            else:
                dc_up = False
        elif dc_backup < autonomy:
            dc_backup = min(autonomy, dc_backup + 1.0)
        if dc_up:
            acc[M_DC_UP_H] += 1.0
            if links_carry(link_cap, all_links, link_mask[t], series[t, DATA]):
                acc[M_DATA_SERVICE_H] += 1.0
    daily = p.daily_burn_l
    acc[M_MIN_FUEL_DAYS] = min_diesel / daily if daily > 0.0 else 0.0


@njit(cache=True, parallel=True, error_model="numpy")
def simulate_years(
    series: np.ndarray,
    plant: np.ndarray,
    link_cap: np.ndarray,
    ptr: np.ndarray,
    kind: np.ndarray,
    start: np.ndarray,
    length: np.ndarray,
    value: np.ndarray,
    cut_start: np.ndarray,
    cut_len: np.ndarray,
    seed: np.uint64,
    first_year: int,
    chunks: int,
) -> np.ndarray:
    """Run every year of a batch: year i has events ptr[i]..ptr[i+1]-1, nightly cuts
    `cut_start[i]`, `cut_len[i]` [years × days] and number first_year + i. Returns
    [years × N_METRICS]. Years are split into `chunks` for the threads."""
    T = series.shape[0]
    years = ptr.shape[0] - 1
    out = np.zeros((years, N_METRICS))
    for c in prange(chunks):
        flags = np.zeros(T, dtype=np.uint8)
        pv_factor = np.ones(T)
        link_mask = np.zeros(T, dtype=np.uint32)
        ships_d = np.zeros(T, dtype=np.uint8)
        ships_l = np.zeros(T, dtype=np.uint8)
        lines_cut = np.zeros(T)
        units = np.zeros((3, plant[0].engine_units), dtype=np.int64)
        lo_y = c * years // chunks
        hi_y = (c + 1) * years // chunks
        for y in range(lo_y, hi_y):
            paint(
                kind, start, length, value, ptr[y], ptr[y + 1], cut_start[y], cut_len[y],
                flags, pv_factor, link_mask, ships_d, ships_l, lines_cut, plant,
            )  # fmt: skip
            simulate_year(
                series, plant, link_cap, flags, pv_factor, link_mask, ships_d, ships_l,
                lines_cut, seed, first_year + y, out[y], units,
            )  # fmt: skip
    return out


@njit(cache=True, parallel=True, error_model="numpy")
def outage_survival(
    series: np.ndarray,
    plant: np.ndarray,
    soc: np.ndarray,
    level: np.ndarray,
    diesel: np.ndarray,
    hours: int,
    with_gensets: bool,
) -> np.ndarray:
    """Hours each outage starting at hour t0 is survived, for every t0 of the year [h].

    An outage (REopt's sense): the island grid is down and no ship comes; only the critical
    facilities (class 1) and the water plants (class 2) are served. It starts from the plan's
    state at the end of hour t0 − 1 (`soc` [kWh], `level` [m³], `diesel` [L], per hour) and runs
    at most `hours` hours, wrapping round the year. Without gensets (`with_gensets` False) only
    PV, the battery and the tank carry it. Engines neither fail nor fail to start here.

    Returns [T × 2]: hours before the first critical shortfall, hours before the first water
    shortfall (`hours` when none).
    """
    T = series.shape[0]
    res = np.empty((T, 2))
    for t0 in prange(T):
        w = np.empty((hours, N_SERIES))
        for h in range(hours):
            t = (t0 + h) % T
            for r in range(N_SERIES):
                w[h, r] = series[t, r]
            w[h, LOAD] = series[t, CRITICAL]
            w[h, SEWAGE_KW] = 0.0
            w[h, GRID] = 0.0
            w[h, LPG] = 0.0
        q = plant.copy()
        prev = (t0 - 1) % T
        q[0].soc0_kwh = soc[prev]
        q[0].level0_m3 = level[prev]
        q[0].diesel0_l = diesel[prev]
        q[0].diesel_reserve_l = 0.0
        q[0].truck_fuel_l_per_day = 0.0
        q[0].fail_to_start = 0.0
        q[0].fail_to_run_per_h = 0.0
        if not with_gensets:
            q[0].engine_units = 0
        flags = np.full(hours, GRID_OFF_BIT, dtype=np.uint8)  # the island grid is off
        out = np.zeros(N_METRICS)
        units = np.zeros((3, q[0].engine_units), dtype=np.int64)
        simulate_year(
            w, q, np.zeros(0), flags, np.ones(hours), np.zeros(hours, dtype=np.uint32),
            np.zeros(hours, dtype=np.uint8), np.zeros(hours, dtype=np.uint8), np.zeros(hours),
            np.uint64(0), 0, out, units,
        )  # fmt: skip
        res[t0, 0] = out[M_FIRST_CRITICAL_SHORT_H]
        res[t0, 1] = out[M_FIRST_WATER_SHORT_H]
    return res
