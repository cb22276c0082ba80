"""Faults of the state database, against the stand-in Bot API (issue 12, points 1 and 8).

Before: the question log was written before the answer was sent, so a full disk (139 of 153
messages), a read-only state file or another process holding a lock turned answers into
"Xin lỗi, đã có lỗi…", and a 12-second lock blocked the whole bot (SQLite waited on the event
loop); the chat's plan and context were saved on a 2-second timer, and 97 of 97 /kehoach choices
confirmed to the user were gone after a kill -9.

Now: the answer goes out first and the writes follow on a writer thread, each failure logged once;
chats do not wait for each other; a plan choice is on disk before its confirmation is sent.
The figures each test checks: answers lost, apologies, tracebacks, failures logged, choices lost.
"""

from __future__ import annotations

import asyncio
import html
import logging
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fake_botapi import Call, FakeBotAPI
from telegram_helpers import (
    ADMIN_ID,
    PLAN_2022,
    PLAN_2023,
    USER_ID,
    BotProcess,
    RunningBot,
    assert_well_formed,
    bot_env,
    callback_data,
    is_restart_note,
)

from ipbot import phrases
from ipbot.assistant import Assistant
from ipbot.config import Settings
from ipbot.frontends.browse import Browser
from ipbot.frontends.telegram.bot import Services, UserRateLimiter
from ipbot.frontends.telegram.privacy import key_file_for
from ipbot.frontends.telegram.state import StateFault, StateStore, Subscription

