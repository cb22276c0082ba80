"""The batch protocol of ``ipbot ask --batch``: JSON lines in, one JSON line out per input line.

Why a module of its own: the protocol is what ``../shared/eval/score.py`` and any script drive, so
its promises are kept in one place and tested alone. Every non-blank input line gets exactly one
output line, in order, carrying its ``id`` (when it has a usable one) and its 1-based ``line``
number; a line that cannot be answered (bad JSON, bad UTF-8, nesting that overflows the parser,
NaN, a missing or wrong-typed field, a lone surrogate) gets ``"error"`` instead of an answer and
never ends the run, because one bad line must not lose every answer after it. Blank lines are
skipped but still counted, so ``line`` is what an editor shows.

A valid line's output keeps the fields of the original protocol in their original order and
encoding (``ensure_ascii=False``), with ``line`` appended last.
"""

from __future__ import annotations

import json
import logging
import math
import re
from collections.abc import Iterable, Iterator
from typing import IO, Any, Final

from pydantic import BaseModel, ConfigDict, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from ipbot.answers import Answer, Context
from ipbot.assistant import Assistant
from ipbot.frontends.render import plain_text

__all__ = ["BatchLine", "Rejected", "batch", "numbered_lines", "parse_line"]

log = logging.getLogger(__name__)

Key = str | int | float
"""What an ``id`` may be: a JSON string or a finite number (sessions: string or integer)."""

_NEWLINE_TEXT: Final = re.compile(r"\r\n|\r|\n")
_NEWLINE_BYTES: Final = re.compile(rb"\r\n|\r|\n")
_SURROGATE: Final = re.compile("[\ud800-\udfff]")
_BOM: Final = "\ufeff"
_JSON_KINDS: Final[dict[type, str]] = {
    list: "array",
    str: "string",
    int: "number",
    float: "number",
    bool: "boolean",
    type(None): "null",
}


