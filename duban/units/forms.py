"""Forms of the units directory: the upload of a directory file, and the unit form of the admin site."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .io import split_list
from .models import Unit


class DirectoryUploadForm(forms.Form):
    """The file to import: the template filled in (.xlsx) or a CSV in UTF-8 or GBK."""

    file = forms.FileField(
        label=_("单位名录文件"),
        help_text=_("Excel（.xlsx）或 CSV（UTF-8 或 GBK 编码），按模板的列填写。"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv,.txt"}),
    )


class ConfirmImportForm(forms.Form):
    """The confirm button of the preview: the token ties it to the previewed file."""

    token = forms.CharField(widget=forms.HiddenInput)


class DirectoryFilterForm(forms.Form):
    """Search and kind filter of the directory list."""

    q = forms.CharField(label=_("查找"), required=False, max_length=100)
    kind = forms.ChoiceField(label=_("类别"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        from .models import UnitKind

        self.fields["kind"].choices = [("", _("全部类别")), ("group", _("分组")), *UnitKind.choices]


class AliasesField(forms.CharField):
    """A list of aliases edited as one line separated by 、."""

    def prepare_value(self, value):
        if isinstance(value, list):
            return "、".join(value)
        return value

    def to_python(self, value):
        return split_list(super().to_python(value))


class UnitAdminForm(forms.ModelForm):
    aliases = AliasesField(
        label=_("别名"), required=False, help_text=_("用、分隔，如：省发改委、青海省发改委")
    )

    class Meta:
        model = Unit
        fields = (
            "name", "short_name", "aliases", "kind", "parent", "region", "is_group", "members", "active", "sort_order",
        )  # fmt: skip
