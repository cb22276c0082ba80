"""The structured answer the core returns, and the conversation context it carries.

Front ends never parse answer text: they render :class:`Answer` (plain text for the
terminal and batch, HTML and buttons for Telegram) and store :class:`Context` between
turns so follow-ups ("còn kinh phí thì sao?") know what "it" is.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict

__all__ = ["Answer", "Context", "Section", "Suggestion"]


class Context(BaseModel):
    """What the conversation is about: kept between turns, stored by the front ends."""

    model_config = ConfigDict(extra="ignore")

    plan_id: str | None = None
    task_ids: list[str] = []
    agency: str | None = None
    intent: str | None = None
    year: int | None = None
    default_plan_id: str | None = None  # chosen by the user (Telegram /kehoach)


@dataclass(frozen=True)
class Section:
    """One block of an answer: usually one plan's part, with its own source."""

    lines: list[str]
    title: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Suggestion:
    """A follow-up the user can tap (Telegram) or type: a label and the question it asks."""

    label: str
    query: str


@dataclass
class Answer:
    sections: list[Section]
    answered: bool
    intent: str
    plan_ids: list[str] = field(default_factory=list)
    task_ids: list[str] = field(default_factory=list)
    agency_ids: list[str] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    context: Context = field(default_factory=Context)
    attachments: list[str] = field(default_factory=list)
    """Files the front end should produce and send: "chart:by_group:<plan>", "export:xlsx:<plan>"."""

    @property
    def sources(self) -> list[str]:
        return [s.source for s in self.sections if s.source]
