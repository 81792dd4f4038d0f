"""Hostile and broken input: whatever is typed or imported, assoc answers with a clear
error (exit 1, or 2 for usage) or does the job — never a traceback, never a partial write."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from assoc_cli.cli import app
from assoc_cli.errors import InvalidValueError
from assoc_cli.i18n.dates import parse_date
from assoc_cli.i18n.money import parse_amount
from assoc_cli.members.credit_code import normalize_credit_code
from assoc_cli.members.fields import FIELDS, parse_fields
from tests.conftest import Cli, snapshot

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
nasty_text = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(list("¥￥万元,,.-+=@'\"\\%_\n\r\t\x00 ")),
    ),
    max_size=40,
)


@given(nasty_text)
def test_amount_parsing_only_ever_says_yes_or_why_not(text: str) -> None:
    try:
        assert parse_amount(text) > 0
    except InvalidValueError as exc:
        assert str(exc)


@given(nasty_text)
def test_date_parsing_only_ever_says_yes_or_why_not(text: str) -> None:
    try:
        parse_date(text)
    except InvalidValueError as exc:
        assert "2022年11月30日" in str(exc)


@given(st.text(alphabet=string.ascii_uppercase + string.digits + "IOZSV -", max_size=20))
def test_credit_codes_only_ever_say_yes_or_why_not(text: str) -> None:
    try:
        assert len(normalize_credit_code(text)) == 18
    except InvalidValueError as exc:
        assert "统一社会信用代码" in str(exc) or "check character" in str(exc)


@given(st.sampled_from([spec.key for spec in FIELDS]), nasty_text)
def test_every_member_field_only_ever_says_yes_or_why_not(key: str, text: str) -> None:
    try:
        parse_fields({key: text})
    except InvalidValueError as exc:
        assert str(exc).startswith(next(spec.export_header for spec in FIELDS if spec.key == key))


def _clean(result: object, before: str, location: str) -> None:
    code = result.exit_code  # type: ignore[attr-defined]
    output = result.stdout + result.stderr  # type: ignore[attr-defined]
    exception = result.exception  # type: ignore[attr-defined]
    assert code in (0, 1, 2), output
    assert exception is None or isinstance(exception, SystemExit), repr(exception)
    assert "Traceback" not in output
    if code != 0:
        assert "Error:" in result.stderr  # type: ignore[attr-defined]
        assert snapshot(location) == before


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@FUZZ
@given(name=nasty_text, phone=nasty_text, joined=nasty_text)
def test_members_add_with_anything(cli: Cli, name: str, phone: str, joined: str) -> None:
    before = snapshot(cli.location)
    args = ["--db", cli.location, "members", "add", name, "--phone", phone, "--joined", joined]
    _clean(CliRunner().invoke(app, args), before, cli.location)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@FUZZ
@given(content=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".xlsx", ".txt"]))
def test_importing_any_bytes(cli: Cli, tmp_path: Path, content: bytes, suffix: str) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(content)
    before = snapshot(cli.location)
    _clean(
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
    _clean(
        CliRunner().invoke(app, ["--db", cli.location, "members", "import", str(path)]),
        before,
        cli.location,
    )


def test_huge_cells_and_broken_workbooks_are_refused_cleanly(cli: Cli, tmp_path: Path) -> None:
    huge = tmp_path / "huge.csv"
    huge.write_text("名称,备注\n" + "公司" * 20000 + ",x\n", encoding="utf-8")
    result = cli("members", "import", str(huge))
    assert result.exit_code == 1 and "too long" in result.stderr
    truncated = tmp_path / "truncated.xlsx"
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["名称"])  # type: ignore[union-attr]
    workbook.save(truncated)
    truncated.write_bytes(truncated.read_bytes()[:300])
    assert "cannot be read as an Excel workbook" in cli.fails("members", "import", str(truncated))


COMMANDS = [
    ["members", "list"],
    ["members", "show"],
    ["members", "edit"],
    ["dues", "pay"],
    ["dues", "report"],
    ["dues", "unpaid"],
    ["dues", "void"],
    ["meetings", "new"],
    ["terms", "add"],
    ["offices", "assign"],
    ["meetings", "vote"],
    ["actions", "add"],
    ["dues", "waive"],
    ["dues", "rates", "set"],
]
OPTIONS = [
    "--amount",
    "--year",
    "--on",
    "--as-of",
    "--date",
    "--for",
    "--tier",
    "--sort",
    "--kind",
    "--term",
    "--start",
    "--reason",
    "-f",
    "--due",
    "--owner",
    "--phone",
    "--segment",
]
tokens = st.one_of(
    st.sampled_from(OPTIONS),
    nasty_text.filter(lambda t: not t.startswith("-")),
    st.integers(-5, 3000).map(str),
)


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
@FUZZ
@given(command=st.sampled_from(COMMANDS), args=st.lists(tokens, max_size=6))
def test_any_arguments_to_any_command(cli: Cli, command: list[str], args: list[str]) -> None:
    before = snapshot(cli.location)
    _clean(CliRunner().invoke(app, ["--db", cli.location, *command, *args]), before, cli.location)


@pytest.mark.parametrize(
    "args",
    [
        ["members", "list", "-f", "csv"],
        ["dues", "unpaid", "--year", "2022", "--as-of", "2022-12-31", "-f", "csv"],
        ["members", "export"],
    ],
)
def test_a_reader_that_stops_early_gets_no_error(demo: Cli, args: list[str]) -> None:
    """`assoc … | head`: the reader closes the pipe before the command writes. The command
    stops quietly (exit 1, nothing on stderr), as Unix tools do."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "assoc_cli", "--db", demo.location, *args]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the only reader is gone: the first write fails (EPIPE)
    with process.stderr:
        stderr = process.stderr.read().decode()
    assert process.wait() == 1
    assert stderr == ""
