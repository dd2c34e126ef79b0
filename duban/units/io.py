"""The units directory as a spreadsheet: template, import (read → plan → apply) and export, one layout.

Import is two steps so a person sees what will happen: prepare_import() reads the file and plans the
changes without writing anything (file problems raise ImportFileError, row problems are listed per row
in Chinese); apply_rows() writes the planned changes in one transaction, and only if no row is wrong.
A file is matched to the directory by exact spelling (全称, 简称 or 别名), never by the looser name
rules: 西宁市财政局 must not update 海东市财政局 because both are a 市财政局.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from duban.audit.log import build, record_many
from duban.extract import orgs

from .directory import proposed_kind, unit_snapshot
from .models import KIND_BY_LABEL, Unit, UnitKind, UnitName, clean_aliases

# (field, header as written in the template). The order is the template's and the export's.
COLUMNS: list[tuple[str, str]] = [
    ("name", "单位全称"),
    ("short_name", "简称"),
    ("aliases", "别名（用、分隔）"),
    ("kind", "类别"),
    ("parent", "上级单位"),
    ("region", "地区"),
    ("groups", "所属分组（用、分隔）"),
    ("is_group", "是否分组"),
    ("sort_order", "排序"),
    ("active", "状态"),
]
HEADERS = [header for _, header in COLUMNS]
# Headers are read without their bracketed note and with a few usual variants.
_HEADER_FIELDS: dict[str, str] = {
    "单位全称": "name", "全称": "name", "单位名称": "name", "名称": "name", "单位": "name",
    "简称": "short_name", "单位简称": "short_name",
    "别名": "aliases", "其他名称": "aliases",
    "类别": "kind", "单位类别": "kind", "类型": "kind",
    "上级单位": "parent", "上级": "parent",
    "地区": "region", "所在地区": "region",
    "所属分组": "groups", "分组": "groups",
    "是否分组": "is_group",
    "排序": "sort_order", "序号": "sort_order",
    "状态": "active", "是否启用": "active",
}  # fmt: skip
KIND_LABELS: dict[str, str] = {value: label for label, value in KIND_BY_LABEL.items()}
YES, NO = "是", "否"
ACTIVE, INACTIVE = "启用", "停用"
_TRUE = {"是", "y", "yes", "true", "1", "启用", "有效"}
_FALSE = {"否", "n", "no", "false", "0", "停用", "无效"}
_LIST_SPLIT = re.compile(r"[、,，;；|/\n]+")
MAX_ROWS = 5000
HEADER_SEARCH_ROWS = 5
XLSX_MAGIC, XLS_MAGIC = b"PK\x03\x04", b"\xd0\xcf\x11\xe0"


class ImportFileError(Exception):
    """The file as a whole cannot be read; `message` is Chinese, for the person who uploaded it."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ImportRowsError(Exception):
    """Some rows are wrong; nothing was written. `errors` lists them."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(e.message for e in errors))
        self.errors = errors


@dataclass
class UnitRow:
    """One row of the file, read and checked for form (not yet against the directory)."""

    line: int  # the row number Excel shows (the header is row 1)
    name: str
    short_name: str = ""
    aliases: list[str] = field(default_factory=list)
    kind: str = ""  # a UnitKind value
    parent: str = ""
    region: str = ""
    groups: list[str] = field(default_factory=list)
    is_group: bool = False
    sort_order: int | None = None
    active: bool = True
    columns: list[str] = field(default_factory=list)  # the fields the file has a column for
    inferred: list[str] = field(
        default_factory=list
    )  # left blank, so guessed: an existing unit keeps its own

    def has(self, name: str) -> bool:
        return name in self.columns and name not in self.inferred


@dataclass
class RowError:
    line: int
    message: str


@dataclass
class PlannedChange:
    """What importing one row (or a group it names) will do."""

    line: int
    name: str
    action: str  # create / update / unchanged
    kind: str
    changes: list[str] = field(default_factory=list)  # Chinese labels of the fields that change
    notes: list[str] = field(default_factory=list)  # things to check, e.g. a likely duplicate

    @property
    def action_label(self) -> str:
        return {"create": _("新建"), "update": _("更新"), "unchanged": _("不变")}[self.action]

    @property
    def kind_label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


@dataclass
class ImportPlan:
    rows: list[UnitRow]
    changes: list[PlannedChange]
    errors: list[RowError]

    @property
    def ok(self) -> bool:
        return not self.errors

    def count(self, action: str) -> int:
        return sum(1 for c in self.changes if c.action == action)

    @property
    def created(self) -> int:
        return self.count("create")

    @property
    def updated(self) -> int:
        return self.count("update")

    @property
    def unchanged(self) -> int:
        return self.count("unchanged")

    def rows_as_data(self) -> list[dict]:
        """The rows as JSON-safe dicts (kept in the session between preview and confirm)."""
        return [asdict(r) for r in self.rows]


@dataclass
class ImportResult:
    created: int
    updated: int
    unchanged: int


# --- reading ----------------------------------------------------------------------------------


def max_upload_bytes() -> int:
    return int(getattr(settings, "DUBAN_MAX_UPLOAD_BYTES", 20 * 1024 * 1024))


def check_size(size: int) -> None:
    """Refuse a file larger than DUBAN_MAX_UPLOAD_BYTES before reading it."""
    limit = max_upload_bytes()
    if size > limit:
        raise ImportFileError(
            _("文件太大（%(size)s），单位名录文件不能超过 %(limit)s。")
            % {"size": _human_size(size), "limit": _human_size(limit)}
        )


def _human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:.1f} MB"
    return f"{max(size, 1) / 1024:.0f} KB"


def read_table(data: bytes, filename: str = "") -> list[list[str]]:
    """The cells of the file's first sheet (or the CSV), as trimmed strings."""
    check_size(len(data))
    if not data.strip():
        raise ImportFileError(_("文件是空的。请下载模板，填好后再上传。"))
    if data.startswith(XLS_MAGIC) or filename.lower().endswith(".xls"):
        raise ImportFileError(_("不支持旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 或 CSV 后再上传。"))
    if data.startswith(XLSX_MAGIC):
        return _read_xlsx(data)
    return _read_csv(data)


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ImportFileError(_("无法读取这个 Excel 文件，它可能已损坏。请用模板重新填写后上传。")) from exc
    try:
        sheet = book["单位名录"] if "单位名录" in book.sheetnames else book.worksheets[0]
        rows = []
        for values in sheet.iter_rows(values_only=True):
            rows.append([_cell_text(v) for v in values])
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).replace("\u3000", " ").strip()


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportFileError(
        _("文件编码无法识别（既不是 UTF-8 也不是 GBK）。请在 Excel 中另存为“CSV UTF-8”或 .xlsx 后再上传。")
    )


