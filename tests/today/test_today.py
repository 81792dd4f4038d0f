"""assoc today (and assoc alone): what needs attention, each line with a command that runs."""

from __future__ import annotations

import json
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assoc_cli.cli import app
from assoc_cli.today.attention import registry
from tests.conftest import Cli, new_cli, snapshot

# The demo's story: on 28 November 2021 meeting 2 is a week away and the 2022 notices are
# not yet out; early in 2026 the second term ends within six months, 2022's reminders
# are due, meeting 2's action items are overdue and the last backup is years old.
DAYS = ("2021-11-28", "2026-01-05")


def page(cli: Cli, *args: str) -> list[dict[str, str]]:
    return list(json.loads(cli.ok("today", *args, "-f", "json").stdout))


def test_the_demo_holds_one_of_each_kind(demo: Cli) -> None:
    kinds = {item["kind"] for day in DAYS for item in page(demo, "--as-of", day)}
    wired = {kind for kind, provider in registry().items() if provider is not None}
    assert kinds == wired
    assert wired == {
        "dues", "notices", "meetings", "actions", "requests", "statistics", "election", "backup"
    }  # fmt: skip
    early, later = (page(demo, "--as-of", day) for day in DAYS)
    assert [item["kind"] for item in early] == ["dues", "notices", "meetings"]
    assert early[2]["text"].startswith(
        "2021年12月5日（7天后）示范市装备制造业协会二届二次会长办公（扩大）会：议程5项"
    )
    assert early[2]["commands"].splitlines() == [
        "assoc meetings show 2",
        "assoc meetings agenda render 2 -f docx -o 议程-2.docx",
        "assoc meetings signin 2 -f docx -o 签到表-2.docx",
    ]
    assert [item["kind"] for item in later] == [
        "dues", "notices", "actions", "requests", "statistics", "election", "backup"
    ]  # fmt: skip
    # The demo's 2022 requests still open are long overdue; its quarterly statistics stop
    # at 2022, so by 2026 nobody has reported the latest quarter past due.
    assert later[3]["text"].startswith("16件会员诉求3个工作日内到期或已超期（其中超期16件）")
    assert later[3]["commands"].splitlines() == [
        "assoc requests remind --within 3",
        "assoc requests overdue",
    ]
    assert (
        later[4]["text"] == "季报：2025年第三季度统计报表已于2025年10月15日到期，还有58家会员未报送"
    )
    assert later[4]["commands"].splitlines() == [
        "assoc stats overdue 2025-Q3",
        "assoc stats remind 2025-Q3 --to 催报通知-2025-Q3.docx",
    ]
    assert later[5]["text"].startswith("第二届将于2026年6月17日届满（还有163天），应筹备换届")
    assert later[6]["text"] == "最近一次备份在2022年12月1日，已过1131天"


@pytest.mark.parametrize("day", DAYS)
def test_every_listed_command_runs(
    demo: Cli, day: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # the papers, notices and backups it writes land here
    commands = [
        line for item in page(demo, "--as-of", day) for line in item["commands"].splitlines()
    ]
    assert commands
    for command in commands:
        words = shlex.split(command)
        assert words[0] == "assoc"
        demo.ok(*words[1:])


def test_assoc_alone_shows_the_same_page(demo: Cli) -> None:
    alone = CliRunner().invoke(app, ["--db", demo.location])
    assert alone.exit_code == 0, alone.stderr
    assert alone.stdout == demo.ok("today").stdout
    assert "待办事项" in alone.stdout and "assoc dues unpaid --year 2022" in alone.stdout


def test_in_english(demo: Cli) -> None:
    text = demo.ok("today", "--as-of", "2026-01-05", "-f", "plain", lang="en").stdout
    assert "Term 2 ends on 2026-06-17 (in 163 days): prepare the election (换届)" in text
    assert "assoc dues notice --year 2022 --unpaid --docx -o dues-reminders" in text


def test_a_backup_is_noted(demo: Cli, tmp_path: Path) -> None:
    assert "backup" in {item["kind"] for item in page(demo)}
    demo.ok("db", "backup", str(tmp_path / "b.db"))
    assert "backup" not in {item["kind"] for item in page(demo)}
    log = json.loads(demo.ok("log", "--table", "setting", "-f", "json").stdout)
    assert log[0]["command"] == "db backup"


def test_nothing_to_do(cli: Cli, tmp_path: Path) -> None:
    cli.ok("db", "backup", str(tmp_path / "b.db"))
    result = cli.ok("today")
    assert result.stdout == ""
    assert "今天没有需要处理的事项" in result.stderr
    assert page(cli) == []


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_no_database_yet_shows_how_to_start(tmp_path: Path, backend: str) -> None:
    """No file at the path: the three commands that start one and the demo; exit 0, and
    nothing created."""
    where = tmp_path / "new" / "assoc.db"
    for args in ([], ["today"]):
        result = CliRunner().invoke(app, ["--db", str(where), *args])
        assert result.exit_code == 0, result.stderr
        for start in (
            "assoc init --name",
            "assoc terms add 1",
            "assoc members import",
            "assoc demo",
        ):
            assert start in result.stdout
    assert not (tmp_path / "new").exists()
    result = CliRunner().invoke(app, [])  # the user data directory, not there yet
    assert result.exit_code == 0 and "assoc init --name" in result.stdout
    assert list((tmp_path / "home").rglob("*")) == []


def test_an_empty_database_shows_how_to_start(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    blank = new_cli(backend, tmp_path, request, migrated=True)
    before = snapshot(blank.location)
    result = CliRunner().invoke(app, ["--db", blank.location, "--lang", "en"])
    assert result.exit_code == 0, result.stderr
    assert "No association here yet" in result.stdout and "assoc demo" in result.stdout
    assert snapshot(blank.location) == before


def test_a_meeting_without_agenda_or_invitations_says_what_it_lacks(cli: Cli) -> None:
    cli.ok("terms", "add", "2", "--start", "2021-06-18")
    cli.ok("meetings", "new", "--kind", "理事会", "--date", "2022-01-10")
    (item,) = [i for i in page(cli, "--as-of", "2022-01-03") if i["kind"] == "meetings"]
    assert item["text"].endswith(
        "二届一次理事会：议程1项，邀请0人；"
        "尚缺邀请（assoc meetings invite 1 --offices 会长,副会长）"
    )  # (a 理事会's agenda starts with its standing item)
    assert item["commands"].splitlines() == [
        "assoc meetings show 1",
        "assoc meetings agenda render 1 -f docx -o 议程-1.docx",
    ]
    assert [i for i in page(cli, "--as-of", "2021-12-20") if i["kind"] == "meetings"] == []
