"""The `duban` console command.

`duban extract …` runs the extractor without starting Django (it is a plain library); every other
subcommand is a Django management command (`duban migrate`, `duban demo`, `duban import …`).
`duban --help` lists duban's own commands, found in the apps' management/commands folders, with the
first line of each command's help.
"""

from __future__ import annotations

import os
import sys

EXTRACT_HELP = "读取方案文件，输出任务结构 / read a plan file into duban.plan/1 JSON, Markdown or Excel"
# Django's own commands a new user needs, in plain words.
DJANGO_ESSENTIALS = [
    ("runserver", "在本机启动网页服务 / serve the web pages on this machine"),
    ("migrate", "创建或升级数据库表 / create or upgrade the database tables"),
    ("createsuperuser", "创建系统管理员账号 / create an administrator account"),
    ("collectstatic", "收集静态文件（生产部署）/ gather static files for production"),
]


def _setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")
    import django

    django.setup()


def own_commands() -> list[tuple[str, str]]:
    """(name, first line of help) for every management command that lives in a duban app."""
    _setup_django()
    from django.core.management import get_commands, load_command_class

    found = [("extract", EXTRACT_HELP)]
    for name, app in sorted(get_commands().items()):
        if app.startswith("duban."):
            help_text = (load_command_class(app, name).help or "").strip().splitlines()
            found.append((name, help_text[0] if help_text else ""))
    return found


def print_help() -> None:
    print("duban（督办）: 把实施方案变成督办台账 / turn an implementation plan into a supervised ledger\n")
    print("用法 / usage: duban <命令 command> [参数 options]\n")
    commands = own_commands() + DJANGO_ESSENTIALS
    width = max(len(name) for name, _ in commands)
    for name, words in commands:
        print(f"  {name.ljust(width)}  {words}")
    print("\n每个命令的说明 / help on one command: duban <命令> --help")
    print("全部 Django 管理命令 / every Django management command: duban help --commands")


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        print_help()
        return 0
    if args[0] == "extract":
        from duban.extract.cli import main as extract_main

        return extract_main(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["duban", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
