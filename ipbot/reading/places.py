"""Places people name: provinces before and after 1 July 2025, and the old districts.

Reference knowledge, not plan data: it tells "a province we have no plan for" (Bình
Thuận, Lâm Đồng) from "no province named", puts a district (Ninh Phước, Kiến Xương) in
its province, and knows that since 1 July 2025 Ninh Thuận is part of Khánh Hòa and Thái
Bình part of Hưng Yên. The map is generated from a maintained package into
``data/places.yaml`` (:mod:`ipbot.reading.places_build`); the short names people use
beside the official ones ("Phan Rang", "TP Thái Bình") are in ``data/place_aliases.yaml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

import yaml
from pydantic import BaseModel, ConfigDict

from ipbot.config import DEFAULT_DATA_DIR
from ipbot.text import fold, has_diacritics, nfc, shape, strip_marks

if TYPE_CHECKING:
    from collections.abc import Collection

__all__ = ["Place", "Places", "provinces_in"]

PLACES_FILE = "places.yaml"
ALIASES_FILE = "place_aliases.yaml"

# a place named in lower case without accents counts only after a word that introduces that kind
# of place: "tỉnh" comes before a province, never a district ("tinh co to chuc" is no "Cô Tô")
_AT = r"tp|thanh pho|o|tai|ve|cua|thuoc|vung"
_BEFORE = {"province": rf"(?:tinh|{_AT})", "district": rf"(?:huyen|thi xa|thi tran|xa|{_AT})"}


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
            if fold(new.name) not in self.by_name:
                self._add(new.name, Place(new.name, "province", new.name, new.name, tuple(new.former)))
        for alias, official in aliases.items():
            for place in self.by_name.get(fold(official), []):
                self._add(alias, place)
        forms = sorted(self.by_name, key=len, reverse=True)
        self._folded = [
            re.compile(rf"(?<!\w){before}\s+({'|'.join(re.escape(f) for f in kind_forms)})(?!\w)")
            for kind, before in _BEFORE.items()
            if (kind_forms := [f for f in forms if any(p.kind == kind for p in self.by_name[f])])
        ]
        # a province's name of two syllables or more, typed bare in a message without accents
        # ("binh thuan nam 2023 co ho tro…"): counted unless its letters are common words
        bare = [f for f in forms if " " in f and any(p.kind == "province" for p in self.by_name[f])]
        self._bare = re.compile(rf"(?<!\w)({'|'.join(re.escape(f) for f in bare)})(?!\w)")
        self._titled = re.compile(
            r"(?<!\w)(" + "|".join(r"\s+".join(re.escape(w) for w in f.split()) for f in forms) + r")(?!\w)",
            re.IGNORECASE,
        )

    def _add(self, name: str, place: Place) -> None:
        bucket = self.by_name.setdefault(fold(name), [])
        if place not in bucket:
            bucket.append(place)

    @classmethod
    def load(cls, data_dir: Path = DEFAULT_DATA_DIR) -> Places:
        raw = yaml.load((data_dir / PLACES_FILE).read_text(encoding="utf-8"), Loader=_LOADER)
        aliases_path = data_dir / ALIASES_FILE
        aliases = (
            _AliasesFile.model_validate(yaml.load(aliases_path.read_text(encoding="utf-8"), Loader=_LOADER) or {})
            if aliases_path.exists()
            else _AliasesFile()
        )
        return cls(_PlacesFile.model_validate(raw), aliases.aliases)

    def find(
        self, text: str, common: Collection[str] = (), lower_districts: Collection[str] | None = None
    ) -> list[Place]:
        """Places named in the text: capitalised as names are, or after "tỉnh", "huyện", "ở"…

        Folding would find "Nam Định" in "năm định hướng": typed with accents, the accents must
        match too; a name typed in lower case without accents counts only after a place word,
        and not when its letters are ``common`` words ("tỉnh có tổ chức" is no "Cô Tô"). A
        one-syllable name ("Chũ") is too like a word to count without accents. A name shared by
        places of several provinces (a common district name) counts only when it is also a
        province's. With ``lower_districts``, a district typed in lower case without accents
        counts only in those provinces ("huyen co to chuc" is "huyện có tổ chức" in a chat about
        Ninh Thuận, not Cô Tô of Quảng Ninh).
        """
        text = nfc(text)
        plain = strip_marks(text)
        accented = has_diacritics(text)
        titled = {
            fold(m.group(1)) for m in self._titled.finditer(plain) if all(w[:1].isupper() for w in m.group(1).split())
        }
        folded = fold(text)
        lowered = {m.group(1) for r in self._folded for m in r.finditer(folded) if m.group(1) not in common}
        if not accented:
            lowered |= {m.group(1) for m in self._bare.finditer(folded) if m.group(1) not in common}
        if lower_districts is not None and not accented:
            lowered = {
                f
                for f in lowered
                if any(p.kind == "province" or p.province in lower_districts for p in self.by_name[f])
            }
        forms = titled | lowered
        if not accented:
            forms = {f for f in forms if " " in f}
        if accented:
            shaped = shape(text)
            forms = {f for f in forms if any(self._accents_match(p, f, shaped) for p in self.by_name[f])}
        found: list[Place] = []
        for form in sorted(forms, key=lambda f: fold(text).find(f)):
            places = self.by_name.get(form, [])
            provinces = [p for p in places if p.kind == "province"]
            chosen = provinces or (places if len({p.province for p in places}) == 1 else [])
            found += [p for p in chosen[:1] if p not in found]
        return found

    @staticmethod
    def _accents_match(place: Place, form: str, shaped: str) -> bool:
        names = [place.name, *place.name.split(" - ")]
        return any(
            fold(n) == form and re.search(rf"(?<!\w){re.escape(shape(n))}(?!\w)", shaped) for n in names
        ) or not any(fold(n) == form for n in names)


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def provinces_in(text: str, places: Places) -> list[str]:
    """Province names (before 2025, and the new ones) mentioned in the text, in canonical spelling."""
    return sorted({p.name for p in places.find(text) if p.kind == "province"})


def common_forms(places: Places, text: str) -> frozenset[str]:
    """Folded place names that are also ordinary words of ``text`` ("co to" in "có tổ chức")."""
    words = fold(text).split()
    longest = max((len(f.split()) for f in places.by_name), default=1)
    phrases = {" ".join(words[i : i + n]) for n in range(1, longest + 1) for i in range(len(words) - n + 1)}
    return frozenset(f for f in places.by_name if f in phrases)
