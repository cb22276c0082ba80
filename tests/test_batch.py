"""The batch protocol (``ipbot ask --batch``): one output line per input line, whatever the line holds.

Each malformed line below once ended the run (RecursionError, a lone surrogate written as UTF-8,
an invalid byte in ``--batch FILE``), produced invalid JSON (NaN) or was answered as an empty
question. Now each gets one error line with its line number, and the lines after it are answered.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ipbot.assistant import Assistant
from ipbot.frontends.batch import BatchLine, Rejected, batch, parse_line
from ipbot.frontends.cli import main

VALID = b'{"id": "ok", "question": "Ai ch\xe1\xbb\xa7 tr\xc3\xac nhi\xe1\xbb\x87m v\xe1\xbb\xa5 3.3?"}'
ANSWER_KEYS = ["id", "answered", "answer", "intent", "plan_ids", "task_ids", "sources", "suggestions", "line"]
ERROR_KEYS = ["id", "answered", "answer", "error", "line"]

# (input line, id echoed on the error line, words the error must contain)
MALFORMED: list[tuple[bytes, object, str]] = [
    (b"{not json", None, "invalid JSON"),
    (b"[" * 1000 + b"]" * 1000, None, "nested too deeply"),
    (b"[" * 100_000, None, "nested too deeply"),
    (b'{"id": "\\ud800", "question": "x"}', "\ud800", "lone surrogate"),
    (b'{"id": "a", "question": "\\udfff"}', "a", "'question' is not valid Unicode"),
    (b'{"id": NaN, "question": "x"}', None, "NaN is not a JSON number"),
    (b'{"id": "a", "question": "x", "score": -Infinity}', None, "-Infinity is not a JSON number"),
    (b'{"id": 1e400, "question": "x"}', None, "out of range"),
    (b'{"id": ' + b"9" * 5000 + b', "question": "x"}', None, "too long"),
    (b'{"id": "m"}', "m", "'question' is missing"),
    (b'{"id": "n", "question": null}', "n", "'question' must be a string"),
    (b'{"id": "w", "question": ["Ai ch\xe1\xbb\xa7 tr\xc3\xac?"]}', "w", "'question' must be a string"),
    (b'{"id": 7, "question": 3.3}', 7, "'question' must be a string"),
    (b'{"id": [1], "question": "x"}', None, "'id' must be a string or a number"),
    (b'{"id": true, "question": "x"}', None, "'id' must be a string or a number"),
    (b'{"id": "s", "question": "x", "session": {"a": 1}}', "s", "'session' must be a string or an integer"),
    (b'"just a string"', None, "not a JSON object (a JSON string)"),
    (b"null", None, "not a JSON object (a JSON null)"),
    (b'{"id": "u", "question": "ch\xe1 h\xe1\xbb\x8fi"}', "u", "invalid UTF-8 (byte 0xe1"),
    (b'{"id": "\xff", "question": "x"}', None, "invalid UTF-8 (byte 0xff"),
    (b"\xff\xfe\x00", None, "invalid UTF-8"),
]


def run_batch(assistant: Assistant, lines: list[Any]) -> list[dict[str, Any]]:
    out = io.StringIO()
    batch(assistant, lines, out)
    text = out.getvalue()
    text.encode("utf-8")  # writable as UTF-8: no lone surrogate left unescaped
    return [json.loads(line, parse_constant=_no_constant) for line in text.splitlines()]


def _no_constant(name: str) -> object:
    raise AssertionError(f"{name} in the output: not JSON")


@pytest.mark.parametrize(("line", "echoed", "error"), MALFORMED, ids=range(len(MALFORMED)))
def test_a_malformed_line_gets_one_error_line_and_the_next_is_answered(
    assistant: Assistant, line: bytes, echoed: object, error: str
) -> None:
    out = run_batch(assistant, [line + b"\n", VALID + b"\n"])
    assert len(out) == 2
    assert list(out[0]) == ERROR_KEYS
    assert error in out[0]["error"] and len(out[0]["error"]) <= 100
    assert out[0]["id"] == echoed and out[0]["line"] == 1
    assert not out[0]["answered"]
    assert out[1]["id"] == "ok" and out[1]["answered"] and out[1]["line"] == 2
    assert "Sở Khoa học và Công nghệ" in out[1]["answer"]


def test_valid_lines_keep_the_protocol_with_the_line_number_last(assistant: Assistant) -> None:
    out = io.StringIO()
    batch(assistant, [VALID + b"\n"], out)
    raw = out.getvalue()
    assert "Sở Khoa học" in raw  # not \u-escaped: the protocol's ensure_ascii=False
    record = json.loads(raw)
    assert list(record) == ANSWER_KEYS
    assert record["line"] == 1 and record["task_ids"] == ["ninh-thuan-2023:3.3"]


def test_blank_lines_are_skipped_but_counted(assistant: Assistant) -> None:
    text = (
        "\ufeff\n"  # a byte-order mark on a blank first line
        + '{"id": 1, "question": "Ai chủ trì nhiệm vụ 3.3?", "session": "s"}\r\n'
        + "   \n\t\r\n\n"
        + '{"id": 2, "question": "còn kinh phí thì sao?", "session": "s"}\r'  # a lone \r ends a line too
        + '{"id": 3, "question": ""}'  # no newline at the end of the input
    )
    assert batch_count(assistant, [text]) == 3
    for chunks in ([text], [text.encode()], io.BytesIO(text.encode()), io.StringIO(text, newline=None)):
        out = run_batch(assistant, chunks)
        assert [(o["id"], o["line"]) for o in out] == [(1, 2), (2, 6), (3, 7)], type(chunks)
        assert "1.200" in out[1]["answer"]  # the session's context carried over the blank lines
        assert not out[2]["answered"] and "error" not in out[2]  # an empty question is a question


def batch_count(assistant: Assistant, lines: list[Any]) -> int:
    return batch(assistant, lines, io.StringIO())


def test_a_bom_on_the_first_line_is_not_an_error(assistant: Assistant) -> None:
    out = run_batch(assistant, [b"\xef\xbb\xbf" + VALID + b"\n", b"\xef\xbb\xbf" + VALID + b"\n"])
    assert out[0]["answered"] and "error" not in out[0]
    assert "invalid JSON" in out[1]["error"]  # a BOM is only a file's first bytes


def test_unicode_line_separators_inside_a_question_do_not_split_the_line(assistant: Assistant) -> None:
    line = json.dumps({"id": "x", "question": "Ai chủ trì\u2028nhiệm vụ 3.3?\x85"}, ensure_ascii=False)
    out = run_batch(assistant, [line + "\n"])
    assert [(o["id"], o["line"]) for o in out] == [("x", 1)]


def test_parse_line_returns_the_model_or_the_reason() -> None:
    item = parse_line('{"id": "a", "question": "q", "session": 3, "expect_all": [["x"]]}')
    assert item == BatchLine(id="a", question="q", session=3)
    assert parse_line('{"question": "q"}') == BatchLine(question="q")
    assert parse_line("{}") == Rejected(id=None, error="'question' is missing")


# ---------------------------------------------------------------- the command itself
@pytest.fixture
def _bundled_db(monkeypatch: pytest.MonkeyPatch, db_path: Path) -> None:
    monkeypatch.setenv("IPBOT_DB_PATH", str(db_path))
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)


BAD_FILE = b"\n".join([VALID, b"", b'{"id": "bad", "question": "\xff"}', b"[" * 1000, VALID.replace(b"ok", b"ok2")])


@pytest.mark.usefixtures("_bundled_db")
def test_batch_file_with_an_invalid_byte_answers_every_other_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "questions.jsonl"
    path.write_bytes(BAD_FILE)
    assert main(["ask", "--batch", str(path)]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(o["id"], o["line"], "error" in o) for o in out] == [
        ("ok", 1, False),
        ("bad", 3, True),
        (None, 4, True),
        ("ok2", 5, False),
    ]


def test_batch_on_stdin_in_a_real_process(db_path: Path, tmp_path: Path) -> None:
    """The real command reads the bytes of stdin (not a decoded text stream) and writes UTF-8."""
    env = {"IPBOT_DB_PATH": str(db_path), "PATH": "", "PYTHONIOENCODING": "ascii", "HOME": str(tmp_path)}
    lonely = b'{"id": "\\udcff", "question": "x"}'
    proc = subprocess.run(
        [sys.executable, "-m", "ipbot", "ask", "--batch", "-"],
        input=BAD_FILE + b"\n" + lonely + b"\n",
        capture_output=True,
        env=env,
        cwd=tmp_path,
        timeout=60,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr.decode("utf-8", "replace")
    out = [json.loads(line) for line in proc.stdout.decode("utf-8").splitlines()]
    assert [(o["id"], o["line"]) for o in out] == [("ok", 1), ("bad", 3), (None, 4), ("ok2", 5), ("\udcff", 6)]
    assert "Sở Khoa học và Công nghệ" in out[0]["answer"]
    assert proc.stderr == b""


# ---------------------------------------------------------------- anything at all
_scalars = st.one_of(
    st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=20)
)
_records = st.dictionaries(
    st.sampled_from(["id", "question", "session", "turns", "x"]),
    st.recursive(_scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(), inner, max_size=3)),
    max_size=4,
)
_lines = st.one_of(
    _records.map(lambda r: json.dumps(r).encode()),
    st.binary(max_size=60),
    st.text(max_size=60).map(lambda t: t.encode("utf-8", "surrogatepass")),
)


@settings(  # 300, or the profile's number when larger (IPBOT_HYPOTHESIS=thorough: 10,000; tests/conftest.py)
    max_examples=max(300, settings.default.max_examples),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(st.lists(_lines, max_size=6))
def test_any_input_gets_one_valid_json_line_per_non_blank_line(assistant: Assistant, lines: list[bytes]) -> None:
    data = b"\n".join(lines) + b"\n"
    out = run_batch(assistant, [data])
    pieces = re.split(r"\r\n|\r|\n", data.decode("utf-8", "replace"))
    expected = [n for n, piece in enumerate(pieces, 1) if (piece.removeprefix("\ufeff") if n == 1 else piece).strip()]
    assert [o["line"] for o in out] == expected
    for record in out:
        assert ("error" in record) != ("intent" in record)


@pytest.mark.parametrize("separator", ["\x85", "\u2028", "\u2029"])
def test_a_unicode_line_break_in_an_id_stays_on_its_output_line(assistant: Assistant, separator: str) -> None:
    """JSON leaves these unescaped and ``str.splitlines`` ends a line at them: found by the 10,000
    generated inputs (an id "\\u0085" gave an output line that split in two)."""
    record = {"id": f"a{separator}b", "question": f"Ai chủ trì{separator}nhiệm vụ 3.3?"}
    [out] = run_batch(assistant, [json.dumps(record).encode(), b""])
    assert out["id"] == record["id"] and out["line"] == 1 and "error" not in out
