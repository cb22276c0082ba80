"""Agency names in a plan's text → registry ids, the document's own words kept for generic groups.

Names resolve through the registry (``data/agencies.yaml``), longest alias first. What the registry
does not know becomes the plan's own agency (and a draft note). Two things the registry alone would
get wrong:
- a generic group ("các sở ngành và đơn vị có liên quan") matches the registry's
  ``cac-so-nganh``, whose name ("Các sở, ban, ngành liên quan") is not what the document says: the
  document's words are kept beside the id (``said``), for answers;
- a named district ("UBND huyện Tuy An") is not "UBND các huyện": it becomes an agency of its own,
  checked against the province's districts in ``data/places.yaml``.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ipbot.plans.models import AgencyDef
from ipbot.text import fold

__all__ = ["AgencyMatcher", "Resolved", "districts_of"]

_HEADS = (
    "sở ",
    "ban ",
    "trung tâm",
    "hội ",
    "cục ",
    "chi cục",
    "đài ",
    "báo ",
    "ubnd",
    "ủy ban",
    "uỷ ban",
    "liên hiệp",
    "hiệp hội",
    "văn phòng",
    "công an",
    "đoàn ",
    "liên minh",
    "trường",
    "viện",
    "cổng",
    "bộ ",
    "kho bạc",
    "bộ chỉ huy",
    "tỉnh đoàn",
    "ngân hàng",
    "bảo hiểm",
    "phân hiệu",
    "đại học",
)
_FILLERS = ("va", "cac", "tinh", "huyen", "thi", "xa")
# two abbreviations joined by a hyphen, as portals print them ("PT-TH"): the same name as with "&"
_HYPHEN_ABBR_RE = re.compile(r"\b([A-ZĐ]{1,4})-([A-ZĐ]{1,4})\b")
_AMP_RE = re.compile(r"\b([A-ZĐ]{1,5})\s*&\s*([A-ZĐ]{1,6})\b")
_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_NAME = rf"[{_UPPER}][\wÀ-ỹ]*(?:\s+[{_UPPER}][\wÀ-ỹ]*){{0,3}}"
# a named local government: the districts before July 2025, and the communes, wards and special zones of the
# two-level government since ("Ủy ban nhân dân đặc khu Phú Quý", "UBND xã Đắk Song")
_LOCAL_KINDS = r"huyện|thị xã|thành phố|TP\.?|thị trấn|xã|phường|đặc khu"
_COMMUNE_KINDS = ("thị trấn", "xã", "phường", "đặc khu")
_DISTRICT_RE = re.compile(rf"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+({_LOCAL_KINDS})\s+({_NAME})")

# after a name: "và" and a capitalised word that starts no other agency ("… và Môi trường")
_NAME_GOES_ON_RE = re.compile(
    rf"\s+và\s+(?!Sở\b|Ủy\b|Uỷ\b|UBND\b|Ban\b|Cục\b|Chi\b|Hội\b|Đài\b|Báo\b|Trung\b|Công\b|Liên\b|Văn\b|Trường\b|Viện\b|Bộ\b)"
    rf"[{_UPPER}]"
)
# "Sở Công Thương và Trung tâm Khuyến nông": "và" before a name's head word joins two agencies (as a comma
# would), whereas "Sở Khoa học và Công nghệ" goes on with one
_AND_HEAD_RE = re.compile(
    r"\s+(?:và|cùng)\s+(?=(?:Sở|Ủy ban|Uỷ ban|UBND|Ban|Cục|Chi cục|Hội|Hiệp hội|Đài|Báo|Trung tâm|Công an|Công ty"
    r"|Liên hiệp|Liên minh|Văn phòng|Trường|Viện|Hợp tác xã|HTX)\b)"
)
_MORE_DISTRICT_RE = re.compile(rf"\s*(?:,|;|và)\s*({_LOCAL_KINDS})\s+({_NAME})")
# "UBND các huyện Sơn Hà, Sơn Tây, Ba Tơ": several districts named after one plural
# (also "UBND các huyện: Vĩnh Linh, Gio Linh, Cam Lộ")
_DISTRICTS_RE = re.compile(rf"(?:UBND|Ủy ban nhân dân|Uỷ ban nhân dân)\s+các\s+(huyện|thị xã)\s*:?\s+({_NAME})")
_NEXT_NAME_RE = re.compile(rf"\s*(?:,|và)\s*({_NAME})")


def districts_of(data_dir: Path, province: str) -> dict[str, str]:
    """The province's districts before July 2025 (folded name → name, type), from ``places.yaml``; {} if unknown."""
    import yaml

    path = data_dir / "places.yaml"
    if not path.exists() or not province:
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    for entry in data.get("old_provinces", []):
        if fold(entry.get("name", "")) == fold(province):
            # two of one name are told apart by their kind: "Kỳ Anh (Huyện)", "Kỳ Anh (Thị xã)"
            plain = {re.sub(r"\s*\([^()]*\)$", "", name): kind for name, kind in (entry.get("districts") or {}).items()}
            return {place_key(name): f"{kind.lower()} {name}" for name, kind in plain.items()}
    return {}


