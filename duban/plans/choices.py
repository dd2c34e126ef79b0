"""The fixed vocabularies of the ledger: cycles, states, kinds, roles (Chinese labels first)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Cycle(models.TextChoices):
    """How often units report and how the milestones of a plan are spaced."""

    MONTH = "month", _("月")
    TEN_DAYS = "ten_days", _("旬")
    WEEK = "week", _("周")


class PlanState(models.TextChoices):
    ACTIVE = "active", _("执行中")
    CLOSED = "closed", _("已结束")


class TaskKind(models.TextChoices):
    INDICATOR = "indicator", _("指标")
    PROJECT = "project", _("项目")
    DOCUMENT = "document", _("文件")
    EVENT = "event", _("活动")
    ROUTINE = "routine", _("常态")


class TaskState(models.TextChoices):
    ACTIVE = "active", _("进行中")
    CLOSED = "closed", _("已办结")


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("牵头")
    CO = "co", _("配合")


class Comparator(models.TextChoices):
    AT_LEAST = ">=", _("不低于")
    AT_MOST = "<=", _("不高于")
    EQUAL = "=", _("等于")


class NoticeKind(models.TextChoices):
    ASSIGNED = "assigned", _("交办")
