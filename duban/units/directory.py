"""The directory's rules: find the unit a plan means, propose the ones it lacks, expand groups, learn leads.

Names are matched in three steps, all on indexed columns of UnitName (one row per spelling of a unit,
written by Unit.save()): the exact spelling (name, short name or alias, folded), then the key of the
name rules (duban.extract.orgs.name_key: 省发改委 = 青海省发展和改革委员会). A key shared by several
units (市财政局 in a directory of several cities) is ambiguous and resolves to nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from duban.audit.log import record
from duban.extract import orgs
from duban.extract.leads import LeadKnowledge

from .models import KIND_BY_LABEL, LeadKnowledgeStore, Unit, UnitKind, UnitName, clean_aliases

__all__ = [
    "NameMatch",
    "candidates",
    "create_unit_from_proposal",
    "expand",
    "learn_leads_from_plan",
    "learned_lead_knowledge",
    "match_names",
    "proposed_aliases",
    "proposed_kind",
    "rebuild_spellings",
    "resolve",
]


@dataclass
class NameMatch:
    """A name printed in a plan and what the directory makes of it."""

    name: str
    unit: Unit | None  # the one unit meant, or None: new (or ambiguous) — a person confirms
    proposed_kind: str  # a UnitKind value, from the name rules
    proposed_aliases: list[str]  # other likely spellings of the same unit
    candidates: list[Unit] = field(default_factory=list)  # the units it could mean when ambiguous

    @property
    def is_new(self) -> bool:
        return self.unit is None and not self.candidates

    @property
    def warning(self) -> str:
        """A sentence for the review screen; empty when the name was found."""
        if self.unit is not None:
            return ""
        if self.candidates:
            names = "、".join(u.name for u in self.candidates)
            return _("“%(name)s”可能是以下单位之一：%(names)s，请选定。") % {
                "name": self.name,
                "names": names,
            }
        return _("“%(name)s”不在单位名录中，请确认后新建。") % {"name": self.name}


class _Index:
    """The spellings and keys of the directory relevant to a batch of names: one query."""

    def __init__(self, names: Iterable[str]) -> None:
        folded = {orgs.fold(n) for n in names if orgs.fold(n)}
        keys = {orgs.name_key(n) for n in folded}
        rows = (
            UnitName.objects.filter(Q(text__in=folded) | Q(key__in=keys))
            .select_related("unit")
            .order_by("unit__sort_order", "unit__name")
        )
        self.by_text: dict[str, dict[int, Unit]] = {}
        self.by_key: dict[str, dict[int, Unit]] = {}
        for row in rows:
            if row.text in folded:
                self.by_text.setdefault(row.text, {})[row.unit_id] = row.unit
            if row.key in keys:
                self.by_key.setdefault(row.key, {})[row.unit_id] = row.unit

    def candidates(self, name: str) -> list[Unit]:
        """The units the name may mean: its exact spelling if any unit has it, else same key."""
        folded = orgs.fold(name)
        if not folded:
            return []
        exact = list(self.by_text.get(folded, {}).values())
        if exact:
            return _prefer(exact, folded)
        return _prefer(list(self.by_key.get(orgs.name_key(folded), {}).values()), folded)


def _prefer(units: list[Unit], folded: str) -> list[Unit]:
    """Narrow several matches: the unit of that very name, else the active ones."""
    if len(units) <= 1:
        return units
    named = [u for u in units if orgs.fold(u.name) == folded]
    if named:
        return named
    active = [u for u in units if u.active]
    return active or units


def candidates(name: str) -> list[Unit]:
    """Every unit the printed name may denote (empty: unknown; several: ambiguous)."""
    return _Index([name]).candidates(name)


def resolve(name: str) -> Unit | None:
    """The one unit a printed name means — by name, alias or the name rules — or None."""
    found = candidates(name)
    return found[0] if len(found) == 1 else None


def proposed_kind(name: str) -> str:
    """The UnitKind the name rules give the name (群团及其他 when they say nothing)."""
    return KIND_BY_LABEL.get(orgs.unit_kind(name) or "", UnitKind.OTHER)


def proposed_aliases(name: str) -> list[str]:
    """Other spellings of the same unit by the name rules (never a bare 市政府 for 西宁市人民政府)."""
    key = orgs.name_key(name)
    own = orgs.fold(name)
    return [a for a in orgs.aliases(name) if a != own and not orgs.is_group(a) and orgs.name_key(a) == key]


def match_names(names: list[str]) -> list[NameMatch]:
    """One NameMatch per given name, in order: the unit found, or a proposal a person confirms.

    A name absent from the directory is kept (unit None, with its warning), never dropped.
    """
    index = _Index(names)
    matches = []
    for name in names:
        found = index.candidates(name)
        unit = found[0] if len(found) == 1 else None
        matches.append(
            NameMatch(
                name=name,
                unit=unit,
                proposed_kind=proposed_kind(name),
                proposed_aliases=proposed_aliases(name),
                candidates=found if len(found) > 1 else [],
            )
        )
    return matches


def create_unit_from_proposal(name: str, kind: str, aliases: list[str], *, actor=None) -> Unit:
    """Add a unit a person confirmed from a plan; an existing unit of that name is returned as is."""
    name = (name or "").strip()
    if not name:
        raise ValueError(_("单位名称不能为空。"))
    if kind not in UnitKind.values:
        raise ValueError(_("“%(kind)s”不是单位类别。") % {"kind": kind})
    with transaction.atomic():
        unit = Unit.objects.filter(name=name).first()
        if unit is not None:
            return unit
        unit = Unit(name=name, kind=kind, aliases=clean_aliases(aliases, name), is_group=orgs.is_group(name))
        unit.save()
        record_change(actor, "create", unit, after=unit_snapshot(unit))
    return unit


def rebuild_spellings() -> int:
    """Write every unit's keys and spellings again (after bulk updates or a change of the name rules)."""
    with transaction.atomic():
        units = list(Unit.objects.all())
        for unit in units:
            unit.name_key = orgs.name_key(unit.name)[:200]
            unit.search_text = " ".join(unit.spellings())
        Unit.objects.bulk_update(units, ["name_key", "search_text"], batch_size=500)
        UnitName.objects.all().delete()
        UnitName.objects.bulk_create([row for unit in units for row in unit.name_rows()], batch_size=500)
    return len(units)


