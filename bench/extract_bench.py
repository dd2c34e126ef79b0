"""Extraction speed on the dev corpus: per document, throughput, the example plan, a cold command run.

Run: .venv/bin/python bench/extract_bench.py [--repeat N]
Goals (figures only, nothing is asserted): ≥ 1 MB/s of plan text on one core, the example plan
< 25 ms in-process, a cold `duban extract` < 1.5 s wall.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev"
EXAMPLE = "000_qinghai_shouguan_kaiju.txt"
INPUT_SUFFIXES = {".txt", ".docx", ".pdf", ".html", ".htm"}

sys.path.insert(0, str(REPO))


def corpus_files() -> list[Path]:
    return sorted(p for p in CORPUS.iterdir() if p.suffix in INPUT_SUFFIXES and ".blind." not in p.name)


def time_call(function, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        times.append(time.perf_counter() - started)
    return times


def per_document(files: list[Path], repeat: int) -> None:
    from duban.extract import extract
    from duban.extract.readers import read_document

    print(f"{'document':52} {'KB':>6} {'read ms':>8} {'extract ms':>10} {'tasks':>5}")
    for path in files:
        data = path.read_bytes()
        try:
            plan = extract(data, name=path.name)  # warm-up: lazy imports, regex compilation
        except Exception as exc:  # a benchmark reports, it does not stop
            print(f"{path.name:52} failed: {type(exc).__name__}: {exc}")
            continue
        name = path.name
        read_ms = statistics.median(time_call(lambda d=data, n=name: read_document(d, n), repeat)) * 1000
        extract_ms = statistics.median(time_call(lambda d=data, n=name: extract(d, name=n), repeat)) * 1000
        print(f"{path.name:52} {len(data) / 1024:6.1f} {read_ms:8.2f} {extract_ms:10.2f} {len(plan.tasks):5}")


def throughput(files: list[Path], seconds: float) -> None:
    from duban.extract import extract

    texts = [(p.name, p.read_bytes()) for p in files if p.suffix == ".txt"]
    for name, data in texts:
        extract(data, name=name)
    done = 0
    started = time.perf_counter()
    while time.perf_counter() - started < seconds:
        for name, data in texts:
            extract(data, name=name)
            done += len(data)
    elapsed = time.perf_counter() - started
    print(
        f"throughput: {done / elapsed / 1e6:.2f} MB/s of plan text (.txt corpus, one core, {elapsed:.1f} s)"
    )


def example_plan(repeat: int) -> None:
    from duban.extract import extract

    path = CORPUS / EXAMPLE
    data = path.read_bytes()
    extract(data, name=path.name)
    times = time_call(lambda: extract(data, name=path.name), repeat)
    print(
        f"example plan {EXAMPLE} ({len(data) / 1024:.1f} KB): median {statistics.median(times) * 1000:.2f} ms, "
        f"best {min(times) * 1000:.2f} ms (goal < 25 ms)"
    )


def cold_runs(runs: int) -> None:
    example = str(CORPUS / EXAMPLE)
    commands = [("python -m duban.extract.cli", [sys.executable, "-m", "duban.extract.cli", example])]
    console = Path(sys.executable).parent / "duban"
    if console.exists():
        commands.append((".venv/bin/duban extract", [str(console), "extract", example]))
    env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
    for label, argv in commands:
        walls = []
        for _ in range(runs):
            started = time.perf_counter()
            result = subprocess.run(argv, capture_output=True, cwd=REPO, env=env)
            walls.append(time.perf_counter() - started)
        status = (
            "ok" if result.returncode == 0 else f"exit {result.returncode}: {result.stderr.decode()[:120]}"
        )
        print(
            f"cold {label}: first {walls[0]:.3f} s, median {statistics.median(walls):.3f} s over {runs} runs "
            f"({status}; goal < 1.5 s)"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=30, help="timed runs per document (median reported)")
    parser.add_argument("--seconds", type=float, default=5.0, help="duration of the throughput run")
    parser.add_argument("--cold-runs", type=int, default=5)
    args = parser.parse_args()
    files = corpus_files()
    print(f"corpus: {CORPUS} ({len(files)} documents)\n")
    per_document(files, args.repeat)
    print()
    throughput(files, args.seconds)
    example_plan(args.repeat * 3)
    cold_runs(args.cold_runs)


if __name__ == "__main__":
    main()
