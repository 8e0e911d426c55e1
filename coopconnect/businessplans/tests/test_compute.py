"""The business-plan computation, checked against the study's example line by line."""

from decimal import Decimal as D

import pytest

from coopconnect.businessplans.compute import ChargeLine, MemberLine, OccasionalLine, PlanInput, compute
from coopconnect.businessplans.study import study_plan, study_scenarios
from coopconnect.core.errors import DomainError


def test_study_example_reproduces_every_line_and_total():
    r = compute(study_plan())
    assert [c.amount for c in r.charges] == [
        D(5000),
        D(500),
        D(1000),
        D(200),
        D(500),
        D(1000),
        D(1200),
        D(1000),
        D(600),
        D(0),
        D(0),
        D(890),
    ]
    # 5000 + 500 + 1000 + 200 + 500 + 1000 + 1200 + 1000 + 600 = 11 000 ("Sous-total lieu équipé")
    assert r.place_subtotal == D(11000)
    # staff 0 + communication 0 + contingency 890 = 890 ("Sous-total 2")
    assert r.operation_subtotal == D(890)
    assert r.total_charges == D(11890)
    # 1 × 180 × 10 = 1800; 3 × 150 × 8 = 3600; 3 × 50 × 12 = 1800; 4 × 80 × 12 = 3840
    assert [m.amount for m in r.members] == [D(1800), D(3600), D(1800), D(3840)]
    # 30 × 15 = 450; 40 × 10 = 400
    assert [o.amount for o in r.occasional] == [D(450), D(400)]
    assert r.member_income == D(11040)
    assert r.total_income == D(11890)
    assert r.result == D(0)


def test_study_example_occupancy_break_even_and_depreciation():
    r = compute(study_plan())
    # depreciation: 5000 € over 5 years = 1000 € a year
    assert r.charges[7].formula == "5\u202f000\u00a0€ sur 5 ans"
    # 1×5 + 3×4 + 3×1 + 4×2 = 28 seat-days of 8 seats × 5 days = 40 -> 70 %, the study's filling
    assert r.implied_occupancy == D("70.0")
    assert r.warnings == []
    # 11 members bring 11 040 €; charges left after occasional income: 11 890 - 850 = 11 040 -> 11 members
    assert r.members_count == 11
    assert r.break_even_members == 11
    assert r.break_even_occupancy == D("70.0")


def test_sensitivity_is_linear_in_member_income():
    r = compute(study_plan())
    points = {p.occupancy: p.result for p in r.sensitivity}
    # at 0 %: 850 - 11890 = -11 040
    assert points[D(0)] == D("-11040.00")
    # at 70 %: the study's balance
    assert points[D(70)] == D(0)
    # at 100 %: 11040 × 100/70 = 15771.43; + 850 - 11890 = 4731.43
    assert points[D(100)] == D("4731.43")


def test_town_hall_scenario_saves_about_half_the_budget():
    scenarios = {name: compute(plan) for name, _d, plan in study_scenarios()}
    town_hall = scenarios["La mairie prête les locaux cinq ans"]
    # rent 5000 + energy 1000 + water 200 = 6200 saved: 11890 - 6200 = 5690
    assert town_hall.total_charges == D(5690)
    assert town_hall.result == D(6200)
    # charges left to cover: 5690 - 850 = 4840; 4840 × 11 / 11040 = 4.82 -> 5 members
    assert town_hall.break_even_members == 5


@pytest.mark.parametrize(
    ("plan", "field"),
    [
        (PlanInput("x", (), (), (), occupancy_rate=D(120)), "occupancy_rate"),
        (PlanInput("x", (), (), (), occupancy_rate=D(-1)), "occupancy_rate"),
        (PlanInput("x", (ChargeLine("rent", "", D(-5)),), (), ()), "charges.0.amount"),
        (PlanInput("x", (), (MemberLine("a", -1, D(10)),), ()), "members.0.count"),
        (PlanInput("x", (), (MemberLine("a", 1, D(-10)),), ()), "members.0.monthly_price"),
        (PlanInput("x", (), (), (OccasionalLine("a", 1, D(-10)),)), "occasional.0.unit_price"),
        (PlanInput("x", (), (MemberLine("a", 1, D(10), 13),), ()), "members.0.months"),
        (PlanInput("x", (ChargeLine("depreciation", "", D(0), D(100), 0),), (), ()), "charges.0.years"),
        (PlanInput("x", (ChargeLine("yacht", "", D(1)),), (), ()), "charges.0.kind"),
    ],
)
def test_bad_input_is_refused_with_a_field_error(plan, field):
    with pytest.raises(DomainError) as exc:
        compute(plan)
    assert field in exc.value.errors
    assert exc.value.message == "Le plan d'affaires contient des valeurs invalides."


def test_no_members_no_break_even_number():
    r = compute(PlanInput("x", (ChargeLine("rent", "", D(100)),), (), ()))
    assert r.break_even_members is None
    assert r.result == D(-100)
    assert "Le résultat annuel est négatif" in r.warnings[0]


def test_members_beyond_capacity_warns():
    plan = PlanInput("x", (), (MemberLine("a", 10, D(10), 12, D(5)),), (), seats=8)
    # 10 × 5 = 50 seat-days of 40 -> 125 %
    assert compute(plan).implied_occupancy == D("125.0")
    assert "plus que la capacité" in compute(plan).warnings[0]
