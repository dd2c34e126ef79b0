"""Pure date logic of the ledger: cycle ends, reverse-scheduled milestones (倒排工期), trajectories.

Cycles: a month ends on its last day; a 旬 ends on the 10th, the 20th and the month's last day; a week
ends on Sunday (ISO weeks). Milestones count back from a task's deadline: the deadline itself, then
every cycle end before it down to the task's start. The k-th of n milestones expects k/n of the work
(the example plan's "11月底：完成进度的67%" for a task running October to December); an indicator's
trajectory uses the same shares, linear from its baseline to its target. No Django import here.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

MONTH = "month"
TEN_DAYS = "ten_days"
WEEK = "week"
CYCLES = (MONTH, TEN_DAYS, WEEK)


@dataclass(frozen=True)
class MilestoneSpec:
    """One checkpoint to create: its date, its title and the share of the work due by then (0–100)."""

    due_on: dt.date
    title: str
    percent: int


def month_end(day: dt.date) -> dt.date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def is_cycle_end(day: dt.date, cycle: str) -> bool:
    if cycle == WEEK:
        return day.isoweekday() == 7
    if cycle == TEN_DAYS:
        return day.day in (10, 20) or day == month_end(day)
    return day == month_end(_check(day, cycle))


def cycle_end_on_or_after(day: dt.date, cycle: str) -> dt.date:
    """The end of the cycle `day` falls in (a reporting period's last day)."""
    _check(day, cycle)
    if cycle == WEEK:
        return day + dt.timedelta(days=7 - day.isoweekday())
    if cycle == TEN_DAYS and day.day <= 10:
        return day.replace(day=10)
    if cycle == TEN_DAYS and day.day <= 20:
        return day.replace(day=20)
    return month_end(day)


def cycle_start(day: dt.date, cycle: str) -> dt.date:
    """The first day of the cycle `day` falls in."""
    _check(day, cycle)
    if cycle == WEEK:
        return day - dt.timedelta(days=day.isoweekday() - 1)
    if cycle == TEN_DAYS:
        return day.replace(day=1 if day.day <= 10 else 11 if day.day <= 20 else 21)
    return day.replace(day=1)


def cycle_ends(start: dt.date, end: dt.date, cycle: str) -> list[dt.date]:
    """Every cycle end after `start` and up to `end` (inclusive), in order."""
    ends: list[dt.date] = []
    day = cycle_end_on_or_after(start, cycle)
    if day == start:
        day = cycle_end_on_or_after(start + dt.timedelta(days=1), cycle)
    while day <= end:
        ends.append(day)
        day = cycle_end_on_or_after(day + dt.timedelta(days=1), cycle)
    return ends


def milestone_dates(start: dt.date | None, deadline: dt.date, cycle: str) -> list[dt.date]:
    """倒排工期: the deadline, and every cycle end before it back to the start (one date if shorter)."""
    if start is None or start >= deadline:
        return [deadline]
    before = [day for day in cycle_ends(start, deadline, cycle) if day < deadline]
    return [*before, deadline]


def milestone_specs(start: dt.date | None, deadline: dt.date, cycle: str) -> list[MilestoneSpec]:
    """The milestones of a task running from `start` to `deadline`, titled for the task table."""
    dates = milestone_dates(start, deadline, cycle)
    count = len(dates)
    ref_year = (start or deadline).year
    specs = []
    for index, due in enumerate(dates, start=1):
        percent = share_percent(index, count)
        label = date_label(due, cycle, ref_year)
        title = f"{label}：全面完成" if index == count else f"{label}：完成进度的{percent}%"
        specs.append(MilestoneSpec(due, title, percent))
    return specs


def share_percent(index: int, count: int) -> int:
    """The k-th of n equal shares as a whole percentage (2 of 3 → 67)."""
    return int((Decimal(100 * index) / Decimal(count)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def date_label(day: dt.date, cycle: str, ref_year: int) -> str:
    """How a checkpoint date is written: 11月底, 11月中旬末, 11月24日 (with the year if not ref_year)."""
    year = f"{day.year}年" if day.year != ref_year else ""
    if day == month_end(day) and cycle in (MONTH, TEN_DAYS):
        return f"{year}{day.month}月底"
    if cycle == TEN_DAYS and day.day in (10, 20):
        return f"{year}{day.month}月{'上' if day.day == 10 else '中'}旬末"
    return f"{year}{day.month}月{day.day}日"


def trajectory_values(baseline: Decimal | None, target: Decimal, count: int) -> list[Decimal]:
    """Expected values at the end of each of `count` steps, linear from baseline (0 if unknown) to target."""
    if count <= 0:
        return []
    start = Decimal(baseline or 0)
    target = Decimal(target)
    step = (target - start) / Decimal(count)
    values = [
        (start + step * index).quantize(Decimal("0.0001"), rounding=ROUND_HALF_UP)
        for index in range(1, count)
    ]
    return [*values, target.quantize(Decimal("0.0001"))]


def _check(day: dt.date, cycle: str) -> dt.date:
    if cycle not in CYCLES:
        raise ValueError(f"unknown cycle {cycle!r}: use one of {', '.join(CYCLES)}")
    return day