LEAD_AGENCY = "Sở Khoa học và Công nghệ"
QUESTIONS = [
    "Ai chủ trì nhiệm vụ 3.3?",
    "thời tiết hôm nay thế nào, gọi tôi 0912 345 678" + " rồi sao nữa" * 40,  # not answered: its text is logged
    "kinh phí nhiệm vụ 3.4 năm 2023",
]
USERS = [USER_ID, 2002, 3003, 4004]
LOCKER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
conn.execute("begin exclusive")
print("locked", flush=True)
sys.stdin.readline()
conn.execute("rollback")
"""


def run(coro: Any) -> Any:
    return asyncio.run(coro)


class Locker:
    """Another process holding the state database's write lock (``BEGIN EXCLUSIVE``) until released."""

    def __init__(self, path: Path) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-c", LOCKER, str(path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        assert self.proc.stdout is not None and self.proc.stdout.readline().strip() == "locked"

    def release(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.write("\n")
            self.proc.stdin.flush()
            assert self.proc.wait(10) == 0


@pytest.fixture
def open_stores() -> Iterator[list[StateStore]]:
    stores: list[StateStore] = []
    yield stores
    for store in stores:
        store.close(timeout=2)


def make(settings: Settings, assistant: Assistant, stores: list[StateStore], busy_timeout: float) -> Services:
    store = StateStore(settings.state_path, busy_timeout=busy_timeout)
    stores.append(store)
    return Services(settings, assistant, Browser(assistant.knowledge), store, UserRateLimiter(1000))


def fill_up(store: StateStore) -> None:
    """SQLite's "database or disk is full" from now on, as on a full disk: the file may not grow."""
    with store._write_lock:
        pages = store._conn.execute("pragma page_count").fetchone()[0]
        store._conn.execute(f"pragma max_page_count = {pages}")


def make_read_only(store: StateStore) -> None:
    """SQLite's "attempt to write a readonly database" from now on, as for a file made read-only."""
    with store._write_lock:
        store._conn.execute("pragma query_only = 1")


def repair(store: StateStore) -> None:
    with store._write_lock:
        store._conn.execute("pragma query_only = 0")
        store._conn.execute("pragma max_page_count = 1073741823")


def store_failures(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if "not stored" in r.getMessage()]


def tracebacks(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [r for r in caplog.records if r.exc_info or r.levelno >= logging.ERROR]


def question_rows(path: Path) -> int:
    with sqlite3.connect(path) as conn:
        return int(conn.execute("select count(*) from questions").fetchone()[0])


# ---------------------------------------------------------------- 1. the answer first, the writes best-effort
@pytest.mark.parametrize("fault", ["locked", "full", "read-only"])
def test_a_failing_state_database_never_costs_an_answer(
    api: FakeBotAPI,
    settings: Settings,
    assistant: Assistant,
    open_stores: list[StateStore],
    caplog: pytest.LogCaptureFixture,
    fault: str,
) -> None:
    """Four users ask three questions each, one sends feedback, one chooses a plan and rates an
    answer, while the state database cannot be written: every one of them is answered as usual."""
    services = make(settings, assistant, open_stores, busy_timeout=0.05)
    store = services.store
    locker: Locker | None = None

    async def scenario() -> dict[str, Any]:
        nonlocal locker
        async with RunningBot(api, settings, services) as bot:
            rated = await bot.ask("Ai chủ trì nhiệm vụ 3.3?")  # before the fault: logged, to be rated during it
            rating, rated_message = callback_data(rated, "f:+:")[0], bot.last_message_id()
            await bot.settle(0.2)  # its log row is queued once the send returns, after the server saw it
            await asyncio.to_thread(store.flush)
            if fault == "locked":
                locker = await asyncio.to_thread(Locker, settings.state_path)
            else:
                (fill_up if fault == "full" else make_read_only)(store)
            api.clear()
            for question in QUESTIONS:
                for user in USERS:
                    api.push_update(api.message_update(question, user_id=user, chat_id=user))
            answers = await api.wait_for("sendMessage", count=len(QUESTIONS) * len(USERS), timeout=20)
            out: dict[str, Any] = {"answers": answers}
            out["feedback"] = await bot.ask("/gopy bot trả lời nhanh, email tôi a@b.vn", user_id=2002, chat_id=2002)
            await bot.ask("/kehoach")
            out["plan"] = await bot.press(f"p:{PLAN_2022}", message_id=bot.last_message_id())
            out["quarter"] = await bot.ask("Quý II có những việc gì?")  # the choice holds in memory
            before = len(api.calls("answerCallbackQuery"))
            api.push_update(api.callback_update(rating, message_id=rated_message))
            [out["toast"]] = (await api.wait_for("answerCallbackQuery", count=before + 1))[before:]
            await asyncio.to_thread(store.flush, 30)
            out["failed"] = sum(store.failures.values())
            if locker is not None:
                await asyncio.to_thread(locker.release)
            repair(store)
            await bot.ask("Ai chủ trì nhiệm vụ 3.3?", user_id=5005, chat_id=5005)  # after the fault: logged again
            await bot.settle(0.2)  # the log row is queued once the answer's send returns, after the server saw it
            await asyncio.to_thread(store.flush)
            return out

    with caplog.at_level(logging.INFO):
        try:
            out = run(scenario())
        finally:
            if locker is not None:
                locker.release()
    answers: list[Call] = out["answers"]
    texts = [str(c.params["text"]) for c in answers]
    assert phrases.ERROR_REPLY not in texts  # no apology
    assert sum(LEAD_AGENCY in t for t in texts) == len(USERS)  # every answer, to every user
    assert sum("150 triệu đồng" in t for t in texts) == len(USERS)
    assert {c.params["chat_id"] for c in answers} == {str(u) for u in USERS}
    assert out["feedback"].params["text"] == phrases.FEEDBACK_THANKS
    assert "Ninh Thuận" in out["plan"].params["text"] and "2022" in out["plan"].params["text"]
    assert "không chia nhiệm vụ theo quý" in out["quarter"].params["text"]
    assert out["toast"].params["text"] == phrases.RATED_UP
    failed = store_failures(caplog)
    assert out["failed"] >= 1  # the fault was real
    assert len(failed) == sum(store.failures.values())  # each failure logged once…
    assert not tracebacks(caplog)  # …as one line, never a traceback
    assert question_rows(settings.state_path) >= 2  # logging works again once the fault is gone
    assert_well_formed(api)


def test_a_chat_waiting_for_a_locked_database_holds_up_no_other_chat(
    api: FakeBotAPI, settings: Settings, assistant: Assistant, open_stores: list[StateStore]
) -> None:
    """A plan choice is confirmed only once it is on disk, so while another process holds the lock
    that chat waits; the others are answered meanwhile, and once the lock goes every write is made."""
    services = make(settings, assistant, open_stores, busy_timeout=20)
    other = 2002
    locker: Locker | None = None

    async def scenario() -> tuple[Call, list[Call], Call]:
        nonlocal locker
        async with RunningBot(api, settings, services) as bot:
            await bot.ask("/kehoach")
            menu = bot.last_message_id()
            locker = await asyncio.to_thread(Locker, settings.state_path)
            api.push_update(api.callback_update(f"p:{PLAN_2023}", message_id=menu))
            answered = await bot.ask("Ai chủ trì nhiệm vụ 3.3?", user_id=other, chat_id=other)
            assert not api.calls("editMessageText")  # the choice still waits for the disk
            await asyncio.to_thread(locker.release)
            [confirmed] = await api.wait_for("editMessageText", timeout=20)
            await asyncio.to_thread(services.store.flush)
            return answered, api.calls("editMessageText"), confirmed

    try:
        answered, edits, confirmed = run(scenario())
    finally:
        if locker is not None:
            locker.release()
    assert LEAD_AGENCY in answered.params["text"]
    assert len(edits) == 1 and "2023" in confirmed.params["text"]
    assert services.store.chat_data(USER_ID)["plan"] == PLAN_2023  # nothing lost once the lock went
    assert question_rows(settings.state_path) == 1
    assert not sum(services.store.failures.values())


# ---------------------------------------------------------------- 8. a confirmed choice survives kill -9
def test_kill_9_right_after_the_confirmation_keeps_the_choice_and_the_context(
    api: FakeBotAPI, tmp_path: Path, plan_db: Path
) -> None:
    """The real process is killed (SIGKILL) as soon as the stand-in server has received an answer,
    then twice as soon as it has received a plan choice's confirmation: after each restart the
    context and the choice are in effect, and on disk."""
    state = tmp_path / "state" / "ipbot-state.sqlite3"
    env = bot_env(api.base_url, state, plan_db)
    other = {"user_id": 2002, "chat_id": 2002}
    seen: list[str] = []

    def ask(text: str, **who: int) -> str:
        """The answer, not a restart's note (one comes when the kill fell between an answer's send
        and its update's row being deleted: the bot cannot know the answer arrived)."""
        before = len([c for c in api.calls("sendMessage") if not is_restart_note(c)])
        api.push_update(api.message_update(text, **who))
        answers = api.wait_for_sync(
            "sendMessage", count=before + 1, timeout=30, predicate=lambda c: not is_restart_note(c)
        )
        return str(answers[before].params["text"])

    def choose(plan: str) -> None:
        ask("/kehoach")
        menu = max(m["message_id"] for m in api.sent_messages() if m["chat"]["id"] == USER_ID)
        before = len(api.calls("editMessageText"))
        api.push_update(api.callback_update(f"p:{plan}", message_id=menu))
        api.wait_for_sync("editMessageText", count=before + 1, timeout=30)

    with BotProcess(env, tmp_path, "first") as bot:
        ask("ai chủ trì nhiệm vụ 3.4 năm 2023", **other)
        bot.kill()  # right after the answer
    with BotProcess(env, tmp_path, "second") as bot:
        seen.append(ask("còn kinh phí thì sao?", **other))  # the context survived
        choose(PLAN_2022)
        bot.kill()  # right after the confirmation
    with BotProcess(env, tmp_path, "third") as bot:
        seen.append(ask("Quý II có những việc gì?"))  # the choice survived
        choose(PLAN_2023)
        bot.kill()
    store = StateStore(state)
    try:
        stored = store.chat_data(USER_ID).get("plan")
    finally:
        store.close()
    assert "150 triệu đồng" in seen[0] and "3.4" in seen[0]
    assert "không chia nhiệm vụ theo quý" in seen[1] and "2022" in seen[1]
    assert stored == PLAN_2023
    for name in ("first", "second", "third"):
        assert "Traceback" not in (tmp_path / f"{name}.log").read_text()


def test_kill_9_right_after_a_subscription_or_its_end_loses_neither(
    api: FakeBotAPI, tmp_path: Path, plan_db: Path
) -> None:
    """/nhacnho and /huynhac are confirmed only once their sealed row is on disk: the real process
    killed right after each confirmation, then restarted, still knows who subscribed (the admin's
    /guinhac counts them), and neither the file nor the log shows their ids."""
    state = tmp_path / "state" / "ipbot-state.sqlite3"
    env = bot_env(api.base_url, state, plan_db)
    first, second = 735_118_264, 418_552_907  # nine digits: a search of the file cannot match by chance

    def command(text: str, chat: int) -> str:
        """The reply to ``text`` in ``chat`` (not a restart note: a kill may fall before a row goes)."""

        def reply(call: Call) -> bool:
            return call.params.get("chat_id") == str(chat) and not is_restart_note(call)

        before = len([c for c in api.calls("sendMessage") if reply(c)])
        api.push_update(api.message_update(text, chat_id=chat, user_id=chat))
        return str(
            api.wait_for_sync("sendMessage", count=before + 1, timeout=30, predicate=reply)[before].params["text"]
        )

    subscribed = html.escape(phrases.SUBSCRIBED)
    with BotProcess(env, tmp_path, "first") as bot:
        assert command("/nhacnho", first).startswith(subscribed)
        bot.kill()  # right after the confirmation
    with BotProcess(env, tmp_path, "second") as bot:
        assert command("/nhacnho", second).startswith(subscribed)
        assert command("/huynhac", first) == html.escape(phrases.UNSUBSCRIBED)
        bot.kill()
    wal = Path(f"{state}-wal")  # as a kill leaves them: the file and its write-ahead log
    on_disk = state.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    with BotProcess(env, tmp_path, "third") as bot:
        report = command("/guinhac", ADMIN_ID)
        assert bot.stop() == 0
    assert phrases.REMINDERS_RUN.split("{day}")[0] in report and "1 cuộc trò chuyện đang đăng ký" in report
    store = StateStore(state)
    try:
        assert store.subscriptions() == [Subscription(second, None)]
    finally:
        store.close()
    logs = "".join((tmp_path / f"{name}.log").read_text() for name in ("first", "second", "third"))
    for chat in (first, second):
        assert str(chat).encode() not in on_disk and str(chat) not in logs, chat
    assert "Traceback" not in logs


def test_statistics_say_so_when_the_state_cannot_be_read(
    api: FakeBotAPI, settings: Settings, assistant: Assistant, open_stores: list[StateStore]
) -> None:
    """/thongke over a state database that cannot be read says so, not "no questions yet"."""
    services = make(settings, assistant, open_stores, busy_timeout=0.2)

    async def scenario() -> str:
        async with RunningBot(api, settings, services) as bot:
            with services.store._write_lock:  # the questions table gone, as in a damaged file
                services.store._conn.execute("drop table questions")
            reply = await bot.ask("/thongke", user_id=ADMIN_ID, chat_id=ADMIN_ID)
            return str(reply.params["text"])

    assert run(scenario()) == phrases.STATS_UNREADABLE


# ---------------------------------------------------------------- opening a state database that cannot be used
def test_a_state_database_that_cannot_be_used_is_one_line(tmp_path: Path) -> None:
    folder = tmp_path / "state.sqlite3"
    folder.mkdir()
    with pytest.raises(StateFault, match="is a directory; IPBOT_STATE_PATH must name a file"):
        StateStore(folder)
    damaged = tmp_path / "damaged.sqlite3"
    damaged.write_bytes(b"not a database\n" * 100)
    store = StateStore(damaged)  # moved aside, a new one made
    try:
        store.subscribe(1, None)
        assert store.subscriptions() == [Subscription(1, None)]
    finally:
        store.close()
    [aside] = tmp_path.glob("damaged.sqlite3.corrupt-*")
    assert aside.read_bytes() == b"not a database\n" * 100  # kept as it was, for whoever recovers it


def test_a_key_file_that_cannot_be_read_is_one_line(tmp_path: Path) -> None:
    state = tmp_path / "ipbot-state.sqlite3"
    key_file_for(state).mkdir()  # what is there is no key
    with pytest.raises(StateFault, match=r"cannot read the hash key file .*ipbot-state\.key"):
        StateStore(state)
    assert not state.exists()  # nothing opened without its key
