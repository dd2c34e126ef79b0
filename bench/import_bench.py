"""Import speed: the example plan's bytes → create_draft → confirm_draft on a fresh SQLite database.

Run: .venv/bin/python bench/import_bench.py [--repeat N] [--with-directory]
Goal (a figure, nothing asserted): upload → confirmed plan of 130 tasks < 2 s. Each round imports into
the same fresh database (a new plan each time). --with-directory loads the Qinghai demo directory
first, so the 2,000-odd assignments resolve to known units instead of creating them.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "duban" / "plans" / "demo" / "000_qinghai_shouguan_kaiju.txt"

sys.path.insert(0, str(REPO))


def fresh_database(folder: str) -> None:
    os.environ["DATABASE_URL"] = f"sqlite:///{folder}/bench.sqlite3"
    os.environ["DUBAN_VAR_DIR"] = folder
    os.environ["DJANGO_SETTINGS_MODULE"] = "duban.settings"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def supervisor():
    from django.contrib.auth import get_user_model

    from duban.units.models import Membership
    from duban.units.roles import Role

    user = get_user_model().objects.create_user("bench-office", password="bench-pw-1")
    Membership.objects.create(user=user, unit=None, role=Role.SUPERVISOR)
    return user


def one_import(user, data: bytes) -> tuple[float, float, int]:
    from duban.plans.actions import confirm_draft, create_draft

    started = time.perf_counter()
    draft = create_draft(user, data, EXAMPLE.name)
    drafted = time.perf_counter()
    plan = confirm_draft(draft, user)
    return drafted - started, time.perf_counter() - drafted, plan.tasks.count()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--with-directory", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        fresh_database(folder)
        if args.with_directory:
            from duban.units.demo import load_demo_directory

            load_demo_directory()
        user = supervisor()
        data = EXAMPLE.read_bytes()
        rounds = [one_import(user, data) for _ in range(args.repeat)]
    first_draft, first_confirm, tasks = rounds[0]
    print(f"example plan: {len(data):,} bytes, {tasks} tasks, SQLite")
    print(
        f"first import:  create_draft {first_draft * 1000:.0f} ms + confirm_draft {first_confirm * 1000:.0f} ms"
    )
    totals = [draft + confirm for draft, confirm, _ in rounds]
    print(
        f"upload → confirmed plan: median {statistics.median(totals):.3f} s over {len(totals)} rounds (goal < 2 s)"
    )


if __name__ == "__main__":
    main()
