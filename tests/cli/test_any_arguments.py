"""Any arguments to any command: a clear error (exit 1, or 2 for usage) or the job done —
never a traceback, never a partial write."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from assoc_cli.cli import app
from tests.conftest import Cli, snapshot
from tests.strategies import FUZZ, assert_clean, nasty_text

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
    assert_clean(
        CliRunner().invoke(app, ["--db", cli.location, *command, *args]), before, cli.location
    )
