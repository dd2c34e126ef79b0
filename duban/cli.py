"""The `duban` console command.

`duban extract …` runs the extractor without starting Django (it is a plain library); every other
subcommand is a Django management command (`duban migrate`, `duban demo`, `duban import …`).
"""

from __future__ import annotations

import os
import sys

# Commands of duban itself, in the order a new user meets them. Later parts add theirs here.
OWN_COMMANDS = [
    ("demo", "载入演示数据和演示账号 / load the demo plan and demo accounts"),
    ("extract", "读取方案文件，输出任务结构 / read a plan file into duban.plan/1 JSON, Markdown or Excel"),
    ("runserver", "在本机启动网页服务 / serve the web pages on this machine"),
    ("migrate", "创建或升级数据库表 / create or upgrade the database tables"),
    ("createsuperuser", "创建系统管理员账号 / create an administrator account"),
]


def print_help() -> None:
    print("duban（督办）: 把实施方案变成督办台账 / turn an implementation plan into a supervised ledger\n")
    print("用法 / usage: duban <命令 command> [参数 options]\n")
    width = max(len(name) for name, _ in OWN_COMMANDS)
    for name, words in OWN_COMMANDS:
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
