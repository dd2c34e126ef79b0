"""倒排工期: cycle ends, milestone dates and titles, trajectories — the pure date rules."""

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from duban.plans import scheduling as s

D = dt.date


def test_month_cycle_ends_are_last_days_including_february_of_a_leap_year():
    assert s.cycle_ends(D(2020, 1, 15), D(2020, 4, 30), s.MONTH) == [
        D(2020, 1, 31),
        D(2020, 2, 29),
        D(2020, 3, 31),
        D(2020, 4, 30),
    ]


def test_ten_day_cycles_end_on_the_10th_20th_and_month_end():
    assert s.cycle_ends(D(2019, 11, 5), D(2019, 12, 5), s.TEN_DAYS) == [
        D(2019, 11, 10),
        D(2019, 11, 20),
        D(2019, 11, 30),
    ]


def test_week_cycles_end_on_sundays():
    ends = s.cycle_ends(D(2019, 11, 20), D(2019, 12, 10), s.WEEK)
    assert ends == [D(2019, 11, 24), D(2019, 12, 1), D(2019, 12, 8)]
    assert all(day.isoweekday() == 7 for day in ends)


def test_a_start_on_a_cycle_end_does_not_count_that_cycle():
    assert s.cycle_ends(D(2019, 10, 31), D(2019, 12, 31), s.MONTH) == [D(2019, 11, 30), D(2019, 12, 31)]


def test_example_plan_task_counts_back_from_year_end_by_month():
    specs = s.milestone_specs(D(2019, 10, 17), D(2019, 12, 31), s.MONTH)
    assert [m.due_on for m in specs] == [D(2019, 10, 31), D(2019, 11, 30), D(2019, 12, 31)]
    assert [m.title for m in specs] == ["10月底：完成进度的33%", "11月底：完成进度的67%", "12月底：全面完成"]
    assert [m.percent for m in specs] == [33, 67, 100]


def test_a_deadline_inside_a_month_is_its_own_last_milestone():
    specs = s.milestone_specs(D(2019, 10, 17), D(2019, 12, 15), s.MONTH)
    assert [m.due_on for m in specs] == [D(2019, 10, 31), D(2019, 11, 30), D(2019, 12, 15)]
    assert specs[-1].title == "12月15日：全面完成"


def test_a_task_shorter_than_one_cycle_gets_one_milestone_at_its_deadline():
    specs = s.milestone_specs(D(2019, 11, 3), D(2019, 11, 25), s.MONTH)
    assert [(m.due_on, m.percent) for m in specs] == [(D(2019, 11, 25), 100)]
    assert s.milestone_dates(None, D(2019, 11, 25), s.MONTH) == [D(2019, 11, 25)]
    assert s.milestone_dates(D(2019, 12, 1), D(2019, 11, 25), s.MONTH) == [D(2019, 11, 25)]


def test_ten_day_titles_name_the_part_of_the_month():
    titles = [m.title for m in s.milestone_specs(D(2019, 11, 1), D(2019, 11, 30), s.TEN_DAYS)]
    assert titles == ["11月上旬末：完成进度的33%", "11月中旬末：完成进度的67%", "11月底：全面完成"]


def test_titles_across_a_year_name_the_new_year():
    specs = s.milestone_specs(D(2019, 11, 20), D(2020, 1, 31), s.MONTH)
    assert [m.title for m in specs] == [
        "11月底：完成进度的33%",
        "12月底：完成进度的67%",
        "2020年1月底：全面完成",
    ]


def test_trajectory_is_linear_from_baseline_to_target():
    assert s.trajectory_values(None, Decimal("50"), 3) == [
        Decimal("16.6667"),
        Decimal("33.3333"),
        Decimal("50.0000"),
    ]
    assert s.trajectory_values(Decimal("10"), Decimal("20"), 2) == [Decimal("15.0000"), Decimal("20.0000")]
    assert s.trajectory_values(Decimal("0"), Decimal("7"), 1) == [Decimal("7.0000")]
    assert s.trajectory_values(None, Decimal("7"), 0) == []


def test_cycle_bounds_of_a_day():
    day = D(2019, 11, 14)
    assert (s.cycle_start(day, s.MONTH), s.cycle_end_on_or_after(day, s.MONTH)) == (
        D(2019, 11, 1),
        D(2019, 11, 30),
    )
    assert (s.cycle_start(day, s.TEN_DAYS), s.cycle_end_on_or_after(day, s.TEN_DAYS)) == (
        D(2019, 11, 11),
        D(2019, 11, 20),
    )
    assert (s.cycle_start(day, s.WEEK), s.cycle_end_on_or_after(day, s.WEEK)) == (
        D(2019, 11, 11),
        D(2019, 11, 17),
    )
    assert s.is_cycle_end(D(2019, 11, 30), s.MONTH) and not s.is_cycle_end(D(2019, 11, 20), s.MONTH)


def test_unknown_cycle_is_refused():
    with pytest.raises(ValueError):
        s.cycle_ends(D(2019, 1, 1), D(2019, 2, 1), "quarter")


@given(
    start=st.dates(min_value=D(2018, 1, 1), max_value=D(2030, 12, 31)),
    days=st.integers(min_value=0, max_value=800),
    cycle=st.sampled_from(s.CYCLES),
)
def test_milestones_always_climb_to_the_deadline(start, days, cycle):
    deadline = start + dt.timedelta(days=days)
    specs = s.milestone_specs(start, deadline, cycle)
    dates = [m.due_on for m in specs]
    assert dates[-1] == deadline and specs[-1].percent == 100
    assert dates == sorted(set(dates))
    assert all(start < day for day in dates[:-1]) and all(s.is_cycle_end(day, cycle) for day in dates[:-1])
    assert [m.percent for m in specs] == sorted(m.percent for m in specs)
    values = s.trajectory_values(Decimal(3), Decimal(90), len(specs))
    assert values[-1] == Decimal(90) and values == sorted(values)
