"""`duban demo`: demo accounts (and, as the parts land, the example plan) for a first look."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand

DEMO_PASSWORD = "duban-demo"

# username, full name, is_superuser
DEMO_ACCOUNTS = [
    ("admin", "系统管理员", True),
    ("office", "督查室 王督查", False),
]


def ensure_demo_accounts() -> list[str]:
    """Create the demo accounts that are missing; return every demo username."""
    User = get_user_model()
    for username, full_name, is_superuser in DEMO_ACCOUNTS:
        user, created = User.objects.get_or_create(username=username)
        if created:
            user.first_name = full_name
            user.is_staff = is_superuser
            user.is_superuser = is_superuser
            user.set_password(DEMO_PASSWORD)
            user.save()
    return [username for username, _, _ in DEMO_ACCOUNTS]


class Command(BaseCommand):
    help = "载入演示数据和演示账号 / load demo data and demo accounts (safe to run again)"

    def handle(self, *args, **options):
        usernames = ensure_demo_accounts()
        self.stdout.write(f"演示账号 / demo accounts (密码 password: {DEMO_PASSWORD}):")
        for username, full_name, _ in DEMO_ACCOUNTS:
            if username in usernames:
                self.stdout.write(f"  {username:<10} {full_name}")
        self.stdout.write("打开 / open http://127.0.0.1:8000/")
