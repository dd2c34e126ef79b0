"""The ledger: a confirmed plan, its sections and tasks, who does them, checkpoints and targets.

Nothing here exists before a reviewer confirms an ImportDraft (duban.plans.actions.confirm_draft);
every change goes through duban.plans.actions so the audit trail stays complete.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from duban.core import clock

from .choices import AssignmentRole, Comparator, Cycle, NoticeKind, PlanState, TaskKind, TaskState


class CarriedRecord(models.Model):
    """What a plan and a task both keep: who made it, when, and what it was carried over from (结转)."""

    carried_from = models.ForeignKey(
        "self",
        verbose_name=_("结转自"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="carried_to",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("创建人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)

    class Meta:
        abstract = True


class Plan(CarriedRecord):
    """An implementation plan (实施方案) the office supervises, as confirmed from its document."""

    title = models.CharField(_("标题"), max_length=500)
    doc_number = models.CharField(_("文号"), max_length=100, blank=True)
    issuer = models.CharField(_("发文机关"), max_length=200, blank=True)
    issued_on = models.DateField(_("成文日期"), null=True, blank=True)
    period_start = models.DateField(_("起始日期"), null=True, blank=True)
    period_end = models.DateField(_("截止日期"), null=True, blank=True)
    cycle = models.CharField(_("调度周期"), max_length=10, choices=Cycle.choices, default=Cycle.MONTH)
    state = models.CharField(_("状态"), max_length=10, choices=PlanState.choices, default=PlanState.ACTIVE)
    source_name = models.CharField(_("来源文件"), max_length=255, blank=True)
    source_format = models.CharField(_("文件格式"), max_length=10, blank=True)
    source_sha256 = models.CharField(_("文件指纹"), max_length=64, blank=True)
    source_text = models.TextField(_("原文"), blank=True)

    class Meta:
        verbose_name = _("方案")
        verbose_name_plural = _("方案")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["state", "-created_at"], name="plans_plan_state_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=F("period_start")),
                name="plans_plan_period_order",
                violation_error_message=_("方案的截止日期不能早于起始日期。"),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Section(models.Model):
    """A numbered heading of the plan (一、 / （一） / 第一，), in a tree."""

    plan = models.ForeignKey(Plan, verbose_name=_("方案"), on_delete=models.CASCADE, related_name="sections")
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级标题"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    number = models.CharField(_("序号"), max_length=20, blank=True)
    title = models.CharField(_("标题"), max_length=500)
    position = models.PositiveIntegerField(_("顺序"), default=0)

    class Meta:
        verbose_name = _("章节")
        verbose_name_plural = _("章节")
        ordering = ["plan", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "position"],
                name="plans_section_unique_position",
                violation_error_message=_("同一方案中章节顺序不能重复。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}、{self.title}" if self.number else self.title


class Task(CarriedRecord):
    """One assignable piece of work of a plan; a sub-task (parent set) is what a unit split off."""

    plan = models.ForeignKey(Plan, verbose_name=_("方案"), on_delete=models.CASCADE, related_name="tasks")
    section = models.ForeignKey(
        Section,
        verbose_name=_("章节"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级任务"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="children",
    )
    number = models.CharField(_("编号"), max_length=30)
    position = models.PositiveIntegerField(_("顺序"), default=0)
    text = models.TextField(_("任务内容"))
    kind = models.CharField(_("类型"), max_length=10, choices=TaskKind.choices, default=TaskKind.ROUTINE)
    start_on = models.DateField(_("开始日期"), null=True, blank=True)
    deadline = models.DateField(_("完成时限"), null=True, blank=True)
    deadline_text = models.CharField(_("时限原文"), max_length=200, blank=True)
    state = models.CharField(_("状态"), max_length=10, choices=TaskState.choices, default=TaskState.ACTIVE)
    progress = models.PositiveSmallIntegerField(_("进度（%）"), default=0)
    closed_on = models.DateField(_("办结日期"), null=True, blank=True)
    source_ref = models.CharField(_("草稿中的编号"), max_length=30, blank=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        verbose_name = _("任务")
        verbose_name_plural = _("任务")
        ordering = ["plan", "position", "id"]  # a sub-task follows its parent (same position)
        indexes = [
            models.Index(fields=["plan", "section"], name="plans_task_plan_section_idx"),
            models.Index(fields=["plan", "state"], name="plans_task_plan_state_idx"),
            models.Index(fields=["deadline"], name="plans_task_deadline_idx"),
            models.Index(fields=["plan", "position"], name="plans_task_plan_position_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "number"],
                name="plans_task_unique_number",
                violation_error_message=_("同一方案中任务编号不能重复。"),
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100),
                name="plans_task_progress_range",
                violation_error_message=_("进度必须在 0 到 100 之间。"),
            ),
            models.CheckConstraint(
                condition=Q(start_on__isnull=True)
                | Q(deadline__isnull=True)
                | Q(deadline__gte=F("start_on")),
                name="plans_task_dates_order",
                violation_error_message=_("完成时限不能早于开始日期。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.text[:40]}"

    @property
    def is_closed(self) -> bool:
        return self.state == TaskState.CLOSED

    def is_overdue(self, today: dt.date) -> bool:
        """Past its deadline and not closed on `today` (pass duban.core.clock.today())."""
        return self.state != TaskState.CLOSED and self.deadline is not None and self.deadline < today


class Assignment(models.Model):
    """A unit responsible for a task: the lead (牵头) or a co-operating unit (配合)."""

    task = models.ForeignKey(
        Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="assignments"
    )
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("单位"), on_delete=models.PROTECT, related_name="assignments"
    )
    role = models.CharField(
        _("分工"), max_length=10, choices=AssignmentRole.choices, default=AssignmentRole.CO
    )

    class Meta:
        verbose_name = _("责任分工")
        verbose_name_plural = _("责任分工")
        ordering = ["task", "id"]
        indexes = [models.Index(fields=["unit", "role"], name="plans_assignment_unit_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "unit"],
                name="plans_assignment_unique_unit",
                violation_error_message=_("同一单位不能重复分配到同一任务。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit}（{self.get_role_display()}）"


class Milestone(models.Model):
    """A checkpoint of a task, counted back from its deadline (倒排工期)."""

    task = models.ForeignKey(
        Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="milestones"
    )
    position = models.PositiveIntegerField(_("顺序"), default=0)
    title = models.CharField(_("节点"), max_length=200)
    due_on = models.DateField(_("节点日期"))
    done_on = models.DateField(_("完成日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("时间节点")
        verbose_name_plural = _("时间节点")
        ordering = ["task", "position"]
        indexes = [models.Index(fields=["due_on"], name="plans_milestone_due_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["task", "position"],
                name="plans_milestone_unique_position",
                violation_error_message=_("同一任务中节点顺序不能重复。"),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Indicator(models.Model):
    """A quantitative target of a task (完成新增减税50亿元): metric, measure, target and comparator."""

    task = models.ForeignKey(
        Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="indicators"
    )
    metric = models.CharField(_("指标"), max_length=200)
    measure = models.CharField(_("计量单位"), max_length=50, blank=True)
    target = models.DecimalField(_("目标值"), max_digits=20, decimal_places=4)
    comparator = models.CharField(
        _("比较"), max_length=2, choices=Comparator.choices, default=Comparator.EQUAL
    )
    baseline = models.DecimalField(_("基期值"), max_digits=20, decimal_places=4, null=True, blank=True)
    cumulative = models.BooleanField(_("累计值"), default=True)
    source_text = models.TextField(_("原文"), blank=True)

    class Meta:
        verbose_name = _("指标")
        verbose_name_plural = _("指标")
        ordering = ["task", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(comparator__in=[c.value for c in Comparator]),
                name="plans_indicator_comparator_valid",
                violation_error_message=_("指标的比较方式只能是 >=、<= 或 =。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.metric} {self.comparator} {self.target.normalize():f}{self.measure}"


class IndicatorStep(models.Model):
    """The value an indicator is expected to have reached at a cycle's end (its trajectory)."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("指标"), on_delete=models.CASCADE, related_name="steps"
    )
    period_end = models.DateField(_("周期末"))
    expected = models.DecimalField(_("应达值"), max_digits=20, decimal_places=4)

    class Meta:
        verbose_name = _("指标进度节点")
        verbose_name_plural = _("指标进度节点")
        ordering = ["indicator", "period_end"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "period_end"],
                name="plans_indicatorstep_unique_period",
                violation_error_message=_("同一指标在同一周期只能有一个应达值。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.period_end}: {self.expected.normalize():f}"


class ImportDraft(models.Model):
    """A document read into plan JSON (duban.plan/1), under review; deleted on confirm or cancel."""

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # duban's clock (not the wall clock): a draft's age, hence its purge, follows DUBAN_TODAY like the rest.
    created_at = models.DateTimeField(_("上传时间"), default=clock.now, editable=False)
    source_name = models.CharField(_("来源文件"), max_length=255)
    source_format = models.CharField(_("文件格式"), max_length=10, blank=True)
    source_text = models.TextField(_("原文"), blank=True)
    plan_json = models.JSONField(_("方案草稿"), default=dict)
    lead_reasons = models.JSONField(_("牵头单位建议理由"), default=dict, blank=True)
    # {task id: its units from most to least likely lead}, as the extractor ranked them
    lead_rankings = models.JSONField(_("牵头单位建议排序"), default=dict, blank=True)
    # What the reviewer decided for each unit name the directory does not know, applied on confirm:
    # {name: {"action": "create", "kind": UnitKind value} | {"action": "map", "unit": Unit pk}}.
    unit_choices = models.JSONField(_("新单位的处理"), default=dict, blank=True)

    class Meta:
        verbose_name = _("导入草稿")
        verbose_name_plural = _("导入草稿")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        title = (self.plan_json.get("meta") or {}).get("title") if isinstance(self.plan_json, dict) else None
        return title or self.source_name


class Notice(models.Model):
    """Tells a unit something happened to one of its tasks (交办: newly assigned) until it is read."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("单位"), on_delete=models.CASCADE, related_name="notices"
    )
    task = models.ForeignKey(Task, verbose_name=_("任务"), on_delete=models.CASCADE, related_name="notices")
    plan = models.ForeignKey(Plan, verbose_name=_("方案"), on_delete=models.CASCADE, related_name="notices")
    kind = models.CharField(_("类型"), max_length=20, choices=NoticeKind.choices, default=NoticeKind.ASSIGNED)
    created_at = models.DateTimeField(_("通知时间"), auto_now_add=True)
    read_at = models.DateTimeField(_("阅读时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("通知")
        verbose_name_plural = _("通知")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["unit", "read_at"], name="plans_notice_unit_unread_idx")]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "task", "kind"],
                name="plans_notice_unique_per_task",
                violation_error_message=_("同一任务已向该单位发出过同类通知。"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit} · {self.get_kind_display()} · {self.task.number}"
