"""The variants of each sweep method: how many, where, and that a sweep's key names them."""

from __future__ import annotations

import numpy as np
import pytest

from cayo.errors import CayoError
from cayo.scenario.io import load_scenario
from cayo.sweep.samples import BASE, make_samples
from cayo.sweep.vary import check_varies

FUEL = "technologies.genset.fuel_price_usd_per_l"
RATE = "finance.discount_rate"
PEOPLE = "people.specialists"


@pytest.fixture(scope="module")
def setup():  # type: ignore[no-untyped-def]
    loaded = load_scenario()
    varies = check_varies([f"{FUEL}=0.9:1.5:4", f"{RATE}=0.04:0.1:3", f"{PEOPLE}=8000:14000:2"],
                          loaded)  # fmt: skip
    return loaded.scenario, varies


def test_grid_is_every_combination(setup) -> None:  # type: ignore[no-untyped-def]
    s, varies = setup
    g = make_samples(varies, s, "grid")
    assert len(g.table) == 4 * 3 * 2
    assert not g.table.duplicated().any()
    assert sorted(g.table[FUEL].unique()) == pytest.approx([0.9, 1.1, 1.3, 1.5])
    assert g.values("v00000") == {FUEL: 0.9, RATE: 0.04, PEOPLE: 8000}
    assert isinstance(g.values("v00000")[PEOPLE], int)


def test_tornado_moves_one_field_at_a_time_around_the_scenario(setup) -> None:  # type: ignore[no-untyped-def]
    s, varies = setup
    t = make_samples(varies, s, "tornado")
    base = t.table.loc[[v for v, f in t.varied.items() if f == BASE]]
    assert len(base) == 1
    assert base.iloc[0].to_dict() == pytest.approx(t.base)
    assert t.base[FUEL] == s.technologies.genset.fuel_price_usd_per_l
    for vid, field in t.varied.items():
        if field == BASE:
            continue
        moved = [c for c in t.table.columns if t.table.loc[vid, c] != t.base[c]]
        assert moved == [field]
    # the scenario's own value is not run twice: 4 + 3 + 2 points, minus those equal to the base
    equal = sum(t.base[v.path] in v.values() for v in varies)
    assert len(t.table) == 1 + 4 + 3 + 2 - equal


def test_lhs_puts_one_sample_in_every_stratum_of_every_field(setup) -> None:  # type: ignore[no-untyped-def]
    s, varies = setup
    n = 16
    lhs = make_samples(varies[:2], s, "lhs", samples=n, seed=3)
    assert len(lhs.table) == n
    for v in varies[:2]:
        strata = np.floor((lhs.table[v.path] - v.low) / (v.high - v.low) * n).clip(0, n - 1)
        assert sorted(strata.astype(int)) == list(range(n)), v.path
    again = make_samples(varies[:2], s, "lhs", samples=n, seed=3)
    other = make_samples(varies[:2], s, "lhs", samples=n, seed=4)
    assert again.key() == lhs.key() != other.key()


def test_sobol_runs_n_times_fields_plus_two_and_needs_a_power_of_two(setup) -> None:  # type: ignore[no-untyped-def]
    s, varies = setup
    sob = make_samples(varies, s, "sobol", samples=8)
    assert len(sob.table) == 8 * (len(varies) + 2)
    for v in varies:
        assert sob.table[v.path].between(v.low, v.high).all()
    with pytest.raises(CayoError, match="power of 2.*8 or 16"):
        make_samples(varies, s, "sobol", samples=12)
    with pytest.raises(CayoError, match="needs --samples"):
        make_samples(varies, s, "lhs")
    with pytest.raises(CayoError, match="not one of"):
        make_samples(varies, s, "montecarlo")


def test_a_grid_too_large_is_refused_before_any_work(setup) -> None:  # type: ignore[no-untyped-def]
    s, _ = setup
    loaded = load_scenario()
    big = check_varies([f"{FUEL}=0.9:1.5:1000", f"{RATE}=0.04:0.1:1000"], loaded)
    with pytest.raises(CayoError, match="1,000,000 variants, more than 100,000"):
        make_samples(big, s, "grid")
