"""Forms of the ledger's pages: importing a plan, editing its draft, filtering and editing tasks.

The forms only read and check what a person typed; the edits themselves are duban.plans.drafts (for a
draft) and duban.plans.actions (for a confirmed plan).
"""

from __future__ import annotations

import re
from pathlib import Path

from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _

DOCUMENT_SUFFIXES = (".txt", ".docx", ".pdf", ".html", ".htm")
TABLE_SUFFIXES = (".xlsx",)
_NAME_SEPARATORS = re.compile(r"[\n\r、，,；;]+")
_TARGET_LINE = re.compile(
    r"^(?P<metric>.+?)\s*(?P<cmp>>=|<=|≥|≤|=)\s*(?P<value>[-+]?\d+(?:\.\d+)?)\s*(?P<unit>.*)$"
)
_CMP = {"≥": ">=", "≤": "<="}


def date_input() -> forms.DateInput:
    """A browser date picker; it only understands ISO dates, whatever the interface language."""
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def split_names(text: str) -> list[str]:
    """Unit names typed one per line or separated by 、，；."""
    return list(dict.fromkeys(n.strip() for n in _NAME_SEPARATORS.split(text or "") if n.strip()))


def targets_to_lines(targets: list[dict]) -> str:
    """Targets as the lines the edit form shows: 指标 >= 15 %."""
    return "\n".join(
        f"{t.get('metric') or t.get('text')} {t.get('comparator', '=')} {t.get('value')}{t.get('unit') or ''}"
        for t in targets
    )


def lines_to_targets(text: str, previous: list[dict]) -> list[dict]:
    """Parse the target lines back; an unchanged target keeps its source text. Raises ValidationError."""
    old = {(t.get("metric"), _number(t.get("value")), t.get("unit") or ""): t for t in previous}
    targets = []
    for number, line in enumerate((text or "").splitlines(), start=1):
        line = line.strip()
        if not line:
            continue
        match = _TARGET_LINE.match(line)
        if not match:
            raise forms.ValidationError(
                _("第 %(n)s 行写不成目标：请写成“指标 >= 数值单位”，如“新增就业 >= 6万人”。"),
                params={"n": number},
            )
        metric, unit = match["metric"].strip(), match["unit"].strip()
        value = _number(match["value"])
        kept = old.get((metric, value, unit))
        targets.append(
            {
                "text": kept["text"] if kept else line,
                "metric": metric,
                "value": value,
                "unit": unit,
                "comparator": _CMP.get(match["cmp"], match["cmp"]),
            }
        )
    return targets


def _number(value) -> float | int | None:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return int(number) if number.is_integer() else number


# ── import and draft review ────────────────────────────────────────────────────────────────────────


