"""What users and admins store: chat settings and context, feedback, the question log.

One writable SQLite file of its own (never the read-only plan database). Every write
is a transaction, so a crash leaves either the old or the new value, never a torn file
(the failure mode of pickle files). Values are JSON, readable without the bot.

The question log keeps only what the statistics need: the day, a salted hash of the
user id, whether the question was answered, and the question text only when it was
not answered (so staff can review what the bot could not answer). A 👍 / 👎 under an
answer is kept with the answer's first line, which is the bot's text, never the user's.
"""

from __future__ import annotations

import hashlib
import json
import secrets
import sqlite3
import threading
import time
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

__all__ = ["DayStats", "StateStore"]

_SCHEMA = """
create table if not exists kv (
    kind text not null,          -- chat_data | user_data | bot_data | conversation:<name> | callback_data
    key text not null,
    value text not null,
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
    id integer primary key,
    ts real not null,
    day text not null,
    user_hash text not null,
    answered integer not null,
    intent text not null,
    question text             -- kept only when not answered
);
create index if not exists questions_day on questions (day);
create table if not exists ratings (
    question_id integer primary key, -- one rating per answer: a second tap replaces the first
    ts real not null,
    value integer not null,          -- +1 or -1
    answer text not null             -- the answer's first line (the bot's words, not the user's)
);
create table if not exists meta (key text primary key, value text not null);
"""


@dataclass(frozen=True)
class DayStats:
    day: str
    questions: int
    answered: int
    users: int


class StateStore:
    """A small transactional key-value and log store over one SQLite file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.execute("pragma journal_mode=wal")
        self._conn.execute("pragma synchronous=normal")
        self._conn.executescript(_SCHEMA)
        self._salt = self._meta("salt") or self._set_meta("salt", secrets.token_hex(16))

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("begin immediate")
            try:
                yield self._conn
            except BaseException:
                self._conn.execute("rollback")
                raise
            self._conn.execute("commit")

    def _meta(self, key: str) -> str | None:
        with self._lock:
            row = self._conn.execute("select value from meta where key = ?", (key,)).fetchone()
        return row[0] if row else None

    def _set_meta(self, key: str, value: str) -> str:
        with self._tx() as conn:
            conn.execute("insert or replace into meta (key, value) values (?, ?)", (key, value))
        return value

    # ------------------------------------------------------------------ key-value
    def put(self, kind: str, key: str | int, value: object) -> None:
        data = json.dumps(value, ensure_ascii=False, default=str)
        with self._tx() as conn:
            conn.execute("insert or replace into kv (kind, key, value) values (?, ?, ?)", (kind, str(key), data))

    def remember(self, kind: str, key: str, value: object, keep: int = 5000) -> None:
        """Store a value under a content hash once, keeping only the newest ``keep`` of the kind.

        Used for button data: the same question hashes to the same key, so asking again writes
        nothing, and old keys are pruned so the file cannot grow without bound.
        """
        with self._lock:
            exists = self._conn.execute("select 1 from kv where kind = ? and key = ?", (kind, key)).fetchone()
        if exists:
            return
        with self._tx() as conn:
            conn.execute(
                "insert into kv (kind, key, value) values (?, ?, ?)", (kind, key, json.dumps(value, ensure_ascii=False))
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
        with self._lock:
            row = self._conn.execute("select value from kv where kind = ? and key = ?", (kind, str(key))).fetchone()
        return json.loads(row[0]) if row else default

    def all(self, kind: str) -> dict[str, object]:
        with self._lock:
            rows = self._conn.execute("select key, value from kv where kind = ?", (kind,)).fetchall()
        return {k: json.loads(v) for k, v in rows}

    # ------------------------------------------------------------------ logs
    def user_hash(self, user_id: int | None) -> str:
        """A salted hash: counts distinct users without storing who they are."""
        return hashlib.sha256(f"{self._salt}:{user_id}".encode()).hexdigest()[:16]

    def add_feedback(self, user_id: int | None, chat_type: str, text: str) -> None:
        with self._tx() as conn:
            conn.execute(
                "insert into feedback (ts, user_hash, chat_type, text) values (?, ?, ?, ?)",
                (time.time(), self.user_hash(user_id), chat_type, text[:2000]),
            )

    def feedback(self, limit: int = 20) -> list[tuple[float, str]]:
        with self._lock:
            return self._conn.execute("select ts, text from feedback order by id desc limit ?", (limit,)).fetchall()

    def log_question(
        self, user_id: int | None, question: str, answered: bool, intent: str, now: float | None = None
    ) -> int:
        """Log a question; its id is what a 👍 / 👎 under the answer refers to."""
        now = time.time() if now is None else now
        day = time.strftime("%Y-%m-%d", time.localtime(now))
        with self._tx() as conn:
            cursor = conn.execute(
                "insert into questions (ts, day, user_hash, answered, intent, question) values (?, ?, ?, ?, ?, ?)",
                (now, day, self.user_hash(user_id), int(answered), intent, None if answered else question[:500]),
            )
        return int(cursor.lastrowid or 0)

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

    def rating_totals(self) -> tuple[int, int]:
        """How many answers got 👍 and how many 👎."""
        with self._lock:
            up, down = self._conn.execute(
                "select coalesce(sum(value > 0), 0), coalesce(sum(value < 0), 0) from ratings"
            ).fetchone()
        return int(up), int(down)

    def rated_down(self, limit: int = 5) -> list[tuple[str, int]]:
        """The answers most often given 👎 (by their first line), most first."""
        with self._lock:
            return self._conn.execute(
                "select answer, count(*) n from ratings where value < 0 group by answer order by n desc, max(ts) desc "
                "limit ?",
                (limit,),
            ).fetchall()

    def daily_stats(self, days: int = 7) -> list[DayStats]:
        with self._lock:
            rows = self._conn.execute(
                "select day, count(*), sum(answered), count(distinct user_hash) from questions "
                "group by day order by day desc limit ?",
                (days,),
            ).fetchall()
        return [DayStats(d, n, int(a or 0), u) for d, n, a, u in rows]

    def top_unanswered(self, limit: int = 10) -> list[tuple[str, int]]:
        """The most frequent unanswered questions, grouped case-insensitively (SQLite's lower() is ASCII-only)."""
        with self._lock:
            rows = self._conn.execute(
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
