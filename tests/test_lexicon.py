"""The lexicon as data: every cue fires on its examples and not on its counter-examples, nor where it collides.

A cue is a way of asking (``data/lexicon/*.yaml``); its examples are messages written as
people write them. Adding a synonym is adding a pattern with an example here, and this
test is what keeps a new pattern from firing where it must not: on its own near misses, on
the examples of the cues it ``excludes``, on the common phrases of ``collisions.yaml`` whose
folded form looks like it ("cái đó thì" is "cai do thi", like "đồ thị"), and on the questions
of ``tests/data/eval_*.jsonl`` whose kind contradicts it. Collisions that happen today are
listed there as known, with why; each must still happen, so fixing one means deleting it.
"""

from __future__ import annotations

import ast
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import pytest
import yaml
from pydantic import BaseModel, ConfigDict, Field

from ipbot.reading.lexicon import DEFAULT_LEXICON_DIR, Cue, Lexicon, LexiconError
from ipbot.text import fold, has_diacritics, nfc, plain, shape, spell_out

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
        if self.cue.when == "unaccented" and has_diacritics(nfc(message)):
            return False  # read only in messages typed without diacritics, as Lexicon.asked does
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


# ---------------------------------------------------------------------------------------------- collisions
class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)


class Phrase(_Strict):
    say: str
    cues: list[str] = Field(alias="not", min_length=1)
    why: str


class Intent(_Strict):
    kinds: Literal["all"] | list[str]
    cues: list[str] = Field(alias="not", min_length=1)
    why: str


class Known(_Strict):
    cue: str
    where: str  # a message, or an eval question as "<file>#<id>" (not "on": YAML reads it as true)
    why: str = Field(min_length=10)


class Collisions(_Strict):
    """``data/lexicon/collisions.yaml``."""

    phrases: list[Phrase] = Field(min_length=1)
    intents: list[Intent] = Field(min_length=1)
    known: list[Known] = []


