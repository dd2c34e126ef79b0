"""Pages of the units directory: the list and each unit's page everyone reads, and the import only
supervisors may run.

Import is upload → preview → confirm. The previewed rows wait in the session (a directory file is
small), tied to a token the confirm form carries; confirming plans them again against the directory as
it is then, so nothing written between the two steps is overwritten unseen.
"""

from __future__ import annotations

import secrets

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from duban.extract.orgs import fold
from duban.plans.workload import unit_workload
from duban.units import io as units_io
from duban.units.forms import ConfirmImportForm, DirectoryFilterForm, DirectoryUploadForm
from duban.units.models import Membership, Unit
from duban.units.roles import is_supervisor

PAGE_SIZE = 50
SESSION_KEY = "units_import"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Multipart framing around the file: a request this much over the limit is refused unread.
UPLOAD_OVERHEAD = 64 * 1024


def _require_supervisor(request: HttpRequest) -> None:
    if not is_supervisor(request.user):
        raise PermissionDenied(_("只有督查员或系统管理员可以修改单位名录。"))


def _directory_units(q: str, kind: str) -> QuerySet[Unit]:
    units = (
        Unit.objects.select_related("parent")
        .annotate(member_count=Count("members", distinct=True))
        .prefetch_related(Prefetch("groups", queryset=Unit.objects.only("id", "name").order_by("sort_order")))
        .order_by("sort_order", "name")
    )
    if q:
        units = units.filter(Q(search_text__icontains=fold(q)) | Q(name__icontains=q.strip()))
    if kind == "group":
        units = units.filter(is_group=True)
    elif kind:
        units = units.filter(kind=kind)
    return units


@login_required
@require_GET
def directory(request: HttpRequest) -> HttpResponse:
    """单位名录: every unit with its kind, parent and groups; search by any spelling, filter by kind."""
    form = DirectoryFilterForm(request.GET)
    q, kind = "", ""
    if form.is_valid():
        q, kind = form.cleaned_data["q"], form.cleaned_data["kind"]
    page = Paginator(_directory_units(q, kind), PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "filtered": bool(q or kind),
        "can_change": is_supervisor(request.user),
    }
    return render(request, "units/directory.html", context)


def _people(unit: Unit) -> list[dict]:
    """The unit's people (active accounts) with their roles there: a name and a role, no contact details."""
    people: dict[int, dict] = {}
    memberships = (
        Membership.objects.filter(unit=unit, user__is_active=True)
        .select_related("user")
        .only("role", "user__username", "user__first_name", "user__last_name")
        .order_by("role", "user__username")
    )
    for membership in memberships:
        user = membership.user
        person = people.setdefault(user.pk, {"name": user.get_full_name() or user.username, "roles": []})
        person["roles"].append(membership.get_role_display())
    return list(people.values())


@login_required
@require_GET
def unit_detail(request: HttpRequest, unit_id: int) -> HttpResponse:
    """单位: who the unit is, where it sits (groups, members, units below), its people and its tasks by plan."""
    unit = get_object_or_404(Unit.objects.select_related("parent"), pk=unit_id)
    brief = Unit.objects.only("id", "name", "active").order_by("sort_order", "name")
    context = {
        "unit": unit,
        "groups": list(brief.filter(members=unit)),
        "members": list(brief.filter(groups=unit)) if unit.is_group else [],
        "children": list(brief.filter(parent=unit)),
        "people": _people(unit),
        "workload": unit_workload(unit),
        "admin_url": "",
    }
    if request.user.is_staff or is_supervisor(request.user):
        context["admin_url"] = reverse("admin:units_unit_change", args=[unit.pk])
    return render(request, "units/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def import_directory(request: HttpRequest) -> HttpResponse:
    """导入单位名录: upload a file, see what will change, confirm."""
    _require_supervisor(request)
    if request.method == "POST" and "token" in request.POST:
        return _confirm(request)
    if request.method == "POST" and "cancel" in request.POST:
        request.session.pop(SESSION_KEY, None)
        messages.info(request, _("已取消导入，单位名录没有变化。"))
        return redirect("web:units_import")
    if request.method == "POST":
        return _upload(request)
    return _render_import(request, DirectoryUploadForm())


def _render_import(
    request: HttpRequest, form, plan=None, token: str = "", name: str = "", status: int = 200, error: str = ""
) -> HttpResponse:
    context = {"form": form, "plan": plan, "token": token, "file_name": name, "file_error": error}
    return render(request, "units/import.html", context, status=status)


def _too_large(request: HttpRequest) -> bool:
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > units_io.max_upload_bytes() + UPLOAD_OVERHEAD


def _upload(request: HttpRequest) -> HttpResponse:
    if _too_large(request):  # refuse before Django reads the body into a temporary file
        return _render_import(request, DirectoryUploadForm(), status=413, error=_too_large_message(request))
    form = DirectoryUploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _render_import(request, form, status=400)
    upload = form.cleaned_data["file"]
    try:
        units_io.check_size(upload.size)
        plan = units_io.prepare_import(upload.read(), upload.name)
    except units_io.ImportFileError as exc:
        form.add_error("file", exc.message)
        return _render_import(request, form, status=400)
    token = ""
    if plan.ok:
        token = secrets.token_urlsafe(16)
        request.session[SESSION_KEY] = {"token": token, "rows": plan.rows_as_data(), "name": upload.name}
    return _render_import(request, DirectoryUploadForm(), plan, token, upload.name)


def _too_large_message(request: HttpRequest) -> str:
    try:
        units_io.check_size(int(request.META.get("CONTENT_LENGTH") or 0))
    except units_io.ImportFileError as exc:
        return exc.message
    return ""


def _confirm(request: HttpRequest) -> HttpResponse:
    form = ConfirmImportForm(request.POST)
    pending = request.session.get(SESSION_KEY) or {}
    if not form.is_valid() or form.cleaned_data["token"] != pending.get("token"):
        messages.error(request, _("这次导入已失效（可能已确认过或已取消），请重新上传文件。"))
        return redirect("web:units_import")
    rows = units_io.rows_from_data(pending["rows"])
    try:
        result = units_io.apply_rows(rows, actor=request.user)
    except units_io.ImportRowsError as exc:
        request.session.pop(SESSION_KEY, None)
        plan = units_io.ImportPlan(rows=rows, changes=[], errors=exc.errors)
        return _render_import(request, DirectoryUploadForm(), plan, "", pending.get("name", ""), status=409)
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        _("单位名录已导入：新建 %(created)s 个，更新 %(updated)s 个，不变 %(unchanged)s 个。")
        % {"created": result.created, "updated": result.updated, "unchanged": result.unchanged},
    )
    return redirect("web:units")


def _xlsx_response(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


@login_required
@require_GET
def template_download(request: HttpRequest) -> HttpResponse:
    """The empty template (.xlsx) to fill in."""
    return _xlsx_response(units_io.template_xlsx(), "单位名录模板.xlsx")


@login_required
@require_GET
def export_download(request: HttpRequest) -> HttpResponse:
    """The whole directory in the template's layout: edit it and import it again."""
    return _xlsx_response(units_io.export_xlsx(), "单位名录.xlsx")
