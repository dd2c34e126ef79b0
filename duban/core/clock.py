"""duban's clock: the one place that says what "today" is.

Status, deadlines and cycles all depend on the date. Setting DUBAN_TODAY (for example 2019-11-20) runs
the whole system on that day, so a demo of an old plan shows what its office saw at the time and tests
are reproducible. Dates are in Asia/Shanghai (settings.TIME_ZONE).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import timezone


def today() -> dt.date:
    fixed = getattr(settings, "DUBAN_TODAY", None)
    if fixed:
        return fixed
    return timezone.localdate()


def now() -> dt.datetime:
    """The current moment; with DUBAN_TODAY set, that day at the current local time of day."""
    current = timezone.localtime()
    fixed = getattr(settings, "DUBAN_TODAY", None)
    if fixed:
        return current.replace(year=fixed.year, month=fixed.month, day=fixed.day)
    return current
