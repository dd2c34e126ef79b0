"""`duban export tasks PLAN_ID -o FILE.xlsx`: write a plan's task table (任务分解表) to Excel."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from duban.plans.models import Plan

from ._cli import refuse


class Command(BaseCommand):
    help = "导出方案的任务分解表（Excel）/ export a plan's task table to Excel"

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["tasks"], help="导出内容：tasks 任务分解表")
        parser.add_argument("plan_id", help="方案编号 / plan id")
        parser.add_argument("-o", "--output", required=True, help="输出文件 FILE.xlsx")

    def handle(self, *args, **options):
        plan = (
            Plan.objects.filter(pk=int(options["plan_id"])).first() if options["plan_id"].isdigit() else None
        )
        if plan is None:
            raise refuse(self, _("没有编号为 %(id)s 的方案。") % {"id": options["plan_id"]})
        path = Path(options["output"])
        if path.suffix.lower() != ".xlsx":
            raise refuse(self, _("输出文件须以 .xlsx 结尾。"))
        if not path.parent.exists():
            raise refuse(self, _("文件夹不存在：%(path)s。") % {"path": path.parent})
        try:
            from duban.reports.tasktable import export_plan
        except ImportError:
            raise refuse(self, _("本系统尚未安装 Excel 任务表导出功能。")) from None
        export_plan(plan, path)
        self.stdout.write(str(path))