def expand(unit: Unit) -> list[Unit]:
    """What a unit stands for in an assignment: a group's active members (nested groups too), else itself."""
    if not unit.is_group:
        return [unit]
    out: dict[int, Unit] = {}
    _expand_into(unit, out, seen={unit.pk})
    return list(out.values())


def _expand_into(group: Unit, out: dict[int, Unit], seen: set[int]) -> None:
    for member in group.members.filter(active=True).order_by("sort_order", "name"):
        if member.pk in seen:
            continue
        seen.add(member.pk)
        if member.is_group:
            _expand_into(member, out, seen)
        else:
            out.setdefault(member.pk, member)


# --- lead knowledge ---------------------------------------------------------------------------


def learned_lead_knowledge() -> LeadKnowledge:
    """What duban has learned so far about which unit leads which kind of task."""
    store = LeadKnowledgeStore.objects.filter(pk=1).first()
    return LeadKnowledge.from_dict(store.data) if store else LeadKnowledge()


def learn_leads_from_plan(plan_json: dict) -> int:
    """Learn from every task of a duban.plan/1 dict that names exactly one lead; return how many."""
    lessons = [
        (task.get("text") or "", task["lead"][0])
        for task in plan_json.get("tasks") or []
        if isinstance(task.get("lead"), list) and len(task["lead"]) == 1 and task["lead"][0]
    ]
    if not lessons:
        return 0
    with transaction.atomic():
        LeadKnowledgeStore.objects.get_or_create(pk=1)
        store = LeadKnowledgeStore.objects.select_for_update().get(pk=1)  # several servers may learn at once
        knowledge = LeadKnowledge.from_dict(store.data)
        for text, lead in lessons:
            knowledge.learn(text, lead)
        store.data, store.tasks = knowledge.to_dict(), knowledge.tasks
        store.save()
    return len(lessons)


# --- audit ------------------------------------------------------------------------------------

UNIT_FIELDS = [
    "name",
    "short_name",
    "aliases",
    "kind",
    "parent",
    "region",
    "is_group",
    "active",
    "sort_order",
]


def unit_snapshot(unit: Unit) -> dict:
    """The fields of a unit a person edits, JSON-safe, with its groups, for the audit trail."""
    data = {
        "name": unit.name,
        "short_name": unit.short_name,
        "aliases": list(unit.aliases or []),
        "kind": unit.kind,
        "parent": unit.parent.name if unit.parent_id else None,
        "region": unit.region,
        "is_group": unit.is_group,
        "active": unit.active,
        "sort_order": unit.sort_order,
    }
    if unit.pk:
        data["groups"] = sorted(g.name for g in unit.groups.all())  # uses prefetched groups when there
    return data


def record_change(actor, action: str, unit: Unit, *, before=None, after=None, note: str = "") -> None:
    """Write a change of the directory to the audit trail."""
    record(actor, action, unit, before=before, after=after, note=note)
