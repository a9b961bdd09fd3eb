"""The simulator's saved plan (`stress_system.npz`): a versioned format, read back exactly;
files of another format or damaged ones are refused with an error that says what to do."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import numpy as np
import pytest
from stress_cases import system

from cayo.errors import CayoError
from cayo.stress import kernel as k
from cayo.stress.plant import PLANT, Plant
from cayo.stress.system import FORMAT, load_system


def sample_system():
    s = system(24, pv_kw=300.0, engine_units=3, unit_kw=40.0, water_tank_m3=60.0,
               grid_first=False, soc0_kwh=12.5)  # fmt: skip
    return s.with_series(k.LOAD, np.linspace(10.0, 20.0, 24))


def test_plant_record_round_trips_every_field() -> None:
    values = {f.name: i + 0.5 for i, f in enumerate(fields(Plant))}
    values |= {"engine_units": 7, "grid_first": False}
    plant = Plant(**values)  # type: ignore[arg-type]
    record = plant.record()
    assert record.dtype == PLANT and record.shape == (1,)
    assert Plant.from_record(record) == plant
    assert record[0]["water_tank_m3"] == plant.water_tank_m3


def test_saved_system_reads_back_the_same(tmp_path: Path) -> None:
    s = sample_system()
    s.save(tmp_path / "s.npz")
    back = load_system(tmp_path / "s.npz")
    assert back.plant == s.plant and isinstance(back.plant.engine_units, int)
    np.testing.assert_array_equal(back.series, s.series)
    assert (back.cut_window, back.grid_enabled, back.fuel_modelled) == (
        s.cut_window, s.grid_enabled, s.fuel_modelled)  # fmt: skip


def test_file_of_the_numbered_parameter_format_is_refused(tmp_path: Path) -> None:
    # format 1: a float vector of 30 numbered parameters and no `format` entry
    path = tmp_path / "old.npz"
    np.savez(path, series=np.zeros((24, k.N_SERIES)), params=np.zeros(30),
             n_series=np.array(k.N_SERIES), n_params=np.array(30))  # fmt: skip
    with pytest.raises(CayoError, match=rf"format 1; this cayo reads format {FORMAT}.*cayo plan"):
        load_system(path)


def test_file_of_a_newer_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "new.npz"
    np.savez(path, format=np.array(FORMAT + 1))
    with pytest.raises(CayoError, match=rf"format {FORMAT + 1}"):
        load_system(path)


def test_file_with_another_plant_layout_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.npz"
    other = np.zeros(1, dtype=[("pv_kw", "f8")])
    np.savez(path, format=np.array(FORMAT), plant=other, n_series=np.array(k.N_SERIES))
    with pytest.raises(CayoError, match="does not match this cayo's simulator"):
        load_system(path)


@pytest.mark.parametrize(
    "damage", ["empty", "truncated", "text", "missing entry", "format of two numbers", "flags"]
)
def test_damaged_file_is_refused(tmp_path: Path, damage: str) -> None:
    path = tmp_path / "s.npz"
    sample_system().save(path)
    data = path.read_bytes()
    if damage == "empty":
        path.write_bytes(b"")
    elif damage == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "text":
        path.write_text("not a plan\n")
    else:
        with np.load(path) as f:
            kept = {name: f[name] for name in f.files if name != "soc_kwh"}
            if damage == "format of two numbers":
                kept = {**kept, "soc_kwh": f["soc_kwh"], "format": np.array([FORMAT, FORMAT])}
            elif damage == "flags":
                kept = {**kept, "soc_kwh": f["soc_kwh"], "flags": np.array([])}
        np.savez(path, **kept)
    with pytest.raises(CayoError, match="plan it again with `cayo plan`"):
        load_system(path)
