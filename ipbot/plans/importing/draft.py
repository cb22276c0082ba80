"""A draft plan and what stands behind it: each fact with the passage it was read from, and the notes."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Draft", "Fact", "Facts"]


@dataclass(frozen=True)
class Fact:
    """One extracted value and the document passage it comes from (for the review page)."""

    field: str
    value: str
    passage: str


@dataclass
class Facts:
    """The facts a draft was read from, in reading order."""

    items: list[Fact] = field(default_factory=list)

    def add(self, name: str, value: object, passage: str | None) -> None:
        if value is None or value == "" or value == [] or not passage:
            return
        self.items.append(Fact(name, str(value), passage.strip()))

    def replace(self, name: str, value: object, passage: str | None) -> None:
        """A fact read again, better (a task's title once its roles are taken off the sentence)."""
        self.items = [f for f in self.items if f.field != name]
        self.add(name, value, passage)


@dataclass
class Draft:
    """The draft plan as plain data (ready for YAML), what a reviewer must check, and the evidence."""

    data: dict[str, object]
    notes: list[str] = field(default_factory=list)
    facts: Facts = field(default_factory=Facts)
    lines: list[str] = field(default_factory=list)
