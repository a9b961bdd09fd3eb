"""Hand-solved cases of the services sized outside the LP: sewage, solid waste, data links."""

from __future__ import annotations

import numpy as np
import pytest

from cayo.errors import CayoError
from cayo.scenario.schema import DataLink, DataLinks, Sewage, SolidWaste
from cayo.supply.data_links import plan_links
from cayo.supply.sewage import plan_sewage
from cayo.supply.solid_waste import ASH_SHARE, plan_waste

REL = 1e-9


def crf(rate: float, years: float) -> float:
    return rate / (1 - (1 + rate) ** -years)


# --- sewage ---------------------------------------------------------------------------------


def _sewage(reuse: bool) -> Sewage:
    return Sewage(
        capex_usd_per_m3_per_day=1000.0,
        fixed_om_share_per_yr=0.03,
        lifetime_yr=20,
        kwh_per_m3=0.5,
        reuse_for_irrigation=reuse,
        reuse_recovery_share=0.4,
    )


def _sewage_series() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Three days. Wastewater 10 m³/h, with 30 m³/h at 09:00 on day 1 (days: 260, 240, 240 m³).
    BOD 2 kg/h, with 8 kg at 09:00 on day 1 (days: 54, 48, 48 kg). Irrigation 00:00–06:00 at
    20 m³/h on day 1 (120 m³), 10 m³/h on day 2 (60 m³), none on day 3."""
    ww = np.full(72, 10.0)
    ww[9] = 30.0
    bod = np.full(72, 2.0)
    bod[9] = 8.0
    irr = np.zeros(72)
    irr[0:6] = 20.0
    irr[24:30] = 10.0
    return ww, bod, irr


@pytest.mark.parametrize("reuse", [True, False])
def test_sewage_capacity_energy_cost_and_daily_reuse(reuse):
    """Capacity = peak hourly flow × 24 = 30·24 = 720 m³/day (not the 260 m³ of the busiest day);
    BOD capacity = the busiest day's 54 kg; energy = 0.5 kWh/m³ × flow each hour.
    Capex = 720·1000 USD; annual = capex·(crf(5 %, 20 yr) + 0.03).
    Reuse per day = min(irrigation, 0.4 × wastewater): day 1 min(120, 104) = 104 (the 20 m³/h
    hours reuse 20·104/120 each), day 2 min(60, 96) = 60 (all of it), day 3 none (no
    irrigation). Without reuse, none."""
    ww, bod, irr = _sewage_series()
    p = plan_sewage(_sewage(reuse), ww, bod, irr, 0.05)
    assert p.capacity_m3_per_day == pytest.approx(720.0, rel=REL)
    assert p.bod_capacity_kg_per_day == pytest.approx(54.0, rel=REL)
    np.testing.assert_allclose(p.energy_kw, 0.5 * ww, rtol=REL)
    assert p.capex_usd == pytest.approx(720_000.0, rel=REL)
    assert p.annual_cost_usd == pytest.approx(720_000.0 * (crf(0.05, 20) + 0.03), rel=REL)
    expected = np.zeros(72)
    if reuse:
        expected[0:6] = 20.0 * 104 / 120
        expected[24:30] = 10.0
    np.testing.assert_allclose(p.reuse_m3_h, expected, rtol=REL, atol=1e-12)
    if reuse:
        assert p.reuse_m3_h.reshape(3, 24).sum(axis=1).tolist() == pytest.approx([104, 60, 0])


# --- solid waste ----------------------------------------------------------------------------


def _waste(wte: bool) -> SolidWaste:
    return SolidWaste(
        truck_capacity_t=10,
        trips_per_truck_day=2,
        km_per_trip=30,
        truck_l_per_km=0.4,
        truck_capex_usd=100_000,
        truck_lifetime_yr=10,
        collection_usd_per_t=20,
        disposal_usd_per_t=10,
        composted_share_of_organic=0.6,
        landfill_density_t_per_m3=0.8,
        landfill_height_m=15,
        horizon_yr=20,
        waste_to_energy=wte,
        wte_kwh_per_t=500,
        wte_capex_usd_per_t_per_day=200_000,
        wte_lifetime_yr=25,
    )


def test_waste_fleet_compost_and_landfill_by_hand():
    """50 t/day, half organic, at a 0 % discount rate:
    * trips = 50/10 = 5 a day; 2 trips per truck → 2.5 → 3 trucks; fuel 5·30·0.4·365 = 21 900 L;
    * composted 0.6·25 = 15 t/day; landfilled 50 − 15 = 35 t/day;
    * landfill 35·365·20 t / 0.8 t/m³ / 15 m = 21 291.67 m² = 2.129167 ha;
    * annual = 3·100 000/10 + 50·365·20 + 35·365·10 = 30 000 + 365 000 + 127 750 = 522 750."""
    p = plan_waste(_waste(False), 50.0, 0.5, 0.0)
    assert p.trucks == 3
    assert p.truck_fuel_l_per_yr == pytest.approx(21_900.0, rel=REL)
    assert p.organic_t_per_day == pytest.approx(25.0, rel=REL)
    assert p.composted_t_per_day == pytest.approx(15.0, rel=REL)
    assert p.landfilled_t_per_day == pytest.approx(35.0, rel=REL)
    assert p.landfill_area_ha == pytest.approx(35 * 365 * 20 / 0.8 / 15 / 1e4, rel=REL)
    assert p.landfill_area_ha == pytest.approx(2.1291667, rel=1e-7)
    assert p.wte_t_per_day == 0.0 and p.wte_kw == 0.0
    assert p.capex_usd == pytest.approx(300_000.0, rel=REL)
    assert p.annual_cost_usd == pytest.approx(522_750.0, rel=REL)


def test_waste_to_energy_burns_the_residual():
    """As above with waste-to-energy: the 35 t/day residual is burnt, leaving 20 % ash
    (7 t/day) to the landfill; 35·500 kWh/day = 729.17 kW constant. Capex = 3 trucks +
    35·200 000 = 7.3 M USD; annual = 30 000 + 365 000 + 7·365·10 + 7 000 000/25 = 700 550."""
    p = plan_waste(_waste(True), 50.0, 0.5, 0.0)
    assert p.wte_t_per_day == pytest.approx(35.0, rel=REL)
    assert p.landfilled_t_per_day == pytest.approx(35.0 * ASH_SHARE, rel=REL)
    assert p.landfilled_t_per_day == pytest.approx(7.0, rel=REL)
    assert p.wte_kw == pytest.approx(35 * 500 / 24, rel=REL)
    assert p.landfill_area_ha == pytest.approx(7 * 365 * 20 / 0.8 / 15 / 1e4, rel=REL)
    assert p.capex_usd == pytest.approx(7_300_000.0, rel=REL)
    assert p.annual_cost_usd == pytest.approx(700_550.0, rel=REL)


@pytest.mark.parametrize("t_per_day, trucks", [(40.0, 2), (40.1, 3), (0.0, 0)])
def test_truck_count_rounds_up_whole_trucks(t_per_day, trucks):
    """40 t/day is exactly 4 trips = 2 trucks × 2 trips (no spurious third truck from rounding);
    a little more needs a third truck; no waste needs none."""
    assert plan_waste(_waste(False), t_per_day, 0.5, 0.0).trucks == trucks


# --- data links -----------------------------------------------------------------------------

OPTIONS = {
    "fibre": DataLink(
        capacity_gbps=100,
        capex_usd=1e6,
        om_usd_per_yr=5e4,
        lifetime_yr=25,
        availability=0.999,
        max_units=2,
    ),
    "radio": DataLink(
        capacity_gbps=10,
        capex_usd=1e5,
        om_usd_per_yr=5e3,
        lifetime_yr=10,
        availability=0.99,
        max_units=3,
    ),
}
FIBRE_YR = 1e6 / 25 + 5e4  # 90 000 USD/yr at a 0 % discount rate
RADIO_YR = 1e5 / 10 + 5e3  # 15 000 USD/yr


@pytest.mark.parametrize(
    "redundancy, peak, min_availability, units, annual",
    [
        # N: two radios carry 15 Gbit/s (20) and are up 1 − 0.01² = 99.99 % > 99.9 %; one
        # fibre would cost 90 000.
        ("N", 15.0, 0.999, {"fibre": 0, "radio": 2}, 2 * RADIO_YR),
        # N+1: after losing a radio two must still carry 15 → three radios (45 000 < 90 000).
        ("N+1", 15.0, 0.999, {"fibre": 0, "radio": 3}, 3 * RADIO_YR),
        # N+1 at 5 Gbit/s: two radios keep 10 after a loss, 99.99 % available.
        ("N+1", 5.0, 0.999, {"fibre": 0, "radio": 2}, 2 * RADIO_YR),
        # ... but 99.995 % needs a third radio (1 − 10⁻⁶); fibre + radio (99.999 %) costs 105 000.
        ("N+1", 5.0, 0.99995, {"fibre": 0, "radio": 3}, 3 * RADIO_YR),
        # N at 150 Gbit/s: radios add at most 30, so two fibres (200) are needed.
        ("N", 150.0, 0.999, {"fibre": 2, "radio": 0}, 2 * FIBRE_YR),
    ],
)
def test_cheapest_links_under_redundancy_and_availability(
    redundancy, peak, min_availability, units, annual
):
    p = plan_links(
        DataLinks(options=OPTIONS, redundancy=redundancy, min_availability=min_availability),
        peak,
        0.0,
    )
    assert p.units == units
    assert p.annual_cost_usd == pytest.approx(annual, rel=REL)
    caps = [OPTIONS[n].capacity_gbps for n, k in units.items() for _ in range(k)]
    assert p.capacity_gbps == pytest.approx(sum(caps), rel=REL)
    assert p.n_minus_1_gbps == pytest.approx(sum(caps) - max(caps), rel=REL)
    down = np.prod([(1 - OPTIONS[n].availability) ** k for n, k in units.items()])
    assert p.availability == pytest.approx(1 - down, rel=REL)
    assert p.capex_usd == pytest.approx(
        sum(OPTIONS[n].capex_usd * k for n, k in units.items()), rel=REL
    )
    assert p.peak_gbps == peak


def test_links_annuity_uses_the_discount_rate():
    """Two radios at 8 %: 2·(100 000·crf(8 %, 10 yr) + 5 000)."""
    p = plan_links(DataLinks(options=OPTIONS, redundancy="N", min_availability=0.999), 15.0, 0.08)
    assert p.units == {"fibre": 0, "radio": 2}
    assert p.annual_cost_usd == pytest.approx(2 * (1e5 * crf(0.08, 10) + 5e3), rel=REL)


@pytest.mark.parametrize(
    "redundancy, peak, min_availability",
    [
        ("N+1", 150.0, 0.9),  # two fibres + three radios keep only 130 after losing a fibre
        ("N", 250.0, 0.9),  # everything together carries 230
        ("N", 5.0, 1 - 1e-13),  # even all five units together fail 10⁻¹² of the time
    ],
)
def test_infeasible_links_raise_a_cayo_error(redundancy, peak, min_availability):
    links = DataLinks(options=OPTIONS, redundancy=redundancy, min_availability=min_availability)
    with pytest.raises(CayoError, match="max_units"):
        plan_links(links, peak, 0.0)
