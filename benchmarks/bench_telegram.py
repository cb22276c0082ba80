"""Telegram throughput: updates per second answered through the whole stack, in one process.

The real Application (handlers, persistence, HTML rendering, HTTP requests) polls the
stand-in Bot API server of the test suite on 127.0.0.1; N private questions are pushed
and the clock stops when N answers have been sent back.

    python benchmarks/bench_telegram.py [--updates 300] [--rate-limiter]

Not a test: it prints figures (for the README). With --rate-limiter, PTB's AIORateLimiter
(30 messages/s overall) caps the figure, as it would against the real Telegram.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

from fake_botapi import FakeBotAPI  # noqa: E402

from ipbot.assistant import Assistant  # noqa: E402
from ipbot.config import Settings  # noqa: E402
from ipbot.frontends.browse import Browser  # noqa: E402
from ipbot.frontends.telegram.bot import Services, UserRateLimiter, build_application  # noqa: E402
from ipbot.frontends.telegram.state import StateStore  # noqa: E402

QUESTIONS = ROOT.parent / "shared" / "eval" / "dev.jsonl"
FALLBACK = ["Ai chủ trì nhiệm vụ 3.3?", "ai chu tri nha dam", "Quý II có những việc gì?"]


async def run(updates: int, rate_limit: bool) -> tuple[float, int]:
    questions = FALLBACK
    if QUESTIONS.exists():
        questions = [json.loads(line)["question"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines()]
    with tempfile.TemporaryDirectory() as tmp, FakeBotAPI() as api:
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            telegram_bot_token="123:ABC",
            telegram_api_base_url=api.base_url,
            IPBOT_STATE_PATH=Path(tmp) / "state.sqlite3",
            IPBOT_USER_RATE=10**6,
        )
        assistant = Assistant.open(settings)
        services = Services(
            settings,
            assistant,
            Browser(assistant.knowledge),
            StateStore(settings.state_path),
            UserRateLimiter(settings.user_rate),
        )
        app = build_application(settings, services, rate_limit=rate_limit)
        await app.initialize()
        await app.start()
        await app.updater.start_polling(poll_interval=0.0, timeout=1)
        try:
            api.clear()
            start = time.perf_counter()
            for i in range(updates):
                # many users, as in real use (each chat has its own context)
                api.push_update(
                    api.message_update(questions[i % len(questions)], user_id=10_000 + i % 50, chat_id=10_000 + i % 50)
                )
            await api.wait_for("sendMessage", count=updates, timeout=600)
            elapsed = time.perf_counter() - start
            sent = len(api.calls("sendMessage"))
        finally:
            await app.updater.stop()
            await app.stop()
            await app.shutdown()
        return elapsed, sent


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--updates", type=int, default=300)
    ap.add_argument("--rate-limiter", action="store_true", help="use AIORateLimiter as in production")
    args = ap.parse_args()
    elapsed, sent = asyncio.run(run(args.updates, args.rate_limiter))
    print(
        f"{args.updates} updates answered ({sent} messages sent) in {elapsed:.2f} s: "
        f"{args.updates / elapsed:.0f} updates/s (rate limiter: {'on' if args.rate_limiter else 'off'})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