COLLISIONS = Collisions.model_validate(
    yaml.load((DEFAULT_LEXICON_DIR / "collisions.yaml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
)
KNOWN = {(k.cue, k.where): k.why for k in COLLISIONS.known}
EVAL_FILES = sorted((Path(__file__).resolve().parent / "data").glob("eval_*.jsonl"))
_PREFIX = {"cue": "cues.", "need": "needs.", "question cue": ""}
BY_REF = {_PREFIX[e.kind] + e.name: e for e in ENTRIES}  # "lead", "cues.count", "needs.export"


def _ref(entry: Entry) -> str:
    return _PREFIX[entry.kind] + entry.name


def _questions(path: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _collisions(checks: list[tuple[Entry, str, str]]) -> list[str]:
    """Each (cue, message, where it is named) must not fire, unless known to; a known one must still fire."""
    wrong = []
    for entry, message, on in checks:
        fired, known = entry.fires(message), (_ref(entry), on) in KNOWN
        if fired and not known:
            wrong.append(f"{entry} fires on {message!r}")
        elif known and not fired:
            wrong.append(f"{_ref(entry)} no longer fires on {on!r}: delete it from collisions.yaml known")
    return wrong


def _exclusion_checks() -> list[tuple[Entry, str, str]]:
    by_kind = {(e.kind, e.name): e for e in ENTRIES}
    return [
        (entry, example, example)
        for entry in ENTRIES
        for name in entry.cue.excludes
        for example in by_kind[(entry.kind, name)].cue.examples
    ]


def _phrase_checks() -> list[tuple[Entry, str, str]]:
    return [(BY_REF[ref], phrase.say, phrase.say) for phrase in COLLISIONS.phrases for ref in phrase.cues]


def _eval_checks(path: Path) -> list[tuple[Entry, str, str]]:
    checks = []
    for question in _questions(path):
        for intent in COLLISIONS.intents:
            if intent.kinds == "all" or question["kind"] in intent.kinds:
                on = f"{path.name}#{question['id']}"
                checks += [(BY_REF[ref], question["question"], on) for ref in intent.cues]
    return checks


def test_excluded_cues_are_cues_of_the_same_kind_with_examples() -> None:
    by_kind = {(e.kind, e.name): e for e in ENTRIES}
    bad = []
    for entry in ENTRIES:
        for name in entry.cue.excludes:
            other = by_kind.get((entry.kind, name))
            if other is None or other is entry or not other.cue.examples:
                bad.append(f"{entry} excludes {name!r}: no other {entry.kind} of that name with examples")
    assert bad == []
    assert sum(len(e.cue.excludes) for e in ENTRIES) >= 40  # the declarations are the test: keep them


def test_no_cue_fires_on_the_examples_of_a_cue_it_excludes() -> None:
    assert _collisions(_exclusion_checks()) == []


def test_no_cue_fires_on_a_known_collision() -> None:
    unknown = [ref for phrase in COLLISIONS.phrases for ref in phrase.cues if ref not in BY_REF]
    assert unknown == []
    assert _collisions(_phrase_checks()) == []


def test_the_intents_name_kinds_and_cues_that_exist() -> None:
    kinds = {q["kind"] for path in EVAL_FILES for q in _questions(path)}
    named = {k for intent in COLLISIONS.intents if intent.kinds != "all" for k in intent.kinds}
    assert named - kinds == set(), "collisions.yaml intents name kinds no eval question has"
    assert [ref for intent in COLLISIONS.intents for ref in intent.cues if ref not in BY_REF] == []
    assert len(EVAL_FILES) >= 6


@pytest.mark.parametrize("path", EVAL_FILES, ids=[p.name for p in EVAL_FILES])
def test_no_eval_question_fires_a_cue_its_kind_contradicts(path: Path) -> None:
    checks = _eval_checks(path)
    assert len(checks) >= 2 * len(_questions(path))  # every question is checked, at least for chart and export
    assert _collisions(checks) == []


def test_every_known_collision_is_one_the_checks_meet() -> None:
    """A known entry no check meets (a typo, a question renamed) would excuse nothing and mislead."""
    met = {(_ref(e), on) for e, _, on in [*_exclusion_checks(), *_phrase_checks()]}
    met |= {(_ref(e), on) for path in EVAL_FILES for e, _, on in _eval_checks(path)}
    assert [f"{cue} on {on!r}" for cue, on in KNOWN if (cue, on) not in met] == []


def test_the_classic_collision_is_fixed() -> None:
    """ "cái đó thì" is no chart, typed with or without accents; "đồ thị" and "do thi" still are."""
    asked = [LEXICON.asked(fold(m), shape(m), has_diacritics(m)) for m in ("cái đó thì sao", "cai do thi sao")]
    assert all("chart" not in cues for cues in asked)
    asked = [LEXICON.asked(fold(m), shape(m), has_diacritics(m)) for m in ("vẽ đồ thị kinh phí", "cho xem do thi kp")]
    assert all("chart" in cues for cues in asked)
    assert _collisions([(BY_REF["chart_unaccented"], "cai do thi sao", "somewhere else")]) == []


# ------------------------------------------------------------------------------------ names the code uses
def _strings(node: ast.expr, constants: dict[str, list[str]]) -> list[str] | None:
    """The names an argument stands for: a string, or a module tuple of strings spread with ``*``."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.Starred) and isinstance(node.value, ast.Name):
        return constants.get(node.value.id)
    return None


def _names_asked_for() -> list[tuple[str, str, str]]:
    """(kind, name, where) for every cue name written in the code: ``q.has("lead")``, ``lexicon.has("count", f)``…"""
    found = []
    for path in sorted((Path(__file__).resolve().parent.parent / "ipbot").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        constants = {
            target.id: [e.value for e in node.value.elts if isinstance(e, ast.Constant)]
            for node in tree.body
            if isinstance(node, ast.Assign) and isinstance(node.value, ast.Tuple)
            for target in node.targets
            if isinstance(target, ast.Name)
        }
        for node in ast.walk(tree):
            where = f"{path.name}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.For) and isinstance(node.iter, ast.Tuple):  # for name in ("lead", …): …(name)
                names = [_strings(e, constants) for e in node.iter.elts]
                uses = [c for c in ast.walk(node) if isinstance(c, ast.Call) and isinstance(c.func, ast.Attribute)]
                if all(names) and any(c.func.attr == "question_pattern" for c in uses):
                    found += [("question cue", n, where) for ns in names if ns for n in ns]
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.args):
                continue
            args = [_strings(a, constants) for a in node.args]
            if node.func.attr == "has" and all(args):  # Query.has("lead", "coop")
                found += [("question cue", n, where) for ns in args if ns for n in ns]
            elif node.func.attr == "question_pattern" and args[0]:
                found += [("question cue", n, where) for n in args[0]]
            elif node.func.attr in ("has", "find") and len(args) == 2 and args[0] and not args[1]:
                found += [("cue", n, where) for n in args[0]]  # Lexicon.has("count", folded)
    return found


def test_every_cue_the_code_asks_for_is_in_the_lexicon() -> None:
    """A cue renamed or dropped in the data would make ``q.has("lead")`` quietly false for every question."""
    asked = _names_asked_for()
    assert {kind for kind, _, _ in asked} == {"question cue", "cue"} and len(asked) > 80
    known = {"question cue": set(LEXICON.question_cues), "cue": set(LEXICON.cues) | set(LEXICON.needs)}
    assert [f"{where}: {kind} {name!r}" for kind, name, where in asked if name not in known[kind]] == []


def test_a_cue_read_only_without_accents_needs_an_accented_twin(tmp_path: Path) -> None:
    (tmp_path / "x.yaml").write_text(
        "question_cues:\n  x:\n    means: m\n    when: unaccented\n    patterns: ['do thi']\n", encoding="utf-8"
    )
    with pytest.raises(LexiconError, match="accented twin"):
        Lexicon.load(tmp_path)
