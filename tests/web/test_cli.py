"""The `duban` console command."""

import subprocess
import sys

import pytest

from duban.cli import main


def test_help_lists_commands_in_plain_words(capsys):
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "extract" in out and "demo" in out
    assert "读取方案文件" in out


@pytest.mark.django_db
def test_demo_creates_accounts_that_can_log_in(client):
    from django.core.management import call_command

    call_command("demo")
    call_command("demo")  # a second run changes nothing and does not fail
    from duban.plans.management.commands.demo import DEMO_PASSWORD

    assert client.login(username="office", password=DEMO_PASSWORD)


def test_console_script_runs_django_commands():
    result = subprocess.run(
        [sys.executable, "-m", "duban.cli", "check"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout
