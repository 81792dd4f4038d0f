"""Next steps after a command: one hint line on stderr, never on stdout, none with --quiet."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Cli


def test_meetings_new_hints_at_the_agenda_and_invitations(assoc: Cli) -> None:
    result = assoc.ok("meetings", "new", "--kind", "会长办公会", "--date", "2021-08-20")
    assert result.stdout == "1\n"
    hints = [line for line in result.stderr.splitlines() if line.startswith("下一步")]
    assert hints == [
        "下一步：添加议程 assoc meetings agenda add 1 标题；"
        "邀请参会 assoc meetings invite 1 --offices 会长,副会长"
    ]
    english = assoc.ok("meetings", "new", "--kind", "理事会", "--date", "2021-09-01", lang="en")
    assert "Next: add agenda items (assoc meetings agenda add 2 TITLE)" in english.stderr
    quiet = assoc.ok("--quiet", "meetings", "new", "--kind", "理事会", "--date", "2021-10-01")
    assert quiet.stdout == "3\n"
    assert "下一步" not in quiet.stderr and "已建立会议 #3" in quiet.stderr


@pytest.mark.parametrize("docx", [True, False])
def test_dues_notice_says_where_the_files_are_and_how_to_print(
    demo: Cli, tmp_path: Path, docx: bool
) -> None:
    folder = tmp_path / "催缴"
    args = ["dues", "notice", "--year", "2022", "--unpaid", "-o", str(folder)]
    result = demo.ok(*args, *(["--docx"] if docx else []))
    assert result.stdout == ""
    (hint,) = [line for line in result.stderr.splitlines() if line.startswith("通知在")]
    if docx:
        assert hint.endswith(f"soffice --headless -p {folder}/*.docx")
    else:
        assert hint.endswith(f"lp {folder}/*（Word 文件请加 --docx 重新生成）")
    assert any(folder.iterdir())


def test_no_hint_when_nothing_was_written(demo: Cli, tmp_path: Path) -> None:
    args = ("dues", "notice", "--year", "2022", "--unpaid", "-o", str(tmp_path / "a"))
    demo.ok(*args)
    again = demo.ok(*args)  # everyone had theirs: nothing written
    assert "通知在" not in again.stderr
    quiet = demo.ok("-q", "dues", "notice", "--year", "2022", "-o", str(tmp_path / "b"), "--again")
    assert "通知在" not in quiet.stderr
