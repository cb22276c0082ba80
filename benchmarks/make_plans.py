"""Make a data folder with N plans, derived from the three real ones, for the scale benchmarks.

    python benchmarks/make_plans.py 300 /tmp/ipbot-300        # then: IPBOT_DATA_DIR=/tmp/ipbot-300 ipbot …

The bot is meant to hold every province's plans, several years each; only three are curated
so far. This writes the three real plans unchanged and N − 3 more, each a real plan moved to
another province of the map (``data/places.yaml``) and, for the annual ones, to another year:
the province's name, its districts (in place of the template's: "huyện Ninh Phước" becomes a
district of the new province), the plan's id, years, number and source text all follow. Each
province gets a multi-year plan (from Thái Bình's) and annual plans (from Ninh Thuận's), of the
years below, a few tasks left out at random so no two plans are alike.
The products a plan names (Ninh Thuận's Nha đam, Tôm giống, Thịt cừu) become the new province's
own, drawn from a list. Every plan passes ``ipbot check-data``; the budget tables' sums are kept
as they are (only tasks without a budget row are left out).

The question sets were written when the only plans were Ninh Thuận's 2022 and 2023 and Thái
Bình's 2021–2025, and many of their questions name a year and no province ("năm 2022, ai chủ
trì…"). With every province's 2022 plan such a question has no one right answer, and scoring the
sets would measure that ambiguity instead of what scale breaks. So the derived plans take other
years: multi-year plans of the cycle before (2016–2020, định hướng 2025, from Thái Bình's) and
annual plans of 2016–2020 (from Ninh Thuận's); each province has a multi-year plan and annual
plans inside its span, as the real ones do. No derived plan is of the real plans' cycle
(2021–2025): a question that names neither province nor year ("kinh phí nhiệm vụ 3.3") is about
the plans of the latest cycle, and the derived plans copy the real ones' task numbers, titles,
budgets and agencies, so one derived plan of that cycle (a 2024 plan, before) gave such a
question a second right answer, word for word the first.

Provinces are filled round by round (each gets its multi-year plan and one annual plan before
any gets a third), so 30 plans already span 14 provinces with both kinds of plan. Left out by
default: the two provinces of the real plans, and the provinces the question sets ask about as
having no plan (Khánh Hòa, Hưng Yên, Lâm Đồng, Nam Định, Bình Thuận), so that the sets' expected
answers stay right at any size (``--exclude`` changes the list).

Generated data is not committed: it is made again, the same for the same arguments.
"""

from __future__ import annotations

