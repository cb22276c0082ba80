"""Judging question sets as ``../shared/eval/score.py`` does, through ``ipbot ask --batch``'s own path.

A question passes when ``answered`` is as expected and, when answered, the answer holds one
alternative of every ``expect_all`` group and none of ``expect_none``, each as a whole phrase
of the NFC, case-folded text (tone-mark placement made canonical; diacritics kept).
Shared by the regression gate (tests/test_question_sets.py) and the script that records
the known misses (``python tests/question_sets.py --record``).
"""

from __future__ import annotations

import io
import json
import re
import sys
from pathlib import Path

from ipbot.assistant import Assistant
from ipbot.frontends.cli import batch
from ipbot.text import canon

TESTS = Path(__file__).resolve().parent
SETS = sorted((TESTS / "data").glob("eval_*.jsonl"))
SHARED = [TESTS.parent.parent / "shared" / "eval" / name for name in ("dev.jsonl", "dev_hard.jsonl")]
KNOWN_MISSES = TESTS / "data" / "known_misses.json"


def contains(text: str, phrase: str) -> bool:
    return re.search(r"(?<![\w.,])" + re.escape(canon(phrase)) + r"(?!\w)", text) is not None


def judge(question: dict, out: dict) -> str | None:
    """None when the answer passes, else why not."""
    answered = bool(out.get("answered"))
    if answered != bool(question.get("expect_answered", True)):
        return f"answered={answered}"
    if not answered:
        return None
    text = canon(str(out.get("answer", "")))
    for group in question.get("expect_all", []):
        if not any(contains(text, alt) for alt in group):
            return f"missing one of {group[:3]}"
    for bad in question.get("expect_none", []):
        if contains(text, bad):
            return f"contains {bad!r}"
    return None


def misses(assistant: Assistant, path: Path) -> dict[str, str]:
    """The questions of one set that fail, with why."""
    questions = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    feed = [json.dumps({k: q[k] for k in ("id", "question", "session") if k in q}) for q in questions]
    out = io.StringIO()
    batch(assistant, feed, out)
    answers = {str(o["id"]): o for o in map(json.loads, out.getvalue().splitlines())}
    found = {}
    for q in questions:
        why = judge(q, answers.get(str(q["id"]), {}))
        if why is not None:
            found[str(q["id"])] = why
    return found


def _record() -> None:
    """Write the known misses of every set (run after a change that fixes or accepts some)."""
    from ipbot.config import Settings

    assistant = Assistant.open(Settings())
    known = {path.name: misses(assistant, path) for path in [*SETS, *(p for p in SHARED if p.exists())]}
    KNOWN_MISSES.write_text(json.dumps(known, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")


if __name__ == "__main__":
    if sys.argv[1:] != ["--record"]:
        sys.exit("usage: python tests/question_sets.py --record   (writes tests/data/known_misses.json)")
    _record()
