"""The demo directory of Qinghai (青海省) for the example plan 000_qinghai_shouguan_kaiju (DEMO DATA).

qinghai_units.csv, in the import template's layout, holds every unit the example plan names (official
full names, the plan's spelling as 简称/别名), its groups 各市州政府 and 各园区管委会 with their members
(the eight city and prefecture governments; four well-known park management committees — the park
list is illustrative demo data, not an official register) and 省直各部门 with the provincial departments.
"""

from __future__ import annotations

from pathlib import Path

from duban.units.io import apply_rows, parse_rows, read_table

DEMO_CSV = Path(__file__).with_name("qinghai_units.csv")


def load_demo_directory() -> int:
    """Load the demo directory through the ordinary import; return how many units it created (0 when loaded)."""
    rows, errors = parse_rows(read_table(DEMO_CSV.read_bytes(), DEMO_CSV.name))
    if errors:  # the file ships with duban: a wrong row is a bug, not a user's mistake
        raise ValueError("; ".join(e.message for e in errors))
    return apply_rows(rows).created
