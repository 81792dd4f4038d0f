"""No N+1 in meetings: the statements a meeting command sends do not grow with the
members invited or the meetings held."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from tests.conftest import Cli, new_cli, recorded_statements

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "伟芳敏静强磊军洋勇杰涛明超霞平刚华建国志"


def _new(cli: Cli, *args: str) -> str:
    return cli.ok("meetings", "new", *args).stdout.strip()


def _json(cli: Cli, *args: str) -> object:
    return json.loads(cli.ok(*args, "-f", "json").stdout)


def _assembly_statements(cli: Cli, tmp_path: Path, units: int) -> dict[str, int]:
    """Build a 会员大会 of *units* member units through the CLI and count the statements each
    meeting command sends: inviting all members, marking attendance, every paper in every
    format, and the listings."""
    cli.ok("init", "--name", "淄博市装备制造业协会")
    cli.ok("terms", "add", "2", "--start", "2021-06-18")
    roster = tmp_path / f"members-{units}.csv"
    with roster.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["名称", "联系人", "联系人职务", "联系电话", "入会日期"])
        for i in range(units):
            person = SURNAMES[i % len(SURNAMES)] + GIVEN[(i * 7) % len(GIVEN)]
            writer.writerow(
                [f"山东测试{i + 1}号有限公司", person, "总经理", f"0533-{i}", "2015-01-01"]
            )
    cli.ok("members", "import", str(roster))
    cli.ok("offices", "assign", "M0001", "会长", "--term", "2")
    cli.ok("offices", "assign", "M0002", "副会长", "--term", "2")
    cli.sql(  # every fifth unit a 理事 too (behind the CLI: one command per holder is slow)
        "INSERT INTO office_holding (term_id, member_id, office_id) "
        "SELECT t.id, m.id, o.id FROM member m, term t, office o "
        "WHERE t.number = 2 AND o.name = '理事' AND m.id % 5 = 0"
    )
    cli.ok("dues", "rates", "set", "2021", "会员单位", "1000")
    cli.ok("dues", "pay", "M0003", "--amount", "1000", "--year", "2021", "--on", "2021-11-20")
    meeting = _new(
        cli, "--kind", "会员大会", "--date", "2021-12-28", "--venue", "会议中心", "--chair", "王伟"
    )  # the standing agenda includes the live dues-report item
    earlier = _new(cli, "--kind", "会员大会", "--date", "2021-07-01", "--no-template")
    cli.ok("actions", "add", earlier, "走访会员企业", "--owner", "秘书处", "--due", "2021-10-31")
    cli.ok("meetings", "agenda", "pull-actions", meeting)
    cli.ok("meetings", "note", meeting, "1", "审议通过。")
    out = tmp_path / f"paper-{units}.docx"
    commands: dict[str, tuple[str, ...]] = {
        "invite --offices": ("meetings", "invite", meeting, "--offices", "会长,副会长,理事"),
        "invite --all-members": ("meetings", "invite", meeting, "--all-members"),
        "invite --person": (
            *("meetings", "invite", meeting, "--person", "李秘书", "--title", "秘书处"),
            *("--role", "sit-in"),
        ),
        "mark by number": (
            *("meetings", "mark", meeting, "M0003", "M0004"),
            *("--status", "leave", "--reason", "出差"),
        ),
        "mark --everyone": ("meetings", "mark", meeting, "--everyone"),
        "quorum": ("meetings", "quorum", meeting),
        "vote": ("meetings", "vote", meeting, "审议会费标准", "--for", "3"),
        "agenda render": ("meetings", "agenda", "render", meeting),
        "agenda render sentence": ("meetings", "agenda", "render", meeting, "--style", "sentence"),
        "agenda render docx": (
            "meetings",
            "agenda",
            "render",
            meeting,
            "-f",
            "docx",
            "-o",
            str(out),
        ),
        "signin md": ("meetings", "signin", meeting),
        "signin txt": ("meetings", "signin", meeting, "-f", "txt"),
        "signin csv": ("meetings", "signin", meeting, "-f", "csv"),
        "signin docx": ("meetings", "signin", meeting, "-f", "docx", "-o", str(out)),
        "minutes md": ("meetings", "minutes", meeting),
        "minutes txt": ("meetings", "minutes", meeting, "-f", "txt"),
        "minutes docx": ("meetings", "minutes", meeting, "-f", "docx", "-o", str(out)),
        "attendance --meeting": ("meetings", "attendance", "--meeting", meeting, "-f", "json"),
        "attendance": ("meetings", "attendance", "-f", "json"),
        "list": ("meetings", "list", "-f", "json"),
        "show": ("meetings", "show", meeting, "-f", "json"),
        "votes": ("meetings", "votes", "-f", "json"),
        "agenda list": ("meetings", "agenda", "list", meeting, "-f", "json"),
    }
    counts = {}
    for name, args in commands.items():
        with recorded_statements() as seen:
            cli.ok(*args)
        counts[name] = len(seen)
    # The commands did their work on every invitee, not just on some.
    rows = _json(cli, "meetings", "attendance", "--meeting", meeting)
    assert isinstance(rows, list) and len(rows) == units + 1
    assert sum(r["status"] == "present" for r in rows) == units - 1
    signin = cli.ok("meetings", "signin", meeting, "-f", "csv").stdout
    assert len(list(csv.DictReader(io.StringIO(signin)))) == units + 1
    return counts


def test_meeting_commands_send_as_many_statements_for_40_members_as_for_5(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    """No N+1: the number of SQL statements a meeting command sends does not grow with the
    number of members or invitations (a 会员大会 may have thousands)."""
    small = new_cli(backend, tmp_path / "small", request, migrated=True)
    large = new_cli(backend, tmp_path / "large", request, migrated=True)
    small_counts = _assembly_statements(small, tmp_path, 5)
    large_counts = _assembly_statements(large, tmp_path, 40)
    grown = {
        name: (small_counts[name], large_counts[name])
        for name in small_counts
        if large_counts[name] != small_counts[name]
    }
    assert not grown, f"statements (5 members, 40 members) that grew: {grown}"


def test_listings_send_as_many_statements_for_six_meetings_as_for_two(assoc: Cli) -> None:
    """No N+1 over meetings either: titles, kinds and agenda sizes are read once."""
    listings = {
        "meetings list": ("meetings", "list", "-f", "json"),
        "meetings votes": ("meetings", "votes", "-f", "json"),
        "actions list": ("actions", "list", "-f", "json"),
        "meetings show by title": ("meetings", "show", "二届一次理事会", "-f", "json"),
    }

    def counts() -> dict[str, int]:
        result = {}
        for name, args in listings.items():
            with recorded_statements() as seen:
                assoc.ok(*args)
            result[name] = len(seen)
        return result

    def meetings(days: range) -> None:
        for day in days:
            meeting = _new(assoc, "--kind", "理事会", "--date", f"2021-12-{day:02d}")
            assoc.ok("meetings", "vote", meeting, "议题", "--for", "3", "--present", "5")
            assoc.ok("actions", "add", meeting, "事项", "--owner", "郑辉", "--due", "2022-01-31")

    meetings(range(1, 3))
    few = counts()
    meetings(range(3, 7))
    assert counts() == few
