"""Who a person is in duban: the roles of their memberships, read once per request.

The memberships of a user are cached on the user object (request.user lives for one request), so the
checks below cost one query however many times a page asks.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    SUPERVISOR = "supervisor", _("督查员")
    LEADER = "leader", _("领导")
    LIAISON = "liaison", _("联络员")
    HEAD = "head", _("单位负责人")


UNIT_ROLES = frozenset({Role.LIAISON, Role.HEAD})
_CACHE_ATTR = "_duban_memberships"


def _memberships(user) -> list[tuple[int | None, str]]:
    """(unit_id, role) pairs of the user, fetched once per user object."""
    if user is None or not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        from .models import Membership

        cached = list(Membership.objects.filter(user=user).values_list("unit_id", "role"))
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_roles(user) -> None:
    """Drop the cached memberships (after they changed within the same request)."""
    if user is not None and hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def user_roles(user) -> set[str]:
    """The roles the user holds anywhere (督查员, 领导, 联络员, 单位负责人)."""
    return {role for _, role in _memberships(user)}


def user_unit_ids(user) -> set[int]:
    """The units where the user is liaison or head: the units they report for."""
    return {unit_id for unit_id, role in _memberships(user) if unit_id is not None and role in UNIT_ROLES}


def is_supervisor(user) -> bool:
    """A supervisor of the office, or an administrator (superuser)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return bool(user.is_superuser) or Role.SUPERVISOR in user_roles(user)


def is_leader(user) -> bool:
    return Role.LEADER in user_roles(user)
