"""The plan models stored ready-made at build time, every part they share (a task worded alike, a string) held once.

Why: a process that answers reads every plan's model at start. Validated from each plan's JSON, the 300
plans of the scale benchmark took 0.25-0.3 s of every ``ipbot ask`` and held 53 MB: pydantic gives every
model its own set of the fields it was given (some 30,000 sets, 24 MB, of 19 different contents) and the
JSON parser every string its own copy (37,000 strings, 4,800 different: the plans derived from one
document repeat its text, and most of its tasks, budgets and duties word for word). At build time the
models are read back from that very JSON (so they are what the JSON gives, field for field), each equal
part of a plan (a task, a budget, a string, a set of fields given) made one object, and the whole pickled:
pickle keeps the sharing. At 300 plans 30,000 models are 3,400 objects, the plans hold some 5 MB instead
of 53, and loading them takes 0.1 s instead of 0.3. The models are frozen and strings immutable, so
sharing them changes nothing a caller can see (models compare by value; nothing looks them up by
identity); a model copied with changes (``model_copy``) gets its own set of fields, as pydantic copies it.

The pickle is read only by the Python and the pydantic it was made with (:data:`TAG`), and only classes
of :mod:`ipbot.plans.models`, ``Decimal`` and ``date`` may be named in it: a database file cannot make
loading call anything else. Otherwise, or when it does not match the plans, the JSON is validated as before.
"""

from __future__ import annotations

import io
import pickle
import sys
from collections.abc import Iterable
from typing import Any

import pydantic
from pydantic import BaseModel

from ipbot.plans import models
from ipbot.plans.models import Plan

__all__ = ["TAG", "dump_plans", "load_plans", "share_equal"]

TAG = f"{sys.implementation.cache_tag}-pickle{pickle.HIGHEST_PROTOCOL}-pydantic{pydantic.VERSION}"
"""What read a stored pickle back the same: this Python and this pydantic (the models' state is pydantic's)."""

_ALLOWED = {("decimal", "Decimal"), ("datetime", "date")}


def share_equal(plans: Iterable[Plan]) -> None:
    """Make every equal part of these plans (a model other than a plan, a string, a set of fields given) one
    object, in place."""
    strings: dict[str, str] = {}
    field_sets: dict[frozenset[str], set[str]] = {}
    models_seen: dict[tuple[type, str], BaseModel] = {}

    def walk(value: Any) -> Any:
        kind = type(value)
        if kind is str:
            return strings.setdefault(value, value)
        if kind is list:
            value[:] = [walk(x) for x in value]
        elif kind is dict:
            items = [(walk(k), walk(v)) for k, v in value.items()]
            value.clear()
            value.update(items)
        elif isinstance(value, BaseModel):
            if kind is not Plan:  # a plan's part worded alike in another plan (a task, its budget): one object
                same = models_seen.setdefault((kind, value.model_dump_json()), value)
                if same is not value:
                    return same
            fields = value.__dict__
            for name, item in fields.items():
                fields[name] = walk(item)
            given = value.__pydantic_fields_set__
            object.__setattr__(value, "__pydantic_fields_set__", field_sets.setdefault(frozenset(given), given))
        return value

    for plan in plans:
        walk(plan)


def dump_plans(plans: list[Plan]) -> bytes:
    """The plans pickled, equal parts shared (see :func:`share_equal`)."""
    share_equal(plans)
    return pickle.dumps(plans, protocol=pickle.HIGHEST_PROTOCOL)


class _Unpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if module == models.__name__ and isinstance(getattr(models, name, None), type):
            found = getattr(models, name)
            if issubclass(found, BaseModel):
                return found
        if (module, name) in _ALLOWED:
            return super().find_class(module, name)
        raise pickle.UnpicklingError(f"{module}.{name} is not a plan model")


def load_plans(blob: bytes) -> list[Plan] | None:
    """The plans :func:`dump_plans` stored, or None when they cannot be read back (the caller then validates
    the JSON)."""
    try:
        plans = _Unpickler(io.BytesIO(blob)).load()
    except Exception:  # another pydantic's state, a damaged blob: the JSON is there
        return None
    if not isinstance(plans, list) or not all(type(p) is Plan for p in plans):
        return None
    return plans
