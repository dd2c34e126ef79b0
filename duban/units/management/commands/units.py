"""`duban units`: list, import and export the directory of responsible units.

duban units list [--kind K] [--json]
duban units import FILE [--dry-run]
duban units export -o FILE.xlsx|FILE.csv
"""

from __future__ import annotations

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from duban.units import io as units_io
from duban.units.directory import rebuild_spellings
from duban.units.models import KIND_BY_LABEL, Unit, UnitKind

KIND_HELP = "、".join(f"{label}={value}" for label, value in KIND_BY_LABEL.items())


class Command(BaseCommand):
    help = "单位名录：列出、导入、导出 / the units directory: list, import, export"

    def add_arguments(self, parser) -> None:
        actions = parser.add_subparsers(dest="action", required=True, metavar="{list,import,export,reindex}")
        listing = actions.add_parser("list", help="列出单位 / list the units")
        listing.add_argument("--kind", help=f"只列这一类（{KIND_HELP}，或 group=分组）/ only this kind")
        listing.add_argument("--json", action="store_true", help="输出 JSON / write JSON")
        importing = actions.add_parser(
            "import", help="从 Excel（.xlsx）或 CSV 导入 / import from .xlsx or CSV"
        )
        importing.add_argument(
            "file", help="名录文件，按模板的列填写 / the directory file, in the template's columns"
        )
        importing.add_argument(
            "--dry-run",
            action="store_true",
            help="只显示将做的修改，不写入 / show the changes, write nothing",
        )
        exporting = actions.add_parser("export", help="导出名录 / export the directory")
        exporting.add_argument("-o", "--output", required=True, help="输出文件 .xlsx 或 .csv / output file")
        actions.add_parser(
            "reindex",
            help="按当前名称规则重建检索键（migrate 时自动执行）/ rebuild the name keys (migrate does it)",
        )

    def handle(self, *args, **options) -> None:
        actions = {
            "list": self.list_units,
            "import": self.import_file,
            "export": self.export_file,
            "reindex": self.reindex,
        }
        actions[options["action"]](options)

    def list_units(self, options) -> None:
        units = (
            Unit.objects.select_related("parent").prefetch_related("groups").order_by("sort_order", "name")
        )
        kind = _kind_value(options.get("kind"))
        if kind == "group":
            units = units.filter(is_group=True)
        elif kind:
            units = units.filter(kind=kind)
        if options["json"]:
            self.stdout.write(json.dumps([_unit_data(u) for u in units], ensure_ascii=False, indent=2))
            return
        for unit in units:
            label = units_io.KIND_LABELS.get(unit.kind, unit.kind)
            extra = f"  （{unit.short_name}）" if unit.short_name else ""
            group = "  [分组 group]" if unit.is_group else ""
            self.stdout.write(f"{label}\t{unit.name}{extra}{group}")

    def import_file(self, options) -> None:
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件 / no such file: {path}")
        try:
            units_io.check_size(path.stat().st_size)
            plan = units_io.prepare_import(path.read_bytes(), path.name)
        except units_io.ImportFileError as exc:
            raise CommandError(exc.message) from exc
        for change in plan.changes:
            details = "、".join(change.changes + change.notes)
            self.stdout.write(
                f"第{change.line}行\t{change.action_label}\t{change.name}"
                + (f"\t{details}" if details else "")
            )
        if not plan.ok:
            for error in plan.errors:
                self.stderr.write(error.message)
            raise CommandError(f"文件有 {len(plan.errors)} 处错误，单位名录没有变化 / nothing was changed")
        summary = f"新建 {plan.created}，更新 {plan.updated}，不变 {plan.unchanged}"
        if options["dry_run"]:
            self.stdout.write(f"试运行，未写入 / dry run, nothing written: {summary}")
            return
        result = units_io.apply_rows(plan.rows)
        self.stdout.write(
            f"已导入 / imported: 新建 {result.created}，更新 {result.updated}，不变 {result.unchanged}"
        )

    def export_file(self, options) -> None:
        path = Path(options["output"])
        suffix = path.suffix.lower()
        if suffix not in (".xlsx", ".csv"):
            raise CommandError("输出文件应以 .xlsx 或 .csv 结尾 / the output must end in .xlsx or .csv")
        data = units_io.export_xlsx() if suffix == ".xlsx" else units_io.export_csv()
        path.write_bytes(data)
        self.stdout.write(f"已导出 {Unit.objects.count()} 个单位 / exported to {path}")

    def reindex(self, options) -> None:
        self.stdout.write(f"已重建 {rebuild_spellings()} 个单位的检索键 / name keys rebuilt")


def _kind_value(text: str | None) -> str:
    if not text:
        return ""
    if text in ("group", "分组"):
        return "group"
    value = KIND_BY_LABEL.get(text, text)
    if value not in UnitKind.values:
        raise CommandError(f"未知的类别 / unknown kind: {text}（{KIND_HELP}，group=分组）")
    return value


def _unit_data(unit: Unit) -> dict:
    return {
        "name": unit.name,
        "short_name": unit.short_name,
        "aliases": unit.aliases,
        "kind": unit.kind,
        "parent": unit.parent.name if unit.parent_id else None,
        "region": unit.region,
        "is_group": unit.is_group,
        "groups": sorted(g.name for g in unit.groups.all()),
        "active": unit.active,
        "sort_order": unit.sort_order,
    }
