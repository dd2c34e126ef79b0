"""Writing and reading the audit trail: the functions every domain action calls.

    before = snapshot(task)
    task.deadline = new_date
    task.save()
    record(user, "update", task, before=before, after=snapshot(task), parent=task.plan)

`record` keeps only the fields that changed when both `before` and `after` are given. A child's event
names its parent (a milestone's or an assignment's task), so `history(task)` shows it on the task's page.
Call `record` inside the action's transaction: if the action rolls back, so does its event.
"""

from __future__ import annotations

import datetime as dt
import decimal
import enum
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from duban.audit.middleware import current_request_id
from duban.audit.models import AuditEvent, append
from duban.core import clock

__all__ = [
    "AuditEvent",
    "FieldChange",
    "build",
    "describe_changes",
    "diff",
    "history",
    "record",
    "record_many",
    "snapshot",
]


def build(
    actor,
    action: str,
    obj: models.Model,
    *,
    before: dict | None = None,
    after: dict | None = None,
    parent: models.Model | None = None,
    note: str = "",
    request_id: str = "",
) -> AuditEvent:
    """An unsaved event for `record_many`; `obj` (and `parent`) must already have a primary key.

    `request_id` defaults to the id of the request being served (RequestIdMiddleware).
    """
    if obj.pk is None:
        raise ValueError("audit: record the event before deleting the object, or after saving it")
    if before is not None and after is not None:
        changed = diff(before, after)
        before = {name: before.get(name) for name in changed}
        after = {name: after.get(name) for name in changed}
    user = actor if getattr(actor, "is_authenticated", False) else None
    event = AuditEvent(
        at=clock.now(),
        actor=user,
        actor_name=_actor_name(user),
        action=action,
        object_type=ContentType.objects.get_for_model(obj, for_concrete_model=False),
        object_id=str(obj.pk),
        object_repr=str(obj)[:300],
        before=before,
        after=after,
        note=note,
        request_id=(request_id or current_request_id())[:64],
    )
    if parent is not None:
        event.parent_type = ContentType.objects.get_for_model(parent, for_concrete_model=False)
        event.parent_id = str(parent.pk)
    return event


def record(
    actor,
    action: str,
    obj: models.Model,
    *,
    before: dict | None = None,
    after: dict | None = None,
    parent: models.Model | None = None,
    note: str = "",
    request_id: str = "",
) -> AuditEvent:
    """Append one event: `actor` (a user, or None for the system) did `action` to `obj`."""
    event = build(
        actor, action, obj, before=before, after=after, parent=parent, note=note, request_id=request_id
    )
    return record_many([event])[0]


def record_many(events: Iterable[AuditEvent]) -> list[AuditEvent]:
    """Append events made by `build`, in order, chained in Python and written by one bulk INSERT."""
    return append(events)


def _actor_name(user) -> str:
    if user is None:
        return ""
    return (user.get_full_name() or user.get_username())[:150]


def snapshot(obj: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """The JSON-safe values of `obj`'s fields (by default every concrete field except the key and
    auto_now timestamps): dates in ISO form, Decimals as text, relations as {"id": …, "str": …}."""
    opts = obj._meta
    if fields is None:
        fields = [
            field.name
            for field in opts.concrete_fields
            if not field.primary_key and not getattr(field, "auto_now", False)
        ]
    return {name: _field_value(obj, opts.get_field(name)) for name in fields}


def _field_value(obj: models.Model, field) -> Any:
    if field.many_to_many:
        return [_reference(item) for item in getattr(obj, field.name).all()]
    if field.many_to_one or field.one_to_one:
        if getattr(obj, field.attname) is None:
            return None
        return _reference(getattr(obj, field.name))
    return json_value(field.value_from_object(obj))


def _reference(related: models.Model) -> dict[str, Any]:
    return {"id": json_value(related.pk), "str": str(related)}


def json_value(value: Any) -> Any:
    """`value` as JSON can hold it (ISO dates, Decimals and UUIDs as text, choices as their value)."""
    if isinstance(value, enum.Enum):
        value = value.value
    if isinstance(value, dt.date | dt.time):  # datetime is a date too
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, set | frozenset):
        return sorted(json_value(item) for item in value)
    if isinstance(value, list | tuple):
        return [json_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): json_value(item) for key, item in value.items()}
    if hasattr(value, "name") and hasattr(value, "storage"):  # a FieldFile
        return value.name or ""
    return value


