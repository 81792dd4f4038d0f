"""Hostile and broken member input: whatever is typed into a member's fields or imported,
assoc answers with a clear error (exit 1, or 2 for usage) or does the job — never a
traceback, never a partial write."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from assoc_cli.cli import app
from assoc_cli.errors import InvalidValueError
from assoc_cli.members.fields import FIELDS, parse_fields
from tests.conftest import Cli, snapshot
from tests.strategies import FUZZ, assert_clean, nasty_text


@given(st.sampled_from([spec.key for spec in FIELDS]), nasty_text)
def test_every_member_field_only_ever_says_yes_or_why_not(key: str, text: str) -> None:
    try:
        parse_fields({key: text})
    except InvalidValueError as exc:
        assert str(exc).startswith(next(spec.export_header for spec in FIELDS if spec.key == key))


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@FUZZ
@given(name=nasty_text, phone=nasty_text, joined=nasty_text)
def test_members_add_with_anything(cli: Cli, name: str, phone: str, joined: str) -> None:
    before = snapshot(cli.location)
    args = ["--db", cli.location, "members", "add", name, "--phone", phone, "--joined", joined]
    assert_clean(CliRunner().invoke(app, args), before, cli.location)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@FUZZ
@given(content=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx", ".txt"]))
def test_importing_any_bytes(cli: Cli, tmp_path: Path, content: bytes, suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(content)
    before = snapshot(cli.location)
    assert_clean(
        CliRunner().invoke(app, ["--db", cli.location, "members", "import", str(path)]),
        before,
        cli.location,
    )


cells = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=12)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@FUZZ
@given(rows=st.lists(st.lists(cells, min_size=0, max_size=6), max_size=8))
def test_importing_any_table(cli: Cli, tmp_path: Path, rows: list[list[str]]) -> None:
    import csv

    path = tmp_path / "fuzz.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "名称",
                "电话",
                "入会日期",
                "员工数",
                "名称" if len(rows) % 5 == 4 else "备注",
                "会费档次",
            ]
        )
        writer.writerows(rows)
    before = snapshot(cli.location)
    assert_clean(
        CliRunner().invoke(app, ["--db", cli.location, "members", "import", str(path)]),
        before,
        cli.location,
    )


def test_huge_cells_and_broken_workbooks_are_refused_cleanly(cli: Cli, tmp_path: Path) -> None:
    huge = tmp_path / "huge.csv"
    huge.write_text("名称,备注\n" + "公司" * 20000 + ",x\n", encoding="utf-8")
    result = cli("members", "import", str(huge), lang="en")
    assert result.exit_code == 1 and "too long" in result.stderr
    truncated = tmp_path / "truncated.xlsx"
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["名称"])  # type: ignore[union-attr]
    workbook.save(truncated)
    truncated.write_bytes(truncated.read_bytes()[:300])
    assert "cannot be read as an Excel workbook" in cli.fails(
        "members", "import", str(truncated), lang="en"
    )
