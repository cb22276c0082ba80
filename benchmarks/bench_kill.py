"""kill -9 in a flood: how many questions taken from Telegram are lost, answered twice, or noted.

The real bot (``python -m ipbot run``) polls the stand-in Bot API server of the test suite; N
questions from groups of ten (which quote the message they answer, so each reply is matched to its
question) are pushed, the process is killed with SIGKILL once K answers are out, and started again
on the same state file. Printed: the updates Telegram had been told were taken, those answered by
the kill, and after the restart the questions never answered, answered twice, and the restart notes.

    python benchmarks/bench_kill.py [--updates 600] [--kill-after 100] [--code PATH]

``--code`` runs another checkout's bot (its ``ipbot`` package first on PYTHONPATH), for a
before/after comparison in the same scenario. Not a test: tests/test_inbox.py holds the checks.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "tests")]

from fake_botapi import FakeBotAPI  # noqa: E402

BOT = "ipbot_test_bot"
MENTION = [{"type": "mention", "offset": 0, "length": len(BOT) + 1}]
NOTES = ("Bot vừa khởi động lại", "Xin lỗi, bot vừa khởi động lại", "Kết nối tới Telegram")


def replies(api: FakeBotAPI) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = {}
    for call in api.calls("sendMessage"):
        reply = call.params.get("reply_parameters")
        if isinstance(reply, dict) and str(call.params.get("chat_id", "")).startswith("-"):
            out.setdefault(int(reply["message_id"]), []).append(call)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--updates", type=int, default=600)
    ap.add_argument("--kill-after", type=int, default=100)
    ap.add_argument("--code", type=Path, default=ROOT, help="the checkout whose bot to run")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as folder, FakeBotAPI() as api:
        tmp = Path(folder)
        db = tmp / "plans.db"
        code = str(args.code.resolve())
        build = "from pathlib import Path; from ipbot.assistant import build; from ipbot.config import DEFAULT_DATA_DIR"
        build += f"; build(DEFAULT_DATA_DIR, Path({str(db)!r}))"
        subprocess.run([sys.executable, "-c", build], env={**os.environ, "PYTHONPATH": code}, check=True)
        env = {
            "TELEGRAM_BOT_TOKEN": "123:ABC",
            "TELEGRAM_API_BASE_URL": api.base_url,
            "IPBOT_DB_PATH": str(db),
            "IPBOT_STATE_PATH": str(tmp / "state" / "state.sqlite3"),
            "IPBOT_USER_RATE": "1000000",
            "HOME": str(tmp),
            "PATH": "",
            "PYTHONPATH": code,
        }

        def start(name: str) -> subprocess.Popen[bytes]:
            with open(tmp / f"{name}.log", "wb") as log:
                return subprocess.Popen(
                    [sys.executable, "-m", "ipbot", "run"], env=env, cwd=tmp, stdout=log, stderr=log
                )

        bot = start("killed")
        api.wait_for_sync("setMyCommands", timeout=60)
        # Telegram lets a bot send a group 20 messages a minute (AIORateLimiter keeps to it): ten
        # questions per group, so waiting out that limit is not what is measured
        groups = [(-1_000_000_004_000 - k, 4000 + k) for k in range(max(1, args.updates // 10))]
        asked = []
        for i in range(args.updates // len(groups)):
            for group, user in groups:
                text = f"@{BOT} ai chủ trì nhiệm vụ 3.{3 + i % 2}"
                update = api.message_update(text, chat_type="group", chat_id=group, user_id=user, entities=MENTION)
                asked.append(update["message"]["message_id"])
                api.push_update(update)
        api.wait_for_sync("sendMessage", count=args.kill_after, timeout=300)
        os.kill(bot.pid, signal.SIGKILL)
        bot.wait()
        confirmed = len(asked) - len(api.pending_updates())
        answered = len(replies(api))
        bot = start("restarted")
        deadline, last = time.monotonic() + 300, -1
        while set(asked) - set(replies(api)) and time.monotonic() < deadline:
            time.sleep(2.0)
            if len(replies(api)) == last:
                break  # nothing more comes
            last = len(replies(api))
        time.sleep(1.0)
        bot.terminate()
        try:
            bot.wait(30)
        except subprocess.TimeoutExpired:
            print("the restarted bot did not stop within 30 s of SIGTERM; its log ends:")
            print("\n".join((tmp / "restarted.log").read_text(errors="replace").splitlines()[-15:]))
            bot.kill()
            bot.wait()
        got = replies(api)
        lost = [m for m in asked if m not in got]
        counts = Counter(m for m, calls in got.items() for c in calls if not str(c.params["text"]).startswith(NOTES))
        notes = sum(1 for calls in got.values() for c in calls if str(c.params["text"]).startswith(NOTES))
        tracebacks = sum(
            (tmp / f"{n}.log").read_text(errors="replace").count("Traceback") for n in ("killed", "restarted")
        )
    print(
        f"{len(asked)} questions; confirmed to Telegram at the kill {confirmed}, answered by then {answered}; "
        f"after the restart: lost {len(lost)}, answered twice {sum(n > 1 for n in counts.values())}, "
        f"notes {notes}, tracebacks {tracebacks}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