class BatchLine(BaseModel):
    """One valid input line: ``{"id"?, "question", "session"?}``; other fields are ignored (a question
    set's own ``expect_*`` fields may be fed as they are)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: Key | None = None
    question: str
    session: str | int | None = None

    @field_validator("id", mode="plain")
    @classmethod
    def _id(cls, value: object) -> Key | None:
        if value is None or (isinstance(value, int | float) and not isinstance(value, bool)):
            return value  # floats are finite: the parser refuses NaN and Infinity
        if isinstance(value, str):
            return _unicode(value)
        raise PydanticCustomError("id_type", "must be a string or a number")

    @field_validator("question", mode="plain")
    @classmethod
    def _question(cls, value: object) -> str:
        if isinstance(value, str):
            return _unicode(value)
        raise PydanticCustomError("question_type", "must be a string")

    @field_validator("session", mode="plain")
    @classmethod
    def _session(cls, value: object) -> str | int | None:
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        if isinstance(value, str):
            return _unicode(value)
        raise PydanticCustomError("session_type", "must be a string or an integer")


def _unicode(value: str) -> str:
    """A JSON string may escape half of a surrogate pair (``"\\ud800"``): not text, and not
    writable as UTF-8, so it is refused rather than passed to the core or echoed raw."""
    if _SURROGATE.search(value):
        raise PydanticCustomError("surrogate", "is not valid Unicode (lone surrogate)")
    return value


class Rejected(BaseModel):
    """An input line that gets an error instead of an answer, with the id when one could be read."""

    model_config = ConfigDict(frozen=True)

    id: Key | None
    error: str


# ---------------------------------------------------------------- parsing one line
def _no_constant(name: str) -> object:
    raise ValueError(f"{name} is not a JSON number")


def _finite(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(f"number {text[:20]} is out of range")
    return value


def _integer(text: str) -> int:
    try:
        return int(text)
    except ValueError:  # Python refuses integers of more than 4,300 digits
        raise ValueError(f"integer of {len(text)} digits is too long") from None


def _loads(text: str) -> Any:
    """Strict JSON (RFC 8259): no NaN or Infinity, no number that overflows to infinity."""
    return json.loads(text, parse_constant=_no_constant, parse_float=_finite, parse_int=_integer)


def _echoed_id(record: object) -> Key | None:
    """The id to echo on an error line: any string or finite number the line carries (a lone
    surrogate is escaped on output), else None."""
    value = record.get("id") if isinstance(record, dict) else None
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return value
    return None


def _problem(exc: ValidationError) -> str:
    error = exc.errors(include_url=False)[0]
    field = ".".join(str(part) for part in error["loc"]) or "line"
    if error["type"] == "missing":
        return f"'{field}' is missing"
    return f"'{field}' {error['msg']}"


def parse_line(raw: str | bytes) -> BatchLine | Rejected:
    """One non-blank input line, as the line model or as the reason it is refused.

    >>> parse_line('{"id": "a", "question": "Ai chủ trì?"}').question
    'Ai chủ trì?'
    >>> parse_line('{"id": 7}').error
    "'question' is missing"
    """
    bad_byte: UnicodeDecodeError | None = None
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            bad_byte = exc
            text = raw.decode("utf-8", "surrogateescape")  # still read the id, if it is intact
    else:
        text = raw
    try:
        record = _loads(text)
    except RecursionError:
        return Rejected(id=None, error="invalid JSON: nested too deeply")
    except json.JSONDecodeError as exc:
        if bad_byte is not None:
            return Rejected(id=None, error=_bad_utf8(bad_byte))
        return Rejected(id=None, error=f"invalid JSON: {exc.msg} at column {exc.colno}")
    except ValueError as exc:
        return Rejected(id=None, error=f"invalid JSON: {exc}")
    if bad_byte is not None:
        echoed = _echoed_id(record)
        intact = echoed if not isinstance(echoed, str) or not _SURROGATE.search(echoed) else None
        return Rejected(id=intact, error=_bad_utf8(bad_byte))
    if not isinstance(record, dict):
        return Rejected(id=None, error=f"not a JSON object (a JSON {_JSON_KINDS.get(type(record), 'value')})")
    try:
        return BatchLine.model_validate(record)
    except ValidationError as exc:
        return Rejected(id=_echoed_id(record), error=_problem(exc))


def _bad_utf8(exc: UnicodeDecodeError) -> str:
    return f"invalid UTF-8 (byte 0x{exc.object[exc.start]:02x} at column {exc.start + 1})"


# ---------------------------------------------------------------- lines in, lines out
def numbered_lines(chunks: Iterable[str | bytes]) -> Iterator[tuple[int, str | bytes]]:
    """Every line with its 1-based number, whatever the chunking: a binary stream (lines end at
    ``\\n``), a text stream, or a list of strings that may hold several lines. ``\\r\\n``, ``\\r``
    and ``\\n`` all end a line, as in a text file opened by Python; ``\\u2028`` inside a JSON
    string does not. A byte-order mark before the first line (Windows editors write one) is dropped."""
    number = 0
    for chunk in chunks:
        pieces: list[str] | list[bytes]
        if isinstance(chunk, bytes):
            pieces = _NEWLINE_BYTES.split(chunk.removeprefix(_BOM.encode()) if number == 0 else chunk)
        else:
            pieces = _NEWLINE_TEXT.split(chunk.removeprefix(_BOM) if number == 0 else chunk)
        if not pieces[-1]:  # the chunk ended with a newline
            pieces.pop()
        for piece in pieces:
            number += 1
            yield number, piece


def _blank(line: str | bytes) -> bool:
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError:
            return False  # a bad byte is not blank: it gets its error line
    return not line.strip()


_LINE_BREAKS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})
"""Characters JSON leaves unescaped that Python's ``str.splitlines`` (and some JSON-lines readers)
take for the end of a line: escaped, so an id or answer holding one stays on its one line (they
can only occur inside JSON strings, where the escape means the same character)."""


def _dump(record: dict[str, object]) -> str:
    """One output line of valid JSON: UTF-8 as it is where possible, ``\\u`` escapes where a lone
    surrogate would make the line unwritable or a Unicode line break would split it."""
    text = json.dumps(record, ensure_ascii=False, allow_nan=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        text = json.dumps(record, ensure_ascii=True, allow_nan=False)
    return text.translate(_LINE_BREAKS)


def _answer_record(item: BatchLine, answer: Answer, number: int) -> dict[str, object]:
    return {
        "id": item.id,
        "answered": answer.answered,
        "answer": plain_text(answer),
        "intent": answer.intent,
        "plan_ids": answer.plan_ids,
        "task_ids": answer.task_ids,
        "sources": answer.sources,
        "suggestions": [s.label for s in answer.suggestions],
        "line": number,
    }


def _error_record(key: Key | None, error: str, number: int) -> dict[str, object]:
    return {"id": key, "answered": False, "answer": "", "error": error, "line": number}


def batch(assistant: Assistant, lines: Iterable[str | bytes], out: IO[str]) -> int:
    """Answer JSON lines in order; lines sharing a ``session`` share context. Returns how many
    non-blank lines were read (each got exactly one output line)."""
    sessions: dict[str, Context] = {}
    count = 0
    for number, raw in numbered_lines(lines):
        if _blank(raw):
            continue
        count += 1
        item = parse_line(raw)
        if isinstance(item, Rejected):
            out.write(_dump(_error_record(item.id, item.error, number)) + "\n")
            continue
        key = None if item.session is None else str(item.session)
        context = sessions.get(key, Context()) if key is not None else Context()
        try:
            answer = assistant.ask(item.question, context)
            record = _answer_record(item, answer, number)
        except Exception as exc:  # the core never raises by contract; if it does, the run still goes on
            log.exception("batch line %d could not be answered", number)
            out.write(_dump(_error_record(item.id, f"internal error ({type(exc).__name__})", number)) + "\n")
            continue
        if key is not None:
            sessions[key] = answer.context
        out.write(_dump(record) + "\n")
    out.flush()
    return count
