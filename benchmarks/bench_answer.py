"""Answer-path benchmark: per-question latency in process, one `ipbot ask` process, peak memory.

    python benchmarks/bench_answer.py [--repeat 20] [--questions ../shared/eval/dev.jsonl]

Not a test: it prints figures (for the README) and never fails on speed.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_QUESTIONS = ROOT.parent / "shared" / "eval" / "dev.jsonl"
FALLBACK = [
    "Ai chủ trì nhiệm vụ 3.3?",
    "ai chu tri nha dam",
    "Tổng kinh phí năm 2023 bao nhiêu?",
    "Quý II có những việc gì?",
    "Hạn gửi báo cáo là khi nào?",
    "giá vàng hôm nay",
]

PROBE = """
import json, resource, sys, time
from ipbot.assistant import Assistant
from ipbot.config import Settings
questions = json.loads(sys.argv[1])
assistant = Assistant.open(Settings())
for q in questions:
    assistant.ask(q)
print(json.dumps({"maxrss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "telegram_imported": any(m == "telegram" or m.startswith("telegram.") for m in sys.modules)}))
"""


def load_questions(path: Path) -> list[str]:
    if not path.exists():
        return FALLBACK
    return [json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=20)
    ap.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    ap.add_argument("--processes", type=int, default=5)
    args = ap.parse_args()

    sys.path.insert(0, str(ROOT))
    from ipbot.assistant import Assistant
    from ipbot.config import Settings

    questions = load_questions(args.questions)
    # this machine sets PYTHONDONTWRITEBYTECODE: without this, every `ipbot ask` would compile the
    # package from source, which a normal installation does once
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "ipbot")], check=True)
    start = time.perf_counter()
    assistant = Assistant.open(Settings())
    load_ms = (time.perf_counter() - start) * 1000
    for q in questions:  # warm-up: caches and lazy imports
        assistant.ask(q)
    timings = []
    for _ in range(args.repeat):
        for q in questions:
            t0 = time.perf_counter()
            assistant.ask(q)
            timings.append((time.perf_counter() - t0) * 1000)

    ask_times = []
    for _ in range(args.processes):
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "ipbot", "ask", "Ai chủ trì nhiệm vụ 3.3?"],
            cwd=ROOT,
            check=True,
            capture_output=True,
        )
        ask_times.append(time.perf_counter() - t0)

    probe = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(questions)], cwd=ROOT, check=True, capture_output=True, text=True
    )
    mem = json.loads(probe.stdout.strip().splitlines()[-1])

    print(f"questions: {len(questions)} x {args.repeat} = {len(timings)} answers in process")
    print(f"load (build check + read DB + index): {load_ms:.0f} ms")
    print(
        f"latency per question: p50 {statistics.median(timings):.3f} ms, p99 {percentile(timings, 99):.3f} ms, "
        f"max {max(timings):.3f} ms"
    )
    print(f"one `ipbot ask` process: median {statistics.median(ask_times):.3f} s (of {len(ask_times)})")
    print(f"peak memory answering all questions: {mem['maxrss_kb'] / 1024:.1f} MB")
    print(f"answer path imports telegram: {mem['telegram_imported']}")
    print(f"(this process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.1f} MB peak)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
