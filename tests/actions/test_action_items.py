"""Action items: owners, due dates, overdue and open lists, done once."""

from __future__ import annotations

import json

from tests.conftest import Cli


def _new(cli: Cli, *args: str) -> str:
    return cli.ok("meetings", "new", *args).stdout.strip()


def _json(cli: Cli, *args: str) -> object:
    return json.loads(cli.ok(*args, "-f", "json").stdout)


def test_action_items_with_three_fixed(assoc: Cli) -> None:
    meeting = _new(assoc, "--kind", "会长办公会", "--date", "2021-12-05")
    one = assoc.ok(
        "actions", "add", meeting, "制定工作计划", "--owner", "郑辉", "--due", "2022-03-31"
    ).stdout.strip()
    assoc.ok("actions", "add", meeting, "组织考察", "--owner", "秘书处", "--due", "2022-06-30")
    assert "before the meeting" in assoc.fails(
        "actions", "add", meeting, "x", "--owner", "y", "--due", "2021-01-01", lang="en"
    )
    assert "needs a responsible person" in assoc.fails(
        "actions", "add", meeting, "x", "--owner", " ", "--due", "2022-01-01", lang="en"
    )
    overdue = _json(assoc, "actions", "list", "--overdue", "--as-of", "2022-04-15")
    assert [a["content"] for a in overdue] == ["制定工作计划"]
    assoc.ok("actions", "done", one, "--on", "2022-03-20", "--note", "已提交理事会")
    assert "already done" in assoc.fails("actions", "done", one, lang="en")
    assert "no action item 99" in assoc.fails("actions", "done", "99", lang="en")
    assert [a["content"] for a in _json(assoc, "actions", "list", "--open")] == ["组织考察"]
    assert [a["owner"] for a in _json(assoc, "actions", "list", "--owner", "郑辉")] == ["郑辉"]
