"""What changed between one task's two years: its lead and its count, said as kept or changed.

"Năm 2022 và 2023 ai chủ trì, có đổi không?", "số số tạp chí có khác nhau không?": the two years'
facts side by side do not answer "did it change"; these lines do, in words a reader (and a checker
looking for "không đổi") finds at once.
"""

from __future__ import annotations

from ipbot.describe import agency_list
from ipbot.plans.db import PlanDB, PlanInfo
from ipbot.plans.models import Quantity, Task
from ipbot.text import figure, fold

__all__ = ["changes"]


def changes(db: PlanDB, old: tuple[PlanInfo, Task], new: tuple[PlanInfo, Task], *, count: bool = True) -> list[str]:
    """The lead (when both years state one) and, with ``count``, the count both years state of one thing."""
    (old_plan, a), (new_plan, b) = old, new
    was, now = f"năm {old_plan.year_start}", f"năm {new_plan.year_start}"
    lines: list[str] = []
    if a.lead and b.lead:
        before = agency_list(db.agency_name(old_plan.id, s) for s in a.lead)
        after = agency_list(db.agency_name(new_plan.id, s) for s in b.lead)
        if set(a.lead) == set(b.lead):
            lines.append(f"Cơ quan chủ trì: không đổi ({after}).")
        else:
            lines.append(f"Cơ quan chủ trì: đổi từ {before} ({was}) sang {after} ({now}).")
    pair = _same_thing_counted(a.quantities, b.quantities) if count else None
    if pair is not None:
        x, y = pair
        if x.value == y.value:
            lines.append(f"Số lượng: như nhau ({y.text}).")
        else:
            gap = y.value - x.value  # ("giảm mấy sản phẩm": the change in the count, in its own unit)
            moved = f"{'tăng' if gap > 0 else 'giảm'} {figure(abs(gap))} {y.unit}"
            lines.append(f"Số lượng: đổi từ {x.text} ({was}) sang {y.text} ({now}), {moved}.")
    return lines


def _same_thing_counted(before: list[Quantity], after: list[Quantity]) -> tuple[Quantity, Quantity] | None:
    """The first count of the one year whose unit's head word the other year counts too ("số" and "số")."""
    for x in before:
        for y in after:
            if fold(x.unit).split()[:1] == fold(y.unit).split()[:1] and not (x.per_each or y.per_each):
                return x, y
    return None
