"""The lexicon as data: every cue fires on its examples and not on its counter-examples.

A cue is a way of asking (``data/lexicon/*.yaml``); its examples are messages written as
people write them. Adding a synonym is adding a pattern with an example here, and this
test is what keeps a new pattern from firing where it must not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from ipbot.reading.lexicon import DEFAULT_LEXICON_DIR, Cue, Lexicon, LexiconError
from ipbot.text import fold, nfc, plain, shape, spell_out

LEXICON = Lexicon.load(DEFAULT_LEXICON_DIR)


@dataclass(frozen=True)
class Entry:
    """One cue of the lexicon, whatever its kind, with where it comes from and its compiled pattern."""

    kind: str  # cue | need | question cue
    name: str
    cue: Cue
    origin: str
    pattern: re.Pattern[str]

    def text(self, message: str) -> str:
        """The message as reading matches this cue against it (folded, accented, or with punctuation kept)."""
        if self.cue.form == "plain":
            return plain(message)
        spelled = spell_out(nfc(message))
        return shape(spelled) if self.cue.form == "accented" else fold(spelled)

    def fires(self, message: str) -> bool:
        return self.pattern.search(self.text(message)) is not None

    def __str__(self) -> str:
        return f"{self.origin}: {self.kind} {self.name}"


ENTRIES = [
    *(Entry("cue", n, c, LEXICON.origin[n], LEXICON.pattern(n)) for n, c in LEXICON.cues.items()),
    *(Entry("need", n, c, LEXICON.origin[n], LEXICON.pattern(n)) for n, c in LEXICON.needs.items()),
    *(
        Entry("question cue", n, c, LEXICON.question_origin[n], LEXICON.question_pattern(n))
        for n, c in LEXICON.question_cues.items()
    ),
]
_EXAMPLES = [pytest.param(e, ex, id=f"{e.name}-{i}") for e in ENTRIES for i, ex in enumerate(e.cue.examples)]
_COUNTER = [pytest.param(e, ex, id=f"{e.name}-{i}") for e in ENTRIES for i, ex in enumerate(e.cue.counter_examples)]


@pytest.mark.parametrize(("entry", "message"), _EXAMPLES)
def test_cue_fires_on_its_examples(entry: Entry, message: str) -> None:
    assert entry.fires(message), f"{entry} should fire on {message!r}"


@pytest.mark.parametrize(("entry", "message"), _COUNTER)
def test_cue_does_not_fire_on_its_counter_examples(entry: Entry, message: str) -> None:
    assert not entry.fires(message), f"{entry} must not fire on {message!r}"


def test_every_cue_has_examples() -> None:
    assert [str(e) for e in ENTRIES if not e.cue.examples] == []


def test_every_question_cue_has_two_examples_and_a_counter_example() -> None:
    """Question cues are read for in every message: each shows two ways it is asked and one near miss."""
    thin = [
        str(e) for e in ENTRIES if e.kind == "question cue" and (len(e.cue.examples) < 2 or not e.cue.counter_examples)
    ]
    assert thin == []


def test_a_bad_file_names_itself(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("cues:\n  count:\n    patterns: []\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"broken\.yaml"):
        Lexicon.load(tmp_path)
    (tmp_path / "broken.yaml").write_text("cues:\n  x:\n    means: y\n    patterns: ['{nope}']\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="unknown word class"):
        Lexicon.load(tmp_path)


def test_question_cues_are_read_folded_or_accented(tmp_path: Path) -> None:
    (tmp_path / "q.yaml").write_text(
        "question_cues:\n  x:\n    means: y\n    form: plain\n    patterns: ['a']\n", encoding="utf-8"
    )
    with pytest.raises(LexiconError, match="form plain"):
        Lexicon.load(tmp_path)


def test_same_as_names_a_question_cue(tmp_path: Path) -> None:
    (tmp_path / "q.yaml").write_text(
        "question_cues:\n  x:\n    means: y\n    same_as: nowhere\n    patterns: ['a']\n", encoding="utf-8"
    )
    with pytest.raises(LexiconError, match="same_as"):
        Lexicon.load(tmp_path)


def test_a_cue_in_another_form_counts_as_its_cue() -> None:
    """ "lương" (pay) folds to "luong" like "lượng" (amount): only the accented form tells it is off-topic."""
    assert LEXICON.asked("luong can bo", "lương cán bộ") >= {"out_of_domain"}
    assert "out_of_domain_accented" not in LEXICON.asked("luong can bo", "lương cán bộ")
    assert "out_of_domain" not in LEXICON.asked("so luong san pham", "số lượng sản phẩm")
