"""Cross-check and time cayo's electricity LP against the identical PyPSA model.

    python bench/lp_vs_pypsa.py [INPUT_FOLDER]

INPUT_FOLDER holds ``lp_hourly.parquet`` + ``lp_parameters.json`` (written by
``cayo.supply.inputs.save_inputs``). Without it, the default scenario's inputs are exported to
a temporary folder first (not timed).

Phases, per tool:

* import: ``python -c "<import>"`` in a fresh subprocess minus a bare ``python -c pass``
  (median of 3 each);
* read:   ``cayo.supply.inputs.load_inputs`` (the same call for both tools);
* build:  cayo ``build_lp``; PyPSA network construction (``n.add``);
* solve:  the rest of cayo's ``plan_supply`` (matrix to HiGHS, run, results);
          PyPSA ``n.optimize(solver_name="highs")`` (linopy model, HiGHS, solution assignment).

Everything both tools import (cayo, pypsa, highspy, pyarrow.parquet) is imported before any
in-process phase is timed, so lazily imported modules are charged to neither tool's read/solve;
import cost is measured only in the subprocesses.

The last line printed is ``objective_rel_diff=<x> time_ratio=<cayo_total/pypsa_total>``.

`build_network` and `battery_power_constraint` are the single copy of the PyPSA mirror of
``cayo.supply.plan.build_lp``; tests/supply/test_pypsa_crosscheck.py loads them from here.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

from cayo.supply.inputs import LPInputs, is_capped

BUS = "electricity"
BATTERY_BUS = "battery"
CHARGER = "battery_charger"
DISCHARGER = "battery_discharger"


# --------------------------------------------------------------------------------------------
# The PyPSA mirror of cayo's LP
# --------------------------------------------------------------------------------------------


def build_network(x: LPInputs, snapshots: pd.Index | None = None):
    """The PyPSA network whose LP is cayo's `build_lp(x)` (components skipped exactly as there).

    Pass `battery_power_constraint(x)` as ``extra_functionality`` to ``n.optimize``.
    """
    import pypsa

    T = len(x.load_kw)
    if snapshots is None:
        snapshots = pd.date_range("2001-01-01", periods=T, freq="h")
    n = pypsa.Network()
    n.set_snapshots(snapshots)
    n.snapshot_weightings.loc[:, :] = 1.0  # one hour, objective weight 1 (the default; explicit)

    def series(values: np.ndarray) -> pd.Series:
        return pd.Series(np.asarray(values, dtype=float), index=n.snapshots)

    n.add("Bus", BUS)
    n.add("Load", "load", bus=BUS, p_set=series(x.load_kw))

    # define_pv: skipped when pv_max_kw <= 0
    if x.pv_max_kw > 0:
        n.add(
            "Generator",
            "pv",
            bus=BUS,
            p_nom_extendable=True,
            p_nom_max=x.pv_max_kw,
            p_max_pu=series(x.pv_kw_per_kwp),
            capital_cost=x.pv_capital_usd_per_kw_yr,
        )

    # define_genset: skipped when genset_max_kw is not None and <= 0; None/inf = uncapped
    if not (x.genset_max_kw is not None and x.genset_max_kw <= 0):
        n.add(
            "Generator",
            "genset",
            bus=BUS,
            p_nom_extendable=True,
            p_nom_max=x.genset_max_kw if is_capped(x.genset_max_kw) else np.inf,
            capital_cost=x.genset_capital_usd_per_kw_yr,
            marginal_cost=x.genset_marginal_usd_per_kwh,
        )

    # define_battery: skipped unless battery_enabled
    if x.battery_enabled:
        n.add("Bus", BATTERY_BUS)
        n.add(
            "Store",
            "battery",
            bus=BATTERY_BUS,
            e_nom_extendable=True,
            e_cyclic=True,
            capital_cost=x.battery_energy_capital_usd_per_kwh_yr,
        )
        n.add(
            "Link",
            CHARGER,
            bus0=BUS,
            bus1=BATTERY_BUS,
            p_nom_extendable=True,
            efficiency=x.battery_charge_efficiency,
            capital_cost=x.battery_power_capital_usd_per_kw_yr,
        )
        # cayo charges m_b per kWh of AC discharge d_t = η_d·p0; a Link's marginal_cost is per p0.
        n.add(
            "Link",
            DISCHARGER,
            bus0=BATTERY_BUS,
            bus1=BUS,
            p_nom_extendable=True,
            efficiency=x.battery_discharge_efficiency,
            capital_cost=0.0,
            marginal_cost=x.battery_discharge_cost_usd_per_kwh * x.battery_discharge_efficiency,
        )

    # define_grid_import: skipped when no hour has availability > 0
    grid = np.asarray(x.grid_available_kw, dtype=float)
    if np.any(grid > 0):
        peak = float(grid.max())
        n.add(
            "Generator",
            "island_grid",
            bus=BUS,
            p_nom=peak,
            p_max_pu=series(grid / peak),
            marginal_cost=x.grid_price_usd_per_kwh,
        )

    # define_lost_load: always present, 0 <= u_t <= L_t
    load = np.asarray(x.load_kw, dtype=float)
    peak_load = float(load.max()) if T else 0.0
    n.add(
        "Generator",
        "lost_load",
        bus=BUS,
        p_nom=max(peak_load, 0.0),
        p_max_pu=series(load / peak_load if peak_load > 0 else np.zeros(T)),
        marginal_cost=x.value_of_lost_load_usd_per_kwh,
    )
    return n


def battery_power_constraint(x: LPInputs):
    """extra_functionality: charger.p_nom == η_d · discharger.p_nom.

    Separate charger/discharger links give c_t ≤ P_b (charger p_nom = P_b) and
    d_t = η_d · discharger p0_t ≤ P_b (discharger p0_t ≤ P_b / η_d). cayo writes the tighter
    c_t + d_t ≤ P_b, which has the same optimum: an hour that both charges and discharges can be
    netted to one flow with the same state of charge, no less supply and lower cost.
    """

    def extra(n, snapshots) -> None:
        if not x.battery_enabled:
            return
        p_nom = n.model["Link-p_nom"]
        n.model.add_constraints(
            p_nom.sel(name=CHARGER, drop=True)
            - x.battery_discharge_efficiency * p_nom.sel(name=DISCHARGER, drop=True)
            == 0,
            name="battery_power_ac",
        )

    return extra


def network_capacity(n) -> dict[str, float]:
    """Optimal capacities under cayo's names (0 for absent components)."""
    gen = n.generators.p_nom_opt
    cap = {
        "pv_kw": float(gen.get("pv", 0.0)),
        "genset_kw": float(gen.get("genset", 0.0)),
        "battery_kw": float(n.links.p_nom_opt.get(CHARGER, 0.0)),
        "battery_kwh": float(n.stores.e_nom_opt.get("battery", 0.0)),
    }
    return cap


# --------------------------------------------------------------------------------------------
# Timing
# --------------------------------------------------------------------------------------------


def _run_python(code: str) -> float:
    t0 = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], check=True, capture_output=True)
    return time.perf_counter() - t0


def import_seconds(code: str, repeats: int = 3) -> float:
    """Median wall time of ``python -c code`` minus median of ``python -c pass``."""
    base = statistics.median(_run_python("pass") for _ in range(repeats))
    full = statistics.median(_run_python(code) for _ in range(repeats))
    return full - base


def default_inputs(folder: Path) -> Path:
    """Export the default scenario's LP inputs into `folder`."""
    from cayo.pipeline import prepare
    from cayo.scenario.io import load_scenario
    from cayo.supply.inputs import save_inputs

    save_inputs(prepare(load_scenario()).inputs, folder)
    return folder


def time_cayo(folder: Path) -> dict:
    import cayo.supply.plan as el
    from cayo.supply.inputs import load_inputs
    from cayo.supply.lp import SOLVER_OPTIONS

    t0 = time.perf_counter()
    x = load_inputs(folder)
    t_read = time.perf_counter() - t0

    # Time build_lp inside plan_supply by wrapping the module global it calls.
    built: dict[str, float] = {}
    original = el.build_lp

    def timed_build_lp(inputs):
        t = time.perf_counter()
        lp = original(inputs)
        built["seconds"] = time.perf_counter() - t
        return lp

    el.build_lp = timed_build_lp
    try:
        t0 = time.perf_counter()
        plan = el.plan_supply(x)
        t_plan = time.perf_counter() - t0
    finally:
        el.build_lp = original
    sol = plan.solution
    return {
        "read": t_read,
        "build": built["seconds"],
        "solve": t_plan - built["seconds"],
        "highs_run": sol.seconds,
        "objective": plan.objective_usd_yr,
        "capacity": plan.capacity,
        "hours": len(x.load_kw),
        "detail": f"HiGHS options {SOLVER_OPTIONS}; {sol.iterations} iterations",
    }


