"""The directory of responsible units, the people's roles in them, and what duban learned about leads.

A Unit is written once, however loosely plans name it: its own name, a short name and aliases are
stored as written, and on every save duban also writes one UnitName row per spelling (folded, with the
name-rule key of duban.extract.orgs) so that resolving a printed name is one indexed query. Bulk
updates of names bypass save(): call directory.rebuild_spellings() after them (migrate does, so keys
follow improved name rules after an upgrade).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models, transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from duban.extract.orgs import fold, name_key

from .roles import Role


class UnitKind(models.TextChoices):
    PROVINCIAL_DEPT = "provincial_dept", _("省直部门")
    CITY_GOV = "city_gov", _("市州政府")
    COUNTY_GOV = "county_gov", _("县区政府")
    TOWN = "town", _("乡镇街道")
    PARK = "park", _("园区管委会")
    CENTRAL = "central", _("中央驻地单位")
    OTHER = "other", _("群团及其他")


# The Chinese kind labels duban.extract.orgs.unit_kind() returns, mapped to UnitKind values.
KIND_BY_LABEL: dict[str, str] = {
    "省直部门": UnitKind.PROVINCIAL_DEPT,
    "市州政府": UnitKind.CITY_GOV,
    "县区政府": UnitKind.COUNTY_GOV,
    "乡镇街道": UnitKind.TOWN,
    "园区管委会": UnitKind.PARK,
    "中央驻地单位": UnitKind.CENTRAL,
    "群团及其他": UnitKind.OTHER,
}


def clean_aliases(values: list[str], *exclude: str) -> list[str]:
    """Aliases trimmed, without blanks, duplicates or the unit's own name and short name."""
    skip = {fold(x) for x in exclude if x}
    out: dict[str, None] = {}
    for value in values or []:
        text = str(value).strip()
        if text and fold(text) not in skip:
            out.setdefault(text, None)
    return list(out)


NAME_FIELDS = frozenset({"name", "short_name", "aliases"})


class Unit(models.Model):
    """A responsible unit (责任单位), or a group of units (各市州政府) that expands to its members."""

    name = models.CharField(_("名称"), max_length=200, unique=True)
    short_name = models.CharField(_("简称"), max_length=100, blank=True)
    aliases = models.JSONField(_("别名"), default=list, blank=True)
    kind = models.CharField(_("类别"), max_length=20, choices=UnitKind.choices, default=UnitKind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级单位"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    region = models.CharField(_("地区"), max_length=100, blank=True)
    is_group = models.BooleanField(_("是分组"), default=False)
    members = models.ManyToManyField(
        "self", verbose_name=_("成员单位"), symmetrical=False, related_name="groups", blank=True
    )
    active = models.BooleanField(_("启用"), default=True)
    sort_order = models.IntegerField(_("排序"), default=0)
    # Written on save from the name, short name and aliases: the key of the name rules and the text searched.
    name_key = models.CharField(_("名称键"), max_length=200, db_index=True, editable=False, default="")
    search_text = models.TextField(_("检索文本"), editable=False, default="")

    class Meta:
        verbose_name = _("单位")
        verbose_name_plural = _("单位")
        ordering = ("sort_order", "name")

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs) -> None:
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and not NAME_FIELDS & set(update_fields):
            super().save(*args, **kwargs)  # e.g. save(update_fields=["parent"]): the spellings stay
            return
        self.name = self.name.strip()
        self.short_name = (self.short_name or "").strip()
        self.aliases = clean_aliases(self.aliases, self.name)
        self.name_key = name_key(self.name)[:200]
        self.search_text = " ".join(self.spellings())
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "name_key", "search_text"}
        with transaction.atomic():
            super().save(*args, **kwargs)
            self._write_names()

    def spellings(self) -> list[str]:
        """Every way the unit is written: name, short name, aliases (folded, no duplicates)."""
        forms = [self.name, self.short_name, *(self.aliases or [])]
        return list(dict.fromkeys(fold(f) for f in forms if f and fold(f)))

    def _write_names(self) -> None:
        self.names.all().delete()
        UnitName.objects.bulk_create(self.name_rows())

    def name_rows(self) -> list[UnitName]:
        return [UnitName(unit=self, text=text[:200], key=name_key(text)[:200]) for text in self.spellings()]


class UnitName(models.Model):
    """One spelling of a unit (its name, short name or an alias), folded and keyed, kept in step by Unit.save()."""

    unit = models.ForeignKey(Unit, verbose_name=_("单位"), on_delete=models.CASCADE, related_name="names")
    text = models.CharField(_("写法"), max_length=200, db_index=True)
    key = models.CharField(_("名称键"), max_length=200, db_index=True)

    class Meta:
        verbose_name = _("单位写法")
        verbose_name_plural = _("单位写法")

    def __str__(self) -> str:
        return self.text


class Membership(models.Model):
    """A person's role: in a unit (联络员, 单位负责人) or office-wide when unit is empty (督查员, 领导)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="memberships"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("单位"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("成员身份")
        verbose_name_plural = _("成员身份")
        constraints = [
            models.UniqueConstraint(
                fields=("user", "unit", "role"),
                name="units_membership_unique",
                violation_error_message=_("该用户在这个单位已有这个角色。"),
            ),
            # NULLs are distinct in SQL: office-wide roles need their own rule.
            models.UniqueConstraint(
                fields=("user", "role"),
                condition=Q(unit__isnull=True),
                name="units_membership_unique_office_wide",
                violation_error_message=_("该用户已有这个全局角色。"),
            ),
        ]

    def __str__(self) -> str:
        where = self.unit.name if self.unit_id else _("督查室")
        return f"{self.user} · {where} · {self.get_role_display()}"


class LeadKnowledgeStore(models.Model):
    """The one row holding duban.extract.leads.LeadKnowledge as JSON: what plans naming their leads taught."""

    data = models.JSONField(_("数据"), default=dict)
    tasks = models.PositiveIntegerField(_("已学习任务数"), default=0)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("牵头单位学习记录")
        verbose_name_plural = _("牵头单位学习记录")

    def __str__(self) -> str:
        return str(_("牵头单位学习记录（%(n)s 项任务）") % {"n": self.tasks})
