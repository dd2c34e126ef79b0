"""The audit trail: one append-only, hash-chained row per change a person (or the system) makes.

Each row's `hash` is sha256 over a canonical JSON of its content plus the previous row's hash, so a row
changed or removed behind duban's back (raw SQL, a restored backup) breaks the chain and `duban audit
verify` names the first broken link. Rows are only ever inserted: saving an existing row, deleting one
and queryset update/delete all raise `AuditImmutableError`.

Every insert goes through `AuditEventQuerySet.bulk_create`, which appends to the chain under a lock:
PostgreSQL takes a transaction-scoped advisory lock (several app servers may write at once), SQLite's
write transactions are already serialised (settings use IMMEDIATE mode). A UNIQUE `prev_hash` makes a
fork impossible even if that lock were bypassed: the second row claiming the same predecessor fails.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models, router, transaction
from django.utils.translation import gettext_lazy as _

from duban.core import clock

# Any constant 64-bit number of our own: the key of PostgreSQL's advisory lock for the chain head.
CHAIN_LOCK_KEY = 0x6475_6261_6E61_7564  # "dubanaud"


class AuditImmutableError(Exception):
    """Raised on any attempt to change or remove an audit event."""

    def __init__(self, message: str = "") -> None:
        super().__init__(message or str(_("审计记录只能追加，不能修改或删除。")))


class AuditAction(models.TextChoices):
    """The usual actions; the field also accepts other verbs (they are shown as written)."""

    CREATE = "create", _("新建")
    UPDATE = "update", _("修改")
    DELETE = "delete", _("删除")
    IMPORT = "import", _("导入")
    CONFIRM = "confirm", _("确认")
    ASSIGN = "assign", _("交办")
    UNASSIGN = "unassign", _("取消交办")
    SPLIT = "split", _("分解")
    CARRY_OVER = "carry_over", _("结转")
    CLOSE = "close", _("办结")
    REOPEN = "reopen", _("重新打开")
    REPORT = "report", _("填报")
    REVIEW = "review", _("审核")


def canonical_json(value: Any) -> str:
    """One spelling per value: sorted keys, no spaces, Chinese kept as written."""
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def normal_json(value: Any) -> Any:
    """`value` as it will read back from any database's JSON column, so the hash stays checkable.

    Dates, Decimals, UUIDs and lazy strings become text (DjangoJSONEncoder); NaN is refused. PostgreSQL's
    jsonb prints a large whole float (1e+20) as an integer, so such floats become ints here.
    """
    return _whole_floats(json.loads(json.dumps(value, cls=DjangoJSONEncoder, allow_nan=False)))


def _whole_floats(value: Any) -> Any:
    if isinstance(value, float) and value.is_integer() and abs(value) >= 1e16:
        return int(value)
    if isinstance(value, dict):
        return {key: _whole_floats(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_whole_floats(item) for item in value]
    return value


def _type_key(content_type: ContentType | None) -> str:
    return "" if content_type is None else f"{content_type.app_label}.{content_type.model}"


def _utc_text(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).isoformat(timespec="microseconds")


class AuditEventQuerySet(models.QuerySet):
    """Events can be read and appended; every way of changing or removing them raises."""

    def update(self, **kwargs):
        raise AuditImmutableError()

    def delete(self):
        raise AuditImmutableError()

    def bulk_update(self, objs, fields, batch_size=None):
        raise AuditImmutableError()

    def update_or_create(self, defaults=None, create_defaults=None, **kwargs):
        raise AuditImmutableError()

    def bulk_create(self, objs, *args, **kwargs):
        """Append `objs` to the chain in the order given (one INSERT per batch)."""
        objs = list(objs)
        if not objs:
            return objs
        if kwargs.get("ignore_conflicts") or kwargs.get("update_conflicts"):
            raise AuditImmutableError()
        with transaction.atomic(using=self.db):
            previous = self._lock_chain_head()
            for event in objs:
                if not event._state.adding or event.pk is not None:
                    raise AuditImmutableError()
                event.before = None if event.before is None else normal_json(event.before)
                event.after = None if event.after is None else normal_json(event.after)
                event.prev_hash = previous
                event.hash = event.compute_hash()
                previous = event.hash
            return super().bulk_create(objs, *args, **kwargs)

    def _lock_chain_head(self) -> str:
        """Serialise writers and return the hash of the last event ("" for an empty trail).

        A plain SELECT … FOR UPDATE of the last row is not enough on PostgreSQL: a writer that waited for
        the lock would still read the old last row, not the one committed meanwhile, and fork the chain.
        """
        connection = connections[self.db]
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
        last = self.model._base_manager.using(self.db).order_by("-id").values_list("hash", flat=True).first()
        return last or ""


class AuditEvent(models.Model):
    """One change in duban: who did what to which object, when, with the values before and after."""

    at = models.DateTimeField(_("时间"), default=clock.now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("操作人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # Kept as text so the history still says who it was after the account is gone.
    actor_name = models.CharField(_("操作人姓名"), max_length=150, blank=True)
    action = models.CharField(_("操作"), max_length=40, choices=AuditAction.choices)
    object_type = models.ForeignKey(
        ContentType,
        verbose_name=_("对象类型"),
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # the (object_type, object_id) index below serves it
    )
    object_id = models.CharField(_("对象编号"), max_length=64)
    object_repr = models.CharField(_("对象"), max_length=300)
    parent_type = models.ForeignKey(
        ContentType,
        verbose_name=_("上级对象类型"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        db_index=False,  # the (parent_type, parent_id) index below serves it
    )
    parent_id = models.CharField(_("上级对象编号"), max_length=64, blank=True)
    before = models.JSONField(_("修改前"), null=True, blank=True)
    after = models.JSONField(_("修改后"), null=True, blank=True)
    note = models.TextField(_("说明"), blank=True)
    request_id = models.CharField(_("请求编号"), max_length=64, blank=True)
    prev_hash = models.CharField(_("前一条哈希"), max_length=64, unique=True)
    hash = models.CharField(_("哈希"), max_length=64, unique=True)

    objects = AuditEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("审计记录")
        verbose_name_plural = _("审计记录")
        ordering = ["-id"]
        indexes = [
            models.Index(fields=["object_type", "object_id"], name="audit_object_idx"),
            models.Index(fields=["parent_type", "parent_id"], name="audit_parent_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.actor_label} {self.action_label} {self.object_repr}"

    def save(self, *args, **kwargs) -> None:
        if not self._state.adding or self.pk is not None:
            raise AuditImmutableError()
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        type(self).objects.using(using).bulk_create([self])

    def delete(self, *args, **kwargs):
        raise AuditImmutableError()

    @property
    def actor_label(self) -> str:
        return self.actor_name or str(_("系统"))

    @property
    def action_label(self) -> str:
        return self.get_action_display()

    def hashed_content(self) -> dict[str, Any]:
        """Everything the hash covers (not the actor FK: it is set to NULL when an account is deleted)."""
        return {
            "at": _utc_text(self.at),
            "actor": self.actor_name,
            "action": self.action,
            "object_type": _type_key(ContentType.objects.get_for_id(self.object_type_id)),
            "object_id": self.object_id,
            "object_repr": self.object_repr,
            "parent_type": _type_key(
                ContentType.objects.get_for_id(self.parent_type_id) if self.parent_type_id else None
            ),
            "parent_id": self.parent_id,
            "before": self.before,
            "after": self.after,
            "note": self.note,
            "request_id": self.request_id,
            "prev_hash": self.prev_hash,
        }

    def compute_hash(self) -> str:
        return hashlib.sha256(canonical_json(self.hashed_content()).encode("utf-8")).hexdigest()


def append(events: Iterable[AuditEvent], *, using: str | None = None) -> list[AuditEvent]:
    """Append unsaved events to the chain, in order, with one INSERT per 500 rows."""
    manager = AuditEvent.objects.using(using) if using else AuditEvent.objects
    return manager.bulk_create(list(events), batch_size=500)
