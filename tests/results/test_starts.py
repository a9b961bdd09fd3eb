"""The optimal bases a plan leaves in its results folder, read back to start the next plan."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from cayo.results.io import milestone_basis, saved_starts
from cayo.supply.lp import Basis, save_basis


def basis(n: int) -> Basis:
    return Basis(np.ones(n, dtype=np.int8), np.zeros(n + 1, dtype=np.int8))


def test_town_and_milestone_bases_are_read_and_junk_is_ignored(tmp_path: Path) -> None:
    lp = tmp_path / "lp"
    lp.mkdir()
    save_basis(basis(3), lp)
    save_basis(basis(4), lp, milestone_basis(2028))
    save_basis(basis(5), lp, milestone_basis(2032))
    (lp / milestone_basis(2030)).write_bytes(b"damaged")  # unusable: left out
    save_basis(basis(6), lp, "basis-20x.npz")  # not a milestone's name
    starts = saved_starts(tmp_path)
    assert starts.town is not None and len(starts.town.col_status) == 3
    assert sorted(starts.milestones) == [2028, 2032]
    assert len(starts.milestones[2032].row_status) == 6


def test_a_folder_without_bases_gives_cold_starts(tmp_path: Path) -> None:
    starts = saved_starts(tmp_path / "nowhere")
    assert starts.town is None and starts.milestones == {}
