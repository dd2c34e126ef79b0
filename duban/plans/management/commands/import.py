"""`duban import FILE [--confirm] [--user USERNAME]`: read a plan document into a draft (or a confirmed plan)."""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from duban.plans import drafts
from duban.plans.actions import ActionError, confirm_draft, create_draft

from ._cli import find_user, refuse


class Command(BaseCommand):
    help = (
        "导入实施方案文件为待审核草稿（--confirm 直接确认）/ import a plan document as a draft, or confirm it"
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="方案文件 .txt/.docx/.pdf/.html")
        parser.add_argument(
            "--confirm", action="store_true", help="确认草稿，生成方案和任务 / confirm at once"
        )
        parser.add_argument(
            "--accept-leads", action="store_true", help="采纳建议的牵头单位 / take the suggested leads"
        )
        parser.add_argument("--user", help="以该用户身份导入（须为督查员）/ act as this user")

    def handle(self, *args, **options):
        path = Path(options["file"])
        try:
            data = path.read_bytes()
        except OSError:
            raise refuse(self, _("无法读取文件：%(path)s。") % {"path": path}) from None
        user = find_user(self, options.get("user"))
        try:
            draft = create_draft(user, data, path.name)
            if options["accept_leads"]:
                draft.plan_json = drafts.accept_suggested_leads(draft.plan_json)
                draft.save(update_fields=["plan_json"])
            if not options["confirm"]:
                self.stdout.write(str(draft.pk))
                return
            plan = confirm_draft(draft, user)
        except ActionError as exc:
            raise refuse(self, exc.message) from None
        except PermissionDenied:
            raise refuse(
                self, _("用户“%(user)s”没有导入方案的权限（须为督查员）。") % {"user": user}
            ) from None
        self.stdout.write(str(plan.pk))