def _read_csv(data: bytes) -> list[list[str]]:
    text = _decode(data)
    if "\x00" in text:
        raise ImportFileError(_("这不是 CSV 或 Excel（.xlsx）文件。请下载模板，填好后再上传。"))
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    try:
        rows = [[_cell_text(c) for c in row] for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as exc:
        raise ImportFileError(_("CSV 文件格式有误：%(error)s") % {"error": exc}) from exc
    return rows


def _header_field(header: str) -> str | None:
    folded = re.sub(r"\([^)]*\)$", "", orgs.fold(header)).strip("*")
    return _HEADER_FIELDS.get(folded)


def _read_header(cells: list[str], line: int) -> list[str | None]:
    """The field of each column; a file without 单位全称 or with unknown columns is refused."""
    fields = [_header_field(c) if c else None for c in cells]
    unknown = [c for c, f in zip(cells, fields) if c and f is None]
    problems = []
    if "name" not in fields:
        problems.append(_("缺少“单位全称”列"))
    if unknown:
        problems.append(_("有无法识别的列：%(cols)s") % {"cols": "、".join(f"“{c}”" for c in unknown)})
    doubled = sorted({f for f in fields if f and fields.count(f) > 1})
    if doubled:
        labels = dict(COLUMNS)
        problems.append(_("有重复的列：%(cols)s") % {"cols": "、".join(f"“{labels[f]}”" for f in doubled)})
    if problems:
        raise ImportFileError(
            _("表头（第%(line)s行）不对：%(problems)s。请下载模板，按模板的列名填写：%(headers)s。")
            % {"line": line, "problems": "；".join(problems), "headers": "、".join(HEADERS)}
        )
    return fields


def _header_row(table: list[list[str]]) -> int:
    """Where the header is: the first row naming 单位全称 among the first few (a title may sit above)."""
    for index, cells in enumerate(table[:HEADER_SEARCH_ROWS]):
        if any(c and _header_field(c) == "name" for c in cells):
            return index
    return next((i for i, cells in enumerate(table) if any(cells)), 0)


def parse_rows(table: list[list[str]]) -> tuple[list[UnitRow], list[RowError]]:
    """Rows of the table checked for form; blank rows are skipped."""
    if not any(any(cells) for cells in table[:HEADER_SEARCH_ROWS]):
        raise ImportFileError(_("文件开头应是表头（单位全称、简称、别名……）。请下载模板，按模板填写。"))
    header = _header_row(table)
    fields = _read_header(table[header], header + 1)
    present = [f for f in fields if f]
    if len(table) - header - 1 > MAX_ROWS:
        raise ImportFileError(_("行数太多：一次最多导入 %(n)s 个单位。") % {"n": MAX_ROWS})
    rows, errors = [], []
    for number, cells in enumerate(table[header + 1 :], start=header + 2):
        values = {f: (cells[i] if i < len(cells) else "") for i, f in enumerate(fields) if f}
        if not any(values.values()):
            continue
        row, problems = _parse_row(number, values, present)
        errors.extend(RowError(number, _("第%(n)s行：%(p)s") % {"n": number, "p": p}) for p in problems)
        if row is not None:
            rows.append(row)
    if not rows and not errors:
        raise ImportFileError(_("文件中没有单位：表头下面的行都是空的。"))
    return rows, errors


def split_list(text: str) -> list[str]:
    return list(dict.fromkeys(p.strip() for p in _LIST_SPLIT.split(text or "") if p.strip()))


def _parse_row(number: int, values: dict[str, str], present: list[str]) -> tuple[UnitRow | None, list[str]]:
    name = values.get("name", "")
    if not name:
        return None, [_("单位全称是空的")]
    problems = []
    if len(name) > 200:
        problems.append(_("单位全称太长（超过200字）"))
    if len(values.get("short_name", "")) > 100:
        problems.append(_("简称太长（超过100字）"))
    kind = _parse_kind(values.get("kind", ""), name, problems)
    is_group = _parse_bool(
        values.get("is_group", ""), orgs.is_group(name), _("是否分组"), f"{YES}/{NO}", problems
    )
    active = _parse_bool(values.get("active", ""), True, _("状态"), f"{ACTIVE}/{INACTIVE}", problems)
    sort_order = _parse_int(values.get("sort_order", ""), problems)
    row = UnitRow(
        line=number,
        name=name,
        short_name=values.get("short_name", ""),
        aliases=split_list(values.get("aliases", "")),
        kind=kind,
        parent=values.get("parent", ""),
        region=values.get("region", "")[:100],
        groups=split_list(values.get("groups", "")),
        is_group=is_group,
        sort_order=sort_order,
        active=active,
        columns=present,
        inferred=[f for f in ("kind", "is_group", "active") if not values.get(f)],
    )
    return row, problems


def _parse_kind(text: str, name: str, problems: list[str]) -> str:
    if not text:
        return proposed_kind(name)
    folded = orgs.fold(text)
    if folded in KIND_BY_LABEL:
        return KIND_BY_LABEL[folded]
    if folded in UnitKind.values:
        return folded
    problems.append(
        _("类别“%(kind)s”无法识别，应填：%(labels)s") % {"kind": text, "labels": "、".join(KIND_BY_LABEL)}
    )
    return UnitKind.OTHER


def _parse_bool(text: str, default: bool, label: str, hint: str, problems: list[str]) -> bool:
    folded = orgs.fold(text).lower()
    if not folded:
        return default
    if folded in _TRUE:
        return True
    if folded in _FALSE:
        return False
    problems.append(
        _("%(label)s应填“%(hint)s”，不是“%(text)s”") % {"label": label, "hint": hint, "text": text}
    )
    return default


def _parse_int(text: str, problems: list[str]) -> int | None:
    if not text:
        return None
    try:
        return int(orgs.fold(text))
    except ValueError:
        problems.append(_("排序应填整数，不是“%(text)s”") % {"text": text})
        return None


# --- planning ---------------------------------------------------------------------------------


def prepare_import(data: bytes, filename: str = "") -> ImportPlan:
    """Read a file and plan its changes against the directory; writes nothing."""
    rows, errors = parse_rows(read_table(data, filename))
    return plan_rows(rows, errors)


def rows_from_data(items: Iterable[dict]) -> list[UnitRow]:
    return [UnitRow(**item) for item in items]


class _Directory:
    """The directory's units and spellings, read once for planning an import."""

    def __init__(self) -> None:
        self.units: dict[int, Unit] = {
            u.pk: u for u in Unit.objects.select_related("parent").prefetch_related("groups")
        }
        self.by_text: dict[str, set[int]] = {}
        self.by_key: dict[str, set[int]] = {}
        for unit_id, text, key in UnitName.objects.values_list("unit_id", "text", "key"):
            self.by_text.setdefault(text, set()).add(unit_id)
            self.by_key.setdefault(key, set()).add(unit_id)

    def exact(self, name: str) -> Unit | None:
        """The existing unit spelt exactly so (its name first, else a unique short name or alias)."""
        folded = orgs.fold(name)
        ids = self.by_text.get(folded, set())
        named = [i for i in ids if orgs.fold(self.units[i].name) == folded]
        if named:
            return self.units[named[0]]
        return self.units[next(iter(ids))] if len(ids) == 1 else None

    def for_row(self, row: UnitRow) -> Unit | None:
        """The existing unit a row means: by its full name, else the one unit its 简称/别名 spell."""
        unit = self.exact(row.name)
        if unit is not None:
            return unit
        found = {u.pk: u for u in (self.exact(a) for a in [row.short_name, *row.aliases] if a) if u}
        return next(iter(found.values())) if len(found) == 1 else None

    def canonical(self, name: str) -> str:
        """The directory's own name for a spelling (as written when the directory lacks it)."""
        unit = self.exact(name)
        return unit.name if unit else name

    def same_key(self, name: str) -> list[Unit]:
        return [self.units[i] for i in sorted(self.by_key.get(orgs.name_key(name), set()))]


def plan_rows(rows: list[UnitRow], errors: list[RowError] | None = None) -> ImportPlan:
    """What importing these rows would do to the directory now, with every problem per row."""
    errors = list(errors or [])
    directory = _Directory()
    in_file: dict[str, UnitRow] = {}
    matched: dict[int, UnitRow] = {}
    changes: list[PlannedChange] = []
    for row in rows:
        folded = orgs.fold(row.name)
        if folded in in_file:
            errors.append(_row_error(row, _("单位“%(name)s”与第%(line)s行重复"), line=in_file[folded].line))
            continue
        in_file[folded] = row
        existing = directory.for_row(row)
        if existing is not None and existing.pk in matched:
            other = matched[existing.pk]
            errors.append(
                _row_error(
                    row, _("与第%(line)s行是同一个已有单位“%(unit)s”"), line=other.line, unit=existing.name
                )
            )
            continue
        if existing is not None:
            matched[existing.pk] = row
        changes.append(_plan_row(row, existing, directory))
    spellings = set(in_file)
    for row in rows:
        for alias in [row.short_name, *row.aliases]:
            spellings.add(orgs.fold(alias))
    changes.extend(_plan_references(rows, in_file, spellings, directory, errors))
    errors.sort(key=lambda e: e.line)
    return ImportPlan(rows=rows, changes=changes, errors=errors)


def _row_error(row: UnitRow, template: str, **values) -> RowError:
    message = template % {"name": row.name, **values}
    return RowError(row.line, _("第%(n)s行：%(p)s") % {"n": row.line, "p": message})


def _plan_row(row: UnitRow, existing: Unit | None, directory: _Directory) -> PlannedChange:
    if existing is None:
        change = PlannedChange(row.line, row.name, "create", row.kind)
        twins = [u.name for u in directory.same_key(row.name) if not u.is_group or row.is_group]
        if twins:
            change.notes.append(_("可能与已有单位“%(names)s”是同一单位") % {"names": "、".join(twins)})
        return change
    labels = _changed_fields(row, existing, directory)
    return PlannedChange(row.line, row.name, "update" if labels else "unchanged", row.kind, labels)


FIELD_LABELS = {
    "name": gettext_lazy("单位全称"), "short_name": gettext_lazy("简称"), "aliases": gettext_lazy("别名"),
    "kind": gettext_lazy("类别"), "parent": gettext_lazy("上级单位"), "region": gettext_lazy("地区"),
    "groups": gettext_lazy("所属分组"), "is_group": gettext_lazy("是否分组"), "sort_order": gettext_lazy("排序"),
    "active": gettext_lazy("状态"),
}  # fmt: skip


def _changed_fields(row: UnitRow, unit: Unit, directory: _Directory) -> list[str]:
    before = unit_snapshot(unit)
    after = _row_values(row, unit)
    if after.get("parent"):
        after["parent"] = directory.canonical(after["parent"])
    if "groups" in after:
        after["groups"] = sorted(directory.canonical(g) for g in after["groups"])
    return [str(FIELD_LABELS[f]) for f in after if before.get(f) != after[f]]


def _row_values(row: UnitRow, unit: Unit | None) -> dict:
    """The values the unit will have after the import (fields without a column keep theirs)."""
    old_aliases = list(unit.aliases or []) if unit else []
    renamed = unit is not None and unit.name != row.name
    aliases = row.aliases if row.has("aliases") else old_aliases
    if renamed:
        aliases = [*aliases, unit.name]
    values = {
        "name": row.name,
        "short_name": row.short_name if row.has("short_name") or not unit else unit.short_name,
        "aliases": clean_aliases(aliases, row.name),
        "kind": row.kind if row.has("kind") or not unit else unit.kind,
        "region": row.region if row.has("region") or not unit else unit.region,
        "is_group": row.is_group if row.has("is_group") or not unit else unit.is_group,
        "active": row.active if row.has("active") or not unit else unit.active,
    }
    if row.has("sort_order") and row.sort_order is not None:
        values["sort_order"] = row.sort_order
    if row.has("parent"):
        values["parent"] = row.parent or None
    if row.has("groups"):
        values["groups"] = sorted(row.groups)
    return values


def _plan_references(
    rows: list[UnitRow],
    in_file: dict[str, UnitRow],
    spellings: set[str],
    directory: _Directory,
    errors: list[RowError],
) -> list[PlannedChange]:
    """Check 上级单位 and 所属分组; plan the groups the file names but nobody has created yet."""
    new_groups: dict[str, PlannedChange] = {}
    for row in rows:
        if row.parent:
            if orgs.fold(row.parent) == orgs.fold(row.name):
                errors.append(_row_error(row, _("上级单位不能是它自己")))
            elif orgs.fold(row.parent) not in spellings and directory.exact(row.parent) is None:
                errors.append(
                    _row_error(row, _("上级单位“%(parent)s”既不在名录中，也不在本文件中"), parent=row.parent)
                )
        for group in row.groups:
            problem = _group_problem(group, row, in_file, directory)
            if problem == "new":
                key = orgs.fold(group)
                new_groups.setdefault(
                    key, PlannedChange(row.line, group, "create", proposed_kind(group), notes=[_("新分组")])
                )
            elif problem:
                errors.append(_row_error(row, problem, group=group))
    return list(new_groups.values())


def _group_problem(group: str, row: UnitRow, in_file: dict[str, UnitRow], directory: _Directory) -> str:
    folded = orgs.fold(group)
    if folded == orgs.fold(row.name):
        return _("单位不能属于它自己这个分组")
    if folded in in_file:
        return (
            "" if in_file[folded].is_group else _("所属分组“%(group)s”在本文件中不是分组（是否分组应填“是”）")
        )
    existing = directory.exact(group)
    if existing is not None:
        return "" if existing.is_group else _("所属分组“%(group)s”在名录中不是分组")
    if orgs.is_group(group):
        return "new"
    return _("所属分组“%(group)s”既不在名录中，也不在本文件中（分组名称应像“各市州政府”）")


# --- applying ---------------------------------------------------------------------------------


def apply_rows(rows: list[UnitRow], actor=None) -> ImportResult:
    """Write the rows into the directory in one transaction; any wrong row raises ImportRowsError."""
    with transaction.atomic():
        plan = plan_rows(rows)
        if not plan.ok:
            raise ImportRowsError(plan.errors)
        directory = _Directory()
        units: dict[str, Unit] = {}
        befores: dict[int, dict] = {}
        for row in rows:
            existing = directory.for_row(row)
            if existing is not None:
                befores[existing.pk] = unit_snapshot(existing)
            units[orgs.fold(row.name)] = _save_row(row, existing)
        _create_new_groups(plan, units)
        _link(rows, units)
        _record(plan, units, befores, actor)
    return ImportResult(plan.count("create"), plan.count("update"), plan.count("unchanged"))


def _save_row(row: UnitRow, unit: Unit | None) -> Unit:
    values = _row_values(row, unit)
    values.pop("parent", None)
    values.pop("groups", None)
    unit = unit or Unit()
    for name, value in values.items():
        setattr(unit, name, value)
    unit.save()
    return unit


def _create_new_groups(plan: ImportPlan, units: dict[str, Unit]) -> None:
    for change in plan.changes:
        key = orgs.fold(change.name)
        if change.action == "create" and key not in units:
            unit = Unit(name=change.name, kind=change.kind, is_group=True)
            unit.save()
            units[key] = unit


def _find(name: str, units: dict[str, Unit]) -> Unit:
    """A unit named in the file (by full name, short name or alias) or else in the directory."""
    folded = orgs.fold(name)
    if folded in units:
        return units[folded]
    for unit in units.values():
        if folded in unit.spellings():
            return unit
    unit = _Directory().exact(name)
    assert unit is not None, name  # plan_rows() checked every reference
    return unit


def _link(rows: list[UnitRow], units: dict[str, Unit]) -> None:
    for row in rows:
        unit = units[orgs.fold(row.name)]
        if row.has("parent"):
            parent = _find(row.parent, units) if row.parent else None
            if unit.parent_id != (parent.pk if parent else None):
                unit.parent = parent
                unit.save(update_fields=["parent"])
        if row.has("groups"):
            unit.groups.set([_find(g, units) for g in row.groups])


def _record(plan: ImportPlan, units: dict[str, Unit], befores: dict[int, dict], actor) -> None:
    """One audit event per unit created or updated, written together."""
    events = []
    for change in plan.changes:
        if change.action == "unchanged":
            continue
        unit = units[orgs.fold(change.name)]
        after = unit_snapshot(unit)
        events.append(
            build(
                actor, change.action, unit, before=befores.get(unit.pk), after=after, note=_("单位名录导入")
            )
        )
    record_many(events)


# --- writing ----------------------------------------------------------------------------------


def directory_rows() -> list[list[str]]:
    """The whole directory in the template's layout (header first): what export writes."""
    units = Unit.objects.select_related("parent").prefetch_related("groups").order_by("sort_order", "name")
    rows = [list(HEADERS)]
    for unit in units:
        rows.append(
            [
                unit.name,
                unit.short_name,
                "、".join(unit.aliases or []),
                KIND_LABELS.get(unit.kind, ""),
                unit.parent.name if unit.parent_id else "",
                unit.region,
                "、".join(sorted(g.name for g in unit.groups.all())),
                YES if unit.is_group else NO,
                str(unit.sort_order),
                ACTIVE if unit.active else INACTIVE,
            ]
        )
    return rows


def rows_to_csv(rows: list[list[str]]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens the Chinese correctly."""
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue().encode("utf-8-sig")


def rows_to_xlsx(rows: list[list[str]], *, with_help: bool = False) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    sheet = book.active
    sheet.title = "单位名录"
    for row in rows:
        sheet.append(row)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="EEF1F5")
    for letter, width in zip("ABCDEFGHIJ", (34, 16, 40, 14, 24, 10, 30, 10, 8, 8)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = "A2"
    _add_choices(sheet, DataValidation, "D", list(KIND_BY_LABEL))
    _add_choices(sheet, DataValidation, "H", [YES, NO])
    _add_choices(sheet, DataValidation, "J", [ACTIVE, INACTIVE])
    if with_help:
        _help_sheet(book.create_sheet("填写说明"))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _add_choices(sheet, validation_class, column: str, choices: list[str]) -> None:
    validation = validation_class(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True)
    sheet.add_data_validation(validation)
    validation.add(f"{column}2:{column}{MAX_ROWS + 1}")


HELP_LINES = [
    ["列", "怎么填"],
    ["单位全称", "必填。单位的正式全称，如“青海省发展和改革委员会”；每个单位一行，不能重复。"],
    ["简称", "方案里常用的写法，如“省发展改革委”。"],
    ["别名（用、分隔）", "其他写法，用顿号分隔，如“省发改委、青海省发改委”。"],
    [
        "类别",
        "省直部门、市州政府、县区政府、乡镇街道、园区管委会、中央驻地单位、群团及其他；空着则按名称推断。",
    ],
    ["上级单位", "该单位的上级（用于任务向下分解），填上级单位的全称或简称。"],
    ["地区", "所在地区，如“西宁市”。"],
    ["所属分组（用、分隔）", "该单位属于哪些分组，如“各市州政府”；名录和本表都没有的分组会自动新建。"],
    ["是否分组", "“是”表示这一行是分组（如“各市州政府”），交办时展开为它的成员单位；空着则按名称推断。"],
    ["排序", "整数，越小越靠前。"],
    ["状态", "启用或停用；停用的单位不再接收新任务。"],
    ["", ""],
    [
        "示例",
        "青海省发展和改革委员会 | 省发展改革委 | 省发改委 | 省直部门 | | 青海省 | 省直各部门 | 否 | 10 | 启用",
    ],
    ["示例", "各市州政府 | | 各市（州）政府 | 市州政府 | | 青海省 | | 是 | 100 | 启用"],
    ["示例", "西宁市人民政府 | 西宁市政府 | | 市州政府 | | 西宁市 | 各市州政府 | 否 | 101 | 启用"],
]


def _help_sheet(sheet) -> None:
    for line in HELP_LINES:
        sheet.append(line)
    sheet.column_dimensions["A"].width = 22
    sheet.column_dimensions["B"].width = 100


def template_xlsx() -> bytes:
    """The empty template to fill in: the header, choices for 类别/是否分组/状态, and a sheet of help."""
    return rows_to_xlsx([list(HEADERS)], with_help=True)


def export_xlsx() -> bytes:
    return rows_to_xlsx(directory_rows())


def export_csv() -> bytes:
    return rows_to_csv(directory_rows())
