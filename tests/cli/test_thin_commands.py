"""The command modules of the roster, offices, terms, info, log and db stay thin: they parse,
open the unit of work, call the feature and render what it returns. Columns, queries and
choice enums live in the features (``members/reports.py``, ``members/choices.py``, …)."""

from __future__ import annotations

import ast
from collections.abc import Callable
from pathlib import Path
from typing import get_args, get_type_hints

import pytest

import assoc_cli
from assoc_cli.db.values import MemberKind, MemberStatus
from assoc_cli.members.choices import RosterSort, RosterStatus, StatsBy

CLI = Path(assoc_cli.__file__).parent / "cli"
THIN = ["members", "offices", "terms", "association", "audit", "db"]
# What a thin command module never does itself.
DATABASE_PACKAGES = ("sqlalchemy", "sqlmodel", "alembic", "sqlite3")
RESULT_SHAPES = {"Column", "Listing", "Report"}


def _tree(module: str) -> ast.Module:
    return ast.parse((CLI / f"{module}.py").read_text(encoding="utf-8"))


@pytest.mark.parametrize("module", THIN)
def test_a_thin_command_module_builds_no_columns_and_runs_no_sql(module: str) -> None:
    imported: list[str] = []
    built: list[str] = []
    enums: list[str] = []
    for node in ast.walk(_tree(module)):
        if isinstance(node, ast.Import):
            imported.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            imported.append(node.module)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            built.extend({node.func.id} & RESULT_SHAPES)
        elif isinstance(node, ast.ClassDef):
            bases = {base.id for base in node.bases if isinstance(base, ast.Name)}
            enums.extend(node.name for base in bases if base.endswith("Enum"))
    assert not [name for name in imported if name.split(".")[0] in DATABASE_PACKAGES]
    assert not built, f"cli/{module}.py builds {built}: the feature returns them"
    assert not enums, f"cli/{module}.py defines {enums}: the feature's own enums are the choices"


def _option_type(command: Callable[..., object], option: str) -> object:
    """The type a command's option is parsed as (``Annotated[T, typer.Option(…)]``)."""
    return get_args(get_type_hints(command, include_extras=True)[option])[0]


def test_the_roster_choices_are_the_features_enums() -> None:
    from assoc_cli.cli import members

    assert _option_type(members.list_, "sort") is RosterSort
    assert _option_type(members.list_, "status") is RosterStatus
    assert _option_type(members.export, "status") is RosterStatus
    assert _option_type(members.stats, "by") is StatsBy
    # A listing's statuses are the stored ones, and all of them.
    assert [s.value for s in RosterStatus] == [*(s.value for s in MemberStatus), "all"]
    assert {k.value for k in MemberKind} == {"unit", "person"}
