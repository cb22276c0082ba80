"""What the state database keeps about people (issue 12, point 4).

Before: the "salted hash" of a user id had its salt in the same file, and the same file kept plain
user ids as the keys of conversation contexts, so 100 % of question and feedback rows could be
re-identified; unanswered questions were kept verbatim (phone numbers included) for ever.

Now: a keyed hash (HMAC) with its key outside the database, chat contexts under a keyed hash,
contacts masked before storing, and everything about a person deleted after the retention period.
Each test reads the database file itself, byte for byte, where it matters.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
import json
import logging
import os
import sqlite3
import stat
import time
from pathlib import Path
from typing import Any

import pytest
from fake_botapi import FakeBotAPI
from pydantic import ValidationError
from telegram_helpers import PLAN_2022, MakeServices, RunningBot, make_settings

from ipbot.assistant import Assistant
from ipbot.config import Settings
from ipbot.frontends.cli import settings_problem
from ipbot.frontends.telegram.bot import Services
from ipbot.frontends.telegram.privacy import (
    EMAIL_MASK,
    PHONE_MASK,
    Sealer,
    key_file_for,
    load_or_create_key,
    mask_contacts,
)
from ipbot.frontends.telegram.state import DAY, StateFault, StateStore, Subscription

PERSON = 987_654_321  # nine digits, so a search of the file for them cannot match by chance
KEY = b"k" * 32


def file_bytes(path: Path) -> bytes:
    """The database as it lies on disk: the file and its write-ahead log."""
    wal = Path(f"{path}-wal")
    return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")


# ---------------------------------------------------------------- contacts masked
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gọi tôi 0912 345 678 nhé", f"gọi tôi {PHONE_MASK} nhé"),
        ("sđt: 0912.345.678", f"sđt: {PHONE_MASK}"),
        ("+84 912 345 678 hoặc 84912345678", f"{PHONE_MASK} hoặc {PHONE_MASK}"),
        ("(028) 3829 1234 số máy bàn", f"{PHONE_MASK} số máy bàn"),
        ("đường dây nóng 1900 6060", f"đường dây nóng {PHONE_MASK}"),
        ("số 912345678 không có số 0", f"số {PHONE_MASK} không có số 0"),
        ("mail nguyen.van.a+shtt@so-khcn.gov.vn.", f"mail {EMAIL_MASK}."),
        # what questions about the plans hold stays as it is
        ("kinh phí 1.200.000.000 đồng năm 2023", "kinh phí 1.200.000.000 đồng năm 2023"),
        ("3.832,6 triệu, 0,5 tỷ, 05 sản phẩm", "3.832,6 triệu, 0,5 tỷ, 05 sản phẩm"),
        ("nhiệm vụ 3.4 các năm 2023 2024 2025", "nhiệm vụ 3.4 các năm 2023 2024 2025"),
        ("KH số 123/KH-UBND ngày 15/10/2023, 2021-2025", "KH số 123/KH-UBND ngày 15/10/2023, 2021-2025"),
        ("1 200 000 000 đồng", "1 200 000 000 đồng"),
    ],
)
def test_contacts_are_masked_and_figures_kept(text: str, expected: str) -> None:
    assert mask_contacts(text) == expected


# ---------------------------------------------------------------- the key, outside the database
def test_the_key_file_is_made_once_readable_by_its_owner_only(tmp_path: Path) -> None:
    state = tmp_path / "state" / "ipbot-state.sqlite3"
    store = StateStore(state)
    first_hash = store.user_hash(PERSON)
    store.close()
    key_file = key_file_for(state)
    assert key_file == tmp_path / "state" / "ipbot-state.key"  # beside the database, not in it
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600
    key = key_file.read_text().strip()
    assert len(key) >= 32 and key.encode() not in file_bytes(state)
    again = StateStore(state)  # the same key next time: the same hashes
    assert again.user_hash(PERSON) == first_hash
    again.close()
    assert key_file.read_text().strip() == key


def test_the_state_folder_and_files_the_bot_makes_are_its_own(tmp_path: Path) -> None:
    state = tmp_path / "new" / "ipbot-state.sqlite3"
    store = StateStore(state)
    try:
        store.log_question(PERSON, "câu hỏi", False, "none")
        modes = {p.name: stat.S_IMODE(p.stat().st_mode) for p in state.parent.iterdir()}
    finally:
        store.close()
    assert stat.S_IMODE(state.parent.stat().st_mode) == 0o700
    assert modes == {
        "ipbot-state.key": 0o600,
        "ipbot-state.sqlite3": 0o600,
        "ipbot-state.sqlite3-wal": 0o600,
        "ipbot-state.sqlite3-shm": 0o600,
    }


def test_a_key_file_others_can_read_is_warned_about(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    state = tmp_path / "ipbot-state.sqlite3"
    StateStore(state).close()
    key_file_for(state).chmod(0o644)
    with caplog.at_level(logging.WARNING):
        StateStore(state).close()
    assert [r.getMessage() for r in caplog.records if "chmod 600" in r.getMessage()]


def test_a_key_from_the_settings_makes_no_key_file(tmp_path: Path) -> None:
    state = tmp_path / "ipbot-state.sqlite3"
    store = StateStore(state, KEY)
    other = StateStore(tmp_path / "other.sqlite3", b"another key of 32 bytes, or so..")
    try:
        assert not key_file_for(state).exists()
        assert store.user_hash(PERSON) != other.user_hash(PERSON)  # the hash depends on the key
        assert store.user_hash(PERSON) != store.chat_key(PERSON)[:16]  # users and chats apart
        assert str(PERSON) not in store.user_hash(PERSON) + store.chat_key(PERSON) + store.chat_tag(PERSON)
    finally:
        store.close()
        other.close()


def test_a_short_key_is_refused_with_the_setting_named() -> None:
    with pytest.raises(ValidationError) as caught:
        Settings(_env_file=None, IPBOT_HASH_KEY="short-secret")  # type: ignore[call-arg]
    line = settings_problem(caught.value)
    assert "IPBOT_HASH_KEY" in line and "16 characters" in line
    assert "short-secret" not in line  # what the operator reads never echoes a secret
    settings = Settings(_env_file=None, IPBOT_HASH_KEY="x" * 16, IPBOT_RETENTION_DAYS="30")  # type: ignore[call-arg]
    assert settings.retention_days == 30 and settings.hash_key is not None


def test_two_processes_making_the_key_at_once_agree(tmp_path: Path) -> None:
    path = tmp_path / "k.key"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)  # another process got there first
    os.write(fd, b"their-key-0123456789abcdef\n")
    os.close(fd)
    assert load_or_create_key(path) == b"their-key-0123456789abcdef"


# ---------------------------------------------------------------- an older database, re-keyed
def legacy_database(path: Path) -> str:
    """A state file as the version before this one wrote it: salt in ``meta``, salted user hashes,
    chat settings under the raw chat id, a stray user_data row. Returns the old user hash."""
    salt = "0123456789abcdef0123456789abcdef"
    old_hash = hashlib.sha256(f"{salt}:{PERSON}".encode()).hexdigest()[:16]
    conn = sqlite3.connect(path)
    conn.executescript(
        """
        create table kv (kind text not null, key text not null, value text not null, primary key (kind, key));
        create table feedback (id integer primary key, ts real not null, user_hash text not null,
                               chat_type text not null, text text not null);
        create table questions (id integer primary key, ts real not null, day text not null,
                                user_hash text not null, answered integer not null, intent text not null,
                                question text);
        create table ratings (question_id integer primary key, ts real not null, value integer not null,
                              answer text not null);
        create table meta (key text primary key, value text not null);
        """
    )
    now = time.time()
    conn.execute("insert into meta values ('salt', ?)", (salt,))
    conn.execute("insert into kv values ('chat_data', ?, ?)", (str(PERSON), json.dumps({"plan": PLAN_2022})))
    conn.execute("insert into kv values ('user_data', ?, '{}')", (str(PERSON),))
    conn.execute("insert into kv values ('reminders', ?, ?)", ("-100123", json.dumps({"plan": None})))
    conn.execute("insert into questions values (1, ?, '2026-01-01', ?, 0, 'none', 'câu hỏi cũ')", (now, old_hash))
    conn.execute("insert into questions values (2, ?, '2026-01-01', ?, 1, 'lead', null)", (now, old_hash))
    conn.execute("insert into feedback values (1, ?, ?, 'private', 'góp ý cũ')", (now, old_hash))
    conn.commit()
    conn.close()
    return old_hash


def test_an_older_database_is_re_keyed_and_its_salt_and_raw_ids_are_gone(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "ipbot-state.sqlite3"
    old_hash = legacy_database(path)
    with caplog.at_level(logging.INFO):
        store = StateStore(path, KEY)
    try:
        assert store.chat_data(PERSON) == {"plan": PLAN_2022}  # the chat keeps its plan…
        assert store.get("chat_data", PERSON) is None  # …under a keyed hash, not its id
        assert store.all("user_data") == {}
        assert store.subscriptions() == [Subscription(-100123, None)]  # sending needs the id: sealed
        [day] = store.daily_stats()
        assert (day.questions, day.users) == (2, 1)  # still one person, counted once
        assert [q for q, _ in store.top_unanswered()] == ["câu hỏi cũ"]
    finally:
        store.close()
    on_disk = file_bytes(path)
    assert str(PERSON).encode() not in on_disk and b"100123" not in on_disk
    assert old_hash.encode() not in on_disk and b"0123456789abcdef0123456789abcdef" not in on_disk
    assert any("re-keyed" in r.getMessage() for r in caplog.records)
    reopened = StateStore(path, KEY)  # a second start changes nothing
    assert reopened.chat_data(PERSON) == {"plan": PLAN_2022}
    reopened.close()


def test_a_changed_key_drops_the_chat_settings_it_can_no_longer_find(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "ipbot-state.sqlite3"
    first = StateStore(path, KEY)
    first.save_chat(PERSON, {"plan": PLAN_2022}).result()
    first.close()
    with caplog.at_level(logging.WARNING):
        second = StateStore(path, b"a new key, set by the operator!!")
    try:
        assert second.chat_data(PERSON) == {} and second.all("chat_data") == {}
    finally:
        second.close()
    assert any("hash key changed" in r.getMessage() for r in caplog.records)


# ---------------------------------------------------------------- reminder subscriptions, sealed
GROUP = -1_009_876_543_210
CHATS = (PERSON, GROUP, 912_345_670)


def plain_subscriptions(path: Path, rows: list[tuple[str, str]], buttons: int = 0) -> None:
    """Subscriptions as the version before this one kept them: ``kv`` rows of the kind ``reminders``
    keyed by the chat id in clear, beside ``buttons`` rows of button data (enough make the key
    index more than one page deep, where a deleted key can survive in a page above its row)."""
    StateStore(path, KEY).close()  # today's schema; the older one differs only by the new table
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("delete from subscriptions")
        for key, value in rows:
            conn.execute("insert into kv (kind, key, value, updated) values ('reminders', ?, ?, ?)",
                         (key, value, time.time()))  # fmt: skip
        for n in range(buttons):
            conn.execute("insert into kv (kind, key, value, updated) values ('button', ?, '{}', ?)",
                         (hashlib.sha256(str(n).encode()).hexdigest(), time.time()))  # fmt: skip
    conn.close()


def test_subscriptions_are_sealed_in_the_file_and_still_read(tmp_path: Path) -> None:
    path = tmp_path / "ipbot-state.sqlite3"
    store = StateStore(path, KEY)
    try:
        for chat in CHATS:
            assert store.subscribe(chat, PLAN_2022 if chat == GROUP else None)
        assert store.subscribe(PERSON, PLAN_2022)  # again: the plan changes, no second row
        assert store.unsubscribe(912_345_670) and not store.unsubscribe(912_345_670)
        assert store.move_subscription(GROUP, GROUP - 1, PLAN_2022)
        assert sorted(store.subscriptions(), key=lambda s: s.chat_id) == [
            Subscription(GROUP - 1, PLAN_2022),
            Subscription(PERSON, PLAN_2022),
        ]
        assert store.all("reminders") == {}
    finally:
        store.close()
    on_disk = file_bytes(path)
    for chat in (*CHATS, GROUP - 1):
        assert str(chat).lstrip("-").encode() not in on_disk, chat
    with sqlite3.connect(path) as conn:
        keys = {row[0] for row in conn.execute("select key from subscriptions")}
        chat_keys = {row[0] for row in conn.execute("select key from kv")}
    assert len(keys) == 2 and not keys & chat_keys  # not the chat settings' hash either: nothing to join


def test_plain_subscriptions_of_an_older_file_are_sealed_at_start_and_none_is_lost(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "ipbot-state.sqlite3"
    rows = [(str(PERSON), '{"plan": null}'), (str(GROUP), json.dumps({"plan": PLAN_2022})),
            ("912345670", '{"plan": "ninh-thuan-2023"}'), ("not-a-chat", "{}"), ("5", "not json")]  # fmt: skip
    plain_subscriptions(path, rows, buttons=3000)
    assert str(GROUP).encode() in file_bytes(path)  # in clear before
    with caplog.at_level(logging.INFO):
        store = StateStore(path, KEY)
    try:
        assert sorted(store.subscriptions(), key=lambda s: s.chat_id) == [
            Subscription(GROUP, PLAN_2022),
            Subscription(912_345_670, "ninh-thuan-2023"),
            Subscription(PERSON, None),
        ]
        assert store.all("reminders") == {} and len(store.all("button")) == 3000
    finally:
        store.close()
    on_disk = file_bytes(path)
    for chat in CHATS:  # nowhere in the file: not in its rows, its free space or an index page
        assert str(chat).lstrip("-").encode() not in on_disk, chat
    assert any("3 reminder subscriptions kept by chat id are now sealed (2 unreadable" in r.getMessage()
               for r in caplog.records)  # fmt: skip
    again = StateStore(path, KEY)  # a second start changes nothing
    try:
        assert len(again.subscriptions()) == 3
    finally:
        again.close()


def test_a_migration_cut_short_loses_no_subscription(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The move is one transaction: a failure (or a kill) halfway leaves every plain row in place,
    and the next start moves them all."""
    path = tmp_path / "ipbot-state.sqlite3"
    plain_subscriptions(path, [(str(chat), '{"plan": null}') for chat in CHATS])
    real = Sealer.seal
    calls = iter(range(100))

    def failing(self: Sealer, data: bytes, context: bytes = b"") -> bytes:
        if next(calls) == 1:
            raise sqlite3.OperationalError("disk I/O error")
        return real(self, data, context)

    monkeypatch.setattr(Sealer, "seal", failing)
    with pytest.raises(StateFault, match="disk I/O error"):
        StateStore(path, KEY)
    monkeypatch.setattr(Sealer, "seal", real)
    with sqlite3.connect(path) as conn:
        assert conn.execute("select count(*) from kv where kind = 'reminders'").fetchone() == (3,)
        assert conn.execute("select count(*) from subscriptions").fetchone() == (0,)
    store = StateStore(path, KEY)
    try:
        assert {s.chat_id for s in store.subscriptions()} == set(CHATS)
    finally:
        store.close()


