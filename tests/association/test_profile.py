"""assoc init and the association's profile."""

from __future__ import annotations

import json

from assoc_cli.db.migrate import HEAD_REVISION
from tests.conftest import Cli


def test_init_creates_then_updates_the_profile(empty_cli: Cli) -> None:
    result = empty_cli.ok("init", "--name", "淄博市装备制造业协会", "--short-name", "市装协")
    assert "已建立协会：淄博市装备制造业协会" in result.stderr
    result = empty_cli.ok("init", "--phone", "0533-1234567")
    assert "已更新协会信息" in result.stderr
    info = json.loads(empty_cli.ok("info", "-f", "json").stdout)
    assert info["association"] == "淄博市装备制造业协会"
    assert info["short_name"] == "市装协"
    assert info["revision"] == HEAD_REVISION
    assert info["members"] == 0


def test_init_needs_a_name(empty_cli: Cli) -> None:
    assert "needs a name" in empty_cli.fails("init", "--short-name", "市装协", lang="en")


def test_init_refuses_an_unknown_language(cli: Cli) -> None:
    assert "unknown language" in cli.fails("init", "--language", "fr", lang="en")
