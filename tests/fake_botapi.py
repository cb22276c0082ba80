"""A stand-in Telegram Bot API server for end-to-end tests of the bot.

Why: unit tests of handlers with mocked ``Bot`` objects never exercise python-telegram-bot's real request
encoding, polling loop, error mapping (``RetryAfter``, ``NetworkError``) or object parsing. Pointing a real
``Application`` at this server (``ApplicationBuilder().base_url(api.base_url)``) runs all of that over real
HTTP on 127.0.0.1 while the test stays in control: it pushes updates, inspects every call the bot made and
injects failures. Standard library only, so it adds no test dependency.

Typical use::

    with FakeBotAPI() as api:
        app = ApplicationBuilder().token("123:ABC").base_url(api.base_url).build()
        ...  # initialize/start/start_polling
        api.push_update(api.message_update("/start"))
        [call] = await api.wait_for("sendMessage")
        assert "Xin chào" in call.params["text"]

Faults it can inject: an error answer for the next calls of a method (:meth:`FakeBotAPI.fail_next`: 429
with ``retry_after``, 5xx, 4xx) or for every call to one chat (:meth:`~FakeBotAPI.fail_chat`); a connection
dropped without an answer, before or after the call took effect (:meth:`~FakeBotAPI.drop_next`); an answer
that comes late, after the call took effect (:meth:`~FakeBotAPI.delay_next`: a client with a shorter read
timeout times out on a call that was done); calls held unanswered until released
(:meth:`~FakeBotAPI.hold`); and any update, parseable or not (:meth:`~FakeBotAPI.push_update`).

Parameter values arrive as PTB sends them: scalars are *strings* (``chat_id`` is ``"1001"``, booleans are
``"true"``), nested objects/arrays (``reply_markup``, ``commands``, ``results``...) are decoded into Python
objects, uploaded files become :class:`UploadedFile`.
"""

from __future__ import annotations

import asyncio
import contextlib
import email.parser
import email.policy
import itertools
import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit

__all__ = ["BOT_USER", "Call", "FakeBotAPI", "UploadedFile"]

BOT_ID = 4242
BOT_USERNAME = "ipbot_test_bot"

#: The ``User`` object of the bot itself, also used as ``from`` of every message the bot "sends".
BOT_USER: dict[str, Any] = {
    "id": BOT_ID,
    "is_bot": True,
    "first_name": "ipbot",
    "username": BOT_USERNAME,
}

#: What ``getMe`` answers: the bot user plus the capability flags only ``getMe`` reports.
GET_ME: dict[str, Any] = {
    **BOT_USER,
    "can_join_groups": True,
    "can_read_all_group_messages": False,
    "supports_inline_queries": True,
}

#: Top-level parameters that carry user-visible free text. PTB sends them verbatim, so a text such as
#: ``"[1, 2]"`` must stay a string instead of being mistaken for a JSON-encoded array.
FREE_TEXT_PARAMS = frozenset(
    {
        "text",
        "caption",
        "message_text",
        "description",
        "short_description",
        "title",
        "query",
        "callback_data",
        "url",
        "name",
        "first_name",
        "last_name",
        "payload",
        "start_parameter",
        "explanation",
        "question",
        "switch_pm_text",
        "next_offset",
    }
)

#: Methods that simply answer ``true``. Unknown methods answer ``true`` too; listing them documents intent.
TRUE_METHODS = frozenset(
    {
        "answercallbackquery",
        "answerinlinequery",
        "setmycommands",
        "deletemycommands",
        "deletewebhook",
        "setwebhook",
        "sendchataction",
        "close",
        "logout",
        "setmydescription",
        "setmyshortdescription",
        "deletemessage",
    }
)

#: getUpdates never holds a request longer than this, so a stopping updater is never kept waiting long.
MAX_LONG_POLL = 0.5


@dataclass(frozen=True)
class UploadedFile:
    """A file part of a multipart request, kept so tests can assert what the bot uploaded."""

    filename: str | None
    content_type: str
    data: bytes


@dataclass(frozen=True)
class Call:
    """One recorded Bot API request: the method name as sent (e.g. ``sendMessage``) and its decoded parameters."""

    method: str
    params: dict[str, Any] = field(default_factory=dict)


