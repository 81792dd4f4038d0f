"""Shell completion of the data, through Click's completion protocol — the environment
variables the shells' scripts set (bash: ``_ASSOC_COMPLETE=complete_bash``, ``COMP_WORDS``,
``COMP_CWORD``; zsh and fish: ``_TYPER_COMPLETE_ARGS``) — on both engines."""

from __future__ import annotations

import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from assoc_cli.cli import app
from tests.conftest import Cli


def bash(cli: Cli | None, line: str, **env: str) -> list[str]:
    """What bash gets for Tab at the end of ``assoc --db DB LINE`` (one candidate a line)."""
    words = ["assoc", *(["--db", cli.location] if cli else []), *shlex.split(line)]
    if line.endswith(" "):
        words.append("")
    result = CliRunner().invoke(
        app,
        [],
        env={
            "_ASSOC_COMPLETE": "complete_bash",
            "COMP_WORDS": " ".join(shlex.quote(w) if w else "" for w in words),
            "COMP_CWORD": str(len(words) - 1),
            **env,
        },
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    return [line for line in result.stdout.splitlines() if line]


def zsh(cli: Cli, line: str) -> str:
    """What zsh evaluates for Tab at the end of ``assoc --db DB LINE``."""
    result = CliRunner().invoke(
        app,
        [],
        env={
            "_ASSOC_COMPLETE": "complete_zsh",
            "_TYPER_COMPLETE_ARGS": f"assoc --db {shlex.quote(cli.location)} {line}",
        },
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def fish(cli: Cli, line: str) -> list[str]:
    """What fish lists for Tab at the end of ``assoc --db DB LINE`` (value, tab, help)."""
    result = CliRunner().invoke(
        app,
        [],
        env={
            "_ASSOC_COMPLETE": "complete_fish",
            "_TYPER_COMPLETE_FISH_ACTION": "get-args",
            "_TYPER_COMPLETE_ARGS": f"assoc --db {shlex.quote(cli.location)} {line}",
        },
    )
    assert result.exit_code == 0, result.output
    return result.stdout.splitlines()


def test_members_by_number_name_short_name_and_pinyin_initials(assoc: Cli) -> None:
    assert bash(assoc, "dues pay sdsh") == ["山东双涵有限公司"]
    assert bash(assoc, "dues pay SDSH") == ["山东双涵有限公司"]
    assert bash(assoc, "dues pay sh") == ["双涵"]  # the short name's initials
    assert bash(assoc, "dues pay 山东双") == ["山东双涵有限公司"]
    assert bash(assoc, "dues pay 双") == ["双涵", "山东双涵有限公司"]
    assert bash(assoc, "dues pay 华普") == ["华普", "山东华普有限公司"]  # short name, then a part
    assert bash(assoc, "dues pay m000") == [f"M000{i}" for i in range(1, 7)]
    assert bash(assoc, "members show M0002") == ["M0002"]
    assert bash(assoc, "offices assign sdtz") == ["山东泰展有限公司"]
    assert bash(assoc, "meetings invite 1 sdtz") == ["山东泰展有限公司"]
    assert bash(assoc, "dues pay xyz") == []


def test_meetings_receipts_offices_tiers_and_kinds(assoc: Cli) -> None:
    assoc.ok("meetings", "new", "--kind", "会长办公会", "--date", "2021-08-20")
    assoc.ok("meetings", "new", "--kind", "理事会", "--date", "2021-12-05", "--topic", "年度总结")
    assert bash(assoc, "meetings show ") == ["2", "1"]  # the newest first
    assert bash(assoc, "meetings agenda add 1") == ["1"]
    assert "2\t2021-12-05 理事会 年度总结" in fish(assoc, "meetings show ")
    assert '"2":"2021-12-05 理事会 年度总结"' in zsh(assoc, "meetings show ")
    assoc.ok("dues", "pay", "双涵", "--amount", "20000", "--year", "2021", "--on", "2021-11-25")
    assoc.ok("dues", "pay", "通力", "--amount", "30000", "--year", "2021", "--on", "2021-11-26")
    assoc.ok("dues", "pay", "华普", "--amount", "20000", "--year", "2021", "--on", "2021-11-27")
    assoc.ok("dues", "void", "2021-0002", "--reason", "重复录入")
    assert bash(assoc, "dues void 2021") == ["2021-0001", "2021-0003"]  # not the voided one
    assert bash(assoc, "dues void ") == ["2021-0003", "2021-0001"]  # the newest first
    assert "2021-0001\t山东双涵有限公司 ¥20,000.00 2021-11-25" in fish(assoc, "dues void 2021")
    assert bash(assoc, "offices assign 双涵 副") == ["副会长", "副秘书长"]
    assert bash(assoc, "members list --tier 理") == ["理事单位"]
    assert bash(assoc, "meetings new --kind 理") == ["理事会"]
    assert bash(assoc, "meetings new --date 2022-01-01 --chair sdsh") == ["山东双涵有限公司"]


def test_zsh_keeps_what_does_not_start_with_the_typed_text(assoc: Cli) -> None:
    """zsh's _arguments filters candidates by prefix: `sdsh` would lose 山东双涵…; assoc
    adds them with compadd -U instead."""
    script = zsh(assoc, "dues pay sdsh")
    assert "compadd -U" in script
    assert "'山东双涵有限公司'" in script
    assert zsh(assoc, "dues pay M0001").startswith("_arguments")


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_bash_escapes_shell_syntax_in_a_name(cli: Cli) -> None:
    cli.ok("members", "add", "示范(新)材料 有限公司")
    assert bash(cli, "members show 示范") == ["示范\\(新\\)材料\\ 有限公司"]


def test_the_database_named_by_assoc_db(assoc: Cli) -> None:
    assert bash(None, "dues pay sdsh", ASSOC_DB=assoc.location) == ["山东双涵有限公司"]


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_silent_on_every_error(tmp_path: Path, cli: Cli) -> None:
    """No database, not a database, a damaged one, an older schema: no candidates, no
    message, and nothing created."""
    missing = Cli(str(tmp_path / "nowhere" / "x.db"))
    assert bash(missing, "dues pay sdsh") == []
    assert not (tmp_path / "nowhere").exists()
    text = tmp_path / "roster.csv"
    text.write_text("名称\n双涵\n", encoding="utf-8")
    assert bash(Cli(str(text)), "dues pay 双") == []
    assert text.read_text(encoding="utf-8") == "名称\n双涵\n"
    cli.ok("members", "add", "山东双涵有限公司", "--short-name", "双涵")
    cli.sql("DROP INDEX ix_member_name_initials")
    cli.sql("ALTER TABLE member DROP COLUMN name_initials")  # as before migration 0016
    assert bash(cli, "dues pay sdsh") == []
    assert bash(cli, "dues pay 双") == ["双涵", "山东双涵有限公司"]
    server = Cli("postgresql+psycopg://nobody@127.0.0.1:1/none")
    assert bash(server, "dues pay 双") == []


def test_a_real_process_answers_bash(assoc: Cli) -> None:
    """The console script itself, as bash's completion function runs it."""
    words = f"assoc --db {shlex.quote(assoc.location)} dues pay sdsh"
    out = subprocess.run(
        [sys.executable, "-m", "assoc_cli"],
        env={
            "PATH": "/usr/bin:/bin",
            "_ASSOC_COMPLETE": "complete_bash",
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(shlex.split(words)) - 1),
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == ["山东双涵有限公司"]
    assert out.stderr == ""


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_install_completion(
    shell: str, tmp_path: Path, backend: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`assoc --install-completion` writes the script of the shell it runs in where that
    shell reads it (the shell named here, as Typer's own tests do, instead of detected)."""
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    result = CliRunner().invoke(app, ["--install-completion", shell])
    assert result.exit_code == 0, result.output
    home = Path.home()
    written = {
        "bash": home / ".bash_completions" / "assoc.sh",
        "zsh": home / ".zfunc" / "_assoc",
        "fish": home / ".config" / "fish" / "completions" / "assoc.fish",
    }[shell]
    assert "_ASSOC_COMPLETE" in written.read_text(encoding="utf-8")


def test_bash_itself_completes_through_the_installed_script(
    assoc: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The script `--install-completion` writes, sourced by a real bash, fills COMPREPLY
    from `assoc` on the PATH (the console script of this environment)."""
    monkeypatch.setenv("_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION", "1")
    result = CliRunner().invoke(app, ["--show-completion", "bash"])
    assert result.exit_code == 0, result.output
    script = tmp_path / "assoc.sh"
    script.write_text(result.stdout, encoding="utf-8")
    line = f"assoc --db {assoc.location} dues pay sdsh"
    done = subprocess.run(
        [
            "bash",
            "--norc",
            "-c",
            f"source {shlex.quote(str(script))}; COMP_WORDS=({line}); COMP_CWORD=5; "
            '_assoc_completion assoc; printf "%s\\n" "${COMPREPLY[@]}"',
        ],
        env={"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin", "HOME": str(tmp_path)},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.stdout.split() == ["山东双涵有限公司"], done.stderr


def test_the_search_inside_names_stops_when_its_time_is_up(
    assoc: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scan for a part of a name has a time budget (a Tab stays quick on any roster):
    out of time, the prefix matches found by the index are still offered, and no error."""
    from assoc_cli.db import completion

    monkeypatch.setattr(completion, "SCAN_BUDGET", 0.0)
    assert bash(assoc, "dues pay 双")[:1] == ["双涵"]
    assert bash(assoc, "dues pay 涵") in ([], ["山东双涵有限公司"])


def test_request_numbers_and_event_meetings(assoc: Cli) -> None:
    """Requests complete by number (the newest first, with member, category and status);
    the events commands complete meetings as the meetings commands do."""
    for text in ("招工难", "融资难"):
        assoc.ok(
            "requests", "add", "双涵", text, "--category", "用工", "--source", "走访",
            "--received", "2023-03-01",
        )  # fmt: skip
    assert bash(assoc, "requests show SQ2023") == ["SQ2023-0002", "SQ2023-0001"]
    assert bash(assoc, "requests show sq2023-0001") == ["SQ2023-0001"]
    assert bash(assoc, "requests show SQ2024") == []
    assert "SQ2023-0001\t山东双涵有限公司 用工 受理" in fish(assoc, "requests show ")
    assoc.ok("meetings", "new", "--kind", "培训班", "--date", "2023-05-01")
    assert bash(assoc, "events programme ") == ["1"]
