"""The ipbot command as a person (and score.py) runs it: ask, ask --batch, chat."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from ipbot.frontends.cli import main


@pytest.fixture(autouse=True)
def _bundled_db(monkeypatch: pytest.MonkeyPatch, db_path: Path) -> None:
    monkeypatch.setenv("IPBOT_DB_PATH", str(db_path))
    monkeypatch.delenv("TELEGRAM_BOT_TOKEN", raising=False)


def test_ask_prints_the_answer(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "Ai chủ trì nhiệm vụ 3.3?"]) == 0
    out = capsys.readouterr().out
    assert "Sở Khoa học và Công nghệ" in out and "Thịt cừu" in out


def test_batch_answers_each_line_and_sessions_share_context(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        {"id": "a", "question": "Chỉ dẫn địa lý thịt cừu do ai chủ trì?", "session": "s"},
        {"id": "b", "question": "còn kinh phí thì sao?", "session": "s"},
        {"id": "c", "question": "còn kinh phí thì sao?"},  # no session: no context
        {"id": "d", "question": ""},
    ]
    monkeypatch.setattr("sys.stdin", io.StringIO("\n".join(json.dumps(x, ensure_ascii=False) for x in lines) + "\n"))
    assert main(["ask", "--batch", "-"]) == 0
    out = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [o["id"] for o in out] == ["a", "b", "c", "d"]
    assert {"answered", "answer", "intent", "plan_ids", "task_ids"} <= set(out[0])
    assert out[1]["answered"] and "1.200" in out[1]["answer"]  # the task of turn a
    assert out[1]["task_ids"] == ["ninh-thuan-2023:3.3"] and out[2]["task_ids"] != ["ninh-thuan-2023:3.3"]
    assert not out[3]["answered"]


def test_chat_answers_lines_until_the_input_ends(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("ai chu tri nha dam\n/moi\nkinh phí năm 2023 bao nhiêu\n"))
    assert main(["chat"]) == 0
    out = capsys.readouterr().out
    assert "Sở Nông nghiệp và Phát triển nông thôn" in out and "3.832,6" in out
