"""`duban audit verify` checks the hash chain; `duban audit tail [-n 20]` prints the latest events."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from django.utils.translation import gettext as _

from duban.audit.log import describe_changes, verify_chain
from duban.audit.models import AuditEvent


class Command(BaseCommand):
    help = (
        "审计日志：verify 校验哈希链，tail 显示最近的记录 / audit trail: verify the chain, show recent events"
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="subcommand", required=True)
        sub.add_parser("verify", help="校验审计链 / verify the hash chain")
        tail = sub.add_parser("tail", help="显示最近的记录 / show the latest events")
        tail.add_argument("-n", type=int, default=20, help="条数 / how many (default 20)")

    def handle(self, *args, subcommand: str, **options):
        if subcommand == "verify":
            self.verify()
        else:
            self.tail(options["n"])

    def verify(self) -> None:
        check = verify_chain()
        if not check.ok:
            message = _("审计链在第 %(n)s 条记录（编号 %(id)s）处断开：%(reason)s") % {
                "n": check.checked + 1,
                "id": check.broken_id,
                "reason": check.reason,
            }
            raise CommandError(message, returncode=1)
        self.stdout.write(_("审计链完整：%(n)s 条记录") % {"n": check.checked})
        if check.head_hash:
            self.stdout.write(_("最新哈希：%(hash)s") % {"hash": check.head_hash})

    def tail(self, count: int) -> None:
        if count < 1:
            raise CommandError(_("条数必须是正整数"))
        events = list(AuditEvent.objects.select_related("object_type").order_by("-id")[:count])
        if not events:
            self.stdout.write(_("还没有审计记录"))
        for event in reversed(events):
            self.stdout.write(self.line(event))
            for change in describe_changes(event):
                if event.before is None:  # a new object: its values, not "— → value"
                    self.stdout.write(f"    {change.label}：{change.after}")
                else:
                    self.stdout.write(f"    {change.label}：{change.before} → {change.after}")

    def line(self, event: AuditEvent) -> str:
        when = timezone.localtime(event.at).strftime("%Y-%m-%d %H:%M")
        kind = event.object_type.model_class()
        kind_name = kind._meta.verbose_name if kind else event.object_type.model
        text = f"{when}  {event.actor_label}  {event.action_label}  {kind_name}「{event.object_repr}」"
        return f"{text}  {event.note}" if event.note else text
