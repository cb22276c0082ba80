"""What users and admins store: chat settings and context, feedback, the question log.

One writable SQLite file of its own (never the read-only plan database). Every write is a
transaction, so a crash leaves either the old or the new value, never a torn file (the failure
mode of pickle files). Values are JSON, readable without the bot.

Writes go through one background writer thread, never the event loop: a full disk, a read-only
file or a database another process has locked makes a write fail (one log line, never a
traceback, never a message to the user) after ``busy_timeout`` seconds at most, and meanwhile the
bot answers. Reads use a connection of their own, which SQLite's WAL mode never makes wait for
a writer. Front ends choose per write: :meth:`StateStore.enqueue` (best-effort: the question
log, ratings, button data) or ``await`` :meth:`StateStore.persist` (done before the user sees a
confirmation: a plan choice, feedback, a subscription).

What is kept about people (the README's "Privacy" section says the same, for operators):

- the question log: the time, the day, a keyed hash of the user id (:mod:`.privacy`), whether
  the question was answered, and the question text only when it was not (so staff can review
  what the bot could not answer), with phone numbers and e-mail addresses masked;
- a 👍 / 👎 with the answer's first line, which is the bot's text, never the user's;
- feedback (/gopy), masked the same way, with the keyed hash and the chat type;
- a chat's chosen plan and conversation context, under a keyed hash of the chat id;
- the chats that asked for reminders, until /huynhac or until the chat is gone: the chat id
  (sending needs it) and the plan, sealed under a key derived from the hash key, in a row found
  by a keyed hash of the id (:meth:`StateStore.subscribe`), so the file alone shows no id;
- an update (a message or a button press) from when it is taken from Telegram until it is
  answered, usually well under a second, so that one a crash interrupted is answered after the
  restart (:mod:`.inbox`): its ids and text, without names, sealed under a key derived from the
  hash key, so the file and its write-ahead log show nothing of it.

Question rows, ratings, feedback and chat contexts older than ``retention_days`` are deleted at
start and once a day (:meth:`StateStore.prune`), and deleted content is overwritten
(``secure_delete``), not left in free pages.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import os
import queue
import secrets
import sqlite3
import threading
import time
import unicodedata
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from ipbot.frontends.telegram.privacy import (
    Hasher,
    KeyFileError,
    Sealer,
    key_file_for,
    load_or_create_key,
    mask_contacts,
)

__all__ = ["DayStats", "Pending", "StateFault", "StateStore", "Subscription"]

log = logging.getLogger(__name__)

T = TypeVar("T")

_SCHEMA = """
create table if not exists kv (
    kind text not null,          -- chat_data | button | choices
    key text not null,           -- chat_data: a keyed hash of the chat id; button, choices: a content hash
    value text not null,
    updated real,                -- when it was last written (chat contexts expire with the retention)
    primary key (kind, key)
);
create table if not exists feedback (
    id integer primary key,
    ts real not null,
    user_hash text not null,
    chat_type text not null,
    text text not null
);
create table if not exists questions (
    id integer primary key,      -- random, so a forged rating button cannot guess another's answer
    ts real not null,
    day text not null,
    user_hash text not null,
    answered integer not null,
    intent text not null,
    question text             -- kept only when not answered
);
create index if not exists questions_day on questions (day);
create index if not exists questions_ts on questions (ts);
create table if not exists ratings (
    question_id integer primary key, -- one rating per answer: a second tap replaces the first
    ts real not null,
    value integer not null,          -- +1 or -1
    answer text not null             -- the answer's first line (the bot's words, not the user's)
);
create table if not exists meta (key text primary key, value text not null);
create table if not exists subscriptions (
    key text primary key,          -- a keyed hash of the chat id, of its own domain: /huynhac finds the row by it
    updated real not null,
    body blob not null             -- the chat id and the plan, sealed (privacy.Sealer): sending needs the id
);
create table if not exists inbox (
    update_id integer primary key, -- Telegram's id of an update taken and not yet answered
    ts real not null,
    state text not null,           -- received | sending (a reply to it has gone out, or is going)
    attempts integer not null,     -- how often it was taken up again after a restart
    body blob not null             -- the update without names, sealed (privacy.Sealer): what answering it needs
);
"""

CHATS = "chat_data"
LEGACY_SUBSCRIPTIONS = "reminders"
"""The kind under which versions before the sealed ``subscriptions`` table kept a subscription,
keyed by the plain chat id (moved at the first start, :meth:`StateStore._migrate`)."""
REMEMBERED = ("button", "choices")
"""Kinds written with :meth:`StateStore.remember`: held in memory too, so a button works at once
and still works when its row could not be written."""
MAX_PENDING = 2000
"""Writes waiting for the writer beyond this are dropped (and logged): while the file is locked,
a flood of questions must not grow memory without bound."""
QUESTION_ID_LIMIT = 10**18
"""Question ids are random below this: 18 digits at most, what a rating button may carry."""
DAY = 86_400.0
PRIVATE_FOLDER = 0o700
PRIVATE_FILE = 0o600
"""Modes of the state folder and database when the bot makes them: what they hold is nobody
else's business on a shared server (an existing folder or file keeps the mode it has)."""
READ_TIMEOUT = 0.5
"""Reads run on the event loop: in WAL mode they never wait for a writer, and when something else
holds the file (a backup tool locking it whole) they give up fast instead of holding every chat."""


