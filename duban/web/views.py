"""The application shell's own pages. Each part of duban adds its pages in its own views."""

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """工作台: where everyone lands after logging in."""
    return render(request, "web/home.html")


@login_required
def plans(request: HttpRequest) -> HttpResponse:
    return render(request, "web/empty.html", {"title": _("方案"), "message": _("还没有方案。")})


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    return render(
        request, "web/empty.html", {"title": _("我的任务"), "message": _("目前没有分配给您的任务。")}
    )


@login_required
def review(request: HttpRequest) -> HttpResponse:
    return render(request, "web/empty.html", {"title": _("审核"), "message": _("没有等待审核的进展报告。")})


@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    """设置: the interface language for everyone, the admin site for administrators."""
    return render(request, "web/settings.html")
