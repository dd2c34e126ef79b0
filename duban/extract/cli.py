"""`duban extract FILE… [--format json|md|xlsx] [-o PATH]`: read plans, write their task structure.

One file and no -o: the result goes to standard output (JSON by default; the scorer reads it there,
so nothing else is ever printed on stdout). Several files: -o names a folder that receives one
NAME.json/.md/.xlsx per input. Problems are one line on stderr, "duban extract: FILE: message",
with exit code 2 for input the person can fix and 1 for anything else; never a traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .errors import ExtractError
from .formats import FORMATS
from .leads import LeadKnowledge

PROG = "duban extract"
_SUFFIX = {"json": ".json", "md": ".md", "xlsx": ".xlsx"}
EXIT_INPUT = 2
EXIT_FAILURE = 1

_DESCRIPTION = """读取实施方案/工作方案/行动计划文件（.txt .docx .pdf .html），输出任务结构。
Read plan files and write their sections, tasks, units, deadlines and targets.

格式 formats:
  json  duban.plan/1 JSON（默认 default）
  md    Markdown 任务表 task table for people
  xlsx  Excel 任务分解表 workbook（必须用 -o 写入文件 needs -o）

例 examples:
  duban extract 方案.docx
  duban extract 方案.pdf --format md -o 方案.md
  duban extract *.txt -o 输出目录/
  duban extract 方案.docx --learned   # 连同已学到的牵头规律 with what duban learned"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description=_DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter,
        add_help=False,
    )
    parser._positionals.title = "参数 arguments"
    parser._optionals.title = "选项 options"
    parser.add_argument("-h", "--help", action="help", help="显示本说明 show this help")
    parser.add_argument(
        "files", nargs="+", metavar="FILE", help="方案文件，- 为标准输入 plan file(s), - for stdin"
    )
    parser.add_argument(
        "--format",
        "-f",
        choices=FORMATS,
        default=None,
        help="输出格式 output format: json (默认 default), md, xlsx",
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="PATH",
        help="输出文件；多个输入时为输出目录 output file, or folder when several files are given",
    )
    parser.add_argument(
        "--learned",
        action="store_true",
        help="同时使用本系统从已确认方案中学到的牵头单位规律（读取数据库）"
        " also use what duban learned from confirmed plans (reads the database)",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command; returns the exit code (0 ok, 2 bad input or usage, 1 other failure)."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # argparse prints its own usage line
        return int(stop.code or 0)
    fmt = args.format or _format_from_path(args.output) or "json"
    files = [Path(name) for name in args.files]
    if len(files) > 1 and not args.output:
        return _fail("", "多个输入文件时请用 -o 指定输出目录 (several files need -o FOLDER)。", EXIT_INPUT)
    if args.output is None and fmt == "xlsx":
        return _fail(
            "", "xlsx 是二进制文件，不能输出到终端；请用 -o 文件名.xlsx (xlsx needs -o FILE)。", EXIT_INPUT
        )
    folder = _output_folder(args.output, len(files))
    if isinstance(folder, int):
        return folder
    learned = None
    if args.learned:
        learned = _learned_from_database()
        if isinstance(learned, int):
            return learned
    status = 0
    used: set[str] = set()
    for path in files:
        target = _target_path(path, args.output, folder, fmt, used)
        status = max(status, _run_one(path, fmt, target, learned))
    return status


def _format_from_path(output: str | None) -> str | None:
    if not output:
        return None
    suffix = Path(output).suffix.lower().lstrip(".")
    return {"json": "json", "md": "md", "markdown": "md", "xlsx": "xlsx"}.get(suffix)


def _output_folder(output: str | None, count: int) -> Path | None | int:
    """The folder outputs go to (several inputs, or -o naming an existing folder); an int is a failure."""
    if output is None:
        return None
    path = Path(output)
    if count == 1 and not path.is_dir():
        return None
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return _fail(output, f"无法创建输出目录（{exc.strerror or exc}）。", EXIT_INPUT)
    return path


def _target_path(
    path: Path, output: str | None, folder: Path | None, fmt: str, used: set[str]
) -> Path | None:
    if folder is None:
        return Path(output) if output else None
    stem = path.stem
    name = stem + _SUFFIX[fmt]
    counter = 2
    while name in used:  # two inputs with the same name from different folders
        name = f"{stem}-{counter}{_SUFFIX[fmt]}"
        counter += 1
    used.add(name)
    return folder / name


def _learned_from_database() -> LeadKnowledge | int:
    """What the directory learned from confirmed plans; the one place `duban extract` touches Django."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "duban.settings")
    try:
        import django

        django.setup()
        from duban.units.directory import learned_lead_knowledge

        return learned_lead_knowledge()
    except Exception as exc:  # no database, or not migrated yet: say so in one line
        if os.environ.get("DUBAN_DEBUG"):
            raise
        return _fail(
            "", f"无法读取数据库中的学习结果，请先运行 duban migrate（{type(exc).__name__}）。", EXIT_INPUT
        )


def _run_one(path: Path, fmt: str, target: Path | None, learned: LeadKnowledge | None = None) -> int:
    label = "stdin" if str(path) == "-" else path.name
    try:
        data = _read_input(path)
        output = _render(data, label, fmt, learned)
        _write(output, target)
    except ExtractError as exc:
        return _fail(label, exc.message, EXIT_INPUT)
    except OSError as exc:
        where = target if target is not None else "stdout"
        return _fail(label, f"无法写出结果到 {where}（{exc.strerror or exc}）。", EXIT_FAILURE)
    except Exception as exc:  # a bug must still end in one line, not a traceback
        if os.environ.get("DUBAN_DEBUG"):
            raise
        return _fail(label, f"内部错误，未能处理此文件（{type(exc).__name__}: {exc}）。", EXIT_FAILURE)
    return 0


def _read_input(path: Path) -> bytes:
    from .readers import MAX_BYTES

    if str(path) == "-":
        data = sys.stdin.buffer.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise ExtractError(f"输入过大（超过 {MAX_BYTES // (1024 * 1024)} MB）。", "too_large")
        return data
    try:
        if path.is_dir():
            raise ExtractError("这是一个文件夹，不是文件。", "unreadable")
        if path.stat().st_size > MAX_BYTES:
            raise ExtractError(
                f"文件过大（超过 {MAX_BYTES // (1024 * 1024)} MB），请拆分或精简后再上传。", "too_large"
            )
        return path.read_bytes()
    except FileNotFoundError:
        raise ExtractError("文件不存在。", "unreadable") from None
    except PermissionError:
        raise ExtractError("没有读取这个文件的权限。", "unreadable") from None
    except OSError as exc:
        raise ExtractError(f"无法读取文件（{exc.strerror or exc}）。", "unreadable") from None


def _render(data: bytes, name: str, fmt: str, learned: LeadKnowledge | None = None) -> str | bytes:
    from . import formats

    try:
        from . import extract as extract_plan  # type: ignore[attr-defined]
    except ImportError:
        raise RuntimeError("duban.extract.extract 不可用 (the extractor is not installed)") from None
    plan = extract_plan(data, name=name, learned=learned)
    if fmt == "md":
        return formats.render_markdown(plan)
    if fmt == "xlsx":
        return formats.render_xlsx(plan)
    return formats.render_json(plan)


def _write(output: str | bytes, target: Path | None) -> None:
    payload = output.encode("utf-8") if isinstance(output, str) else output
    if target is None:
        sys.stdout.buffer.write(payload)
        sys.stdout.flush()
        return
    target.write_bytes(payload)


def _fail(name: str, message: str, code: int) -> int:
    prefix = f"{PROG}: {name}: " if name else f"{PROG}: "
    print(prefix + message, file=sys.stderr)
    return code


if __name__ == "__main__":
    sys.exit(main())