class _Drop(Exception):
    """Raised inside the request handler to close the connection without any answer."""


class _ApiError(Exception):
    """Raised inside the request handler to answer with an ``ok: false`` body and a non-200 HTTP status."""

    def __init__(self, status: int, body: dict[str, Any]) -> None:
        super().__init__(body.get("description", ""))
        self.status = status
        self.body = body


def _utf16_len(text: str) -> int:
    """Telegram measures entity offsets/lengths in UTF-16 code units, not Python characters."""
    return len(text.encode("utf-16-le")) // 2


def _maybe_json(key: str, value: Any) -> Any:
    """Decode a string that PTB produced with ``json.dumps`` (objects/arrays); leave everything else alone."""
    if not isinstance(value, str) or key in FREE_TEXT_PARAMS:
        return value
    stripped = value.strip()
    if (stripped.startswith("{") and stripped.endswith("}")) or (stripped.startswith("[") and stripped.endswith("]")):
        try:
            return json.loads(stripped)
        except ValueError:
            return value
    return value


def _decode_params(raw: dict[str, Any]) -> dict[str, Any]:
    return {key: _maybe_json(key, value) for key, value in raw.items()}


def _parse_multipart(content_type: str, body: bytes) -> dict[str, Any]:
    """Parse multipart/form-data with the email package, since ``cgi`` is deprecated (and gone in 3.13)."""
    header = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(header + body)
    params: dict[str, Any] = {}
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not isinstance(name, str):
            continue
        payload = part.get_payload(decode=True)
        data = payload if isinstance(payload, bytes) else b""
        filename = part.get_filename()
        # httpx sends plain fields without a Content-Type header; files carry a filename and a Content-Type
        if filename is not None or part.get("content-type") is not None:
            params[name] = UploadedFile(filename=filename, content_type=part.get_content_type(), data=data)
        else:
            params[name] = data.decode(part.get_content_charset() or "utf-8", "replace")
    return params


