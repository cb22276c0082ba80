"""Answer-path benchmark at 3, 30 and 300 plans: latency, start-up, data tools, memory, answer size.

    python benchmarks/bench_answer.py [--plans 3,30,300] [--repeat 5] [--keep DIR]

For each size a data folder is made by ``benchmarks/make_plans.py`` (the three real plans and
plans derived from them) and measured in fresh processes:

- ``check-data`` and ``build-db``: wall time of the commands;
- per question, in process: the dev sets asked ``--repeat`` times after a warm-up (the per-text
  caches then answer), and every question of the repository's and the shared sets asked once,
  the first time the process sees it ("new"), split by whether it names a province;
- one ``ipbot ask`` process, its median wall time; peak memory (RSS) of a process that answered
  every question; the longest answer and how many exceed one Telegram message (4,096 characters).

Each figure is printed with its growth against the smallest size. Not a test: it prints figures
(for the README) and never fails on speed.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "eval"
DEV_SETS = [SHARED / "dev.jsonl", SHARED / "dev_hard.jsonl"]
FALLBACK = [
    "Ai chủ trì nhiệm vụ 3.3?",
    "ai chu tri nha dam",
    "Tổng kinh phí năm 2023 bao nhiêu?",
    "Quý II có những việc gì?",
    "Hạn gửi báo cáo là khi nào?",
    "giá vàng hôm nay",
]
ASK = "Ai chủ trì nhiệm vụ 3.3?"

WORKER = r"""
import gc, json, resource, sys, time
from pathlib import Path
t0 = time.perf_counter()
from ipbot.assistant import Assistant
from ipbot.config import Settings
try:
    from ipbot.assistant import settle
except ImportError:  # the code before gc.freeze
    def settle():
        pass
from ipbot.frontends.render import plain_text
from ipbot.text import fold
spec = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
assistant = Assistant.open(Settings())
settle()  # as a long-running process does (the batch, the chat, the bot)
load_ms = (time.perf_counter() - t0) * 1000
provinces = {fold(p.province) for p in assistant.knowledge.plans.values()}
provinces |= {"ninh thuan", "thai binh", "khanh hoa", "hung yen"}
def named(q):
    f = f" {fold(q)} "
    return any(f" {p} " in f for p in provinces)
for q in spec["warmup"]:
    assistant.ask(q)
new = {"named": [], "none": []}
longest, over = 0, 0
for q in spec["pool"]:
    t = time.perf_counter()
    answer = assistant.ask(q)
    new["named" if named(q) else "none"].append((time.perf_counter() - t) * 1000)
    size = len(plain_text(answer))
    longest, over = max(longest, size), over + (size > 4096)
cached = {"named": [], "none": []}
for _ in range(spec["repeat"]):
    for q in spec["dev"]:
        t = time.perf_counter()
        assistant.ask(q)
        cached["named" if named(q) else "none"].append((time.perf_counter() - t) * 1000)
print(json.dumps({
    "load_ms": load_ms, "new": new, "cached": cached, "longest": longest, "over": over,
    "plans": len(assistant.knowledge.plans),
    "tasks": sum(len(p.tasks) for p in assistant.knowledge.plans.values()),
    "maxrss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "gc_objects": len(gc.get_objects()),
    "telegram": any(m == "telegram" or m.startswith("telegram.") for m in sys.modules),
}))
"""


def questions(paths: list[Path]) -> list[str]:
    out: list[str] = []
    for path in paths:
        if path.exists():
            out += [
                json.loads(line)["question"] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
            ]
    return list(dict.fromkeys(out))


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    k = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[k]


def _timed(cmd: list[str], env: dict[str, str], cpu: list[float] | None = None) -> float:
    """Wall time of a command; its CPU time (user + system) appended to ``cpu`` when given, which a
    busy machine disturbs less."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, capture_output=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if cpu is not None:
        cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return wall


