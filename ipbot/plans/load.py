"""Load the curated data files into validated models.

Parse, don't validate: each YAML file becomes a :class:`~ipbot.plans.models.Plan` (or a list
of :class:`~ipbot.plans.models.AgencyDef`) at load time, and every problem is reported as a
:class:`Problem` naming the file and the field, so ``ipbot check-data`` can list them
all at once instead of stopping at the first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pydantic import TypeAdapter, ValidationError

from ipbot.plans.models import AgencyDef, ContactsFile, Plan
from ipbot.text import use_plan_abbreviations, word_lists

__all__ = ["Agency", "Catalogue", "Problem", "load_catalogue"]

AGENCIES_FILE = "agencies.yaml"
CONTACTS_FILE = "contacts.yaml"
PLACES_FILE = "places.yaml"
PLANS_DIR = "plans"
SOURCES_DIR = "sources"


@dataclass(frozen=True)
class Problem:
    """One thing wrong (``level='error'``), doubtful (``'warning'``) or recorded (``'note'``)."""

    level: str
    file: str
    where: str
    message: str

    def __str__(self) -> str:
        return f"{self.level.upper()}: {self.file}: {self.where}: {self.message}"


@dataclass(frozen=True)
class Agency:
    """An agency of one province (or a national body, or a generic phrase)."""

    id: str
    slug: str
    name: str
    short: str | None
    scope: str
    kind: str
    province_id: str | None
    aliases: tuple[str, ...]


def agency_id(slug: str, scope: str, province_id: str) -> str:
    """Province-scoped bodies get the province in their id: ``ninh-thuan/so-khcn``."""
    return f"{province_id}/{slug}" if scope == "province" else slug


@dataclass
class Catalogue:
    """Everything under ``data/``: the plans, the agencies, the source texts."""

    plans: dict[str, Plan] = field(default_factory=dict)
    agencies: dict[str, Agency] = field(default_factory=dict)
    sources: dict[str, str] = field(default_factory=dict)
    files: dict[str, Path] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    contacts: ContactsFile | None = None  # the operators' contacts, when data/contacts.yaml exists
    data_dir: Path | None = None  # the folder read, for the reference files beside the plans (the map)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    def agency(self, plan: Plan, slug: str) -> Agency:
        """The agency a plan means by ``slug`` (its own province's Sở, say)."""
        for scope_id in (f"{plan.province_id}/{slug}", slug):
            if scope_id in self.agencies:
                return self.agencies[scope_id]
        raise KeyError(slug)


def _format_loc(loc: tuple[object, ...], data: object) -> str:
    """Turn a pydantic error location into 'tasks[3.3].budget.total'."""
    parts: list[str] = []
    node = data
    for item in loc:
        if isinstance(item, int) and isinstance(node, list):
            element = node[item] if item < len(node) else None
            label = element.get("number") or element.get("id") if isinstance(element, dict) else None
            parts[-1 if parts else 0 : None] = [f"{parts[-1] if parts else ''}[{label or item}]"]
            node = element
        else:
            parts.append(str(item))
            node = node.get(item) if isinstance(node, dict) else None
    return ".".join(parts) or "(file)"


def _read_yaml(path: Path, problems: list[Problem]) -> object:
    import yaml  # only loading data files needs it; answering reads the database

    try:
        # libyaml's parser where it is installed: the same documents, about ten times faster
        return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        problems.append(Problem("error", path.name, "(file)", f"cannot read: {exc}"))
        return None


_AGENCY_LIST = TypeAdapter(list[AgencyDef])


def _validation_problems(path: Path, exc: ValidationError, data: object) -> list[Problem]:
    return [Problem("error", path.name, _format_loc(tuple(err["loc"]), data), err["msg"]) for err in exc.errors()]


def load_registry(path: Path) -> list[AgencyDef]:
    """The agency registry alone (for the importer)."""
    problems: list[Problem] = []
    raw = _read_yaml(path, problems) if path.exists() else []
    return _AGENCY_LIST.validate_python(raw or [])


def load_catalogue(data_dir: Path) -> Catalogue:
    """Read ``agencies.yaml``, every ``plans/*.yaml`` and the source texts; never raises on bad data."""
    cat = Catalogue(data_dir=data_dir)
    registry: list[AgencyDef] = []
    reg_path = data_dir / AGENCIES_FILE
    raw = _read_yaml(reg_path, cat.problems) if reg_path.exists() else []
    try:
        registry = _AGENCY_LIST.validate_python(raw or [])
    except ValidationError as exc:
        cat.problems.extend(_validation_problems(reg_path, exc, raw))
    cat.files[AGENCIES_FILE] = reg_path

    plan_paths = sorted((data_dir / PLANS_DIR).glob("*.yaml"))
    if not plan_paths:
        cat.problems.append(Problem("error", PLANS_DIR, "(folder)", "no plan files found"))
    for path in plan_paths:
        raw = _read_yaml(path, cat.problems)
        if raw is None:
            if not any(p.file == path.name for p in cat.problems):
                cat.problems.append(Problem("error", path.name, "(file)", "the file is empty"))
            continue
        try:
            plan = Plan.model_validate(raw)
        except ValidationError as exc:
            cat.problems.extend(_validation_problems(path, exc, raw))
            continue
        if plan.id != path.stem:
            cat.problems.append(Problem("error", path.name, "id", f"plan id {plan.id!r} must match the file name"))
            continue
        if plan.id in cat.plans:
            cat.problems.append(Problem("error", path.name, "id", f"duplicate plan id {plan.id!r}"))
            continue
        cat.plans[plan.id] = plan
        cat.files[plan.id] = path
        source = data_dir / SOURCES_DIR / plan.source_file
        if source.exists():
            try:
                cat.sources[plan.id] = source.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:  # a problem to report, not a traceback at start-up
                cat.problems.append(Problem("error", path.name, "source_file", f"cannot read {source.name}: {exc}"))
        else:
            cat.problems.append(Problem("error", path.name, "source_file", f"{source} not found"))

    _register_agencies(cat, registry)
    _load_contacts(cat, data_dir / CONTACTS_FILE)
    _use_vocabulary(cat)
    return cat


def _place_names(path: Path, problems: list[Problem]) -> set[str]:
    """Every province name of the map (before and after 2025), to check the contacts against."""
    if not path.exists():
        return set()
    raw = _read_yaml(path, problems)
    if not isinstance(raw, dict):
        return set()
    return {p["name"] for key in ("old_provinces", "new_provinces") for p in raw.get(key, []) if "name" in p}


def _load_contacts(cat: Catalogue, path: Path) -> None:
    """The operators' contacts: optional, validated like the plans."""
    if not path.exists():
        return
    raw = _read_yaml(path, cat.problems)
    try:
        cat.contacts = ContactsFile.model_validate(raw)
    except ValidationError as exc:
        cat.problems.extend(_validation_problems(path, exc, raw))
        return
    cat.files[CONTACTS_FILE] = path
    known = {plan.province for plan in cat.plans.values()} | _place_names(path.parent / PLACES_FILE, cat.problems)
    seen: set[str] = set()
    for n, contact in enumerate(cat.contacts.contacts):
        if contact.id in seen:
            cat.problems.append(Problem("error", path.name, f"contacts[{n}].id", f"duplicate id {contact.id!r}"))
        seen.add(contact.id)
        if contact.agency and not any(a.slug == contact.agency for a in cat.agencies.values()):
            cat.problems.append(
                Problem("error", path.name, f"contacts[{n}].agency", f"unknown agency {contact.agency!r}")
            )
        for province in contact.provinces:
            if province not in known:  # a typo would lose the contact without a word
                cat.problems.append(
                    Problem("error", path.name, f"contacts[{n}].provinces", f"unknown province {province!r}")
                )


def plans_abbreviations(plans: list[Plan]) -> dict[str, str]:
    """Every loaded plan's own abbreviations (``vocabulary: abbreviations``), merged."""
    return {short: long for plan in plans for short, long in plan.vocabulary.abbreviations.items()}


def _use_vocabulary(cat: Catalogue) -> None:
    """Add the plans' own abbreviations to the global ones before anything is tokenised with them.

    One table serves every document and question, so a plan may not give an abbreviation
    another meaning than the bundled lexicon or another plan does: that is an error of the plan file.
    """
    known = {short: a.to for short, a in word_lists().abbreviations.items()}
    added: dict[str, str] = {}
    for plan in list(cat.plans.values()):
        for short, long in plan.vocabulary.abbreviations.items():
            meant = known.get(short, added.get(short, long))
            if meant != long:
                where = f"vocabulary.abbreviations.{short}"
                cat.problems.append(
                    Problem("error", cat.files[plan.id].name, where, f"{short!r} already means {meant!r}")
                )
            else:
                added[short] = long
    use_plan_abbreviations(added)


def _register_agencies(cat: Catalogue, registry: list[AgencyDef]) -> None:
    """Instantiate registry agencies per province, plus each plan's own additions."""
    provinces = {plan.province_id: plan.province for plan in cat.plans.values()}
    slugs = {a.id for a in registry}

    def add(defn: AgencyDef, province_id: str | None, province: str | None) -> None:
        aid = agency_id(defn.id, defn.scope, province_id or "")
        name = defn.name.replace("{province}", province or "").strip()
        aliases = tuple(a.replace("{province}", province or "") for a in defn.aliases)
        cat.agencies.setdefault(
            aid,
            Agency(
                aid,
                defn.id,
                name,
                defn.short,
                defn.scope,
                defn.kind,
                province_id if defn.scope == "province" else None,
                aliases,
            ),
        )

    for defn in registry:
        if defn.scope == "province":
            for pid, pname in provinces.items():
                add(defn, pid, pname)
        else:
            add(defn, None, None)
        for old in defn.formerly:  # a restructure names bodies the registry holds (the importer looks them up)
            if old not in slugs:
                cat.problems.append(Problem("error", AGENCIES_FILE, f"{defn.id}.formerly", f"unknown agency {old!r}"))
    for plan in cat.plans.values():
        for defn in plan.agencies:
            if defn.id in slugs:
                cat.problems.append(
                    Problem("error", cat.files[plan.id].name, f"agencies[{defn.id}]", "id already in agencies.yaml")
                )
                continue
            add(defn, plan.province_id, plan.province)