class ImportForm(forms.Form):
    """The plan document (or Excel task table) to read into a draft."""

    file = forms.FileField(
        label=_("方案文件"),
        help_text=_("支持 .txt、.docx、.pdf、.html 格式的方案原文，或 .xlsx 格式的任务分解表。"),
        error_messages={"required": _("请选择要导入的文件。"), "empty": _("这个文件是空的。")},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        suffix = Path(upload.name or "").suffix.lower()
        if suffix not in DOCUMENT_SUFFIXES + TABLE_SUFFIXES:
            raise forms.ValidationError(
                _("不支持“%(suffix)s”格式：请上传 .txt、.docx、.pdf、.html 文件或 .xlsx 任务分解表。"),
                params={"suffix": suffix or upload.name},
            )
        limit = settings.DUBAN_MAX_UPLOAD_BYTES
        if upload.size > limit:
            raise forms.ValidationError(
                _("文件太大（%(size)s），不能超过 %(limit)s。"),
                params={"size": filesizeformat(upload.size), "limit": filesizeformat(limit)},
            )
        return upload

    def is_task_table(self) -> bool:
        return Path(self.cleaned_data["file"].name).suffix.lower() in TABLE_SUFFIXES


class DraftMetaForm(forms.Form):
    """The plan's own particulars as the extractor read them."""

    title = forms.CharField(label=_("方案标题"), max_length=500)
    doc_number = forms.CharField(label=_("文号"), max_length=100, required=False)
    issuer = forms.CharField(label=_("发文机关"), max_length=200, required=False)
    issued_on = forms.DateField(label=_("成文日期"), required=False, widget=date_input())
    period_end = forms.DateField(label=_("截止日期"), required=False, widget=date_input())


class DraftTaskForm(forms.Form):
    """One task of the draft: its text, units, lead, deadline and targets."""

    check = forms.CharField(widget=forms.HiddenInput)
    text = forms.CharField(label=_("任务内容"), widget=forms.Textarea(attrs={"rows": 4}))
    units = forms.CharField(
        label=_("责任单位"),
        required=False,
        help_text=_("每行一个，或用“、”分隔。"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    lead = forms.CharField(
        label=_("牵头单位"),
        required=False,
        help_text=_("须是责任单位之一；多个用“、”分隔。"),
        max_length=1000,
    )
    deadline_text = forms.CharField(label=_("完成时限（原文）"), required=False, max_length=200)
    deadline_date = forms.DateField(label=_("完成日期"), required=False, widget=date_input())
    targets = forms.CharField(
        label=_("目标"),
        required=False,
        help_text=_("每行一个，写成“指标 >= 数值单位”，如“新增就业 >= 6万人”。"),
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args, previous_targets: list[dict] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.previous_targets = previous_targets or []

    @classmethod
    def initial_for(cls, task: dict, check: str) -> dict:
        deadline = task.get("deadline") or {}
        return {
            "check": check,
            "text": task.get("text", ""),
            "units": "\n".join(task.get("units") or []),
            "lead": "、".join(task.get("lead") or []),
            "deadline_text": deadline.get("text") or "",
            "deadline_date": deadline.get("date") or None,
            "targets": targets_to_lines(task.get("targets") or []),
        }

    def clean_targets(self) -> list[dict]:
        return lines_to_targets(self.cleaned_data.get("targets", ""), self.previous_targets)

    def draft_fields(self) -> dict:
        """The fields for duban.plans.drafts.update_task."""
        data = self.cleaned_data
        date = data.get("deadline_date")
        deadline = {"text": data.get("deadline_text", ""), "date": date.isoformat() if date else None}
        return {
            "text": data["text"],
            "units": split_names(data.get("units", "")),
            "lead": split_names(data.get("lead", "")),
            "deadline": deadline,
            "targets": data["targets"],
        }


class DraftSplitForm(forms.Form):
    """Where to cut a task: at one of its sentences, or into pieces typed one per line."""

    check = forms.CharField(widget=forms.HiddenInput)
    at = forms.IntegerField(required=False, min_value=1)
    pieces = forms.CharField(
        label=_("或逐行写出拆分后的各项"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        data = super().clean()
        if data.get("at") is None and not (data.get("pieces") or "").strip():
            raise forms.ValidationError(_("请选择从哪一句拆开，或逐行写出拆分后的各项。"))
        return data

    def split_at(self) -> int | list[str]:
        if self.cleaned_data.get("at") is not None:
            return self.cleaned_data["at"]
        return [line for line in self.cleaned_data["pieces"].splitlines() if line.strip()]


class DraftCheckForm(forms.Form):
    """A structural edit of one task (delete, accept its lead) that only needs to know it is the same task."""

    check = forms.CharField(widget=forms.HiddenInput)


class DraftMergeForm(forms.Form):
    check = forms.CharField(widget=forms.HiddenInput)
    next_id = forms.CharField(widget=forms.HiddenInput)
    next_check = forms.CharField(widget=forms.HiddenInput)


class DraftMoveForm(forms.Form):
    check = forms.CharField(widget=forms.HiddenInput)
    section = forms.CharField(label=_("移到"), required=False)


class DraftAddForm(forms.Form):
    section = forms.CharField(required=False, widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("补充遗漏的任务"),
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("请写出任务内容。")},
    )


class UnitChoiceForm(forms.Form):
    """新单位: what a unit name the directory lacks becomes on confirm — a new unit of a kind, or an existing
    unit (picked among the candidates, or any unit by its name)."""

    CREATE, MAP = "create", "map"

    name = forms.CharField(widget=forms.HiddenInput)
    action = forms.ChoiceField(
        label=_("处理方式"),
        choices=[(CREATE, _("新建单位")), (MAP, _("对应到已有单位"))],
        widget=forms.HiddenInput,
        error_messages={"required": _("请选择新建单位，或对应到已有单位。")},
    )
    kind = forms.CharField(label=_("单位类别"), required=False)
    unit = forms.IntegerField(label=_("可能是"), required=False)
    unit_name = forms.CharField(label=_("或输入已有单位名称"), required=False, max_length=200)

    def clean(self):
        data = super().clean()
        if data.get("action") == self.CREATE and not data.get("kind"):
            raise forms.ValidationError(_("请选择单位类别。"))
        if (
            data.get("action") == self.MAP
            and not data.get("unit")
            and not (data.get("unit_name") or "").strip()
        ):
            raise forms.ValidationError(_("请选择或输入要对应的已有单位。"))
        return data


# ── confirmed plans and tasks ──────────────────────────────────────────────────────────────────────


class TaskFilterForm(forms.Form):
    """The task table's filters; every field is optional and a wrong value is simply ignored."""

    q = forms.CharField(label=_("搜索"), required=False, max_length=100)
    section = forms.TypedChoiceField(label=_("章节"), required=False, coerce=int, empty_value=None)
    unit = forms.TypedChoiceField(label=_("责任单位"), required=False, coerce=int, empty_value=None)
    state = forms.ChoiceField(label=_("状态"), required=False)
    kind = forms.ChoiceField(label=_("类型"), required=False)
    overdue = forms.BooleanField(label=_("只看逾期"), required=False)

    def __init__(self, *args, sections=(), units=(), **kwargs):
        from duban.plans.choices import TaskKind, TaskState

        super().__init__(*args, **kwargs)
        everything = [("", _("全部"))]
        self.fields["section"].choices = everything + [(s.pk, str(s)) for s in sections]
        self.fields["unit"].choices = everything + [(u.pk, u.name) for u in units]
        self.fields["state"].choices = everything + list(TaskState.choices)
        self.fields["kind"].choices = everything + list(TaskKind.choices)

    def filters(self) -> dict:
        """The valid filters only (an invalid one is dropped, the others still apply)."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "", False)}


class TaskEditForm(forms.Form):
    """A supervisor's edit of a task (actions.update_task)."""

    text = forms.CharField(label=_("任务内容"), widget=forms.Textarea(attrs={"rows": 4}))
    section = forms.ModelChoiceField(label=_("章节"), queryset=None, required=False, empty_label=_("（无）"))
    kind = forms.ChoiceField(label=_("类型"))
    start_on = forms.DateField(label=_("开始日期"), required=False, widget=date_input())
    deadline = forms.DateField(label=_("完成时限"), required=False, widget=date_input())
    deadline_text = forms.CharField(label=_("时限原文"), required=False, max_length=200)

    def __init__(self, *args, task, **kwargs):
        from duban.plans.choices import TaskKind
        from duban.plans.models import Section

        initial = {
            "text": task.text,
            "section": task.section_id,
            "kind": task.kind,
            "start_on": task.start_on,
            "deadline": task.deadline,
            "deadline_text": task.deadline_text,
        }
        super().__init__(*args, initial=initial, **kwargs)
        self.fields["section"].queryset = Section.objects.filter(plan_id=task.plan_id)
        self.fields["kind"].choices = TaskKind.choices

    def changes(self) -> dict:
        """Only the fields the person changed, for actions.update_task."""
        return {name: self.cleaned_data[name] for name in self.changed_data}


class SubTaskForm(forms.Form):
    """One sub-task of a split: what, for which unit below, by when."""

    text = forms.CharField(label=_("子任务内容"), widget=forms.Textarea(attrs={"rows": 2}))
    unit = forms.ModelChoiceField(label=_("责任单位"), queryset=None, empty_label=_("请选择"))
    deadline = forms.DateField(
        label=_("完成时限"),
        required=False,
        help_text=_("不填则与上级任务相同。"),
        widget=date_input(),
    )

    def __init__(self, *args, units=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units


class BaseSubTaskFormSet(forms.BaseFormSet):
    def __init__(self, *args, units=None, **kwargs):
        self.units = units
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index):
        return {**super().get_form_kwargs(index), "units": self.units}

    @property
    def empty_form(self):
        form = self.form(
            auto_id=self.auto_id, prefix=self.add_prefix("__prefix__"), units=self.units, empty_permitted=True
        )
        self.add_fields(form, None)
        return form

    def clean(self):
        super().clean()
        if not any(form.cleaned_data for form in self.forms if form.is_valid()):
            raise forms.ValidationError(_("请至少填写一项子任务。"))


SubTaskFormSet = forms.formset_factory(SubTaskForm, formset=BaseSubTaskFormSet, extra=3, max_num=30)


class CarryOverForm(forms.Form):
    """结转: the unfinished tasks go on into a new plan."""

    title = forms.CharField(label=_("新方案标题"), max_length=500)
    period_end = forms.DateField(label=_("新方案截止日期"), widget=date_input())
