"""The dispatch simulator: a fixed plan run hour by hour through sampled years (numba).

One hour, in this order (docs/stress.md has the reasoning):

1. ships that have arrived unload, unless the port is closed (they wait); each fills its tank
   up to its cargo;
2. cooking gas is drawn from the LPG stock; what is missing is unserved gas;
3. the water plants produce the demand plus what brings the tank back to the plan's level for
   that hour: wells first, desalination (RO) for the rest, each up to its capacity, RO not
   while its intake is broken;
4. electricity demand in four classes, served in this priority: (1) the critical facilities,
   (2) the water plants' pumps, (3) the sewage plant, (4) everything else; the fourth is cut
   while hurricane-damaged lines are down;
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
N_SERIES = 13

# Plant parameters, a float vector [unit].
PV_KW = 0  # [kWp]
BAT_KW = 1  # [kW]
BAT_KWH = 2  # [kWh]
ETA_C = 3  # [-]
ETA_D = 4  # [-]
N_UNITS = 5  # engine units [-]
UNIT_KW = 6  # [kW]
MIN_LOAD = 7  # [-]
FUEL_L_PER_KWH = 8  # [L/kWh]
DIESEL_TANK = 9  # [L]
DIESEL_RESERVE = 10  # [L] kept for classes 1-2
DIESEL_CARGO = 11  # [L]
TRUCK_L_PER_DAY = 12  # [L/day]
WELLS = 13  # [m³/h]
WELLS_KWH = 14  # [kWh/m³]
RO = 15  # [m³/h]
RO_KWH = 16  # [kWh/m³]
TANK = 17  # [m³]
LPG_TANK = 18  # [kg]
LPG_CARGO = 19  # [kg]
FTS = 20  # chance a start fails [-]
FTR = 21  # chance a running unit fails in an hour [1/h]
REPAIR_H = 22  # mean repair time [h]
DC_AUTONOMY = 23  # [h]
SOC0 = 24  # [kWh] state at the start of every year
LEVEL0 = 25  # [m³]
DIESEL0 = 26  # [L]
LPG0 = 27  # [kg]
DAILY_BURN = 28  # mean diesel use of the plan [L/day], the yardstick of fuel autonomy
GRID_FIRST = 29  # 1: the island grid is cheaper than the engines' fuel and upkeep, used first
N_PARAMS = 30

# Event kinds: (start hour, hours, value).
GRID_OFF = 0  # the island grid delivers nothing
LINES_DOWN = 1  # class 4 cut
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

_FLAG = (1, 2, 4, 8)  # bit of GRID_OFF, LINES_DOWN, PORT_CLOSED, RO_DOWN in the hourly flags
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
) -> None:
    """Write events lo..hi-1 of one year, and its nightly cuts (day d: `cut_len[d]` hours from
    hour `cut_start[d]` of the day), onto its hourly arrays (cleared first); everything is cut
    at the year's end."""
    T = flags.shape[0]
    flags[:] = 0
    pv_factor[:] = 1.0
    link_mask[:] = 0
    ships_d[:] = 0
    ships_l[:] = 0
    for d in range(cut_len.shape[0]):
        n = cut_len[d]
        if n > 0:
            a = d * 24 + int(cut_start[d])
            for t in range(a, min(a + int(n), T)):
                flags[t] |= np.uint8(1)
    for e in range(lo, hi):
        k = kind[e]
        a = start[e]
        b = min(a + length[e], T)
        if k <= RO_DOWN:
            bit = np.uint8(_FLAG[k])
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
    p: np.ndarray,
    link_cap: np.ndarray,
    flags: np.ndarray,
    pv_factor: np.ndarray,
    link_mask: np.ndarray,
    ships_d: np.ndarray,
    ships_l: np.ndarray,
    seed: np.uint64,
    year: int,
    out: np.ndarray,
    units: np.ndarray,
) -> None:
    """Run one year hour by hour; write its `N_METRICS` results into `out`.

    `units` is scratch of three ints per engine unit. Units: see the module's constants.
    """
    T = series.shape[0]
    acc_curtailed_kwh = 0.0
    acc_data_service_h = 0.0
    acc_dc_up_h = 0.0
    acc_diesel_empty_h = 0.0
    acc_diesel_l = 0.0
    acc_first_critical_short_h = float(T)
    acc_first_water_short_h = float(T)
    acc_genset_kwh = 0.0
    acc_grid_kwh = 0.0
    acc_loss_of_load_h = 0.0
    acc_min_fuel_days = 0.0
    acc_served_water_m3 = 0.0
    acc_unserved_water_m3 = 0.0
    acc_untreated_sewage_m3 = 0.0
    acc_missed_collections = 0.0
    acc_rationing_days = 0.0
    acc_run_failures = 0.0
    acc_served_kwh = 0.0
    acc_start_failures = 0.0
    acc_unserved_critical_kwh = 0.0
    acc_unserved_kwh = 0.0
    acc_unserved_lpg_kg = 0.0
    pv_kw = p[PV_KW]
    bat_kw = p[BAT_KW]
    bat_kwh = p[BAT_KWH]
    eta_c = p[ETA_C]
    eta_d = p[ETA_D]
    n_units = int(p[N_UNITS])
    unit_kw = p[UNIT_KW]
    min_load = p[MIN_LOAD]
    phi = p[FUEL_L_PER_KWH]
    d_tank = p[DIESEL_TANK]
    reserve = p[DIESEL_RESERVE]
    d_cargo = p[DIESEL_CARGO]
    truck_l = p[TRUCK_L_PER_DAY]
    wells = p[WELLS]
    e_w = p[WELLS_KWH]
    ro = p[RO]
    e_r = p[RO_KWH]
    tank = p[TANK]
    l_tank = p[LPG_TANK]
    l_cargo = p[LPG_CARGO]
    fts = p[FTS]
    ftr = p[FTR]
    repair = p[REPAIR_H]
    autonomy = p[DC_AUTONOMY]
    grid_first = p[GRID_FIRST] > 0.5
    soc = p[SOC0]
    level = p[LEVEL0]
    diesel = p[DIESEL0]
    lpg = p[LPG0]
    all_links = 0.0
    for i in range(link_cap.shape[0]):
        all_links += link_cap[i]
    # units[u]: down until this hour; units[n + u]: 1 if it ran last hour; units[2n + u]: running
    # hours left before it fails (geometric with the per-hour chance: the same process as a
    # draw every running hour, for one draw a failure)
    for u in range(n_units):
        units[u] = 0
        units[n_units + u] = 0
        units[2 * n_units + u] = run_clock(seed, year, T, u, ftr)
    running = 0  # units that ran last hour
    pend_d = 0
    pend_l = 0
    dc_backup = autonomy
    min_diesel = diesel
    day_water = 0.0
    day_short = 0.0
    for t in range(T):
        fl = flags[t]
        # 1. ships
        pend_d += ships_d[t]
        pend_l += ships_l[t]
        if (fl & 4) == 0:
            while pend_d > 0:
                diesel = min(diesel + d_cargo, max(d_tank, diesel))
                pend_d -= 1
            while pend_l > 0:
                lpg = min(lpg + l_cargo, max(l_tank, lpg))
                pend_l -= 1
        # 2. cooking gas
        gas = series[t, LPG]
        if lpg >= gas:
            lpg -= gas
        else:
            acc_unserved_lpg_kg += gas - lpg
            lpg = 0.0
        # 3. water plants keep the tank at the plan's level: wells first, then RO
        w_dem = series[t, WATER]
        make_w = w_dem + series[t, LEVEL_TARGET] - level
        if make_w < 0.0:
            make_w = 0.0
        w_star = min(wells, make_w)
        r_star = 0.0
        if (fl & 8) == 0:
            r_star = min(ro, make_w - w_star)
        # 4. demand classes
        d1 = series[t, CRITICAL]
        d2 = w_star * e_w + r_star * e_r
        d3 = series[t, SEWAGE_KW]
        d4 = series[t, LOAD] - d1 - d3
        if d4 < 0.0:
            d4 = 0.0
        cut4 = 0.0
        if (fl & 2) != 0:
            cut4 = d4
            d4 = 0.0
        demand = d1 + d2 + d3 + d4
        # 5. supply in merit order; below the plan's state of charge, the island grid and the
        # engines serve first and also charge the battery toward it
        pv_avail = pv_kw * series[t, PV] * pv_factor[t]
        free = series[t, MUST_RUN] + pv_avail
        need = demand - free
        room = (bat_kwh - soc) / eta_c  # AC charge that fills the battery [kWh]
        target = series[t, SOC_TARGET]
        want = min(bat_kw, (target - soc) / eta_c) if target > soc else 0.0
        charge = 0.0
        dis = 0.0
        grid = 0.0
        gen_out = 0.0
        r = 0.0
        if need <= 0.0:
            charge = min(-need, bat_kw, room)
            if charge < 0.0:
                charge = 0.0
            acc_curtailed_kwh += -need - charge
        else:  # the battery first gives what it holds above the plan's state
            r = need
            if soc > target:
                dis = min(r, bat_kw, (soc - target) * eta_d)
                r -= dis
        extra = 0.0
        if dis == 0.0:
            extra = min(want - charge, bat_kw - charge, room - charge)
            if extra < 0.0:
                extra = 0.0
        grid_load = 0.0
        grid_up = (fl & 1) == 0
        if grid_first and grid_up:
            grid, grid_load, r, charge, extra = take_grid(series[t, GRID], r, charge, extra)
        k_run = 0
        if r + extra > TINY and n_units > 0 and diesel > 0.0:
            allowed = r + extra
            if diesel <= reserve:  # the reserve serves classes 1-2 only, and charges nothing
                prio = d1 + d2 - (free + dis + grid_load)
                allowed = min(r, max(prio, 0.0))
            if allowed > TINY:
                want_units = int(np.ceil(allowed / unit_kw - 1e-9))
                cap = 0.0
                for u in range(n_units):
                    on = False
                    if k_run < want_units and units[u] <= t:
                        if (
                            units[n_units + u] == 0
                            and fts > 0.0
                            and (uniform(draw_key(seed, year, t, u)) < fts)
                        ):  # a start that fails: the unit tries again next hour
                            acc_start_failures += 1.0
                            units[u] = t + 1
                        else:
                            on = True
                            k_run += 1
                            cap += unit_kw
                    units[n_units + u] = 1 if on else 0
                if k_run > 0:
                    make = max(min(allowed, cap), cap * min_load)
                    if make * phi > diesel:
                        make = diesel / phi
                    diesel -= make * phi
                    acc_diesel_l += make * phi
                    gen_out = make
                    to_load = min(r, make)
                    r -= to_load
                    spare = make - to_load  # charging, and any minimum-load excess
                    c = min(spare, bat_kw - charge, room - charge)
                    if c < 0.0:
                        c = 0.0
                    charge += c
                    acc_curtailed_kwh += spare - c
                    # running units may fail during the hour, out for a sampled repair
                    for u in range(n_units):
                        if units[n_units + u] == 1:
                            units[2 * n_units + u] -= 1
                            if units[2 * n_units + u] <= 0:
                                acc_run_failures += 1.0
                                v = uniform(draw_key(seed, year, t, 64 + u))
                                units[u] = t + 1 + int(np.ceil(-repair * np.log1p(-v)))
                                units[n_units + u] = 0
                                units[2 * n_units + u] = run_clock(seed, year, t, u, ftr)
        if not grid_first and grid_up:
            grid, grid_load, r, charge, extra = take_grid(series[t, GRID], r, charge, extra)
        if k_run == 0 and running > 0:
            for u in range(n_units):
                units[n_units + u] = 0
        running = k_run
        if r > TINY and charge == 0.0:  # the battery covers what is left, below the plan's state
            more = min(r, bat_kw - dis, soc * eta_d - dis)
            if more > 0.0:
                dis += more
                r -= more
        soc += charge * eta_c - dis / eta_d
        if soc < 0.0:
            soc = 0.0
        short = r if r > TINY else 0.0
        acc_grid_kwh += grid
        acc_genset_kwh += gen_out
        # 6. shed from class 4 up
        s4 = min(short, d4)
        short -= s4
        s3 = min(short, d3)
        short -= s3
        s2 = min(short, d2)
        s1 = short - s2
        if s1 < 0.0:
            s1 = 0.0
        e2 = d2 - s2
        w = w_star
        rr = r_star
        if s2 > 0.0:
            w = min(w_star, e2 / e_w) if e_w > 0.0 else w_star
            rest = e2 - w * e_w
            rr = min(r_star, rest / e_r) if e_r > 0.0 else r_star
            if rr < 0.0:
                rr = 0.0
        level += w + rr - w_dem
        w_short = 0.0
        if level < 0.0:
            w_short = -level
            level = 0.0
        if level > tank:
            level = tank
        acc_unserved_water_m3 += w_short
        if w_short > TINY and acc_first_water_short_h == T:
            acc_first_water_short_h = t
        acc_served_water_m3 += w_dem - w_short
        day_water += w_dem
        day_short += w_short
        if d3 > 0.0 and s3 > 0.0:
            acc_untreated_sewage_m3 += series[t, WASTEWATER] * s3 / d3
        lost = s1 + s3 + s4 + cut4
        acc_unserved_kwh += lost
        acc_unserved_critical_kwh += s1
        if s1 > 1e-6 * d1 + TINY and acc_first_critical_short_h == T:
            acc_first_critical_short_h = t
        acc_served_kwh += series[t, LOAD] - lost
        if lost > 1e-6 * series[t, LOAD] + TINY:
            acc_loss_of_load_h += 1.0
        # 7. waste trucks once a day, never from the reserve
        if t % 24 == 23:
            if diesel - truck_l >= reserve:
                diesel -= truck_l
                acc_diesel_l += truck_l
            elif truck_l > 0.0:
                acc_missed_collections += 1.0
            if day_short > RATIONING_SHARE * day_water:
                acc_rationing_days += 1.0
            day_water = 0.0
            day_short = 0.0
        if diesel < min_diesel:
            min_diesel = diesel
        if diesel <= TINY and phi > 0.0 and n_units > 0:
            acc_diesel_empty_h += 1.0
        # 8. the data centre and its links
        dc_up = True
        if s1 > 1e-6 * d1 + TINY and series[t, DATA_CENTRE] > 0.0:
            if dc_backup >= 1.0:
                dc_backup -= 1.0
            else:
                dc_up = False
        elif dc_backup < autonomy:
            dc_backup = min(autonomy, dc_backup + 1.0)
        if dc_up:
            acc_dc_up_h += 1.0
            cap_links = all_links
            mask = link_mask[t]
            if mask != 0:
                for i in range(link_cap.shape[0]):
                    if (mask >> np.uint32(i)) & np.uint32(1):
                        cap_links -= link_cap[i]
            if cap_links >= series[t, DATA] * (1.0 - 1e-9):
                acc_data_service_h += 1.0
    daily = p[DAILY_BURN]
    acc_min_fuel_days = min_diesel / daily if daily > 0.0 else 0.0
    for m in range(N_METRICS):
        out[m] = 0.0
    out[M_CURTAILED_KWH] = acc_curtailed_kwh
    out[M_SERVED_WATER_M3] = acc_served_water_m3
    out[M_UNSERVED_WATER_M3] = acc_unserved_water_m3
    out[M_UNTREATED_SEWAGE_M3] = acc_untreated_sewage_m3
    out[M_DATA_SERVICE_H] = acc_data_service_h
    out[M_DC_UP_H] = acc_dc_up_h
    out[M_DIESEL_EMPTY_H] = acc_diesel_empty_h
    out[M_DIESEL_L] = acc_diesel_l
    out[M_FIRST_CRITICAL_SHORT_H] = acc_first_critical_short_h
    out[M_FIRST_WATER_SHORT_H] = acc_first_water_short_h
    out[M_GENSET_KWH] = acc_genset_kwh
    out[M_GRID_KWH] = acc_grid_kwh
    out[M_LOSS_OF_LOAD_H] = acc_loss_of_load_h
    out[M_MIN_FUEL_DAYS] = acc_min_fuel_days
    out[M_MISSED_COLLECTIONS] = acc_missed_collections
    out[M_RATIONING_DAYS] = acc_rationing_days
    out[M_RUN_FAILURES] = acc_run_failures
    out[M_SERVED_KWH] = acc_served_kwh
    out[M_START_FAILURES] = acc_start_failures
    out[M_UNSERVED_CRITICAL_KWH] = acc_unserved_critical_kwh
    out[M_UNSERVED_KWH] = acc_unserved_kwh
    out[M_UNSERVED_LPG_KG] = acc_unserved_lpg_kg


