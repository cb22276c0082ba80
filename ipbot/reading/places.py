"""Places people name: provinces before and after 1 July 2025, and the old districts.

Reference knowledge, not plan data: it tells "a province we have no plan for" (Bình
Thuận, Lâm Đồng) from "no province named", puts a district (Ninh Phước, Kiến Xương) in
its province, and knows that since 1 July 2025 Ninh Thuận is part of Khánh Hòa and Thái
Bình part of Hưng Yên. The map is generated from a maintained package into
``data/places.yaml`` (:mod:`ipbot.reading.places_build`); other names people use beside
the official ones ("Sài Gòn", "TP HCM") are in ``data/place_aliases.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import yaml
from pydantic import BaseModel, ConfigDict

from ipbot.config import DEFAULT_DATA_DIR
from ipbot.text import fold, has_diacritics, nfc, shape, strip_marks

if TYPE_CHECKING:
    from collections.abc import Collection

__all__ = ["PLACE_WORDS", "Place", "Places", "common_forms", "map_provinces"]

PLACES_FILE = "places.yaml"
ALIASES_FILE = "place_aliases.yaml"

# a place named in lower case without accents counts only after a word that introduces that kind
# of place: "tỉnh" comes before a province, never a district ("tinh co to chuc" is no "Cô Tô")
_AT = frozenset({"tp", "thanh pho", "o", "tai", "ve", "cua", "thuoc", "vung"})
_BEFORE = {
    "province": _AT | {"tinh"},
    "district": _AT | {"huyen", "thi xa", "thi tran", "xa"},
}
PLACE_WORDS = tuple(sorted(_BEFORE["province"] | _BEFORE["district"], key=len, reverse=True))
"""The words that introduce a place's name ("huyện", "ở"): a reading cuts them with the name."""
_WORD_RE = re.compile(r"\w+")
_TURNS = frozenset({"con", "va", "voi", "hay", "hoac", "the"})  # "còn binh thuan?", "so với binh thuan"


def _key(name: str) -> str:
    """A name as matched: folded words, punctuation dropped ("Phan Rang - Tháp Chàm" → "phan rang thap cham")."""
    return " ".join(_WORD_RE.findall(fold(name)))