def measure(data: Path, repeat: int, processes: int) -> dict[str, float]:
    """Every figure for one data folder."""
    env = {**os.environ, "IPBOT_DATA_DIR": str(data), "IPBOT_DB_PATH": str(data / "ipbot.db")}
    py = sys.executable
    cpu: list[float] = []
    check = _timed([py, "-m", "ipbot", "check-data", "--data", str(data), "--quiet"], env, cpu)
    build = _timed([py, "-m", "ipbot", "build-db"], env, cpu)
    dev = questions(DEV_SETS) or FALLBACK
    pool = questions(sorted((ROOT / "tests" / "data").glob("*.jsonl")) + DEV_SETS) or FALLBACK
    spec = {"warmup": FALLBACK, "pool": [q for q in pool if q not in FALLBACK], "dev": dev, "repeat": repeat}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, encoding="utf-8") as fh:
        json.dump(spec, fh, ensure_ascii=False)
    try:
        run = subprocess.run([py, "-c", WORKER, fh.name], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    finally:
        os.unlink(fh.name)
    w = json.loads(run.stdout.strip().splitlines()[-1])
    ask_cpu: list[float] = []
    asks = sorted(_timed([py, "-m", "ipbot", "ask", ASK], env, ask_cpu) for _ in range(processes))
    new_all = w["new"]["named"] + w["new"]["none"]
    cached_all = w["cached"]["named"] + w["cached"]["none"]
    return {
        "plans": w["plans"],
        "tasks": w["tasks"],
        "check-data s": check,
        "check-data CPU s": cpu[0],
        "build-db s": build,
        "build-db CPU s": cpu[1],
        "load ms": w["load_ms"],
        "new p50 ms": statistics.median(new_all),
        "new p99 ms": percentile(new_all, 99),
        "new p99 ms, province named": percentile(w["new"]["named"], 99),
        "new p99 ms, none named": percentile(w["new"]["none"], 99),
        "new max ms": max(new_all),
        "cached p50 ms": statistics.median(cached_all),
        "cached p99 ms": percentile(cached_all, 99),
        "ipbot ask s": statistics.median(asks),
        "ipbot ask CPU s": statistics.median(ask_cpu),
        "peak MB": w["maxrss_mb"],
        "gc objects": w["gc_objects"],
        "longest answer chars": w["longest"],
        "answers > 4096": w["over"],
        "telegram imported": float(w["telegram"]),
        "new questions": len(new_all),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--plans", default="3,30,300", help="sizes, comma-separated")
    ap.add_argument("--repeat", type=int, default=5, help="times the dev sets are asked for the cached figure")
    ap.add_argument("--processes", type=int, default=5, help="`ipbot ask` runs timed")
    ap.add_argument("--keep", type=Path, help="make the data folders here (DIR/plans-N) and keep them")
    args = ap.parse_args()

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from make_plans import make

    # this machine sets PYTHONDONTWRITEBYTECODE: without this, every `ipbot ask` would compile the
    # package from source, which a normal installation does once
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "ipbot")], check=True)
    sizes = [int(s) for s in args.plans.split(",")]
    results: list[dict[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        root = args.keep or Path(tmp)
        for n in sizes:
            data = root / f"plans-{n}"
            make(n, data)
            results.append(measure(data, args.repeat, args.processes))
            print(f"measured {n} plans", file=sys.stderr)
    first = results[0]
    print(f"{'figure':<28}" + "".join(f"{f'{n} plans':>22}" for n in sizes))
    for name in first:
        cells = []
        for r in results:
            value, base = r[name], first[name]
            growth = f" (×{value / base:.1f})" if r is not first and base and name not in ("plans",) else ""
            shown = f"{value:.0f}" if abs(value) >= 100 or float(value).is_integer() else f"{value:.3f}"
            cells.append(f"{shown}{growth}")
        print(f"{name:<28}" + "".join(f"{c:>22}" for c in cells))
    return 0


if __name__ == "__main__":
    sys.exit(main())