@njit(cache=True, parallel=True, error_model="numpy")
def simulate_years(
    series: np.ndarray,
    p: np.ndarray,
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
    n_units = int(p[N_UNITS])
    for c in prange(chunks):
        flags = np.zeros(T, dtype=np.uint8)
        pv_factor = np.ones(T)
        link_mask = np.zeros(T, dtype=np.uint32)
        ships_d = np.zeros(T, dtype=np.uint8)
        ships_l = np.zeros(T, dtype=np.uint8)
        units = np.zeros(max(3 * n_units, 1), dtype=np.int64)
        lo_y = c * years // chunks
        hi_y = (c + 1) * years // chunks
        for y in range(lo_y, hi_y):
            paint(
                kind, start, length, value, ptr[y], ptr[y + 1], cut_start[y], cut_len[y],
                flags, pv_factor, link_mask, ships_d, ships_l,
            )  # fmt: skip
            simulate_year(
                series, p, link_cap, flags, pv_factor, link_mask, ships_d, ships_l,
                seed, first_year + y, out[y], units,
            )  # fmt: skip
    return out


@njit(cache=True, parallel=True, error_model="numpy")
def outage_survival(
    series: np.ndarray,
    p: np.ndarray,
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
        q = p.copy()
        prev = (t0 - 1) % T
        q[SOC0] = soc[prev]
        q[LEVEL0] = level[prev]
        q[DIESEL0] = diesel[prev]
        q[DIESEL_RESERVE] = 0.0
        q[TRUCK_L_PER_DAY] = 0.0
        q[FTS] = 0.0
        q[FTR] = 0.0
        if not with_gensets:
            q[N_UNITS] = 0.0
        flags = np.ones(hours, dtype=np.uint8)  # the island grid is off
        out = np.zeros(N_METRICS)
        units = np.zeros(max(3 * int(q[N_UNITS]), 1), dtype=np.int64)
        simulate_year(
            w, q, np.zeros(0), flags, np.ones(hours), np.zeros(hours, dtype=np.uint32),
            np.zeros(hours, dtype=np.uint8), np.zeros(hours, dtype=np.uint8),
            np.uint64(0), 0, out, units,
        )  # fmt: skip
        res[t0, 0] = out[M_FIRST_CRITICAL_SHORT_H]
        res[t0, 1] = out[M_FIRST_WATER_SHORT_H]
    return res