def test_a_changed_key_drops_the_subscriptions_it_can_no_longer_open(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "ipbot-state.sqlite3"
    first = StateStore(path, KEY)
    first.subscribe(PERSON, None)
    first.close()
    with caplog.at_level(logging.WARNING):
        second = StateStore(path, b"a new key, set by the operator!!")
    try:
        assert second.subscriptions() == []
        second.subscribe(GROUP, None)  # new ones work under the new key
        assert second.subscriptions() == [Subscription(GROUP, None)]
    finally:
        second.close()
    assert any("1 reminder subscriptions stored under the old key were deleted" in r.getMessage()
               for r in caplog.records)  # fmt: skip


def test_a_damaged_subscription_is_skipped_and_the_others_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "ipbot-state.sqlite3"
    store = StateStore(path, KEY)
    try:
        store.subscribe(PERSON, None)
        store.subscribe(GROUP, None)
        key = store.subscription_key(PERSON)
        with store._write_lock:  # one byte of one row changed on disk
            [body] = store._conn.execute("select body from subscriptions where key = ?", (key,)).fetchone()
            damaged = bytes(body[:-1]) + bytes([body[-1] ^ 1])
            store._conn.execute("update subscriptions set body = ? where key = ?", (damaged, key))
        with caplog.at_level(logging.WARNING):
            assert store.subscriptions() == [Subscription(GROUP, None)]
    finally:
        store.close()
    assert any("1 reminder subscriptions cannot be opened" in r.getMessage() for r in caplog.records)


# ---------------------------------------------------------------- retention
def test_question_text_feedback_ratings_and_contexts_go_after_the_retention_period(tmp_path: Path) -> None:
    path = tmp_path / "ipbot-state.sqlite3"
    store = StateStore(path, KEY, retention_days=90)
    old = time.time() - 91 * DAY
    recent = time.time() - 89 * DAY
    old_id = store.log_question(PERSON, "câu hỏi quá hạn 0912 345 678", False, "none", now=old)
    recent_id = store.log_question(PERSON, "câu hỏi còn hạn", False, "none", now=recent)
    assert store.rate(old_id, 1, "Nhiệm vụ 3.3") and store.rate(recent_id, -1, "Nhiệm vụ 3.4")
    store.add_feedback(PERSON, "private", "góp ý quá hạn", now=old)
    store.add_feedback(PERSON, "private", "góp ý còn hạn", now=recent)
    store.save_chat(PERSON, {"plan": PLAN_2022}).result()
    store.save_chat(PERSON + 1, {"plan": PLAN_2022}).result()
    with store._write_lock:  # the second chat idle for 91 days
        store._conn.execute("update kv set updated = ? where key = ?", (old, store.chat_key(PERSON + 1)))
    assert store.prune() == 4  # a question, its rating, a feedback, an idle chat
    assert [q for q, _ in store.top_unanswered()] == ["câu hỏi còn hạn"]
    assert store.rating_totals() == (0, 1)
    assert [text for _, text in store.feedback()] == ["góp ý còn hạn"]
    assert store.chat_data(PERSON) == {"plan": PLAN_2022} and store.chat_data(PERSON + 1) == {}
    store.log_question(PERSON, "câu hỏi sẽ quá hạn", False, "none", now=time.time() - 31 * DAY)
    store.close()
    on_disk = file_bytes(path)
    assert "câu hỏi quá hạn".encode() not in on_disk and "góp ý quá hạn".encode() not in on_disk  # overwritten
    shorter = StateStore(path, KEY, retention_days=30)  # pruned at start, with the period configured
    try:
        assert [q for q, _ in shorter.top_unanswered()] == []
    finally:
        shorter.close()


def test_the_retention_run_is_scheduled_daily(api: FakeBotAPI, settings: Settings, services: Services) -> None:
    async def scenario() -> float:
        async with RunningBot(api, settings, services) as bot:
            assert bot.application.job_queue is not None
            [job] = bot.application.job_queue.get_jobs_by_name("retention")
            assert job.next_t is not None
            return job.next_t.timestamp() - time.time()

    assert DAY - 60 < asyncio.run(scenario()) <= DAY


# ---------------------------------------------------------------- the whole bot
def test_nothing_in_the_state_file_names_the_person(
    api: FakeBotAPI, tmp_path: Path, plan_db: Path, assistant: Assistant, make_services: MakeServices
) -> None:
    """A private conversation — a plan chosen, questions answered and not, a follow-up, a rating,
    feedback with an e-mail address — leaves no user id, no phone number and no address in the
    file; the statistics still count one person."""
    settings = make_settings(api, tmp_path / "state.sqlite3", plan_db, IPBOT_HASH_KEY="x" * 32)
    services = make_services(settings, assistant)
    services.today = lambda: dt.date(2022, 3, 1)  # the plan's dates are ahead: /nhacnho subscribes
    person: dict[str, Any] = {"user_id": PERSON, "chat_id": PERSON}

    async def scenario() -> None:
        async with RunningBot(api, settings, services) as bot:
            await bot.ask("/kehoach", **person)
            await bot.press(f"p:{PLAN_2022}", message_id=bot.last_message_id(PERSON), chat_id=PERSON, user_id=PERSON)
            await bot.ask("Ai chủ trì nhiệm vụ 3.3?", **person)
            await bot.ask("còn kinh phí thì sao?", **person)
            await bot.ask("thời tiết mai thế nào, gọi 0912 345 678 hoặc mail a.b@gmail.com", **person)
            await bot.ask("/gopy liên hệ tôi qua 0987.654.321 hoặc a.b@gmail.com", **person)
            await bot.ask("/nhacnho", **person)

    asyncio.run(scenario())
    assert services.store.flush()
    on_disk = file_bytes(settings.state_path)
    for secret in (str(PERSON), "0912 345 678", "0987.654.321", "a.b@gmail.com"):
        assert secret.encode() not in on_disk, secret
    [question] = [q for q, _ in services.store.top_unanswered()]
    assert question == f"thời tiết mai thế nào, gọi {PHONE_MASK} hoặc mail {EMAIL_MASK}"
    assert [t for _, t in services.store.feedback()] == [f"liên hệ tôi qua {PHONE_MASK} hoặc {EMAIL_MASK}"]
    assert services.store.chat_data(PERSON)["plan"] == PLAN_2022
    assert services.store.subscriptions() == [Subscription(PERSON, PLAN_2022)]  # reminders can still be sent
    [day] = services.store.daily_stats()
    assert (day.questions, day.users) == (3, 1)
    assert not key_file_for(settings.state_path).exists()  # the key came from IPBOT_HASH_KEY
