"""The lexicon as data: every cue fires on its examples and not on its counter-examples.

A cue is a way of asking (``data/lexicon/*.yaml``); its examples are messages written as
people write them. Adding a synonym is adding a pattern with an example here, and this
test is what keeps a new pattern from firing where it must not.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ipbot.reading.lexicon import DEFAULT_LEXICON_DIR, Lexicon, LexiconError
from ipbot.text import fold, nfc, plain, spell_out

LEXICON = Lexicon.load(DEFAULT_LEXICON_DIR)


def folded(message: str, cue: str) -> str:
    """The message as reading matches this cue against it (folded, or with punctuation kept)."""
    return plain(message) if _ALL[cue].form == "plain" else fold(spell_out(nfc(message)))


_ALL = {**LEXICON.cues, **LEXICON.needs}
_EXAMPLES = [(name, ex) for name, cue in _ALL.items() for ex in cue.examples]
_COUNTER = [(name, ex) for name, cue in _ALL.items() for ex in cue.counter_examples]


@pytest.mark.parametrize(("cue", "message"), _EXAMPLES)
def test_cue_fires_on_its_examples(cue: str, message: str) -> None:
    assert LEXICON.has(cue, folded(message, cue)), f"{LEXICON.origin[cue]}: {cue} should fire on {message!r}"


@pytest.mark.parametrize(("cue", "message"), _COUNTER)
def test_cue_does_not_fire_on_its_counter_examples(cue: str, message: str) -> None:
    assert not LEXICON.has(cue, folded(message, cue)), f"{LEXICON.origin[cue]}: {cue} must not fire on {message!r}"


def test_every_cue_has_examples() -> None:
    assert [name for name, cue in _ALL.items() if not cue.examples] == []


def test_a_bad_file_names_itself(tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("cues:\n  count:\n    patterns: []\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"broken\.yaml"):
        Lexicon.load(tmp_path)
    (tmp_path / "broken.yaml").write_text("cues:\n  x:\n    means: y\n    patterns: ['{nope}']\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="unknown word class"):
        Lexicon.load(tmp_path)
