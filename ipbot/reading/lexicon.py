"""Words as data: the cues, word classes and vocabulary reading uses, from ``data/lexicon/*.yaml``.

Each cue is a named set of patterns (regular expressions over folded text: no
diacritics, lower case, chat shorthand spelled out) with example messages it must fire
on and counter-examples it must not; ``tests/test_lexicon.py`` runs every one of them,
so adding a synonym is a data change with an example. A pattern may name a word class
as ``{class}``; classes are lists of phrases in the same files.

>>> lex = Lexicon.load(DEFAULT_LEXICON_DIR)
>>> lex.has("count", "ke hoach 2022 co bao nhieu nhiem vu")
True
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import cached_property
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ipbot.config import DEFAULT_DATA_DIR

__all__ = ["DEFAULT_LEXICON_DIR", "Cue", "Lexicon", "LexiconError", "Need"]

DEFAULT_LEXICON_DIR = DEFAULT_DATA_DIR / "lexicon"

_CLASS_RE = re.compile(r"\{([a-z_][a-z0-9_]*)\}")


class LexiconError(ValueError):
    """A lexicon file is malformed: the message names the file and the entry."""


class Cue(BaseModel):
    """A way of asking something, as patterns over folded text, with examples both ways."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    means: str
    form: Literal["folded", "plain"] = "folded"  # plain: punctuation kept (for where a message splits)
    patterns: list[str] = Field(min_length=1)
    examples: list[str] = []
    counter_examples: list[str] = Field([], alias="not")


class Need(Cue):
    """A need said the person's way (the patterns) and the words the plans use for it."""

    plan_words: list[str] = Field(min_length=1)


class LexiconFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    classes: dict[str, list[str]] = {}
    cues: dict[str, Cue] = {}
    needs: dict[str, Need] = {}

    @field_validator("classes")
    @classmethod
    def _phrases(cls, classes: dict[str, list[str]]) -> dict[str, list[str]]:
        for name, phrases in classes.items():
            if not phrases:
                raise ValueError(f"class {name!r} is empty")
        return classes


class Lexicon:
    """Every lexicon file merged: cue name → compiled pattern; class name → phrases."""

    def __init__(self, files: dict[str, LexiconFile]) -> None:
        self.files = files
        self.classes: dict[str, list[str]] = {}
        self.cues: dict[str, Cue] = {}
        self.needs: dict[str, Need] = {}
        self.origin: dict[str, str] = {}  # cue or class name → the file it comes from
        for file_name, data in files.items():
            for name, phrases in data.classes.items():
                self._add(self.classes, name, phrases, file_name, "class")
            for name, cue in data.cues.items():
                self._add(self.cues, name, cue, file_name, "cue")
            for name, need in data.needs.items():
                self._add(self.needs, name, need, file_name, "need")
        self._compiled = {name: self._compile(name, cue) for name, cue in [*self.cues.items(), *self.needs.items()]}

    def _add(self, table: dict, name: str, value: object, file_name: str, what: str) -> None:  # type: ignore[type-arg]
        if name in table:
            raise LexiconError(f"{file_name}: {what} {name!r} is already defined in {self.origin[name]}")
        table[name] = value
        self.origin[name] = file_name

    @classmethod
    def load(cls, directory: Path) -> Lexicon:
        """Read and validate every ``*.yaml`` in the directory (errors name the file and entry)."""
        files: dict[str, LexiconFile] = {}
        for path in sorted(directory.glob("*.yaml")):
            try:
                raw = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
                files[path.name] = LexiconFile.model_validate(raw or {})
            except (yaml.YAMLError, OSError) as exc:
                raise LexiconError(f"{path.name}: {exc}") from exc
            except ValidationError as exc:
                where = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
                raise LexiconError(f"{path.name}: {where}") from exc
        return cls(files)

    def _expand(self, pattern: str, where: str) -> str:
        def sub(match: re.Match[str]) -> str:
            name = match.group(1)
            if name not in self.classes:
                raise LexiconError(f"{where}: unknown word class {{{name}}}")
            phrases = sorted(self.classes[name], key=len, reverse=True)
            return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases) + ")"

        return _CLASS_RE.sub(sub, pattern)

    def _compile(self, name: str, cue: Cue) -> re.Pattern[str]:
        where = f"{self.origin[name]}: {name!r}"
        alternatives = [self._expand(p, where) for p in cue.patterns]
        body = "|".join(alternatives)
        try:
            if cue.form == "plain":  # patterns about punctuation set their own boundaries
                return re.compile(body)
            # whole words only: "hoi gi" must not fire inside "thoi gian"
            return re.compile(rf"(?<![a-z0-9])(?:{body})(?![a-z0-9])")
        except re.error as exc:
            raise LexiconError(f"{where}: {exc}") from exc

    def pattern(self, name: str) -> re.Pattern[str]:
        return self._compiled[name]

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

    def phrases(self, name: str) -> list[str]:
        return self.classes[name]

    @cached_property
    def names(self) -> frozenset[str]:
        return frozenset(self.cues)
