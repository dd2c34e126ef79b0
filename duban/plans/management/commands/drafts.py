"""`duban drafts purge`: delete import drafts older than DUBAN_DRAFT_DAYS (7 by default), anyone's."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from duban.plans.actions import draft_days, purge_expired_drafts


class Command(BaseCommand):
    help = "清除过期的导入草稿 / delete import drafts older than DUBAN_DRAFT_DAYS"

    def add_arguments(self, parser):
        parser.add_argument("what", choices=["purge"], help="purge：清除过期草稿")

    def handle(self, *args, **options):
        count = purge_expired_drafts()
        self.stdout.write(
            _("已清除 %(n)s 份超过 %(days)s 天未确认的导入草稿。") % {"n": count, "days": draft_days()}
        )
