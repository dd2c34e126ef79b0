"""The application shell's navigation: one list, read by the base template."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str

    def url(self) -> str:
        return reverse(self.url_name)


# "方案" and "单位" also name one plan / one unit (column headings, verbose_name): the context keeps
# the navigation's plural English apart from the singular.
NAV_ITEMS = [
    NavItem(_("工作台"), "web:home"),
    NavItem(pgettext_lazy("navigation", "方案"), "web:plans"),
    NavItem(_("我的任务"), "web:my_tasks"),
    NavItem(_("审核"), "web:review"),
    NavItem(pgettext_lazy("navigation", "单位"), "web:units"),
    NavItem(_("设置"), "web:settings"),
]


def navigation(request: HttpRequest) -> dict:
    """Context processor: the nav items with the one for the current page marked."""
    path = request.path
    items = []
    for item in NAV_ITEMS:
        url = item.url()
        active = path == url if url == "/" else path.startswith(url)
        items.append({"label": item.label, "url": url, "active": active})
    return {"nav_items": items}
