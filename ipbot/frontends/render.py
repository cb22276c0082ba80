"""Render an :class:`~ipbot.answers.Answer`: plain text (terminal, batch) or Telegram HTML.

Every piece of data and user text is escaped in HTML; long answers are split at
section or line boundaries so no message exceeds Telegram's 4096 characters.
"""

from __future__ import annotations

import html

from ipbot import phrases
from ipbot.answers import Answer

__all__ = ["TELEGRAM_LIMIT", "html_text", "plain_text", "split_message"]

TELEGRAM_LIMIT = 4096


def plain_text(answer: Answer) -> str:
    """Sections separated by blank lines, each ending with its source (never empty)."""
    parts = []
    for section in answer.sections:
        lines = []
        if section.title:
            lines.append(section.title)
        lines += section.lines
        if section.source:
            lines.append(section.source)
        parts.append("\n".join(lines))
    return "\n\n".join(parts) or phrases.NOT_UNDERSTOOD


def html_text(answer: Answer) -> str:
    """Telegram HTML: bold titles, italic sources, everything escaped."""
    parts = []
    for section in answer.sections:
        lines = []
        if section.title:
            lines.append(f"<b>{html.escape(section.title)}</b>")
        lines += [html.escape(line) for line in section.lines]
        if section.source:
            lines.append(f"<i>{html.escape(section.source)}</i>")
        parts.append("\n".join(lines))
    return "\n\n".join(parts) or html.escape(phrases.NOT_UNDERSTOOD)


def split_message(text: str, limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Split at blank lines, then lines, then spaces, so each chunk fits ``limit``.

    Splitting never cuts inside an HTML tag because tags never span lines here.
    """
    if len(text) <= limit:
        return [text]
    chunks: list[str] = []
    current = ""
    for para in text.split("\n\n"):
        pieces = [para] if len(para) <= limit else _split_lines(para, limit)
        for piece in pieces:
            candidate = f"{current}\n\n{piece}" if current else piece
            if len(candidate) <= limit:
                current = candidate
            else:
                if current:
                    chunks.append(current)
                current = piece
    if current:
        chunks.append(current)
    return chunks


def _split_lines(para: str, limit: int) -> list[str]:
    out: list[str] = []
    current = ""
    for line in para.split("\n"):
        while len(line) > limit:
            cut = line.rfind(" ", 0, limit)
            if cut <= 0:
                cut = limit
                amp = line.rfind("&", 0, cut)
                if amp > cut - 10 and ";" not in line[amp:cut]:
                    cut = amp  # never inside an HTML entity such as &amp;
            if current:
                out.append(current)
                current = ""
            out.append(line[:cut])
            line = line[cut:].lstrip()
        candidate = f"{current}\n{line}" if current else line
        if len(candidate) <= limit:
            current = candidate
        else:
            out.append(current)
            current = line
    if current:
        out.append(current)
    return out