class StateFault(Exception):
    """The state database cannot be used at all (the message is one line for the operator)."""


@dataclass(frozen=True)
class DayStats:
    day: str
    questions: int
    answered: int
    users: int


@dataclass(frozen=True)
class Pending:
    """An update taken from Telegram whose handling had not finished when the bot last stopped."""

    update_id: int
    ts: float
    state: str
    attempts: int
    body: str | None
    """The update's JSON; None when it cannot be unsealed (the hash key changed)."""


@dataclass(frozen=True)
class Subscription:
    """A chat that asked for reminders (/nhacnho), and of which plan (None: every plan)."""

    chat_id: int
    plan: str | None


def _plan_of(value: str) -> str | bool | None:
    """The plan of a subscription kept in clear by an older version (its JSON ``{"plan": …}``):
    an id, None for every plan, or False when the value is not one."""
    try:
        data = json.loads(value)
    except ValueError:
        return False
    plan = data.get("plan") if isinstance(data, dict) else False
    return plan if plan is None or isinstance(plan, str) else False


def _connect(path: Path, busy_timeout: float) -> sqlite3.Connection:
    return sqlite3.connect(path, timeout=busy_timeout, check_same_thread=False, isolation_level=None)


class StateStore:
    """A small transactional key-value and log store over one SQLite file."""

    def __init__(
        self,
        path: Path,
        key: bytes | None = None,
        *,
        retention_days: float = 90,
        busy_timeout: float = 2.0,
    ) -> None:
        """Open (or make) the state database at ``path``; :class:`StateFault` when it cannot be used.

        ``key`` is the hash key (``IPBOT_HASH_KEY``); without it, the key file beside the database
        is read, or made once. A file that is not a database, or a damaged one, is moved aside
        (``….corrupt-<time>``, kept for whoever wants to recover it) and a new one made."""
        self.path = path
        self.retention_days = retention_days
        self.busy_timeout = busy_timeout
        if key is None:
            try:
                key = load_or_create_key(key_file_for(path))
            except KeyFileError as exc:
                raise StateFault(str(exc)) from None
        self._hasher = Hasher(key)
        self._sealer = Sealer(key)
        self._write_lock = threading.RLock()
        self._read_lock = threading.Lock()
        self._conn = self._open()
        self._reader = _connect(path, min(busy_timeout, READ_TIMEOUT))
        self._reader.execute("pragma query_only = 1")
        self._remembered: OrderedDict[tuple[str, str], object] = OrderedDict()
        self._issued: OrderedDict[int, None] = OrderedDict()
        self._written: dict[str, str] = {}  # a chat's last JSON written, so a repeat writes nothing
        self.failures: Counter[str] = Counter()
        """Writes that failed, by what they were (each was logged once)."""
        self._queue: queue.Queue[tuple[str, Callable[..., Any], tuple[Any, ...], Future[Any], bool] | None] = (
            queue.Queue()
        )
        self._closed = False
        try:  # the first writes: a file that opens but cannot be written (read-only) fails here
            self._migrate()
            self.prune()
        except sqlite3.Error as exc:
            self._reader.close()
            self._conn.close()
            raise StateFault(self._unusable(exc)) from None
        self._thread = threading.Thread(target=self._work, name="ipbot-state-writer", daemon=True)
        self._thread.start()

    # ------------------------------------------------------------------ opening
    def _open(self) -> sqlite3.Connection:
        path = self.path
        if path.is_dir():
            raise StateFault(f"the state path {path} is a directory; IPBOT_STATE_PATH must name a file")
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=PRIVATE_FOLDER)
        except OSError as exc:
            raise StateFault(f"cannot create the state folder {path.parent}: {exc.strerror or exc}") from None
        try:
            return self._connect_checked()
        except OSError as exc:
            raise StateFault(f"cannot create the state database {path}: {exc.strerror or exc}") from None
        except sqlite3.DatabaseError as exc:
            if isinstance(exc, sqlite3.OperationalError):
                raise StateFault(self._unusable(exc)) from None
            aside = self._move_aside()
            log.warning("state database %s is damaged (%s): moved aside to %s, a new one is made", path, exc, aside)
        try:
            return self._connect_checked()
        except sqlite3.DatabaseError as exc:
            raise StateFault(self._unusable(exc)) from None

    def _connect_checked(self) -> sqlite3.Connection:
        if not self.path.exists():  # made by us, for its owner only (SQLite gives its -wal and -shm the same mode)
            with contextlib.suppress(FileExistsError):
                os.close(os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, PRIVATE_FILE))
        conn = _connect(self.path, self.busy_timeout)
        try:
            conn.execute("pragma journal_mode = wal")
            # a commit survives the process being killed; persist() adds a sync to the disk itself, so
            # what a user was told is kept survives a power cut too (see _work)
            conn.execute("pragma synchronous = normal")
            conn.execute("pragma secure_delete = on")  # pruned text is overwritten, not left in free pages
            check = [row[0] for row in conn.execute("pragma quick_check")]
            if check != ["ok"]:
                raise sqlite3.DatabaseError("; ".join(check[:3]))
            conn.executescript(_SCHEMA)
        except BaseException:
            conn.close()
            raise
        return conn

    def _unusable(self, exc: sqlite3.Error) -> str:
        reason = str(exc)
        if "readonly" in reason or "read-only" in reason:
            reason += " (the file or its folder is read-only; the bot needs to write there)"
        elif "unable to open" in reason:
            reason += f" (check that {self.path.parent} exists and the bot may write there)"
        elif "locked" in reason:
            reason += " (another process holds the database)"
        return f"cannot use the state database {self.path}: {reason}"

    def _move_aside(self) -> Path:
        stamp = time.strftime("%Y%m%d-%H%M%S")
        aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}")
        n = 1
        while aside.exists():  # never over an earlier one: it may be the one worth recovering
            n += 1
            aside = self.path.with_name(f"{self.path.name}.corrupt-{stamp}-{n}")
        for suffix in ("", "-wal", "-shm"):
            part = Path(str(self.path) + suffix)
            if part.exists():
                try:
                    part.replace(Path(str(aside) + suffix))
                except OSError as exc:
                    reason = f"the state database {self.path} is damaged and cannot be moved aside: {exc}"
                    raise StateFault(reason) from None
        return aside

    def _migrate(self) -> None:
        """Once, for a database an older version wrote: its user hashes were salted with a salt kept
        in the same file (so anyone with the file could re-identify them) and its chat settings
        were keyed by the raw chat id. Re-key both under the key, drop the salt and what the bot no
        longer keeps. Also notice a changed key: settings stored under the old one can no longer
        be found, nor subscriptions sealed under it opened, so they are deleted rather than left
        behind.

        And once, for a database that kept subscriptions in clear (``kv`` rows of the kind
        ``reminders`` keyed by the chat id): seal each into ``subscriptions`` in the same
        transaction that deletes it (a kill in between leaves the old rows, moved at the next
        start; none is lost); ``secure_delete`` overwrites the old rows, index entries included,
        and the write-ahead log is emptied, so the ids are nowhere in the files after it."""
        counts: Counter[str] = Counter()
        with self._tx() as conn:
            salt = conn.execute("select value from meta where key = 'salt'").fetchone()
            check = conn.execute("select value from meta where key = 'key_check'").fetchone()
            columns = {row[1] for row in conn.execute("pragma table_info(kv)")}
            if "updated" not in columns:
                conn.execute("alter table kv add column updated real")
            conn.execute("update kv set updated = ? where updated is null", (time.time(),))
            if salt is not None:
                for table in ("questions", "feedback"):
                    old = [row[0] for row in conn.execute(f"select distinct user_hash from {table}")]
                    for value in old:
                        new = self._hasher.digest("legacy", value)
                        conn.execute(f"update {table} set user_hash = ? where user_hash = ?", (new, value))
                    counts[table] = len(old)
                rows = conn.execute("select key, value, updated from kv where kind = ?", (CHATS,)).fetchall()
                conn.execute("delete from kv where kind = ?", (CHATS,))
                for key, value, updated in rows:
                    if key.lstrip("-").isdigit():
                        conn.execute(
                            "insert or replace into kv (kind, key, value, updated) values (?, ?, ?, ?)",
                            (CHATS, self._hasher.chat(int(key)), value, updated),
                        )
                        counts["chats"] += 1
                conn.execute("delete from kv where kind in ('user_data', 'bot_data') or kind like 'conversation:%'")
                conn.execute("delete from meta where key = 'salt'")
            elif check is not None and check[0] != self._hasher.check():
                counts["orphaned"] = conn.execute("delete from kv where kind = ?", (CHATS,)).rowcount
                for key, body in conn.execute("select key, body from subscriptions").fetchall():
                    if self._open_subscription(key, body) is None:
                        conn.execute("delete from subscriptions where key = ?", (key,))
                        counts["orphaned subscriptions"] += 1
            plain = conn.execute(
                "select key, value, updated from kv where kind = ?", (LEGACY_SUBSCRIPTIONS,)
            ).fetchall()
            for key, value, updated in plain:
                plan = _plan_of(value)
                if not key.lstrip("-").isdigit() or plan is False:
                    counts["unreadable subscriptions"] += 1  # nothing could ever be sent to it
                    continue
                self._subscribe(conn, int(key), plan if isinstance(plan, str) else None, updated)
                counts["subscriptions"] += 1
            if plain:
                conn.execute("delete from kv where kind = ?", (LEGACY_SUBSCRIPTIONS,))
            conn.execute("insert or replace into meta (key, value) values ('key_check', ?)", (self._hasher.check(),))
        if plain or salt is not None:
            self._checkpoint()  # what was deleted leaves the write-ahead log too
        if plain:
            log.info(
                "state: %d reminder subscriptions kept by chat id are now sealed (%d unreadable ones dropped)",
                counts["subscriptions"],
                counts["unreadable subscriptions"],
            )
        if salt is not None:
            log.info(
                "state: re-keyed the user hashes of %d question and %d feedback users and %d chat settings; "
                "the old salt is deleted",
                counts["questions"],
                counts["feedback"],
                counts["chats"],
            )
        if counts["orphaned"] or counts["orphaned subscriptions"]:
            log.warning(
                "state: the hash key changed; %d chat settings and %d reminder subscriptions stored under the old "
                "key were deleted (those chats must send /nhacnho again)",
                counts["orphaned"],
                counts["orphaned subscriptions"],
            )

    def _checkpoint(self) -> None:
        """Fold the write-ahead log into the file and empty it, so deleted content leaves it too."""
        with self._write_lock:
            self._conn.execute("pragma wal_checkpoint(truncate)")

    # ------------------------------------------------------------------ the writer
    def enqueue(self, what: str, fn: Callable[..., T], *args: Any, durable: bool = False) -> Future[T | None]:
        """Run ``fn(*args)`` on the writer thread, after every write enqueued before it.

        The future never fails: a write that fails is logged once (``what`` names it) and
        resolves to None, so a caller that does not wait loses nothing but that write. A
        ``durable`` write is synced to the disk before its future resolves (the others are safe
        from a killed process, and reach the disk at the next checkpoint or durable write)."""
        future: Future[T | None] = Future()
        if self._closed:
            self._failed(what, "the state database is closed")
            future.set_result(None)
        elif self._queue.qsize() >= MAX_PENDING:
            self._failed(what, f"{MAX_PENDING} writes already waiting")
            future.set_result(None)
        else:
            self._queue.put((what, fn, args, future, durable))
        return future

    async def persist(self, what: str, fn: Callable[..., T], *args: Any) -> T | None:
        """``fn(*args)`` on the writer thread, awaited: done (or failed and logged) when this
        returns, so a confirmation sent after it is true after a crash too."""
        return await asyncio.wrap_future(self.enqueue(what, fn, *args, durable=True))

    def flush(self, timeout: float = 10.0) -> bool:
        """Wait until every write enqueued so far is done (True), or ``timeout`` passed (False)."""
        if self._closed:
            return True
        try:
            self.enqueue("flush", lambda: None).result(timeout)
        except TimeoutError:
            return False
        return True

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            if job is None:
                return
            what, fn, args, future, durable = job
            if not future.set_running_or_notify_cancel():
                continue  # its caller gave up (a shutdown cancelled it) before it began
            try:
                result = self._durably(fn, args) if durable else fn(*args)
            except (sqlite3.Error, OSError) as exc:
                self._failed(what, str(exc))
                future.set_result(None)
            except Exception:  # a bug, not the disk: its traceback is worth having
                self.failures[what] += 1
                log.exception("state: %s failed", what)
                future.set_result(None)
            else:
                future.set_result(result)

    def _durably(self, fn: Callable[..., T], args: tuple[Any, ...]) -> T:
        """``fn(*args)`` with its commit synced to the disk (``synchronous = full``): an fsync of a
        few milliseconds, paid only by what a user is told was done."""
        with self._write_lock:
            self._conn.execute("pragma synchronous = full")
            try:
                return fn(*args)
            finally:
                self._conn.execute("pragma synchronous = normal")

    def _failed(self, what: str, reason: str) -> None:
        self.failures[what] += 1
        log.warning("state: %s not stored (%s)", what, reason)

    def close(self, timeout: float = 10.0) -> None:
        """Finish the writes enqueued (waiting at most ``timeout``), then close the database."""
        if self._closed:
            return
        done = self.flush(timeout)
        self._closed = True
        self._queue.put(None)
        self._thread.join(timeout if done else 0.1)
        with self._read_lock:
            self._reader.close()
        if self._thread.is_alive():  # stuck on a lock: closing under it could crash; the process exit closes it
            log.warning("state: %d writes still waiting at shutdown were not stored", self._queue.qsize())
            return
        with self._write_lock:
            self._conn.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._write_lock:
            self._conn.execute("begin immediate")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("rollback")
                raise
            self._conn.execute("commit")

    @contextmanager
    def _read(self) -> Iterator[sqlite3.Connection]:
        with self._read_lock:
            yield self._reader

    # ------------------------------------------------------------------ key-value
    def put(self, kind: str, key: str | int, value: object) -> None:
        data = json.dumps(value, ensure_ascii=False, default=str)
        with self._tx() as conn:
            conn.execute(
                "insert or replace into kv (kind, key, value, updated) values (?, ?, ?, ?)",
                (kind, str(key), data, time.time()),
            )

    def remember(self, kind: str, key: str, value: object, keep: int = 5000) -> None:
        """Keep a value under a content hash: in memory at once, in the database in the background,
        keeping only the newest ``keep`` of the kind.

        Used for button data: the same question hashes to the same key, so asking again writes
        nothing, and old keys are pruned so the file cannot grow without bound. Building a keyboard
        never waits for the disk."""
        slot = (kind, key)
        if slot in self._remembered:
            self._remembered.move_to_end(slot)
            return
        self._remembered[slot] = value
        if len(self._remembered) > keep:
            self._remembered.popitem(last=False)
        self.enqueue("button data", self._remember, kind, key, json.dumps(value, ensure_ascii=False), keep)

    def _remember(self, kind: str, key: str, data: str, keep: int) -> None:
        with self._tx() as conn:
            conn.execute(
                "insert or ignore into kv (kind, key, value, updated) values (?, ?, ?, ?)",
                (kind, key, data, time.time()),
            )
            count = conn.execute("select count(*) from kv where kind = ?", (kind,)).fetchone()[0]
            if count > keep * 1.1:
                conn.execute(
                    "delete from kv where kind = ? and rowid not in "
                    "(select rowid from kv where kind = ? order by rowid desc limit ?)",
                    (kind, kind, keep),
                )

    def delete(self, kind: str, key: str | int) -> None:
        with self._tx() as conn:
            conn.execute("delete from kv where kind = ? and key = ?", (kind, str(key)))

    def get(self, kind: str, key: str | int, default: object = None) -> object:
        """A stored value; ``default`` when there is none, or when the database cannot be read now
        (logged): a button then says it expired rather than failing."""
        if (kind, str(key)) in self._remembered:
            return self._remembered[(kind, str(key))]
        try:
            with self._read() as conn:
                row = conn.execute("select value from kv where kind = ? and key = ?", (kind, str(key))).fetchone()
        except sqlite3.Error as exc:
            log.warning("state: %s not read (%s)", kind, exc)
            return default
        return json.loads(row[0]) if row else default

    def all(self, kind: str) -> dict[str, object]:
        with self._read() as conn:
            rows = conn.execute("select key, value from kv where kind = ?", (kind,)).fetchall()
        return {k: json.loads(v) for k, v in rows}

    # ------------------------------------------------------------------ chats
    def chat_key(self, chat_id: int) -> str:
        """The key a chat's settings are stored under: a keyed hash, never the id."""
        return self._hasher.chat(chat_id)

    def chat_tag(self, chat_id: int) -> str:
        """How a log line names a chat: a short keyed hash of a domain of its own, so log lines can
        be told apart by chat but joined neither to the id nor to the chat's stored row."""
        return self._hasher.digest("log", chat_id, 12)

    def chat_data(self, chat_id: int) -> dict[str, Any]:
        """A chat's stored settings and context (empty when none, or when they cannot be read now)."""
        value = self.get(CHATS, self.chat_key(chat_id), {})
        if isinstance(value, dict):
            self._written[self.chat_key(chat_id)] = json.dumps(value, ensure_ascii=False, sort_keys=True)
            return value
        return {}

    def save_chat(self, chat_id: int, data: Mapping[str, Any], durable: bool = False) -> Future[bool | None]:
        """Write a chat's settings and context now (serialised here, on the caller's thread, so
        later changes to ``data`` are not what gets written). Nothing is written when they are
        what was written last, unless ``durable`` (synced to the disk: a choice the user is told
        of)."""
        key = self.chat_key(chat_id)
        text = json.dumps(dict(data), ensure_ascii=False, sort_keys=True, default=str)
        return self.enqueue("chat settings", self._save_chat, key, text, durable, durable=durable)

    def _save_chat(self, key: str, text: str, again: bool = False) -> bool:
        if self._written.get(key) == text and not again:
            return False
        with self._tx() as conn:
            conn.execute(
                "insert or replace into kv (kind, key, value, updated) values (?, ?, ?, ?)",
                (CHATS, key, text, time.time()),
            )
        self._written[key] = text
        return True

    def drop_chat(self, chat_id: int) -> Future[None]:
        key = self.chat_key(chat_id)
        self._written.pop(key, None)
        return self.enqueue("chat settings", self.delete, CHATS, key)

    # ------------------------------------------------------------------ reminder subscriptions
    def subscription_key(self, chat_id: int) -> str:
        """The key a chat's subscription is found by: a keyed hash of a domain of its own, so the
        row cannot be joined to the chat's settings either."""
        return self._hasher.digest("subscription", chat_id, 32)

    def subscribe(self, chat_id: int, plan: str | None) -> bool:
        """Remind ``chat_id`` of ``plan``'s dates (every plan's with None); again replaces the plan."""
        with self._tx() as conn:
            self._subscribe(conn, chat_id, plan, time.time())
        return True

    def unsubscribe(self, chat_id: int) -> bool:
        """No more reminders for ``chat_id``; whether it had a subscription."""
        with self._tx() as conn:
            gone = conn.execute("delete from subscriptions where key = ?", (self.subscription_key(chat_id),))
        return gone.rowcount > 0

    def move_subscription(self, old_chat_id: int, new_chat_id: int, plan: str | None) -> bool:
        """A group that became a supergroup: its subscription goes to the new id, in one transaction."""
        with self._tx() as conn:
            conn.execute("delete from subscriptions where key = ?", (self.subscription_key(old_chat_id),))
            self._subscribe(conn, new_chat_id, plan, time.time())
        return True

    def subscriptions(self) -> list[Subscription]:
        """Every subscription, oldest first. One that cannot be opened (damaged) is left out and
        logged; one sealed under an earlier key is deleted at start (:meth:`_migrate`)."""
        with self._read() as conn:
            rows = conn.execute("select key, body from subscriptions order by updated, key").fetchall()
        found = [self._open_subscription(key, body) for key, body in rows]
        if None in found:
            log.warning("state: %d reminder subscriptions cannot be opened (damaged); skipped", found.count(None))
        return [subscription for subscription in found if subscription is not None]

    def _subscribe(self, conn: sqlite3.Connection, chat_id: int, plan: str | None, updated: float) -> None:
        key = self.subscription_key(chat_id)
        body = json.dumps({"chat": chat_id, "plan": plan}, ensure_ascii=False).encode()
        conn.execute(
            "insert or replace into subscriptions (key, updated, body) values (?, ?, ?)",
            (key, updated, self._sealer.seal(body, b"subscription:" + key.encode())),
        )

    def _open_subscription(self, key: str, body: bytes) -> Subscription | None:
        try:
            data = json.loads(self._sealer.open(bytes(body), b"subscription:" + key.encode()))
            chat_id, plan = data["chat"], data["plan"]
        except (ValueError, TypeError, KeyError):
            return None
        if not isinstance(chat_id, int) or not (plan is None or isinstance(plan, str)):
            return None
        return Subscription(chat_id, plan)

    # ------------------------------------------------------------------ logs
    def user_hash(self, user_id: int | None) -> str:
        """A keyed hash: counts distinct users without storing who they are."""
        return self._hasher.user(user_id)

    def new_question_id(self) -> int:
        """An id for a question about to be answered, known before its log row is written, so the
        answer (and its 👍 / 👎) goes out first."""
        question_id = secrets.randbelow(QUESTION_ID_LIMIT - 1) + 1
        self._issued[question_id] = None
        if len(self._issued) > 10_000:
            self._issued.popitem(last=False)
        return question_id

    def issued(self, question_id: int) -> bool:
        """Whether a rating button may name this question: an id given out lately, or one logged."""
        if question_id in self._issued:
            return True
        try:
            with self._read() as conn:
                return conn.execute("select 1 from questions where id = ?", (question_id,)).fetchone() is not None
        except sqlite3.Error as exc:
            log.warning("state: question log not read (%s)", exc)
            return False

    def add_feedback(self, user_id: int | None, chat_type: str, text: str, now: float | None = None) -> None:
        """Keep a /gopy text for the admins, with phone numbers and e-mail addresses masked."""
        with self._tx() as conn:
            conn.execute(
                "insert into feedback (ts, user_hash, chat_type, text) values (?, ?, ?, ?)",
                (time.time() if now is None else now, self.user_hash(user_id), chat_type, mask_contacts(text)[:2000]),
            )

    def feedback(self, limit: int = 20) -> list[tuple[float, str]]:
        with self._read() as conn:
            return conn.execute("select ts, text from feedback order by id desc limit ?", (limit,)).fetchall()

    def log_question(
        self,
        user_id: int | None,
        question: str,
        answered: bool,
        intent: str,
        now: float | None = None,
        question_id: int | None = None,
    ) -> int:
        """Log a question; its id is what a 👍 / 👎 under the answer refers to. An unanswered
        question's text is kept with phone numbers and e-mail addresses masked."""
        now = time.time() if now is None else now
        day = time.strftime("%Y-%m-%d", time.localtime(now))
        text = None if answered else mask_contacts(question[:500])
        question_id = self.new_question_id() if question_id is None else question_id
        with self._tx() as conn:
            conn.execute(
                "insert into questions (id, ts, day, user_hash, answered, intent, question) "
                "values (?, ?, ?, ?, ?, ?, ?)",
                (question_id, now, day, self.user_hash(user_id), int(answered), intent, text),
            )
        return question_id

    def rate(self, question_id: int, value: int, answer: str) -> bool:
        """A 👍 (+1) or 👎 (-1) for the answer to a logged question; False (nothing stored) when no
        such question is logged, so a forged button cannot fill the ratings table."""
        with self._tx() as conn:
            cursor = conn.execute(
                "insert or replace into ratings (question_id, ts, value, answer) "
                "select ?, ?, ?, ? where exists (select 1 from questions where id = ?)",
                (question_id, time.time(), 1 if value > 0 else -1, answer[:300], question_id),
            )
        return cursor.rowcount > 0

    def prune(self, now: float | None = None) -> int:
        """Delete what is older than the retention period: question rows, ratings, feedback, the
        contexts of chats idle that long and updates never answered. Returns how many rows went."""
        cutoff = (time.time() if now is None else now) - self.retention_days * DAY
        with self._tx() as conn:
            deleted = conn.execute("delete from questions where ts < ?", (cutoff,)).rowcount
            deleted += conn.execute(
                "delete from ratings where ts < ? or question_id not in (select id from questions)", (cutoff,)
            ).rowcount
            deleted += conn.execute("delete from feedback where ts < ?", (cutoff,)).rowcount
            deleted += conn.execute("delete from kv where kind = ? and updated < ?", (CHATS, cutoff)).rowcount
            deleted += conn.execute("delete from inbox where ts < ?", (cutoff,)).rowcount
        if deleted:
            self._written.clear()
            self._checkpoint()
            log.info("state: %d rows older than %g days deleted", deleted, self.retention_days)
        return deleted

    # ------------------------------------------------------------------ the inbox (see .inbox)
    def inbox_add(self, update_id: int, body: str, now: float | None = None) -> bool:
        """Keep an update taken from Telegram until it is answered, sealed (a second copy of one
        kept already changes nothing). True once committed."""
        sealed = self._sealer.seal(body.encode(), str(update_id).encode())
        with self._tx() as conn:
            conn.execute(
                "insert or ignore into inbox (update_id, ts, state, attempts, body) values (?, ?, 'received', 0, ?)",
                (update_id, time.time() if now is None else now, sealed),
            )
        return True

    def inbox_sending(self, update_id: int) -> bool:
        """Note that a reply to this update is going out: after a crash from here on, it may have
        reached the user, so it is not sent again."""
        with self._tx() as conn:
            conn.execute("update inbox set state = 'sending' where update_id = ?", (update_id,))
        return True

    def inbox_retry(self, update_id: int) -> bool:
        """Count one more attempt at an update taken up again after a restart."""
        with self._tx() as conn:
            conn.execute("update inbox set attempts = attempts + 1 where update_id = ?", (update_id,))
        return True

    def inbox_done(self, update_id: int) -> None:
        with self._tx() as conn:
            conn.execute("delete from inbox where update_id = ?", (update_id,))

    def inbox_pending(self) -> list[Pending]:
        """The updates whose handling had not finished, oldest first; one that cannot be unsealed
        (the key changed) has the body ``None``."""
        with self._read() as conn:
            rows = conn.execute("select update_id, ts, state, attempts, body from inbox order by update_id").fetchall()
        return [
            Pending(update_id, ts, state, attempts, self._unseal(update_id, body))
            for update_id, ts, state, attempts, body in rows
        ]

    def _unseal(self, update_id: int, body: bytes) -> str | None:
        try:
            return self._sealer.open(bytes(body), str(update_id).encode()).decode()
        except (ValueError, TypeError):
            return None

    # ------------------------------------------------------------------ statistics
    def rating_totals(self) -> tuple[int, int]:
        """How many answers got 👍 and how many 👎."""
        with self._read() as conn:
            up, down = conn.execute(
                "select coalesce(sum(value > 0), 0), coalesce(sum(value < 0), 0) from ratings"
            ).fetchone()
        return int(up), int(down)

    def rated_down(self, limit: int = 5) -> list[tuple[str, int]]:
        """The answers most often given 👎 (by their first line), most first."""
        with self._read() as conn:
            return conn.execute(
                "select answer, count(*) n from ratings where value < 0 group by answer order by n desc, max(ts) desc "
                "limit ?",
                (limit,),
            ).fetchall()

    def daily_stats(self, days: int = 7) -> list[DayStats]:
        with self._read() as conn:
            rows = conn.execute(
                "select day, count(*), sum(answered), count(distinct user_hash) from questions "
                "group by day order by day desc limit ?",
                (days,),
            ).fetchall()
        return [DayStats(d, n, int(a or 0), u) for d, n, a, u in rows]

    def top_unanswered(self, limit: int = 10) -> list[tuple[str, int]]:
        """The most frequent unanswered questions, grouped case-insensitively (SQLite's lower() is ASCII-only)."""
        with self._read() as conn:
            rows = conn.execute(
                "select question, ts from questions where answered = 0 and question is not null"
            ).fetchall()
        counts: dict[str, list[float]] = {}
        for question, ts in rows:
            key = " ".join(unicodedata.normalize("NFC", question).casefold().split())
            seen = counts.setdefault(key, [0, 0.0])
            seen[0] += 1
            seen[1] = max(seen[1], ts)
        ranked = sorted(counts.items(), key=lambda kv: (-kv[1][0], -kv[1][1]))
        return [(q, int(n)) for q, (n, _) in ranked[:limit]]