def place_key(name: str) -> str:
    """A district's name as compared with the list: folded, without spaces ("Đakrông" is "Đa Krông")."""
    return fold(name).replace(" ", "")


@dataclass
class Resolved:
    """What a piece of text names: ids in order, the document's words for generic groups, notes."""

    ids: list[str] = field(default_factory=list)
    said: dict[str, str] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


class AgencyMatcher:
    """Agency names in free text → registry ids (longest alias first); the rest become new agencies."""

    _HEADS = _HEADS

    def __init__(self, registry: list[AgencyDef], province: str, districts: dict[str, str] | None = None) -> None:
        self.province = province
        self.districts = districts or {}
        self.registry = {a.id: a for a in registry}
        phrases: dict[str, str] = {}
        for agency in registry:
            for name in (agency.name, *agency.aliases, *([agency.short] if agency.short else [])):
                key = self._key(name.replace("{province}", province))
                if len(key) >= 4:
                    phrases.setdefault(key, agency.id)
        self.phrases = sorted(phrases.items(), key=lambda kv: -len(kv[0]))
        self.new: dict[str, AgencyDef] = {}

    @staticmethod
    def _key(text: str) -> str:
        """Folded words without the fillers that vary between documents ("Sở Tư pháp tỉnh", "các sở").

        "tỉnh"/"huyện" stay after "nhân dân"/"UBND"/"cấp": they are what tells the province's
        People's Committee from the districts'.
        """
        return " ".join(w for w, _ in AgencyMatcher._words(text))

    @staticmethod
    def _words(text: str) -> list[tuple[str, tuple[int, int]]]:
        """The key's words, each with the span of the text it comes from."""
        kept: list[tuple[str, tuple[int, int]]] = []
        before = ""
        for m in re.finditer(r"\S+", text):
            for word in fold(m.group(0)).split():
                # "xã" likewise ("UBND các xã, phường"), unless it is the "xã" of "thị xã"
                whose = (word in ("tinh", "huyen") or (word == "xa" and before != "thi")) and bool(kept)
                whose = whose and kept[-1][0] in ("dan", "ubnd", "cap")
                if whose or word not in _FILLERS:
                    kept.append((word, m.span()))
                before = word
        return kept

    def resolve(self, text: str) -> tuple[list[str], list[str]]:
        """(agency ids in order, notes about names it had to create or could not place)."""
        found = self.read(text)
        return found.ids, found.notes

    def read(self, text: str) -> Resolved:
        """Ids in the order the text names them, the words of generic groups, and notes."""
        text = _AMP_RE.sub(r"\1&\2", text.strip().rstrip(".;"))
        text = _HYPHEN_ABBR_RE.sub(r"\1&\2", text)  # "Đài PT-TH" is "Đài PT&TH", "Sở KH-CN" "Sở KH&CN"
        out = Resolved()
        if not text:
            return out
        found: list[tuple[int, str]] = []
        for m in list(_DISTRICTS_RE.finditer(text)):
            spans = self._named_districts(text, m)
            for start, _stop, kind, name in spans:
                slug, note = self._district(kind, name, m.group(0))
                found.append((start, slug))
                if note:
                    out.notes.append(note)
            if spans:
                text = text[: spans[0][0]] + " " * (spans[-1][1] - spans[0][0]) + text[spans[-1][1] :]
        for m in list(_DISTRICT_RE.finditer(text)):  # a named district before the registry's "UBND huyện"
            spans = [(m.start(), m.end(), m.group(1), m.group(2))]
            end = m.end()
            while True:  # "UBND huyện Sơn Hòa, huyện Sông Hinh": the second "UBND" left out
                more = _MORE_DISTRICT_RE.match(text, end)
                if more is not None:
                    spans.append((more.start(1), more.end(), more.group(1), more.group(2)))
                    end = more.end()
                    continue
                # "UBND huyện Na Hang, Lâm Bình": "huyện" left out too; only names on the province's list
                bare = _NEXT_NAME_RE.match(text, end)
                if bare is None or not self.districts or place_key(bare.group(1)) not in self.districts:
                    break
                spans.append((bare.start(1), bare.end(), self._kind_of(bare.group(1), m.group(1)), bare.group(1)))
                end = bare.end()
            for start, stop, kind, name in spans:
                slug, note = self._district(kind, name, m.group(0))
                found.append((start, slug))
                if note:
                    out.notes.append(note)
                text = text[:start] + " " * (stop - start) + text[stop:]
        words = self._words(text)
        key = " ".join(w for w, _ in words)
        starts = [0]
        for w, _ in words:
            starts.append(starts[-1] + len(w) + 1)
        taken: list[tuple[int, int]] = []
        for phrase, slug in self.phrases:
            for m in re.finditer(rf"(?<!\w){re.escape(phrase)}(?!\w)", key):
                if any(s < m.end() and m.start() < e for s, e in taken):
                    continue
                if re.search(r"(?:^|\s)chi(?: cuc)?\s$", key[: m.start()]):
                    continue  # "Chi cục Quản lý thị trường" is not the Cục the alias names
                first = starts.index(m.start()) if m.start() in starts else 0
                last = max(i for i, s in enumerate(starts[:-1]) if s < m.end())
                begin, end = words[first][1][0], words[last][1][1]
                if _NAME_GOES_ON_RE.match(text, end):
                    continue  # "Sở Nông nghiệp và Môi trường": a longer name than the alias
                taken.append(m.span())
                found.append((begin, slug))
                article = re.search(r"(?i)\b(?:các|những)\s+$", text[:begin])  # a filler the key leaves out
                self._keep_words(out, slug, text[article.start() if article else begin : end])
        rest = key
        for s, e in sorted(taken, reverse=True):
            rest = rest[:s] + " " * (e - s) + rest[e:]
        names: list[str] = []
        after = ";"
        named_last = False  # a name runs on across a comma only from the piece just before
        for piece, sep in re.findall(r"([^;,]+)([;,]|$)", _AND_HEAD_RE.sub(",", text)):
            piece = piece.strip()
            if not piece or not self._key(piece).strip() or self._key(piece) not in rest:
                after, named_last = sep, False
                continue
            named_body = re.match(rf"^(?:Hợp tác xã|HTX|Công ty)\s+[{_UPPER}]", piece)  # a named one, not "hợp tác xã"
            if (piece.lower().startswith(self._HEADS) or named_body) and len(piece) > 6:
                names.append(piece)
                named_last = True
            elif names and named_last and after == "," and piece[:1].isupper():
                names[-1] += ", " + piece  # "Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh"
            else:
                named_last = False
            after = sep
        for name in names:
            slug = self._new(name)
            found.append((len(text) + len(found), slug))
            out.notes.append(f"cơ quan mới «{name}» (id {slug}): kiểm tra tên và bí danh")
        out.ids = list(dict.fromkeys(slug for _, slug in sorted(found)))
        return out

    def merged_away(self, used: Iterable[tuple[str, str]], issued: dt.date | str | None) -> list[str]:
        """A note for each body the plan names though the registry says it was merged into another before the
        plan was issued (``formerly``/``since`` in ``agencies.yaml``): a 2025 plan naming "Sở Kế hoạch và Đầu
        tư" has its name or its date misread. ``used`` is (where, id): the task number or section first."""
        if issued is None:
            return []
        if isinstance(issued, str):
            issued = dt.date.fromisoformat(issued)
        into = {old: a for a in self.registry.values() if a.since and a.since <= issued for old in a.formerly}
        notes = []
        for where, slug in used:
            if slug in into and slug in self.registry:
                old, new = self.registry[slug], into[slug]
                notes.append(
                    f"{where}: «{old.name}» đã hợp nhất vào «{new.name}» từ {new.since:%d/%m/%Y}, trước ngày ban "
                    "hành (data/agencies.yaml): kiểm tra tên cơ quan hoặc ngày ban hành"
                )
        return notes

    def _keep_words(self, out: Resolved, slug: str, words: str) -> None:
        """A generic group's words as the document has them, when the registry's name says something else."""
        agency = self.registry.get(slug)
        words = words.strip(" ,;.:()")
        if agency is None or agency.scope != "generic" or not words:
            return
        if fold(words) != fold(agency.name):
            out.said.setdefault(slug, words)

    def _named_districts(self, text: str, m: re.Match[str]) -> list[tuple[int, int, str, str]]:
        """'UBND các huyện Sơn Hà, Sơn Tây, Ba Tơ': each district of the province's list, as its own agency
        (start, end, kind, name). Names must be on the list, so "…, Sở Công Thương" ends it; with no list for
        the province, any name that starts no agency ("Sở", "Hội"…) is taken (and ``_district`` cannot check it)."""
        kind, name = m.group(1), m.group(2)
        if not self._district_name(name, text[m.start(2) :]):
            return []
        spans = [(m.start(), m.end(), self._kind_of(name, kind), name)]
        end = m.end()
        while True:
            more = _NEXT_NAME_RE.match(text, end)
            if more is not None and self._district_name(more.group(1), text[more.start(1) :]):
                spans.append((more.start(1), more.end(), self._kind_of(more.group(1), kind), more.group(1)))
                end = more.end()
                continue
            # "UBND các huyện Quỳ Hợp, Nghi Lộc, Yên Thành, thị xã Thái Hòa": one of another kind, said with it
            kinded = _MORE_DISTRICT_RE.match(text, end)
            if kinded is not None and self.districts and self._district_name(kinded.group(2), text[kinded.start(2) :]):
                spans.append((kinded.start(1), kinded.end(), kinded.group(1), kinded.group(2)))
                end = kinded.end()
                continue
            return spans

    def _district_name(self, name: str, rest: str) -> bool:
        """On the province's list; with none, any name that starts no agency (``rest``: the text from it)."""
        if self.districts:
            return place_key(name) in self.districts
        return not f"{rest.lower()} ".startswith(self._HEADS)

    def _kind_of(self, name: str, plural: str) -> str:
        """'huyện', 'thị xã' or 'thành phố', as the province's list says for this name."""
        listed = self.districts.get(place_key(name), "")
        return listed[: -len(name)].strip() if listed.endswith(name) else plural

    def _district(self, kind: str, name: str, said: str = "UBND") -> tuple[str, str | None]:
        """'UBND huyện Tuy An' as an agency of its own; a note when the province's list lacks it.

        Its name is written as the document first writes it ("Ủy ban nhân dân huyện Na Rì" stays in full, so an
        answer quotes the plan), the other spelling an alias; the id is the same either way."""
        kind = "thành phố" if kind.startswith("TP") else kind
        short = f"UBND {kind} {name}"
        slug = re.sub(r"[^a-z0-9]+", "-", fold(short)).strip("-")
        known = place_key(name) in self.districts
        if slug not in self.new:
            full = f"Ủy ban nhân dân {kind} {name}"
            written = full if re.match(r"(?:Ủy|Uỷ) ban nhân dân", said) else short
            alias = short if written == full else full
            self.new[slug] = AgencyDef(id=slug, name=written, scope="province", kind="local", aliases=[alias])
        if kind in _COMMUNE_KINDS:
            return slug, None  # no list of communes to check it against: the name is kept as written
        if self.districts and not known:
            return slug, f"«{full}»: không có trong danh sách huyện của tỉnh {self.province} (data/places.yaml)"
        return slug, None

    def _new(self, name: str) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", fold(name)).strip("-")[:40].rstrip("-") or "co-quan-moi"
        if slug not in self.new:
            self.new[slug] = AgencyDef(id=slug, name=name, scope="province", kind="other", aliases=[])
        return slug
