"""The structured answer the core returns, and the conversation context it carries.

Front ends never parse answer text: they render :class:`Answer` (plain text for the
terminal and batch, HTML and buttons for Telegram) and store :class:`Context` between
turns so follow-ups ("còn kinh phí thì sao?") know what "it" is. Suggestions carry a
typed :class:`~ipbot.requests.Request`, so a tapped suggestion is answered directly,
never re-read as text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from pydantic import BaseModel, ConfigDict

from ipbot.requests import Request

__all__ = ["Answer", "Attachment", "Context", "Section", "Suggestion"]


class Context(BaseModel):
    """What the conversation is about: kept between turns, stored by the front ends."""

    model_config = ConfigDict(extra="ignore")

    plan_id: str | None = None
    task_ids: list[str] = []
    agency: str | None = None
    intent: str | None = None
    year: int | None = None
    last: list[Request] = []  # the requests the last answer served, for follow-ups
    plans_seen: list[str] = []  # plans the conversation has been about, the latest last ("quay lại Ninh Thuận")
    listed: list[str] = []  # the tasks the last list named, in order ("trong số đó", "cái thứ hai")
    tasks_seen: list[str] = []  # tasks the turns were about, one after another, the latest last ("hai việc đó")
    user_agency: str | None = None  # the agency the person said they work at ("sở mình")
    default_plan_id: str | None = None  # chosen by the user (Telegram /kehoach)


@dataclass(frozen=True)
class Section:
    """One block of an answer: usually one plan's part, with its own source."""

    lines: list[str]
    title: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Suggestion:
    """A follow-up the user can tap (Telegram) or read: a label and the request it makes."""

    label: str
    request: Request


class Attachment(BaseModel):
    """A file the front end produces and sends with an answer: a chart or a spreadsheet."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: Literal["chart", "export"]
    what: Literal["by_group", "by_source", "compare", "xlsx", "csv"]
    plans: tuple[str, ...]


@dataclass
class Answer:
    sections: list[Section]
    answered: bool
    intent: str
    plan_ids: list[str] = field(default_factory=list)
    task_ids: list[str] = field(default_factory=list)
    listed: list[str] = field(default_factory=list)  # the tasks a list or count named, in order
    agency_ids: list[str] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    context: Context = field(default_factory=Context)
    attachments: list[Attachment] = field(default_factory=list)
    requests: list[Request] = field(default_factory=list)
    """The requests this answer serves, set by the assistant: a front end may run them again to show
    the answer another way (Telegram's «Chi tiết» after a short first message)."""

    @property
    def sources(self) -> list[str]:
        return [s.source for s in self.sections if s.source]
