"""Words as data: the cues, word classes and vocabulary reading uses, from ``data/lexicon/*.yaml``.

Each cue is a named set of patterns (regular expressions over folded text: no
diacritics, lower case, chat shorthand spelled out) with example messages it must fire
on and counter-examples it must not; ``tests/test_lexicon.py`` runs every one of them,
so adding a synonym is a data change with an example. A pattern may name a word class
as ``{class}``; classes are lists of phrases in the same files.

Two kinds of cue: ``question_cues`` are read for in every question and make
:attr:`~ipbot.reading.parse.Query.cues` (``q.has("lead")``); ``cues`` (and ``needs``) are
looked for only where reading asks for them (``lexicon.has("count", folded)``). Each kind is
its own namespace: the question cue ``refer`` is not the conversation cue ``refer``.

>>> lex = Lexicon.load(DEFAULT_LEXICON_DIR)
>>> lex.has("count", "ke hoach 2022 co bao nhieu nhiem vu")
True
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cache, cached_property
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from ipbot.config import DEFAULT_DATA_DIR
from ipbot.reading.literals import Guarded, compile_guarded
from ipbot.text import fold

__all__ = ["DEFAULT_LEXICON_DIR", "Cue", "Lexicon", "LexiconError", "LexiconFile", "Need", "default_lexicon"]

DEFAULT_LEXICON_DIR = DEFAULT_DATA_DIR / "lexicon"

NOT_CUE_FILES = frozenset({"abbreviations.yaml", "collisions.yaml"})
"""Files in the lexicon folder that hold no cues: :mod:`ipbot.text` reads the abbreviations,
``tests/test_lexicon.py`` the known collisions."""

_CLASS_RE = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


class LexiconError(ValueError):
    """A lexicon file is malformed: the message names the file and the entry."""


class Cue(BaseModel):
    """A way of asking something, as patterns over folded text, with examples both ways."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    means: str
    # folded: no diacritics, whole words; plain: punctuation kept (for where a message splits), patterns set
    # their own boundaries; accented: lower case with diacritics kept (where folding makes words collide)
    form: Literal["folded", "plain", "accented"] = "folded"
    # unaccented: read only in messages typed without diacritics; with them, the accented twin
    # (a cue ``same_as`` this one, form accented) tells "đồ thị" from "đó thì"
    when: Literal["always", "unaccented"] = "always"
    whole_words: bool = True  # false: the patterns set their own boundaries (always so for plain)
    patterns: list[str] = Field(min_length=1)
    examples: list[str] = []
    counter_examples: list[str] = Field([], alias="not")
    # cues of the same kind whose examples this one must never fire on (tests/test_lexicon.py checks it)
    excludes: list[str] = []
    # question cues only: the question cue this one is another form of ("lương" accented is out_of_domain)
    same_as: str | None = None


class Need(Cue):
    """A need said the person's way (the patterns) and the words the plans use for it."""

    plan_words: list[str] = Field(min_length=1)


class LexiconFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    classes: dict[str, list[str]] = {}
    # number words as folded ("hai" → 2, "dau" → 1): the n of "thứ n", "cái thứ hai", "lớn thứ ba";
    # also the word class {ordinal_word} for patterns
    ordinals: dict[str, int] = {}
    cues: dict[str, Cue] = {}
    needs: dict[str, Need] = {}
    question_cues: dict[str, Cue] = {}

    @field_validator("classes")
    @classmethod
    def _phrases(cls, classes: dict[str, list[str]]) -> dict[str, list[str]]:
        for name, phrases in classes.items():
            if not phrases:
                raise ValueError(f"class {name!r} is empty")
        return classes

    @model_validator(mode="after")
    def _question_forms(self) -> LexiconFile:
        """A question is read folded and accented; the plain form is only for splitting a message."""
        plain = [name for name, cue in self.question_cues.items() if cue.form == "plain"]
        if plain:
            raise ValueError(f"question cues cannot have form plain: {plain}")
        return self