class _Server(ThreadingHTTPServer):
    """ThreadingHTTPServer that remembers its open connections so stop() can cut keep-alive clients off.

    Why: ``shutdown()`` only ends the accept loop; handler threads of HTTP/1.1 keep-alive connections would
    otherwise keep answering a client (e.g. httpx's pool) after the test believes the server is gone.
    """

    daemon_threads = True
    block_on_close = False
    allow_reuse_address = True
    # socketserver's default backlog of 5 reset connections when fifty chats' replies were opened at
    # once (bench_telegram.py --latency): a failure of the stand-in that no real Bot API shows
    request_queue_size = 128

    def __init__(self, api: FakeBotAPI, port: int = 0) -> None:
        self.api = api
        self._open: set[socket.socket] = set()
        self._open_lock = threading.Lock()
        super().__init__(("127.0.0.1", port), _Handler)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._open_lock:
                self._open.discard(request)

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that went away mid-request (a bot killed with SIGKILL) is not an error of the
        stand-in; anything else is printed as socketserver does."""
        import sys

        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)

    def close_connections(self) -> None:
        with self._open_lock:
            sockets = list(self._open)
        for sock in sockets:
            with contextlib.suppress(OSError):  # already closed by the client
                sock.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    """Translates HTTP requests into FakeBotAPI.handle() calls and its results into Bot API JSON bodies."""

    protocol_version = "HTTP/1.1"  # keep-alive, like the real API; every response sets Content-Length
    # headers and body go out in separate writes: with Nagle's algorithm and delayed ACKs each
    # response would wait ~40 ms, which is the stand-in's cost, not the bot's
    disable_nagle_algorithm = True
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:
        """Stay quiet: one stderr line per request would drown test output."""

    def do_GET(self) -> None:
        self._dispatch(b"")

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        self._dispatch(body)

    def _dispatch(self, body: bytes) -> None:
        url = urlsplit(self.path)
        parts = url.path.strip("/").split("/")
        # /bot<token>/<method>  or  /file/bot<token>/<file_path>
        if len(parts) >= 2 and parts[0].startswith("bot") and parts[1]:
            method = parts[1]
        else:
            self._send(HTTPStatus.NOT_FOUND, {"ok": False, "error_code": 404, "description": "Not Found"})
            return
        try:
            raw: dict[str, Any] = dict(parse_qsl(url.query, keep_blank_values=True))
            raw.update(self._body_params(body))
            params = _decode_params(raw)
        except ValueError as exc:
            self._send(HTTPStatus.BAD_REQUEST, {"ok": False, "error_code": 400, "description": f"Bad Request: {exc}"})
            return
        try:
            result = self.server.api.handle(method, params)
        except _ApiError as err:
            self._send(err.status, err.body)
            return
        except _Drop:
            self.close_connection = True
            with contextlib.suppress(OSError):
                self.connection.shutdown(socket.SHUT_RDWR)
            return
        self._send(HTTPStatus.OK, {"ok": True, "result": result})

    def _body_params(self, body: bytes) -> dict[str, Any]:
        if not body:
            return {}
        content_type = self.headers.get("Content-Type", "")
        kind = content_type.split(";", 1)[0].strip().lower()
        if kind == "application/json":
            decoded = json.loads(body)
            if not isinstance(decoded, dict):
                raise ValueError("JSON body must be an object")
            return decoded
        if kind == "multipart/form-data":
            return _parse_multipart(content_type, body)
        return dict(parse_qsl(body.decode("utf-8"), keep_blank_values=True))

    def _send(self, status: int, body: dict[str, Any]) -> None:
        payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
        try:
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)
        except OSError:
            self.close_connection = True  # client went away (e.g. a cancelled long poll); nothing to answer


class FakeBotAPI:
    """In-process Telegram Bot API stand-in: records calls, serves pushed updates, answers with valid objects.

    Start it with :meth:`start` (or ``with FakeBotAPI() as api``) and point PTB at :attr:`base_url`.
    Any token is accepted. All state is guarded by one lock because the HTTP server is multi-threaded
    while tests inspect it from the event loop thread.
    """

    def __init__(self, port: int = 0) -> None:
        """``port`` 0 picks a free one; a test that starts the server late (a bot that must wait
        for the API) names the port the bot was already given."""
        self._wanted_port = port
        self._lock = threading.RLock()
        self._updates_cond = threading.Condition(self._lock)
        self._calls: list[Call] = []
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._ids = itertools.count(1)
        self._chats: dict[int, dict[str, Any]] = {}
        self._messages: dict[tuple[int, int], dict[str, Any]] = {}
        self._commands: list[Any] = []
        self._files: dict[tuple[int, int], bytes] = {}
        self._failures: dict[str, list[tuple[int, dict[str, Any]]]] = {}
        self._overrides: dict[str, Callable[[dict[str, Any]], Any]] = {}
        self._chat_failures: dict[tuple[str, str], tuple[int, dict[str, Any]]] = {}
        self._drops: dict[str, list[bool]] = {}
        self._delays: dict[str, list[float]] = {}
        self._holds: dict[str, threading.Event] = {}
        self._waiting: dict[str, int] = {}
        self._deliver_held: dict[str, bool] = {}
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> FakeBotAPI:
        """Bind 127.0.0.1 on a free port and serve in a daemon thread (so a forgotten stop() never hangs pytest)."""
        if self._server is not None:
            raise RuntimeError("FakeBotAPI already started")
        self._stopping = False
        self._server = _Server(self, self._wanted_port)
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, name="FakeBotAPI", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop accepting, wake pending long polls and cut open keep-alive connections."""
        server, thread = self._server, self._thread
        if server is None:
            return
        with self._updates_cond:
            self._stopping = True
            self._updates_cond.notify_all()
            for method, gate in self._holds.items():  # held calls end unanswered
                self._deliver_held[method] = False
                gate.set()
        server.shutdown()
        server.close_connections()
        server.server_close()
        if thread is not None:
            thread.join(timeout=5)
        self._server = None
        self._thread = None

    def __enter__(self) -> FakeBotAPI:
        return self.start()

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            raise RuntimeError("FakeBotAPI is not started")
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """For ``Bot(base_url=...)`` / ``ApplicationBuilder().base_url(...)``; PTB appends ``{token}/{method}``."""
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        """For ``base_file_url(...)``; file downloads are not served (404), but PTB needs a URL to build."""
        return f"http://127.0.0.1:{self.port}/file/bot"

    # ------------------------------------------------------------------ recorded calls

    def calls(self, method: str | None = None) -> list[Call]:
        """A snapshot of recorded calls, optionally only those of ``method`` (case-insensitive, like the API)."""
        with self._lock:
            if method is None:
                return list(self._calls)
            wanted = method.lower()
            return [call for call in self._calls if call.method.lower() == wanted]

    def clear(self) -> None:
        """Forget recorded calls (not updates, chats or failures), e.g. after the startup getMe/deleteWebhook."""
        with self._lock:
            self._calls.clear()

    def _matching(self, method: str, predicate: Callable[[Call], bool] | None) -> list[Call]:
        return [call for call in self.calls(method) if predicate is None or predicate(call)]

    def _timeout_error(self, method: str, count: int, found: int, timeout: float) -> AssertionError:
        methods = [call.method for call in self.calls()]
        return AssertionError(
            f"expected >= {count} {method} call(s) within {timeout}s, got {found}; recorded methods: {methods}"
        )

    async def wait_for(
        self,
        method: str,
        count: int = 1,
        timeout: float = 5.0,
        predicate: Callable[[Call], bool] | None = None,
    ) -> list[Call]:
        """Wait (yielding to the event loop, where the bot runs) until ``count`` matching calls were recorded.

        Counts all matching calls recorded so far (use :meth:`clear` to start afresh) and returns them all.
        """
        deadline = time.monotonic() + timeout
        while (found := self._enough(method, count, predicate, deadline, timeout)) is None:
            await asyncio.sleep(0.01)
        return found

    def wait_for_sync(
        self,
        method: str,
        count: int = 1,
        timeout: float = 5.0,
        predicate: Callable[[Call], bool] | None = None,
    ) -> list[Call]:
        """Blocking twin of :meth:`wait_for` for a bot that runs in another thread or process."""
        deadline = time.monotonic() + timeout
        while (found := self._enough(method, count, predicate, deadline, timeout)) is None:
            time.sleep(0.01)
        return found

    def _enough(
        self, method: str, count: int, predicate: Callable[[Call], bool] | None, deadline: float, timeout: float
    ) -> list[Call] | None:
        """The matching calls once there are ``count`` of them, None to keep waiting; raises past the deadline."""
        found = self._matching(method, predicate)
        if len(found) >= count:
            return found
        if time.monotonic() >= deadline:
            raise self._timeout_error(method, count, len(found), timeout)
        return None

    # ------------------------------------------------------------------ behaviour hooks

    def fail_next(
        self,
        method: str,
        times: int = 1,
        error_code: int = 429,
        retry_after: int = 1,
        description: str | None = None,
    ) -> None:
        """Make the next ``times`` calls of ``method`` fail, to test flood-control and network-error handling.

        429 answers ``Too Many Requests`` with ``parameters.retry_after`` (PTB raises ``RetryAfter``);
        >= 500 answers like a flaky gateway (PTB raises ``NetworkError``); other codes (400, 403, ...) answer
        a generic Telegram error (``BadRequest``, ``Forbidden``...). Failed calls are still recorded.
        """
        if error_code == 429:
            body: dict[str, Any] = {
                "ok": False,
                "error_code": 429,
                "description": description or f"Too Many Requests: retry after {retry_after}",
                "parameters": {"retry_after": retry_after},
            }
        else:
            try:
                phrase = HTTPStatus(error_code).phrase
            except ValueError:
                phrase = "Error"
            default = phrase if error_code >= 500 else f"{phrase}: injected failure"
            body = {"ok": False, "error_code": error_code, "description": description or default}
        with self._lock:
            self._failures.setdefault(method.lower(), []).extend([(error_code, body)] * times)

    def fail_chat(
        self,
        chat_id: int,
        error_code: int,
        description: str,
        method: str = "sendMessage",
        parameters: dict[str, Any] | None = None,
    ) -> None:
        """Make every ``method`` call to ``chat_id`` fail from now on, as Telegram does for a chat that
        blocked the bot (403 ``Forbidden: bot was blocked by the user``) or no longer exists (400
        ``Bad Request: chat not found``): unlike :meth:`fail_next`, the failure is the chat's, not the
        next call's, so the order in which the bot visits chats does not matter. ``parameters`` is the
        answer's ``ResponseParameters``, e.g. ``{"migrate_to_chat_id": …}`` for a group that became a
        supergroup."""
        body: dict[str, Any] = {"ok": False, "error_code": error_code, "description": description}
        if parameters:
            body["parameters"] = parameters
        with self._lock:
            self._chat_failures[(method.lower(), str(chat_id))] = (error_code, body)

    def drop_next(self, method: str, times: int = 1, delivered: bool = False) -> None:
        """Close the connection of the next ``times`` calls of ``method`` without any answer, as a proxy
        or a network cut does. ``delivered``: the call took effect first (a message is stored), so a
        client that sends it again makes a copy; else it never did. The client cannot tell which."""
        with self._lock:
            self._drops.setdefault(method.lower(), []).extend([delivered] * times)

    def delay_next(self, method: str, seconds: float, times: int = 1) -> None:
        """Answer the next ``times`` calls of ``method`` ``seconds`` late, after they took effect: a
        client whose read timeout is shorter times out on a call that was done."""
        with self._lock:
            self._delays.setdefault(method.lower(), []).extend([seconds] * times)

    def hold(self, method: str) -> None:
        """Keep every call of ``method`` from now on waiting, neither done nor answered, until
        :meth:`release` (or :meth:`stop`, which ends them unanswered)."""
        with self._lock:
            self._holds[method.lower()] = threading.Event()

    def release(self, method: str, deliver: bool = True) -> None:
        """Let the held calls of ``method`` go on: done and answered (``deliver``), or dropped
        unanswered and never done (as for a client killed meanwhile, whose request is lost)."""
        with self._lock:
            gate = self._holds.pop(method.lower(), None)
            self._deliver_held[method.lower()] = deliver
        if gate is not None:
            gate.set()

    def held(self, method: str) -> int:
        """How many calls of ``method`` are waiting in :meth:`hold` now."""
        with self._lock:
            return self._waiting.get(method.lower(), 0)

    def set_result(self, method: str, result: Any | Callable[[dict[str, Any]], Any]) -> None:
        """Override the result of ``method`` (a value, or a function of the decoded params) for methods this
        stand-in does not model, e.g. ``getChat`` or ``getChatMember``."""
        func: Callable[[dict[str, Any]], Any] = result if callable(result) else (lambda _params: result)
        with self._lock:
            self._overrides[method.lower()] = func

    # ------------------------------------------------------------------ updates

    def push_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an update for getUpdates (assigning ``update_id`` if missing) and remember the chats in it,
        so later sendMessage answers carry the right chat type. Returns the queued update."""
        with self._updates_cond:
            update = dict(update)
            if "update_id" not in update:
                update["update_id"] = next(self._update_ids)
            else:
                # keep auto-assigned ids increasing past explicit ones
                current = int(update["update_id"])
                self._update_ids = itertools.count(max(current + 1, next(self._update_ids)))
            self._remember_chats(update)
            self._updates.append(update)
            self._updates_cond.notify_all()
        return update

    def pending_updates(self) -> list[dict[str, Any]]:
        """Updates not yet confirmed by a getUpdates offset."""
        with self._lock:
            return list(self._updates)

    def _remember_chats(self, obj: Any) -> None:
        if isinstance(obj, dict):
            chat = obj.get("chat")
            if isinstance(chat, dict) and isinstance(chat.get("id"), int) and "type" in chat:
                self._chats[int(chat["id"])] = dict(chat)
            for value in obj.values():
                self._remember_chats(value)
        elif isinstance(obj, list):
            for value in obj:
                self._remember_chats(value)

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = max(1, min(100, int(params.get("limit") or 100)))
        wait = min(float(params.get("timeout") or 0), MAX_LONG_POLL)
        deadline = time.monotonic() + wait
        with self._updates_cond:
            while True:
                if offset > 0:
                    # like Telegram: an offset confirms (drops) every earlier update
                    self._updates = [u for u in self._updates if u["update_id"] >= offset]
                    pending = self._updates
                elif offset < 0:
                    pending = self._updates[offset:]
                else:
                    pending = self._updates
                if pending:
                    return [dict(u) for u in pending[:limit]]
                remaining = deadline - time.monotonic()
                if remaining <= 0 or self._stopping:
                    return []
                self._updates_cond.wait(remaining)

    # ------------------------------------------------------------------ update builders

    def _now(self) -> int:
        return int(time.time())

    @staticmethod
    def _user(user_id: int, username: str | None = None, first_name: str | None = None) -> dict[str, Any]:
        user: dict[str, Any] = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name or f"User{user_id}",
            "language_code": "vi",
        }
        if username:
            user["username"] = username
        return user

    def _chat(
        self,
        chat_id: int,
        chat_type: str,
        user: dict[str, Any],
        title: str | None = None,
    ) -> dict[str, Any]:
        if chat_type == "private":
            chat: dict[str, Any] = {"id": chat_id, "type": "private", "first_name": user["first_name"]}
            if "username" in user:
                chat["username"] = user["username"]
            return chat
        return {"id": chat_id, "type": chat_type, "title": title or f"Test {chat_type} {chat_id}"}

    def _chat_for(self, chat_id: Any) -> dict[str, Any]:
        """The chat object for an outgoing message: a remembered one, else a private chat."""
        try:
            key = int(chat_id)
        except (TypeError, ValueError):
            # "@channelusername"
            return {"id": -1000000000000 - next(self._ids), "type": "channel", "title": str(chat_id)}
        with self._lock:
            known = self._chats.get(key)
        if known is not None:
            return dict(known)
        return {"id": key, "type": "private", "first_name": f"User{key}"}

    def message_update(
        self,
        text: str,
        chat_id: int | None = None,
        user_id: int = 1001,
        chat_type: str = "private",
        username: str | None = "tester",
        entities: list[dict[str, Any]] | None = None,
        reply_to: dict[str, Any] | int | None = None,
        message_id: int | None = None,
        title: str | None = None,
        first_name: str | None = None,
    ) -> dict[str, Any]:
        """Build (not push) a realistic ``message`` update from a human user.

        A private chat's id defaults to the user id, a group's to ``-100<user_id>`` style ids. Text starting
        with "/" gets a ``bot_command`` entity so ``CommandHandler`` matches, as it would with real Telegram.
        ``reply_to`` is a message dict, or a message id in the same chat (then a bot message is assumed).
        """
        user = self._user(user_id, username, first_name)
        if chat_id is None:
            chat_id = user_id if chat_type == "private" else -(1_000_000_000_000 + user_id)
        chat = self._chat(chat_id, chat_type, user, title)
        message: dict[str, Any] = {
            "message_id": message_id if message_id is not None else next(self._message_ids),
            "date": self._now(),
            "chat": chat,
            "from": user,
            "text": text,
        }
        if entities is None and text.startswith("/"):
            command = text.split(maxsplit=1)[0]
            entities = [{"type": "bot_command", "offset": 0, "length": _utf16_len(command)}]
        if entities:
            message["entities"] = entities
        if isinstance(reply_to, int):
            stored = self._messages.get((chat_id, reply_to))
            reply_to = stored or {
                "message_id": reply_to,
                "date": self._now(),
                "chat": chat,
                "from": dict(BOT_USER),
                "text": "...",
            }
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        return {"message": message}

    def callback_update(
        self,
        data: str,
        chat_id: int = 1001,
        user_id: int = 1001,
        message_id: int | None = None,
        message_text: str = "...",
        chat_type: str = "private",
        username: str | None = "tester",
    ) -> dict[str, Any]:
        """Build a ``callback_query`` update: a press of an inline button under a message the bot sent.

        If ``message_id`` names a message the bot sent through this server, that message (with its keyboard)
        is used, so handlers see what they really sent.
        """
        user = self._user(user_id, username)
        if message_id is None:
            message_id = next(self._message_ids)
        with self._lock:
            stored = self._messages.get((chat_id, message_id))
        if stored is not None:
            message = dict(stored)
        else:
            with self._lock:
                known = self._chats.get(chat_id)
            if known is not None:
                chat = dict(known)
            elif chat_type == "private":
                chat = {
                    "id": chat_id,
                    "type": "private",
                    "first_name": user["first_name"] if chat_id == user_id else f"User{chat_id}",
                }
            else:
                chat = self._chat(chat_id, chat_type, user)
            message = {
                "message_id": message_id,
                "date": self._now(),
                "chat": chat,
                "from": dict(BOT_USER),
                "text": message_text,
            }
        return {
            "callback_query": {
                "id": str(next(self._ids) + 10_000_000),
                "from": user,
                "message": message,
                "chat_instance": str(-(abs(chat_id) + 7_000_000)),
                "data": data,
            }
        }

    def inline_update(
        self, query: str, user_id: int = 1001, offset: str = "", chat_type: str | None = "sender"
    ) -> dict[str, Any]:
        """Build an ``inline_query`` update (the user typed ``@ipbot_test_bot <query>``)."""
        inline: dict[str, Any] = {
            "id": str(next(self._ids) + 20_000_000),
            "from": self._user(user_id),
            "query": query,
            "offset": offset,
        }
        if chat_type:
            inline["chat_type"] = chat_type
        return {"inline_query": inline}

    # ------------------------------------------------------------------ method handling

    def handle(self, method: str, params: dict[str, Any]) -> Any:
        """Record the call and compute its result; raises _ApiError for injected failures, _Drop for
        a dropped connection."""
        key = method.lower()
        with self._lock:
            self._calls.append(Call(method, params))
            queued = self._failures.get(key)
            if queued:
                status, body = queued.pop(0)
                raise _ApiError(status, body)
            failing = self._chat_failures.get((key, str(params.get("chat_id"))))
            if failing is not None:
                raise _ApiError(*failing)
            drops = self._drops.get(key)
            drop = drops.pop(0) if drops else None
            delays = self._delays.get(key)
            delay = delays.pop(0) if delays else 0.0
            gate = self._holds.get(key)
            if gate is not None:
                self._waiting[key] = self._waiting.get(key, 0) + 1
        if gate is not None:
            gate.wait(60)
            with self._lock:
                self._waiting[key] -= 1
                if not self._deliver_held.get(key, True):
                    raise _Drop
        if drop is False:
            raise _Drop
        result = self._result(key, params)
        if drop:
            raise _Drop
        if delay:
            time.sleep(delay)
        return result

    def _result(self, key: str, params: dict[str, Any]) -> Any:
        with self._lock:
            override = self._overrides.get(key)
        if override is not None:
            return override(params)
        if key == "getupdates":
            return self._get_updates(params)
        if key == "getme":
            return dict(GET_ME)
        if key in ("sendmessage", "sendphoto", "senddocument"):
            return self._new_message(key, params)
        if key == "sendmediagroup":
            return self._new_media_group(params)
        if key in ("editmessagetext", "editmessagereplymarkup", "editmessagecaption"):
            return self._edit_message(key, params)
        if key == "setmycommands":
            with self._lock:
                commands = params.get("commands")
                self._commands = list(commands) if isinstance(commands, list) else []
            return True
        if key == "deletemycommands":
            with self._lock:
                self._commands = []
            return True
        if key == "getmycommands":
            with self._lock:
                return list(self._commands)
        if key == "getwebhookinfo":
            return {"url": "", "has_custom_certificate": False, "pending_update_count": 0}
        if key == "getchat":
            return {**self._chat_for(params.get("chat_id")), "accent_color_id": 0, "max_reaction_count": 11}
        return True  # TRUE_METHODS and anything unknown

    @staticmethod
    def _inline_markup(params: dict[str, Any]) -> dict[str, Any] | None:
        """Only inline keyboards appear on a Message; echoing a ReplyKeyboardMarkup would break PTB's parsing."""
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            return markup
        return None

    def _new_message(self, key: str, params: dict[str, Any]) -> dict[str, Any]:
        chat = self._chat_for(params.get("chat_id"))
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": self._now(),
            "chat": chat,
            "from": dict(BOT_USER),
        }
        if key == "sendmessage":
            message["text"] = params.get("text", "")
        elif key == "sendphoto":
            upload = params.get("photo")
            if isinstance(upload, UploadedFile):
                self._files[(chat["id"], message["message_id"])] = upload.data
            file_id = f"photo-{next(self._ids)}"
            message["photo"] = [
                {"file_id": file_id, "file_unique_id": f"u{file_id}", "width": 90, "height": 60, "file_size": 1024}
            ]
        else:
            document = params.get("document")
            file_id = f"doc-{next(self._ids)}"
            message["document"] = {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "file_name": document.filename if isinstance(document, UploadedFile) else None,
                "file_size": len(document.data) if isinstance(document, UploadedFile) else 0,
            }
            message["document"] = {k: v for k, v in message["document"].items() if v is not None}
        if key != "sendmessage" and params.get("caption"):
            message["caption"] = params["caption"]
        markup = self._inline_markup(params)
        if markup is not None:
            message["reply_markup"] = markup
        with self._lock:
            self._messages[(chat["id"], message["message_id"])] = message
        return dict(message)

    def _new_media_group(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """An album: one message per item, sharing a ``media_group_id``; like Telegram, 2–10 items,
        photos and videos only (documents and audio go in albums of their own kind, not modelled)."""
        media = params.get("media")
        if not isinstance(media, list) or not 2 <= len(media) <= 10:
            raise _ApiError(400, {"ok": False, "error_code": 400, "description": "Bad Request: wrong number of media"})
        chat = self._chat_for(params.get("chat_id"))
        group_id = str(next(self._ids) + 30_000_000)
        messages = []
        for item in media:
            if not isinstance(item, dict) or item.get("type") not in ("photo", "video"):
                raise _ApiError(400, {"ok": False, "error_code": 400, "description": "Bad Request: wrong media type"})
            file_id = f"photo-{next(self._ids)}"
            message: dict[str, Any] = {
                "message_id": next(self._message_ids),
                "date": self._now(),
                "chat": chat,
                "from": dict(BOT_USER),
                "media_group_id": group_id,
                "photo": [
                    {"file_id": file_id, "file_unique_id": f"u{file_id}", "width": 90, "height": 60, "file_size": 1024}
                ],
            }
            if item.get("caption"):
                message["caption"] = item["caption"]
            upload = params.get(str(item.get("media", "")).removeprefix("attach://"))
            with self._lock:
                self._messages[(chat["id"], message["message_id"])] = message
                if isinstance(upload, UploadedFile):
                    self._files[(chat["id"], message["message_id"])] = upload.data
            messages.append(dict(message))
        return messages

    @staticmethod
    def album(call: Call) -> list[tuple[UploadedFile, str]]:
        """The photos of a sendMediaGroup call and their captions ("" when none), in order: each
        item names its upload as ``attach://<name>``, a part of the same request."""
        out = []
        for item in call.params.get("media") or []:
            name = str(item.get("media", "")).removeprefix("attach://")
            upload = call.params.get(name)
            if not isinstance(upload, UploadedFile):
                raise AssertionError(f"album item {item!r} names no uploaded file")
            out.append((upload, str(item.get("caption") or "")))
        return out

    def _edit_message(self, key: str, params: dict[str, Any]) -> dict[str, Any] | bool:
        if params.get("inline_message_id"):
            return True  # edits of inline messages answer true in the real API
        chat = self._chat_for(params.get("chat_id"))
        message_id = int(params.get("message_id") or 0)
        with self._lock:
            stored = self._messages.get((chat["id"], message_id))
            message: dict[str, Any] = (
                dict(stored)
                if stored
                else {
                    "message_id": message_id,
                    "date": self._now(),
                    "chat": chat,
                    "from": dict(BOT_USER),
                    "text": "...",
                }
            )
            message["edit_date"] = self._now()
            if key == "editmessagetext":
                message["text"] = params.get("text", "")
            elif key == "editmessagecaption":
                message["caption"] = params.get("caption", "")
            # like Telegram: an edit without an inline keyboard removes the one the message had
            markup = self._inline_markup(params)
            if markup is not None:
                message["reply_markup"] = markup
            else:
                message.pop("reply_markup", None)
            self._messages[(chat["id"], message_id)] = message
        return dict(message)

    def photo_of(self, chat_id: int, message_id: int) -> bytes | None:
        """The picture the bot uploaded in a message it sent (a photo, or a photo of an album)."""
        with self._lock:
            return self._files.get((chat_id, message_id))

    def sent_messages(self) -> list[dict[str, Any]]:
        """Messages the bot sent (as last edited) through this server, oldest first."""
        with self._lock:
            return [dict(m) for m in self._messages.values()]
