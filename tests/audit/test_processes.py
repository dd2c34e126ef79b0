"""Several app server processes writing the audit trail into one SQLite file keep a single chain."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
WRITER = """
from django.contrib.auth.models import Group
from duban.audit.log import record
group, _ = Group.objects.get_or_create(name="并发组")
for i in range(25):
    record(None, "update", group, note=f"{worker}-{i}")
"""


def duban(args, env, **kwargs):
    return subprocess.run([sys.executable, "-m", "duban.cli", *args], env=env, cwd=ROOT, **kwargs)


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX processes")
def test_processes_writing_one_sqlite_file_keep_one_chain(tmp_path):
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{tmp_path / 'duban.sqlite3'}",
        "DUBAN_VAR_DIR": str(tmp_path),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    duban(["migrate", "-v0"], env, check=True)
    writers = [
        subprocess.Popen(
            [sys.executable, "-m", "duban.cli", "shell", "-c", f"worker = {n}\n{WRITER}"],
            env=env,
            cwd=ROOT,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    errors = [writer.communicate()[1] for writer in writers]
    assert [writer.returncode for writer in writers] == [0, 0, 0, 0], errors

    verify = duban(["audit", "verify"], env, capture_output=True, text=True)
    assert verify.returncode == 0, verify.stderr
    assert "审计链完整：100 条记录" in verify.stdout
