"""Warm starts: an LP started from another LP's optimal basis reaches the same optimum as from
scratch (objective, capacities and prices), in fewer simplex iterations; a basis of another
shape is ignored; a solver error crosses a process boundary intact (milestones are solved in a
second process)."""

from __future__ import annotations

import pickle
from dataclasses import replace

import numpy as np
import pytest
from lp_cases import inputs

from cayo.supply.lp import (
    BASIS_FILE,
    STATUS_ERRORS,
    Basis,
    InfeasibleError,
    SolveError,
    load_basis,
    save_basis,
)
from cayo.supply.plan import plan_supply

T = 24 * 7
HOUR = np.arange(T) % 24
SUN = np.clip(np.sin((HOUR - 6) / 12 * np.pi), 0, None)


def week(**kw: object):  # type: ignore[no-untyped-def]
    """A week with PV, a battery and gensets against an evening-peaked load [kW]."""
    base = dict(
        load_kw=100.0 + 60.0 * (HOUR >= 18) + 10.0 * np.sin(np.arange(T) / 7.0),
        pv_kw_per_kwp=SUN * (0.7 + 0.3 * np.cos(np.arange(T) / 29.0)),
        pv_max_kw=400.0,
        battery_enabled=True,
        battery_charge_efficiency=0.95,
        battery_discharge_efficiency=0.95,
        genset_max_kw=None,
    )
    base.update(kw)
    return inputs(T, **base)


def same_plan(a, b) -> None:  # type: ignore[no-untyped-def]
    assert a.objective_usd_yr == pytest.approx(b.objective_usd_yr, rel=1e-9)
    for key in a.capacity:
        assert a.capacity[key] == pytest.approx(b.capacity[key], rel=1e-7, abs=1e-6), key
    np.testing.assert_allclose(
        a.hourly["marginal_usd_per_kwh"], b.hourly["marginal_usd_per_kwh"], rtol=1e-6, atol=1e-9
    )


def test_the_same_lp_from_its_own_basis_needs_no_iteration() -> None:
    cold = plan_supply(week())
    assert cold.solution.basis is not None and not cold.solution.warm
    assert cold.solution.iterations > 0
    again = plan_supply(week(), warm=cold.solution.basis)
    assert again.solution.warm
    assert again.solution.iterations == 0
    same_plan(again, cold)


@pytest.mark.parametrize(
    "change",
    [
        {"load_kw": week().load_kw * 0.6},  # a milestone's smaller town: new right-hand sides
        {"load_kw": week().load_kw * 1.3},
        {"genset_marginal_usd_per_kwh": 0.5},  # a price: new costs
    ],
    ids=["smaller town", "larger town", "dearer fuel"],
)
def test_a_changed_lp_from_a_basis_reaches_the_optimum_from_scratch(change: dict) -> None:
    base = plan_supply(week())
    x = replace(week(), **change)
    warm = plan_supply(x, warm=base.solution.basis)
    cold = plan_supply(x)
    assert warm.solution.warm
    same_plan(warm, cold)
    assert warm.solution.iterations < cold.solution.iterations


def test_only_a_change_of_costs_goes_on_with_primal_simplex() -> None:
    """The basis remembers the constraints of its LP (a hash of bounds and matrix): a change of
    costs alone keeps it feasible and primal simplex goes on from it; a change of the load (the
    right-hand sides) goes to dual simplex; both reach the optimum from scratch."""
    base = plan_supply(week())
    dearer = replace(week(), genset_marginal_usd_per_kwh=0.5, pv_capital_usd_per_kw_yr=90.0)
    priced = plan_supply(dearer, warm=base.solution.basis)
    assert priced.solution.warm and priced.solution.primal
    same_plan(priced, plan_supply(dearer))
    larger = replace(week(), load_kw=week().load_kw * 1.3)
    loaded = plan_supply(larger, warm=base.solution.basis)
    assert loaded.solution.warm and not loaded.solution.primal
    assert base.solution.basis is not None and priced.solution.basis is not None
    assert base.solution.basis.constraints == priced.solution.basis.constraints
    assert loaded.solution.basis is not None
    assert loaded.solution.basis.constraints != base.solution.basis.constraints
    # the user's own strategy wins
    dual = plan_supply(dearer, options={"simplex_strategy": 1}, warm=base.solution.basis)
    assert not dual.solution.primal
    same_plan(dual, priced)


def test_a_capacity_floor_from_the_plans_basis_matches_the_floor_from_scratch() -> None:
    base = plan_supply(week())
    floors = {"battery_kwh": base.capacity["battery_kwh"] * 1.5 + 10, "genset_kw": 200.0}
    warm = plan_supply(week(), existing=floors, warm=base.solution.basis)
    cold = plan_supply(week(), existing=floors)
    same_plan(warm, cold)
    assert warm.capacity["genset_kw"] == pytest.approx(200.0)


def test_a_basis_of_another_shape_is_ignored() -> None:
    other = plan_supply(inputs(48, genset_max_kw=None)).solution.basis
    assert other is not None
    plan = plan_supply(week(), warm=other)
    assert not plan.solution.warm
    same_plan(plan, plan_supply(week()))


def test_a_basis_holds_highs_status_codes() -> None:
    basis = plan_supply(week()).solution.basis
    assert isinstance(basis, Basis)
    assert set(np.unique(basis.col_status)) <= {0, 1, 2, 3, 4}
    # as many basic variables (columns and row slacks) as rows
    assert (basis.col_status == 1).sum() + (basis.row_status == 1).sum() == len(basis.row_status)


@pytest.mark.parametrize("cls", sorted(set(STATUS_ERRORS.values()), key=lambda c: c.__name__))
def test_solver_errors_survive_pickling(cls: type[SolveError]) -> None:
    e = cls("kInfeasible", "Infeasible", "relax the most unserved share (now 0)")
    back = pickle.loads(pickle.dumps(e))
    assert type(back) is cls
    assert (back.status, back.status_text, back.hint, str(back)) == (
        e.status,
        e.status_text,
        e.hint,
        str(e),
    )
    assert isinstance(back, InfeasibleError) == isinstance(e, InfeasibleError)


def test_a_saved_basis_comes_back_and_a_damaged_one_is_no_error(tmp_path) -> None:  # type: ignore[no-untyped-def]
    basis = plan_supply(week()).solution.basis
    assert basis is not None
    save_basis(basis, tmp_path)
    back = load_basis(tmp_path)
    assert back is not None
    np.testing.assert_array_equal(back.col_status, basis.col_status)
    np.testing.assert_array_equal(back.row_status, basis.row_status)
    assert load_basis(tmp_path / "nowhere") is None
    np.savez(tmp_path / BASIS_FILE, format=np.int64(99), col_status=basis.col_status,
             row_status=basis.row_status)  # fmt: skip
    assert load_basis(tmp_path) is None  # another format
    np.savez(tmp_path / BASIS_FILE, format=np.int64(1), col_status=basis.col_status + 7,
             row_status=basis.row_status)  # fmt: skip
    assert load_basis(tmp_path) is None  # not HiGHS status codes
    (tmp_path / BASIS_FILE).write_bytes(b"PK\x03\x04 damaged")
    assert load_basis(tmp_path) is None