class Lexicon:
    """Every lexicon file merged: cue name → compiled pattern; class name → phrases."""

    def __init__(self, files: dict[str, LexiconFile]) -> None:
        self.files = files
        self.classes: dict[str, list[str]] = {}
        self.cues: dict[str, Cue] = {}
        self.needs: dict[str, Need] = {}
        self.question_cues: dict[str, Cue] = {}
        self.origin: dict[str, str] = {}  # cue, need or class name → the file it comes from
        self.question_origin: dict[str, str] = {}  # question cue name → the file it comes from
        self.ordinals: dict[str, int] = {}
        ordinal_origin: dict[str, str] = {}
        for file_name, data in files.items():
            for word, n in data.ordinals.items():
                self._add(self.ordinals, word, n, file_name, "ordinal", ordinal_origin)
            for name, phrases in data.classes.items():
                self._add(self.classes, name, phrases, file_name, "class")
            for name, cue in data.cues.items():
                self._add(self.cues, name, cue, file_name, "cue")
            for name, need in data.needs.items():
                self._add(self.needs, name, need, file_name, "need")
            for name, cue in data.question_cues.items():
                self._add(self.question_cues, name, cue, file_name, "question cue", self.question_origin)
        if self.ordinals:
            # the number words are a class too, so a pattern says {ordinal_word} instead of listing them
            self._add(self.classes, "ordinal_word", list(self.ordinals), "the ordinals", "class")
        self._compiled = {
            name: self._compile(cue, f"{self.origin[name]}: {name!r}")
            for name, cue in [*self.cues.items(), *self.needs.items()]
        }
        self._questions = {
            name: self._compile(cue, f"{self.question_origin[name]}: {name!r}")
            for name, cue in self.question_cues.items()
        }
        self._reads_as = {name: cue.same_as or name for name, cue in self.question_cues.items()}
        self._check_same_as()
        self._folded = [
            (self._reads_as[n], rx, self.question_cues[n].when == "unaccented")
            for n, rx in self._questions.items()
            if self.question_cues[n].form == "folded"
        ]
        self._accented = [
            (self._reads_as[n], rx) for n, rx in self._questions.items() if self.question_cues[n].form == "accented"
        ]

    def _check_same_as(self) -> None:
        for name, cue in [*self.cues.items(), *self.needs.items()]:
            if cue.same_as:
                raise LexiconError(f"{self.origin[name]}: {name!r}: same_as is for question cues")
            if cue.when != "always":
                raise LexiconError(f"{self.origin[name]}: {name!r}: when is for question cues")
        for name, cue in self.question_cues.items():
            # a folded cue read only without accents needs an accented twin, or accented messages lose it
            twin = any(c.same_as == (cue.same_as or name) and c.form == "accented" for c in self.question_cues.values())
            if cue.when == "unaccented" and (cue.form != "folded" or not twin):
                raise LexiconError(
                    f"{self.question_origin[name]}: {name!r}: when: unaccented needs form folded and an accented twin"
                )
        for name, cue in self.question_cues.items():
            target = self.question_cues.get(cue.same_as or name)
            if target is None or (cue.same_as and target.same_as):
                raise LexiconError(
                    f"{self.question_origin[name]}: {name!r}: same_as must name a question cue of its own"
                )

    def _add(
        self,
        table: dict,  # type: ignore[type-arg]
        name: str,
        value: object,
        file_name: str,
        what: str,
        origin: dict[str, str] | None = None,
    ) -> None:
        origin = self.origin if origin is None else origin
        if name in table:
            raise LexiconError(f"{file_name}: {what} {name!r} is already defined in {origin[name]}")
        table[name] = value
        origin[name] = file_name

    @classmethod
    def load(cls, directory: Path) -> Lexicon:
        """Read and validate every ``*.yaml`` in the directory (errors name the file and entry)."""
        files: dict[str, LexiconFile] = {}
        for path in sorted(p for p in directory.glob("*.yaml") if p.name not in NOT_CUE_FILES):
            try:
                raw = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
                files[path.name] = LexiconFile.model_validate(raw or {})
            except (yaml.YAMLError, OSError) as exc:
                raise LexiconError(f"{path.name}: {exc}") from exc
            except ValidationError as exc:
                where = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
                raise LexiconError(f"{path.name}: {where}") from exc
        return cls(files)

    def with_topics(self, topics: dict[str, dict[str, list[str]]]) -> Lexicon:
        """This lexicon and the plans' topic words (plan id → a name people use → the plan's words).

        Each name is read as a need (``data/plans/<id>.yaml``, ``vocabulary: topics``): a question
        that says it is looked for in the plan's words. Without topics, this very lexicon.
        """
        files = {
            f"plans/{plan_id}.yaml": LexiconFile(
                needs={
                    f"{plan_id}: {name}": Need(
                        means=f"what people call {name!r} in {plan_id}",
                        patterns=[_phrase(fold(name))],
                        plan_words=words,
                    )
                    for name, words in named.items()
                }
            )
            for plan_id, named in topics.items()
            if named
        }
        return Lexicon({**self.files, **files}) if files else self

    def _expand(self, pattern: str, where: str) -> str:
        def sub(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in self.classes:
                raise LexiconError(f"{where}: unknown word class {{{name}}}")
            phrases = sorted(self.classes[name], key=len, reverse=True)
            return "(?:" + "|".join(_phrase(p) for p in phrases) + ")"

        return _CLASS_RE.sub(sub, pattern)

    def _compile(self, cue: Cue, where: str) -> Guarded:
        """The cue's pattern, guarded by the words it cannot match without (most questions have none of them)."""
        alternatives = [self._expand(p, where) for p in cue.patterns]
        body = "|".join(alternatives)
        try:
            if cue.form == "plain" or not cue.whole_words:  # such patterns set their own boundaries
                return compile_guarded(body)
            # whole words only: "hoi gi" must not fire inside "thoi gian"
            return compile_guarded(rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])")
        except re.error as exc:
            raise LexiconError(f"{where}: {exc}") from exc

    def pattern(self, name: str) -> re.Pattern[str]:
        return self._compiled[name].pattern

    def question_pattern(self, name: str) -> re.Pattern[str]:
        """A question cue's pattern, to find or cut where the question says it."""
        return self._questions[name].pattern

    def asked(self, folded: str, accented: str, accents: bool = False) -> set[str]:
        """The question cues a question fires, each read over its form of the question (folded or accented).

        A cue that is ``same_as`` another counts as that one: ``Query.cues`` holds only the names reading asks for.
        A message typed with ``accents`` skips the folded patterns that only a message without them needs.
        """
        found = {name for name, rx, unaccented in self._folded if not (accents and unaccented) and rx.search(folded)}
        found.update(name for name, rx in self._accented if rx.search(accented))
        return found

    def needs_in(self, folded: str) -> list[tuple[Need, list[tuple[int, int]]]]:
        """The needs a message states, each with where it states them."""
        out = []
        for name, need in self.needs.items():
            spans = [m.span() for m in self._compiled[name].finditer(folded)]
            if spans:
                out.append((need, spans))
        return out

    def has(self, name: str, folded: str) -> bool:
        return self._compiled[name].search(folded) is not None

    def find(self, name: str, folded: str) -> Iterator[re.Match[str]]:
        return self._compiled[name].finditer(folded)

    def sub(self, name: str, replacement: str, folded: str) -> str:
        """The message with what the cue matched replaced (a phrase read for one thing, kept from another)."""
        return self._compiled[name].sub(replacement, folded)

    def phrases(self, name: str) -> list[str]:
        return self.classes[name]

    @cached_property
    def names(self) -> frozenset[str]:
        return frozenset(self.cues)


def _phrase(words: str) -> str:
    """A literal phrase as a pattern: any run of spaces between its words."""
    return re.escape(words).replace(r"\ ", r"\s+")


@cache
def default_lexicon() -> Lexicon:
    """The bundled lexicon, read once per process (reading and parsing share it)."""
    return Lexicon.load(DEFAULT_LEXICON_DIR)