def time_pypsa(folder: Path, solver_options: dict | None = None) -> dict:
    from cayo.supply.inputs import load_inputs

    t0 = time.perf_counter()
    x = load_inputs(folder)
    t_read = time.perf_counter() - t0

    t0 = time.perf_counter()
    n = build_network(x)
    t_build = time.perf_counter() - t0

    marks: dict[str, float] = {}
    extra = battery_power_constraint(x)

    def extra_timed(net, sns):  # called by n.optimize right after linopy model creation
        marks["model_created"] = time.perf_counter()
        extra(net, sns)

    t0 = time.perf_counter()
    status, condition = n.optimize(
        solver_name="highs",
        solver_options=solver_options or {},
        extra_functionality=extra_timed,
        include_objective_constant=True,
    )
    t_solve = time.perf_counter() - t0
    if (status, condition) != ("ok", "optimal"):
        raise RuntimeError(f"PyPSA/HiGHS ended with {status}/{condition}")

    h = n.model.solver_model
    info = h.getInfo()
    solver_option = h.getOptionValue("solver")
    if isinstance(solver_option, tuple):  # highspy returns (status, value)
        solver_option = solver_option[-1]
    return {
        "read": t_read,
        "build": t_build,
        "solve": t_solve,
        "create_model": marks["model_created"] - t0,
        "highs_run": float(h.getRunTime()),
        "objective": float(n.objective),
        "objective_constant": float(n.objective_constant or 0.0),
        "capacity": network_capacity(n),
        "detail": f"HiGHS solver={solver_option!r} "
        f"({'cayo options' if solver_options else 'PyPSA/linopy defaults'}), "
        f"{info.simplex_iteration_count} simplex + {info.ipm_iteration_count} ipm "
        f"iterations; LP {h.getNumRow()} rows x {h.getNumCol()} cols",
    }


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", nargs="?", type=Path, help="exported LP inputs (default: export)")
    ap.add_argument("--repeats", type=int, default=3, help="import timing repeats (median)")
    ap.add_argument(
        "--no-same-options",
        action="store_true",
        help="skip the extra PyPSA run with cayo's HiGHS options (informative, not in time_ratio)",
    )
    args = ap.parse_args(argv)

    tmp = None
    folder = args.folder
    if folder is None:
        tmp = tempfile.TemporaryDirectory(prefix="cayo-lpin-")
        folder = default_inputs(Path(tmp.name))
        print(f"exported default-scenario inputs to {folder}")

    imp_cayo = import_seconds("import cayo.supply.plan, cayo.supply.inputs", args.repeats)
    imp_pypsa = import_seconds("import pypsa", args.repeats)

    # Everything either tool imports lazily, imported now (untimed) so neither is charged for it.
    import highspy  # noqa: F401
    import linopy  # noqa: F401
    import pyarrow.dataset  # noqa: F401  (pq.read_table imports it on first use: ~0.13 s)
    import pyarrow.parquet  # noqa: F401
    import pypsa  # noqa: F401

    import cayo.supply.plan  # noqa: F401

    c = time_cayo(folder)
    p = time_pypsa(folder)
    c["import"], p["import"] = imp_cayo, imp_pypsa
    phases = ("import", "read", "build", "solve")
    c["total"] = sum(c[k] for k in phases)
    p["total"] = sum(p[k] for k in phases)

    print()
    print(f"inputs: {folder}  ({c['hours']} h)")
    print(f"{'phase [s]':<32}{'cayo':>10}{'pypsa':>10}")
    for k in phases:
        print(f"{k:<32}{c[k]:>10.3f}{p[k]:>10.3f}")
    print(f"{'total':<32}{c['total']:>10.3f}{p['total']:>10.3f}")
    print(f"{'  solve: linopy model creation':<32}{'':>10}{p['create_model']:>10.3f}")
    print(f"{'  solve: HiGHS run':<32}{c['highs_run']:>10.3f}{p['highs_run']:>10.3f}")
    print(f"cayo : {c['detail']}")
    print(f"pypsa: {p['detail']}; objective_constant={p['objective_constant']}")
    print(f"objective [USD/yr]: cayo {c['objective']!r}  pypsa {p['objective']!r}")
    for k in c["capacity"]:
        print(f"  {k:<12} cayo {c['capacity'][k]:14.4f}  pypsa {p['capacity'][k]:14.4f}")
    if not args.no_same_options:
        from cayo.supply.lp import SOLVER_OPTIONS

        q = time_pypsa(folder, dict(SOLVER_OPTIONS))
        q["total"] = p["import"] + sum(q[k] for k in ("read", "build", "solve"))
        print(
            f"pypsa with cayo's HiGHS options: total {q['total']:.3f} s (HiGHS run "
            f"{q['highs_run']:.3f} s, {q['detail']}); time_ratio_same_options="
            f"{c['total'] / q['total']:.4f}; objective {q['objective']!r}"
        )
    rel = abs(c["objective"] - p["objective"]) / max(abs(c["objective"]), abs(p["objective"]))
    if tmp is not None:
        tmp.cleanup()
    sys.stdout.flush()
    print(f"objective_rel_diff={rel:.3e} time_ratio={c['total'] / p['total']:.4f}", flush=True)


if __name__ == "__main__":
    main()