def diff(before: dict | None, after: dict | None) -> dict[str, dict[str, Any]]:
    """The fields whose value differs: {name: {"before": old, "after": new}}, in a stable order."""
    before, after = before or {}, after or {}
    names = list(before) + [name for name in after if name not in before]
    return {
        name: {"before": before.get(name), "after": after.get(name)}
        for name in names
        if before.get(name) != after.get(name)
    }


def history(obj: models.Model, *, include_children: bool = True) -> QuerySet[AuditEvent]:
    """Events about `obj`, newest first; with include_children also those of objects it is parent of."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=False)
    condition = Q(object_type=content_type, object_id=str(obj.pk))
    if include_children:
        condition |= Q(parent_type=content_type, parent_id=str(obj.pk))
    return AuditEvent.objects.filter(condition).select_related("object_type").order_by("-id")


@dataclass(frozen=True)
class FieldChange:
    """One changed field of an event, ready to show: its label and both values as text."""

    name: str
    label: str
    before: str
    after: str


def describe_changes(event: AuditEvent) -> list[FieldChange]:
    """The event's changed fields with their verbose names and choice labels, ready to show.

    Uses the cached content type (no query). A change that reads the same either way (None → "") is left out.
    """
    model = ContentType.objects.get_for_id(event.object_type_id).model_class()
    changes = []
    for name, change in diff(event.before, event.after).items():
        field = _model_field(model, name)
        before, after = _shown(field, change["before"]), _shown(field, change["after"])
        if before != after:
            label = _field_label(field, name)
            changes.append(FieldChange(name, label, before, after))
    return changes


def _model_field(model, name: str):
    try:
        return model._meta.get_field(name) if model is not None else None
    except Exception:  # the field no longer exists: the stored name is all there is
        return None


def _field_label(field, name: str) -> str:
    if field is None:
        return name
    if hasattr(field, "verbose_name"):
        return str(field.verbose_name)
    return str(field.related_model._meta.verbose_name_plural)  # a reverse relation (a task's children)


def _shown(field, value: Any) -> str:
    choices = getattr(field, "flatchoices", None) if field is not None else None
    if choices and not isinstance(value, dict | list):
        labels = {str(key): label for key, label in choices}
        value = labels.get(str(value), value) if value is not None else None
    return value_text(value)


def value_text(value: Any) -> str:
    """A stored value as one line of text."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if isinstance(value, dict) and "str" in value:
        return str(value["str"])
    if isinstance(value, list):
        return "、".join(value_text(item) for item in value) or "—"
    return str(value)


@dataclass(frozen=True)
class ChainCheck:
    """The outcome of walking the chain: how many events were checked and the first broken one."""

    checked: int
    broken_id: int | None = None
    reason: str = ""
    head_hash: str = ""

    @property
    def ok(self) -> bool:
        return self.broken_id is None


def verify_chain(*, chunk_size: int = 2000) -> ChainCheck:
    """Walk every event in order, recomputing each hash; stop at the first link that does not hold."""
    previous = ""
    checked = 0
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=chunk_size):
        if event.prev_hash != previous:
            return ChainCheck(
                checked, event.pk, _("前一条哈希不符（之前的记录被删除、插入或改动）"), previous
            )
        if event.compute_hash() != event.hash:
            return ChainCheck(checked, event.pk, _("内容与哈希不符（这条记录被改动过）"), previous)
        previous = event.hash
        checked += 1
    return ChainCheck(checked, head_hash=previous)
