"""check-data: the bundled plans pass with their recorded discrepancies; mutations fail loudly."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from ipbot.frontends.cli import main
from ipbot.plans.checks import check_catalogue
from ipbot.plans.load import load_catalogue


def _errors(data: Path) -> list[str]:
    return [str(p) for p in check_catalogue(load_catalogue(data)) if p.level == "error"]


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_bundled_data_passes_with_notes(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check-data", "--data", str(data_dir)]) == 0
    out = capsys.readouterr().out
    assert "0 lỗi" in out
    assert "stated 9128.6, sum of parts 8867.6" in out  # the 2023 'Cộng' row, recorded
    assert "missing-row-3-5" in out


def test_changed_figure_is_an_unrecorded_mismatch(data_copy: Path) -> None:
    _edit(data_copy / "plans" / "ninh-thuan-2023.yaml", "total: 1200", "total: 1300")
    errors = _errors(data_copy)
    assert any("ninh-thuan-2023.yaml" in e and "table.task_total" in e and "8967.6" in e for e in errors), errors


def test_changed_plan_total_is_caught(data_copy: Path) -> None:
    _edit(data_copy / "plans" / "ninh-thuan-2023.yaml", "total: 3832.6", "total: 3833.6")
    errors = _errors(data_copy)
    assert any("budget.sources_sum" in e for e in errors), errors


def test_unknown_agency_names_file_and_field(data_copy: Path) -> None:
    path = data_copy / "plans" / "ninh-thuan-2022.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["tasks"][0]["lead"] = ["so-khong-co"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    errors = _errors(data_copy)
    assert any("ninh-thuan-2022.yaml" in e and "tasks[1.a].lead" in e and "so-khong-co" in e for e in errors), errors


def test_missing_field_names_file_and_field(data_copy: Path) -> None:
    path = data_copy / "plans" / "thai-binh-2021-2030.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["tasks"][2]["content"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    errors = _errors(data_copy)
    assert any("thai-binh-2021-2030.yaml" in e and "tasks[III.1.c].content" in e for e in errors), errors


def test_invalid_quarter_is_rejected(data_copy: Path) -> None:
    _edit(data_copy / "plans" / "ninh-thuan-2023.yaml", "quarters:\n    - 1\n", "quarters:\n    - 5\n")
    assert any("quarter must be 1-4" in e for e in _errors(data_copy))


def test_task_without_lead_or_note_is_rejected(data_copy: Path) -> None:
    path = data_copy / "plans" / "ninh-thuan-2023.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    task = next(t for t in data["tasks"] if t["number"] == "2")
    task.pop("lead_note")
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert any("tasks[2].lead" in e for e in _errors(data_copy))


def test_recorded_discrepancy_must_match_the_figures(data_copy: Path) -> None:
    _edit(data_copy / "plans" / "ninh-thuan-2023.yaml", "stated: '770'", "stated: '771'")
    assert any("table.allocation.ns_khac" in e and "recorded" in e for e in _errors(data_copy))


def test_check_data_exits_non_zero_on_errors(data_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(data_copy / "plans" / "ninh-thuan-2023.yaml", "total: 1200", "total: 1300")
    assert main(["check-data", "--data", str(data_copy)]) == 1
    assert "ERROR" in capsys.readouterr().out


def test_chart_and_export_commands_write_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["chart", "--plan", "ninh-thuan-2023", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.glob("*.png")) == [
        "by_group-ninh-thuan-2023.png",
        "by_source-ninh-thuan-2023.png",
    ]
    assert main(["export", "--plan", "ninh-thuan-2022", "--format", "csv", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "ninh-thuan-2022.csv").read_bytes().startswith("\ufeff".encode())
    assert main(["chart", "--plan", "thai-binh-2021-2030", "--out", str(tmp_path)]) == 1  # no figures to draw


def test_empty_plan_file_is_an_error(data_copy: Path) -> None:
    (data_copy / "plans" / "zz-empty.yaml").write_text("", encoding="utf-8")
    assert any("zz-empty.yaml" in e and "empty" in e for e in _errors(data_copy))


def test_a_target_unit_must_be_words_of_its_text(data_copy: Path) -> None:
    path = data_copy / "plans" / "thai-binh-2021-2030.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("unit: doanh nghiệp\n", "unit: hợp tác xã\n", 1))
    problems = check_catalogue(load_catalogue(data_copy))
    assert any(p.level == "error" and "targets[" in p.where and "hợp tác xã" in p.message for p in problems)