class _OldProvince(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    type: str
    now: str
    districts: dict[str, str] = {}


class _NewProvince(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    type: str
    former: list[str] = []


class _PlacesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    old_provinces: list[_OldProvince]
    new_provinces: list[_NewProvince]


class _AliasesFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    aliases: dict[str, str] = {}  # another name → the official one ("Phan Rang" → "Phan Rang - Tháp Chàm")


@dataclass(frozen=True)
class Place:
    """A place named in a message."""

    name: str  # as the map writes it: "Ninh Phước", "Khánh Hòa"
    kind: Literal["province", "district"]
    province: str  # the province (before 2025) it lies in; a province is its own
    now: str  # the province it is part of since 1 July 2025
    former: tuple[str, ...] = ()  # a province since 2025: the old provinces merged into it


class Places:
    """The map, and finding its names in text."""

    def __init__(self, data: _PlacesFile, aliases: dict[str, str]) -> None:
        self.data = data
        self.by_name: dict[str, list[Place]] = {}
        former = {p.name: tuple(p.former) for p in data.new_provinces}
        for old in data.old_provinces:
            self._add(old.name, Place(old.name, "province", old.name, old.now, former.get(old.name, ())))
            for district in old.districts:
                self._add(district, Place(district, "district", old.name, old.now))
                for part in district.split(" - "):  # "Phan Rang - Tháp Chàm": "Tháp Chàm" alone names it
                    if part != district:
                        self._add(part, Place(district, "district", old.name, old.now))
        for new in data.new_provinces:
            if _key(new.name) not in self.by_name:
                self._add(new.name, Place(new.name, "province", new.name, new.name, tuple(new.former)))
        for alias, official in aliases.items():
            if _key(official) not in self.by_name:
                raise ValueError(f"{ALIASES_FILE}: {alias!r} names {official!r}, which is not on the map")
            for place in self.by_name[_key(official)]:
                self._add(alias, place)
        self._longest = max((len(f.split()) for f in self.by_name), default=1)
        self._first_words = frozenset(f.split()[0] for f in self.by_name if f)  # most words start no name

    def _add(self, name: str, place: Place) -> None:
        bucket = self.by_name.setdefault(_key(name), [])
        if place not in bucket:
            bucket.append(place)

    @classmethod
    def load(cls, data_dir: Path = DEFAULT_DATA_DIR) -> Places:
        """The map in ``data_dir``; a data folder without one (a test's) uses the bundled map.

        Read once per folder and version of its files: the index and the reader both need it."""
        if not (data_dir / PLACES_FILE).exists():
            data_dir = DEFAULT_DATA_DIR
        stamps = tuple(_stamp(data_dir / name) for name in (PLACES_FILE, ALIASES_FILE))
        return _load(cls, data_dir, stamps)

    @classmethod
    def _read(cls, data_dir: Path) -> Places:
        raw = yaml.load((data_dir / PLACES_FILE).read_text(encoding="utf-8"), Loader=_LOADER)
        aliases_path = data_dir / ALIASES_FILE
        aliases = (
            _AliasesFile.model_validate(yaml.load(aliases_path.read_text(encoding="utf-8"), Loader=_LOADER) or {})
            if aliases_path.exists()
            else _AliasesFile()
        )
        return cls(_PlacesFile.model_validate(raw), aliases.aliases)

    def find(
        self,
        text: str,
        common: Collection[str] = (),
        lower_districts: Collection[str] | None = None,
        pairs: Collection[str] = (),
    ) -> list[Place]:
        """Places named in the text (see :meth:`matches`)."""
        return [place for _, place in self.matches(text, common, lower_districts, pairs)]

    def matches(
        self,
        text: str,
        common: Collection[str] = (),
        lower_districts: Collection[str] | None = None,
        pairs: Collection[str] = (),
    ) -> list[tuple[str, Place]]:
        """Places named in the text, each with the words that name it (folded, as typed):
        capitalised as names are, or after "tỉnh", "huyện", "ở"…

        Folding would find "Nam Định" in "năm định hướng": typed with accents, the accents must
        match too; a name typed in lower case without accents counts only after a place word,
        and not when its letters are ``common`` words ("tỉnh có tổ chức" is no "Cô Tô"). A
        one-syllable name ("Chũ") is too like a word to count without accents, unless typed in
        capitals ("HCM"). A name shared by
        places of several provinces (a common district name) counts only when it is also a
        province's. With ``lower_districts``, a district typed in lower case without accents
        counts only in those provinces ("huyen co to chuc" is "huyện có tổ chức" in a chat about
        Ninh Thuận, not Cô Tô of Quảng Ninh). A province's name typed bare, without accents or
        a place word, counts only where a question starts or turns ("binh thuan nam 2023…",
        "còn binh thuan?") and not when a word of it pairs with its neighbour as in ``pairs``,
        the documents' word pairs ("nam dinh huong" is "năm định hướng").
        """
        text = nfc(text)
        accented = has_diacritics(text)
        words = _WORD_RE.findall(strip_marks(text))
        folded = [w.lower() for w in words]  # marks are stripped already: folding is lower case
        forms: list[str] = []
        capitals: set[str] = set()
        i = 0
        while i < len(words):
            if folded[i] not in self._first_words:
                i += 1
                continue
            for n in range(min(self._longest, len(words) - i), 0, -1):
                form = " ".join(folded[i : i + n])
                places = self.by_name.get(form)
                if not places:
                    continue
                if all(w[:1].isupper() for w in words[i : i + n]) or (
                    self._introduced(places, folded, i, n, accented, lower_districts, pairs) and form not in common
                ):
                    forms.append(form)
                    if n == 1 and len(words[i]) > 1 and words[i].isupper():
                        capitals.add(form)
                    i += n - 1
                    break
            i += 1
        if not accented:
            forms = [f for f in forms if " " in f or f in capitals]
        else:
            shaped = shape(text)
            forms = [f for f in forms if any(self._accents_match(p, f, shaped) for p in self.by_name[f])]
        found: list[tuple[str, Place]] = []
        for form in dict.fromkeys(forms):
            places = self.by_name[form]
            provinces = [p for p in places if p.kind == "province"]
            chosen = provinces or (places if len({p.province for p in places}) == 1 else [])
            found += [(form, p) for p in chosen[:1] if p not in (q for _, q in found)]
        return found

    @staticmethod
    def _introduced(
        places: list[Place],
        folded: list[str],
        i: int,
        n: int,
        accented: bool,
        lower_districts: Collection[str] | None,
        pairs: Collection[str],
    ) -> bool:
        """A name in lower case: after a word for its kind of place, or a province's name typed bare."""
        before = {folded[i - 1] if i else "", " ".join(folded[max(0, i - 2) : i])}
        for place in places:
            elsewhere = lower_districts is not None and place.province not in lower_districts
            if place.kind == "district" and elsewhere and not accented:
                continue
            if before & _BEFORE[place.kind]:
                return True
            # a province's two-word name where a question starts or turns: "binh thuan nam 2023…", and typed
            # with its accents in lower case, "hưng yên có kế hoạch không" (the accents are checked after)
            if place.kind == "province" and n > 1 and (i == 0 or folded[i - 1] in _TURNS):
                joined = (i > 0 and f"{folded[i - 1]} {folded[i]}" in pairs) or (
                    i + n < len(folded) and f"{folded[i + n - 1]} {folded[i + n]}" in pairs
                )
                if not joined:
                    return True  # "binh thuan nam 2023 co ho tro…"
        return False

    @staticmethod
    def _accents_match(place: Place, form: str, shaped: str) -> bool:
        names = [place.name, *place.name.split(" - ")]
        return any(
            _key(n) == form and re.search(rf"(?<!\w){re.escape(shape(n))}(?!\w)", shaped) for n in names
        ) or not any(_key(n) == form for n in names)


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


@lru_cache(maxsize=8)
def _load(cls: type[Places], data_dir: Path, stamps: tuple[object, ...]) -> Places:
    return cls._read(data_dir)


def map_provinces(data_dir: Path | None = None) -> tuple[str, ...]:
    """Every province of the map, before and after 1 July 2025 (to tell which initials are shared)."""
    data = Places.load(data_dir or DEFAULT_DATA_DIR).data
    return tuple(dict.fromkeys([*(p.name for p in data.old_provinces), *(p.name for p in data.new_provinces)]))


def common_forms(places: Places, folded: str) -> frozenset[str]:
    """Place names that are also ordinary words of the ``folded`` text ("co to" in "có tổ chức")."""
    words = _WORD_RE.findall(folded)
    # only the runs of words that start as a name does, as long as such names are: every run of up to six
    # words of every plan's documents was millions of strings (2 s, 100 MB at 300 plans) for the same set
    lengths: dict[str, set[int]] = {}
    for form in places.by_name:
        parts = form.split()
        if parts:
            lengths.setdefault(parts[0], set()).add(len(parts))
    phrases = {" ".join(words[i : i + n]) for i, word in enumerate(words) for n in lengths.get(word, ())}
    return frozenset(f for f in places.by_name if f in phrases)
