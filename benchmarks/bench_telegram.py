"""Telegram throughput: updates per second answered through the whole stack, in one process.

The real Application (handlers, persistence, HTML rendering, HTTP requests) polls the
stand-in Bot API server of the test suite on 127.0.0.1; N private questions are pushed
and the clock stops when N answers have been sent back.

    python benchmarks/bench_telegram.py [--updates 300] [--rate-limiter] [--latency 0.1] [--chats 50]

Not a test: it prints figures (for the README). With --rate-limiter, PTB's AIORateLimiter
(30 messages/s overall) caps the figure, as it would against the real Telegram. With
--latency, every call to the stand-in server takes that long more (a real Bot API's round trip
is about 0.1 s), so the figure shows whether the bot waits on one call before the next; the
questions are then task look-ups numbered per chat ("… nhiệm vụ 3.1", "3.2"…), and each chat's
replies are checked to come back in the order its questions were sent.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
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


NUMBERED = [f"Ai chủ trì nhiệm vụ 3.{k} năm 2023?" for k in range(1, 7)]


def _slow(api: FakeBotAPI, latency: float) -> None:
    """Every call to the stand-in server answered ``latency`` seconds later, as over a real network
    (the server runs each request on a thread of its own, so calls still overlap)."""
    handle = api.handle

    def delayed(method: str, params: dict[str, object]) -> object:
        time.sleep(latency)
        return handle(method, params)

    api.handle = delayed  # type: ignore[method-assign]


def out_of_order(api: FakeBotAPI, chats: int, updates: int) -> int:
    """Chats whose replies did not come back in the order of their questions (numbered questions only)."""
    got: dict[str, list[str]] = {}
    for call in api.calls("sendMessage"):
        # the task's number as the answer's header gives it ("Ninh Thuận 2023 · 3.1 · …")
        found = re.search(r"· (3\.\d) ·", str(call.params.get("text", "")))
        if found:
            got.setdefault(str(call.params["chat_id"]), []).append(found.group(1))
    bad = 0
    for c in range(chats):
        sent = [NUMBERED[(i // chats) % len(NUMBERED)] for i in range(updates) if i % chats == c]
        expected = [re.search(r"3\.\d", q).group(0) for q in sent]  # type: ignore[union-attr]
        bad += got.get(str(10_000 + c), []) != expected
    return bad


async def run(updates: int, rate_limit: bool, latency: float, chats: int) -> tuple[float, int, int | None]:
    questions = FALLBACK
    if QUESTIONS.exists():
        questions = [json.loads(line)["question"] for line in QUESTIONS.read_text(encoding="utf-8").splitlines()]
    with tempfile.TemporaryDirectory() as tmp, FakeBotAPI() as api:
        if latency:
            _slow(api, latency)
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
                text = NUMBERED[(i // chats) % len(NUMBERED)] if latency else questions[i % len(questions)]
                api.push_update(api.message_update(text, user_id=10_000 + i % chats, chat_id=10_000 + i % chats))
            await api.wait_for("sendMessage", count=updates, timeout=600)
            elapsed = time.perf_counter() - start
            sent = len(api.calls("sendMessage"))
            disorder = out_of_order(api, chats, updates) if latency else None
        finally:
            await app.updater.stop()
            await app.stop()
            await app.shutdown()
        return elapsed, sent, disorder


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--updates", type=int, default=300)
    ap.add_argument("--rate-limiter", action="store_true", help="use AIORateLimiter as in production")
    ap.add_argument("--latency", type=float, default=0.0, help="seconds added to every call to the server")
    ap.add_argument("--chats", type=int, default=50, help="chats the updates come from")
    args = ap.parse_args()
    elapsed, sent, disorder = asyncio.run(run(args.updates, args.rate_limiter, args.latency, args.chats))
    print(
        f"{args.updates} updates from {args.chats} chats answered ({sent} messages sent) in {elapsed:.2f} s: "
        f"{args.updates / elapsed:.0f} updates/s (rate limiter: {'on' if args.rate_limiter else 'off'}, "
        f"round trip added: {args.latency * 1000:.0f} ms)"
    )
    if disorder is not None:
        print(f"chats whose replies came out of order: {disorder} of {args.chats}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