import argparse
import random
import re
import shutil
import sys
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
MULTI = "thai-binh-2021-2030"
ANNUAL = {2022: "ninh-thuan-2022", 2023: "ninh-thuan-2023"}
MULTI_SHIFT = -5
"""The multi-year plans are of the cycle before: 2016–2020, định hướng 2025."""
YEARS = (2020, 2019, 2016, 2018, 2017)
"""The annual plans' years: not 2021–2025, which are the real plans' (see the module's docstring)."""
PRODUCTS = (
    "Bưởi", "Chè", "Xoài", "Vải thiều", "Mật ong", "Hồ tiêu", "Hạt điều", "Cam sành", "Nhãn lồng", "Dừa",
    "Cá tra", "Tôm hùm", "Gà đồi", "Bò tơ", "Quế", "Hồi", "Chanh leo", "Thanh long", "Sầu riêng", "Mận",
    "Hồng", "Ổi", "Nếp cái hoa vàng", "Cói", "Sâm", "Mực khô", "Cá bống", "Dê núi", "Gấc", "Lạc",
)  # fmt: skip
"""What the derived plans protect in place of Ninh Thuận's own products (Nha đam, Tôm giống, Thịt cừu)."""
TEMPLATE_PRODUCTS = ("Nha đam", "Tôm giống", "Thịt cừu")
EXCLUDE = ("Ninh Thuận", "Thái Bình", "Khánh Hòa", "Hưng Yên", "Lâm Đồng", "Nam Định", "Bình Thuận")
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def slug(name: str) -> str:
    """ "Bà Rịa - Vũng Tàu" → "ba-ria-vung-tau" (the form of the real plans' province ids)."""
    text = unicodedata.normalize("NFD", name.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return "-".join(re.findall(r"[a-z0-9]+", text))


def _names(name: str) -> list[str]:
    """The ways a text writes a place: "Phan Rang - Tháp Chàm", "Phan Rang-Tháp Chàm", each part."""
    parts = name.split(" - ")
    forms = [name, name.replace(" - ", "-"), *parts] if len(parts) > 1 else [name]
    return forms + [f.upper() for f in forms]


class Substitution:
    """One pass over a text replacing every mapped phrase (longest first), so no replacement is replaced again."""

    def __init__(self, mapping: dict[str, str], years: dict[int, int] | None = None) -> None:
        self.mapping = dict(mapping)
        alternatives = sorted(self.mapping, key=len, reverse=True)
        words = "|".join(re.escape(a) for a in alternatives)
        self.names = re.compile(rf"(?<!\w)(?:{words})(?!\w)") if alternatives else None
        self.years = years or {}
        spelled = "|".join(str(y) for y in self.years)
        # a year as the text says it ("năm 2023", "2023-02", "2021-2025"), not inside a date ("21/12/2021")
        # or a number; a range in the same pass, so no year is moved twice
        self.year_re = (
            re.compile(rf"(?<![\d/.,-])({spelled})(?:(\s*[-–]\s*)({spelled}))?(?!\d)") if self.years else None
        )

    def __call__(self, text: str) -> str:
        if self.names is not None:
            text = self.names.sub(lambda m: self.mapping[m.group(0)], text)
        if self.year_re is not None:
            text = self.year_re.sub(self._year, text)
        return text

    def _year(self, m: re.Match[str]) -> str:
        first = str(self.years[int(m.group(1))])
        return first if m.group(3) is None else f"{first}{m.group(2)}{self.years[int(m.group(3))]}"

    def walk(self, node: object) -> object:
        if isinstance(node, str):
            return self(node)
        if isinstance(node, list):
            return [self.walk(v) for v in node]
        if isinstance(node, dict):
            return {k: self.walk(v) for k, v in node.items()}
        return node


def _load(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)


def _place_map(places: dict, template_province: str, province: str) -> dict[str, str]:
    """The template's province and districts → the new province and its districts (in turn)."""
    old = {p["name"]: p for p in places["old_provinces"]}
    mapping = {template_province: province, template_province.upper(): province.upper()}
    ours = [d for d in old[province]["districts"] if d != province] or [province]
    for n, district in enumerate(d for d in old[template_province]["districts"] if d != template_province):
        target = ours[n % len(ours)]
        for form in _names(district):
            mapping.setdefault(form, target.upper() if form.isupper() else target)
    return mapping


def _products(rng: random.Random) -> dict[str, str]:
    """A province's own products in place of the template's, in every case the texts write them."""
    mapping: dict[str, str] = {}
    for old, new in zip(TEMPLATE_PRODUCTS, rng.sample(PRODUCTS, k=len(TEMPLATE_PRODUCTS)), strict=True):
        for form in (old, old.lower(), old.title(), old.upper()):
            mapping[form] = new if form in (old, old.title()) else new.upper() if form.isupper() else new.lower()
    return mapping


def _droppable(plan: dict, rng: random.Random) -> list[str]:
    """Tasks that may be left out: no budget row (the table's sums stay), nothing pointing at them."""
    pointed = {str(e.get("task")) for e in plan.get("events") or []}
    pointed |= {t for d in plan.get("discrepancies") or [] for t in re.findall(r"\d+\.\w+", str(d))}
    free = [t["number"] for t in plan["tasks"] if t["budget"]["status"] != "row" and t["number"] not in pointed]
    return rng.sample(free, k=min(len(free), rng.randint(0, 3)))


def derive(
    template: dict,
    source: str,
    places: dict,
    province: str,
    year: int | None,
    number: int,
    products: dict[str, str],
    rng: random.Random,
) -> tuple[dict, str]:
    """A template plan (and its source text) moved to ``province`` and, if annual, to ``year``."""
    pid = slug(province)
    if year is not None:  # an annual plan: its year, and the year before it that it looks back on
        t = template["year_start"]
        years = {t: year, t - 1: year - 1}
    else:  # the multi-year plan: the whole cycle and its horizon
        years = {y: y + MULTI_SHIFT for y in range(template["year_start"], template["horizon"] + 1)}
    mapping = _place_map(places, template["province"], province)
    mapping.update(products)
    if template.get("number"):
        old = template["number"].split("/")[0].strip()
        mapping[old] = str(number)  # "160/KH-UBND", "Số: 160 /KH-UBND", "Kế hoạch 160"
    sub = Substitution(mapping, years)
    plan = sub.walk(template)
    assert isinstance(plan, dict)
    plan["id"] = (
        f"{pid}-{year}" if year is not None else f"{pid}-{years[template['year_start']]}-{years[template['horizon']]}"
    )
    plan["province"] = province
    plan["province_id"] = pid
    plan["source_file"] = f"{plan['id']}.txt"
    for field in ("year_start", "year_end", "horizon"):
        plan[field] = years.get(plan[field], plan[field])
    for task in plan["tasks"]:
        timeline = task.get("timeline") or {}
        if timeline.get("year") in years:
            timeline["year"] = years[timeline["year"]]
    for item in [*plan.get("targets", []), *plan.get("events", [])]:
        if item.get("year") in years:
            item["year"] = years[item["year"]]
    dropped = set(_droppable(plan, rng))
    plan["tasks"] = [t for t in plan["tasks"] if t["number"] not in dropped]
    return plan, sub(source)


def _slots(provinces: list[str]) -> list[tuple[str, int | None]]:
    """(province, year or None for the multi-year plan), round by round over the provinces."""
    per_province = []
    for i, province in enumerate(provinces):
        annual = [YEARS[(i + k) % len(YEARS)] for k in range(len(YEARS))]
        per_province.append([(province, None), *((province, y) for y in annual)])
    rounds = [[p[0], p[1]] for p in per_province]  # round 0: the multi-year plan and one annual plan each
    out = [s for pair in rounds for s in pair]
    for k in range(2, len(YEARS) + 1):
        out += [p[k] for p in per_province]
    return out


def make(n: int, out: Path, seed: int = 1, exclude: tuple[str, ...] = EXCLUDE, provinces: tuple[str, ...] = ()) -> int:
    """Write a data folder of ``n`` plans (at least the three real ones) into ``out``; returns the count.

    ``provinces``: these, in this order, instead of every province of the map shuffled (for tests)."""
    if out.exists():
        shutil.rmtree(out)
    shutil.copytree(DATA, out, ignore=shutil.ignore_patterns("plans", "sources", "*.db", "*.db.*"))
    (out / "plans").mkdir()
    (out / "sources").mkdir()
    real = sorted(p.stem for p in (DATA / "plans").glob("*.yaml"))
    for plan_id in real:
        shutil.copy(DATA / "plans" / f"{plan_id}.yaml", out / "plans")
        shutil.copy(DATA / "sources" / f"{plan_id}.txt", out / "sources")
    places = _load(DATA / "places.yaml")
    rng = random.Random(seed)
    if provinces:
        chosen = list(provinces)
    else:
        chosen = [p["name"] for p in places["old_provinces"] if p["name"] not in exclude]
        rng.shuffle(chosen)
    templates = {key: _load(DATA / "plans" / f"{key}.yaml") for key in (MULTI, *ANNUAL.values())}
    sources = {key: (DATA / "sources" / f"{key}.txt").read_text(encoding="utf-8") for key in templates}
    slots = _slots(chosen)[: max(0, n - len(real))]
    numbers = rng.sample([k for k in range(10, 1000) if k != 160], k=len(slots))
    own = {p: _products(rng) for p in chosen}
    for (province, year), number in zip(slots, numbers, strict=True):
        key = MULTI if year is None else ANNUAL[2022 if year <= 2018 else 2023]
        plan, text = derive(templates[key], sources[key], places, province, year, number, own[province], rng)
        body = yaml.dump(plan, Dumper=_DUMPER, allow_unicode=True, sort_keys=False, width=1000)
        (out / "plans" / f"{plan['id']}.yaml").write_text(body, encoding="utf-8")
        (out / "sources" / plan["source_file"]).write_text(text, encoding="utf-8")
    return len(real) + len(slots)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int, help="how many plans (the three real ones included)")
    ap.add_argument("out", type=Path, help="the data folder to write (replaced if it exists)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--exclude", nargs="*", default=list(EXCLUDE), help="provinces given no generated plan")
    args = ap.parse_args()
    made = make(args.n, args.out, args.seed, tuple(args.exclude))
    print(f"{made} plans in {args.out}" + (f" (the map allows at most {made})" if made < args.n else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
