"""Split a message into the questions it asks, each with the words that lead up to it.

People write "Nhà em làm gốm ở Ninh Phước. Năm 2022 tỉnh có nhiệm vụ nào…?" (a preamble,
then a question) and "…ban hành tháng mấy, và bảng dự toán tính theo đơn vị gì?" (two
questions). A piece that asks nothing is kept with the question after it, so the
question keeps its context; where one question turns into another is a cue in
``data/lexicon/conversation.yaml`` (``new_question``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

from ipbot.reading.lexicon import Lexicon
from ipbot.text import aligned, blank, fold, nfc, spell_out

__all__ = ["Piece", "segment"]

# a sentence ends at ? or !, or at . ; followed by a space (not inside "3.4" or "26/4", nor after the
# ellipsis of a title cut short: "nhóm 'Tăng cường nguồn nhân lực ... hội nhập quốc tế'")
_SENTENCE_RE = re.compile(r"(?<=[?!])\s+|(?<=[.;])(?<!\.\.)\s+(?=\S)")


@dataclass(frozen=True)
class Piece:
    """One question of a message, and what the person said before it ("HTX em làm tỏi ở Ninh Hải.")."""

    question: str
    lead: str = ""


def segment(message: str, lexicon: Lexicon, places: Callable[[str], list[str]] | None = None) -> list[Piece]:
    """The questions in a message, in order, each with the statements that lead up to it. ``places`` gives the
    folded words that name places in a piece ("Bác Ái"): they ask nothing, whatever question word they fold to."""
    text = nfc(message).strip()
    pieces: list[str] = []
    for sentence in _SENTENCE_RE.split(text):
        aligned_text = aligned(sentence)
        cuts = [m.start() for m in lexicon.find("new_question", aligned_text) if m.start() > 0]
        start = 0
        for cut in cuts:
            pieces.append(sentence[start:cut])
            start = cut + 1  # drop the comma or semicolon itself
        pieces.append(sentence[start:])
    pieces = [p.strip(" ,;") for p in pieces if p.strip(" ,;.")]
    pieces = _introduction_apart(pieces, lexicon)
    if len(pieces) <= 1:
        return [Piece(text)]
    asks = [asks_something(lexicon, p, places(p) if places else ()) for p in pieces]
    if not any(asks):
        return [Piece(text)]
    questions: list[Piece] = []
    lead: list[str] = []
    for piece, asking in zip(pieces, asks, strict=True):
        if questions and not lead and lexicon.has("in_full", fold(spell_out(piece.strip(" .?!")))):
            continue  # "Kể đủ.": the question before it, whose lists and counts are always given in full
        if questions and not lead and piece.startswith("(") and piece.rstrip(" .?!").endswith(")"):
            # "…mỗi quý bao nhiêu? (không tính 3.2 vì kéo dài Quý I-II)": a remark on the question before
            last = questions[-1]
            questions[-1] = Piece(f"{last.question} {piece}", last.lead)
            continue
        if asking:
            questions.append(Piece(piece, " ".join(lead)))
            lead = []
        else:
            lead.append(piece)
    if lead:  # statements after the last question still belong to it
        last = questions[-1]
        questions[-1] = Piece(" ".join([last.question, *lead]), last.lead)
    return questions


def headed(pieces: list[Piece]) -> str | None:
    """The subject a message sets before a colon at its start, when it holds several questions ("Chỉ dẫn địa lý ở
    Ninh Thuận: KH 2022 làm cho sản phẩm nào…; KH 2023 …?"): every question's."""
    header = _HEADER_RE.match(pieces[0].question) if len(pieces) > 1 else None
    return header.group(1) if header else None


_HEADER_RE = re.compile(r"^([^:?;.]{3,60}):\s")
"""A subject set before a colon at the start of a message, for every question after it."""


def asks_something(lexicon: Lexicon, text: str, place_words: Collection[str] = ()) -> bool:
    """Whether a piece of a message asks anything: a question mark, or a question's words (not those of a place's
    name: "mình làm ở UBND huyện Bác Ái." asks nothing)."""
    folded = fold(spell_out(text))
    named = [m.span() for w in place_words for m in re.finditer(rf"\b{re.escape(w)}\b", folded)]
    return "?" in text or _asks(lexicon, blank(folded, named) if named else folded)


def _asks(lexicon: Lexicon, folded: str) -> bool:
    """A piece asks something; "À không, ý tôi là …" corrects, its "không" asks nothing, nor do the "sao" of
    "OCOP 3 sao" and the "chưa" of "chưa đăng ký nhãn hiệu" (``asks_not``)."""
    spans = [m.span() for cue in ("correction", "asks_not") for m in lexicon.find(cue, folded)]
    return lexicon.has("asks", blank(folded, spans))


_CLAUSE_RE = re.compile(r"^([^,:;]{3,80})[,:;]\s*(\S.*)$", re.DOTALL)


def _introduction_apart(pieces: list[str], lexicon: Lexicon) -> list[str]:
    """ "Em là sv luật, hỏi về KH 2022…": who is asking is a clause of its own, not words of the question."""
    if not pieces:
        return pieces
    m = _CLAUSE_RE.match(pieces[0])
    if m is None:
        return pieces
    head = fold(spell_out(m.group(1)))
    if not (lexicon.has("introduces", head) or lexicon.has("persona", head)) or _asks(lexicon, head):
        return pieces
    return [m.group(1), m.group(2), *pieces[1:]]
