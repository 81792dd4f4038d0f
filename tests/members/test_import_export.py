"""members import / export: encodings, headers, all-or-nothing, dry runs, round trips."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from tests.conftest import Cli, new_cli, snapshot

CODE = "91350100M000100Y43"

HEADER_ZH = (
    "名称,简称,统一社会信用代码,联系人,联系电话,行业,入会日期,员工人数,党员人数,是否建立党组织\n"
)
ROWS_ZH = (
    f"山东双涵石化装备有限公司,双涵,{CODE},周立正,0533-1234567,生产,2019/3/1,320,25,是\n"
    "山东通力五金机电连锁有限公司,通力,,巩渤,13800000000,销售,2018-05-20,80,6,否\n"
)


def _write(path: Path, text: str, encoding: str) -> Path:
    path.write_bytes(text.encode(encoding))
    return path


def _roster(cli: Cli) -> list[dict[str, object]]:
    return json.loads(cli.ok("members", "list", "-f", "json", "--all-columns").stdout)


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_csv_in_every_encoding_excel_writes(cli: Cli, tmp_path: Path, encoding: str) -> None:
    path = _write(tmp_path / "会员.csv", HEADER_ZH + ROWS_ZH, encoding)
    result = cli.ok("members", "import", str(path))
    assert "新增 2" in result.stderr
    roster = _roster(cli)
    assert [m["name"] for m in roster] == [
        "山东双涵石化装备有限公司",
        "山东通力五金机电连锁有限公司",
    ]
    assert roster[0]["credit_code"] == CODE
    assert roster[0]["joined_on"] == "2019-03-01"
    assert (roster[0]["has_party_org"], roster[1]["has_party_org"]) == (True, False)
    assert roster[1]["employees"] == 80


def test_english_headers_and_xlsx(cli: Cli, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["Number", "Name", "Phone", "Joined", "Employees", "Unknown column"])
    sheet.append(["A-7", "淄博华普电机有限公司", "0533-7", "2020-01-15", 45, "x"])
    sheet.append([None, None, None, None, None, None])
    sheet.append([None, "山东永华集团有限公司", None, None, 1200.0, None])
    path = tmp_path / "members.xlsx"
    workbook.save(path)
    result = cli.ok("members", "import", str(path))
    assert "未识别的列已忽略：Unknown column" in result.stderr
    roster = {m["number"]: m for m in _roster(cli)}
    assert roster["A-7"]["joined_on"] == "2020-01-15"
    assert roster["M0001"]["name"] == "山东永华集团有限公司"
    assert roster["M0001"]["employees"] == 1200


def test_dry_run_shows_changes_and_writes_nothing(cli: Cli, tmp_path: Path) -> None:
    cli.ok(
        "members", "add", "山东双涵石化装备有限公司", "--credit-code", CODE, "--employees", "300"
    )
    path = _write(tmp_path / "m.csv", HEADER_ZH + ROWS_ZH, "utf-8")
    before = snapshot(cli.location)
    result = cli.ok("members", "import", str(path), "--dry-run", "-f", "json")
    assert snapshot(cli.location) == before
    plan = json.loads(result.stdout)
    assert "员工数" in plan[0]["changes"] and "入会日期" in plan[0]["changes"]
    result = cli.ok("members", "import", str(path), "--dry-run", "-f", "json", lang="en")
    plan = json.loads(result.stdout)
    assert [(p["line"], p["action"], p["number"]) for p in plan] == [
        (2, "update", "M0001"),
        (3, "add", "M0002"),
    ]
    assert "employees" in plan[0]["changes"] and "joined_on" in plan[0]["changes"]
    assert "nothing was written" in result.stderr


def test_matching_updates_only_filled_cells(cli: Cli, tmp_path: Path) -> None:
    cli.ok("members", "add", "山东双涵石化装备有限公司", "--phone", "0533-1", "--segment", "生产")
    path = _write(tmp_path / "m.csv", "会员编号,电话,行业\nM0001,0533-9,\n", "utf-8")
    assert "更新 1" in cli.ok("members", "import", str(path)).stderr
    member = _roster(cli)[0]
    assert (member["phone"], member["segment"]) == ("0533-9", "生产")


def test_every_bad_row_is_reported_and_nothing_is_written(cli: Cli, tmp_path: Path) -> None:
    text = (
        "名称,统一社会信用代码,入会日期,员工数,会费档次\n"
        "好公司,,2020-01-01,10,\n"
        "坏代码公司,91350100M000100Y44,,,\n"
        "坏日期公司,,2020-02-30,,\n"
        ",,2020-01-01,,\n"
        "坏人数公司,,,很多,\n"
        f"重复一,{CODE},,,\n"
        f"重复二,{CODE},,,\n"
        "坏档次公司,,,,钻石\n"
    )
    path = _write(tmp_path / "bad.csv", text, "utf-8")
    before = snapshot(cli.location)
    result = cli("members", "import", str(path), lang="en")
    assert result.exit_code == 1
    assert snapshot(cli.location) == before
    assert "第 3 行：统一社会信用代码：" in cli("members", "import", str(path)).stderr
    err = result.stderr
    assert "nothing was imported" in err
    assert "line 3: 统一社会信用代码 (credit_code)" in err and "check character" in err
    assert "line 4: 入会日期 (joined_on)" in err
    assert "line 5: 名称 (name) is empty" in err
    assert "line 6: 员工数 (employees)" in err
    assert f"line 8: credit code {CODE} is also on line 7" in err
    assert 'line 9: 会费档次 (tier): "钻石"' in err
    assert "line 2" not in err
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (b"", "empty.csv", "is empty"),
        (b"\n\n", "blank.csv", "is empty"),
        ("名称,名称\nA,B\n".encode(), "dup.csv", "both hold 名称"),
        (b"foo,bar\n1,2\n", "nohead.csv", "no 名称 (name)"),
        ("名称\n".encode("utf-16"), "utf16.csv", "UTF-16"),
        (bytes([0x81, 0x30, 0xFF, 0xFF, 0x0A]), "binary.csv", "neither UTF-8 nor GBK"),
        (b"PK\x03\x04garbage", "broken.xlsx", "cannot be read as an Excel workbook"),
        (b"old", "old.xls", "old .xls workbook"),
        (b"x", "notes.pdf", "reads .csv or .xlsx"),
        ('名称\n"unterminated\n'.encode(), "quote.csv", None),
    ],
)
def test_broken_files_are_refused(
    cli: Cli, tmp_path: Path, content: bytes, name: str, message: str | None
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    before = snapshot(cli.location)
    result = cli("members", "import", str(path), lang="en")
    if message is None:
        # A CSV quirk Python's reader tolerates: whatever happens, it is clean.
        assert result.exit_code in (0, 1) and "Traceback" not in result.stderr
        return
    assert result.exit_code == 1, result.stderr
    assert message in result.stderr
    assert result.stderr.startswith("Error:")
    assert snapshot(cli.location) == before


def test_missing_file(cli: Cli, tmp_path: Path) -> None:
    assert "no file at" in cli.fails("members", "import", str(tmp_path / "nope.csv"), lang="en")
    assert "找不到文件" in cli.fails("members", "import", str(tmp_path / "nope.csv"))


def test_export_csv_opens_in_excel_and_neutralises_formulas(cli: Cli, tmp_path: Path) -> None:
    cli.ok(
        "members", "add", '=HYPERLINK("http://x")公司', "--note", "@SUM(A1)", "--phone", "+86 533 1"
    )
    cli.ok("members", "add", "山东双涵石化装备有限公司", "--party-org", "是")
    out = tmp_path / "roster.csv"
    assert "已导出 2 行" in cli.ok("members", "export", "-o", str(out)).stderr
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads it as UTF-8
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0]["名称"] == '\'=HYPERLINK("http://x")公司'
    assert rows[0]["备注"] == "'@SUM(A1)"
    assert rows[0]["电话"] == "'+86 533 1"
    assert rows[1]["党组织"] == "是" and rows[1]["类型"] == "单位" and rows[1]["状态"] == "在册"


def test_export_imports_back_unchanged(demo: Cli, tmp_path: Path) -> None:
    for suffix in ("csv", "xlsx"):
        out = tmp_path / f"roster.{suffix}"
        demo.ok("members", "export", "-o", str(out), "--status", "all")
        before = snapshot(demo.location)
        result = demo.ok("members", "import", str(out))
        assert "新增 0，更新 0，无变化 62" in result.stderr, result.stderr
        assert snapshot(demo.location) == before


def test_export_xlsx_keeps_text_as_text(cli: Cli, tmp_path: Path) -> None:
    cli.ok("members", "add", "=1+1", "--joined", "2020-01-02", "--employees", "12")
    out = tmp_path / "roster.xlsx"
    cli.ok("members", "export", "-o", str(out))
    sheet = load_workbook(out).worksheets[0]
    header = [cell.value for cell in sheet[1]]
    row = {h: cell for h, cell in zip(header, sheet[2], strict=True)}
    assert row["名称"].value == "=1+1" and row["名称"].data_type == "s"
    assert row["员工数"].value == 12
    assert row["入会日期"].value.date().isoformat() == "2020-01-02"


def test_export_to_stdout_and_bad_suffix(demo: Cli) -> None:
    out = demo.ok("members", "export", "--tier", "会长单位").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 4 and all(r["会费档次"] == "会长单位" for r in rows)
    assert ".csv or .xlsx" in demo.fails("members", "export", "-o", "roster.pdf", code=2, lang="en")


def _batched(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tiny batches, so a few rows run the paths a file of a million rows takes: planning
    and writing batch by batch, and (SQLite) the member indexes rebuilt at the end."""
    from assoc_cli.members import importing as members_import
    from assoc_cli.members import service as members

    monkeypatch.setattr(members_import, "BATCH", 3)
    monkeypatch.setattr(members, "BULK_INDEXING", 5)


def _big_file(tmp_path: Path, names: list[str], cells: dict[int, tuple[str, str]]) -> Path:
    lines = ["会员编号,名称,统一社会信用代码,电话,入会日期,退会日期"]
    for i, name in enumerate(names):
        number, code = cells.get(i, ("", ""))
        lines.append(f"{number},{name},{code},0533-{i:07d},2020-01-{i % 28 + 1:02d},")
    return _write(tmp_path / "big.csv", "\n".join(lines) + "\n", "utf-8")


NAMES = [
    "重庆长安汽车配件有限公司",
    "淄博银行行长办公用品公司",
    "长沙长大机电有限公司",
    "乐山乐器行",
    "ABC（中国）精密机械有限公司",
    "朝阳区朝阳门五金店",
    *(f"淄博{w}机械有限公司" for w in "甲乙丙丁戊己庚辛壬癸"),
]


def test_a_large_import_goes_batch_by_batch(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pypinyin import Style, lazy_pinyin

    from assoc_cli.i18n.sorting import stroke_count

    _batched(monkeypatch)
    cli.ok("members", "add", "山东双涵石化装备有限公司", "--credit-code", CODE, "--phone", "0533-1")
    names = [*NAMES, "山东双涵石化装备有限公司"]
    # Line 9 brings its own number; line 18 (a later batch) updates the member added above.
    path = _big_file(tmp_path, names, {7: ("M0100", ""), 16: ("", CODE)})
    result = cli.ok("members", "import", str(path))
    assert "新增 16，更新 1，无变化 0" in result.stderr, result.stderr
    roster = {m["name"]: m for m in _roster(cli)}
    assert len(roster) == 17 and roster["山东双涵石化装备有限公司"]["phone"] == "0533-0000016"
    # New rows draw numbers after the highest the file uses, in file order.
    numbers = [roster[name]["number"] for name in NAMES]
    assert numbers[7] == "M0100"
    assert numbers[:7] + numbers[8:] == [f"M{n:04d}" for n in range(101, 116)]
    # The sort keys are pypinyin's and the stroke table's, as `members add` stores them.
    stored = {
        row[0]: (row[1], row[2])
        for row in cli.sql("SELECT name, name_pinyin, name_strokes FROM member")
    }
    for name in NAMES:
        pinyin = " ".join(lazy_pinyin(name, style=Style.NORMAL, errors="default")).lower()
        strokes = "".join(f"{min(stroke_count(c), 99):02d}" for c in name)
        assert stored[name] == (pinyin, strokes), name
    periods = cli.sql("SELECT COUNT(*), COUNT(DISTINCT member_id) FROM membership_period")
    assert tuple(periods[0]) == (17, 17)
    # One audit entry for the members added, one per member changed.
    log = json.loads(cli.ok("log", "-f", "json").stdout)
    summary = next(e for e in log if e["action"] == "import")
    assert (summary["command"], summary["entity"]) == ("members import", "member")
    assert json.loads(summary["after"]) == {
        "file": "big.csv",
        "added": 16,
        "first_number": "M0101",
        "last_number": "M0115",
        "updated": 1,
        "unchanged": 0,
    }
    entries = {(e["entity"], e["action"]) for e in log if e["command"] == "members import"}
    # (the joined date moves the first membership period with it)
    assert entries == {("member", "import"), ("member", "update"), ("membership_period", "update")}
    assert not any(e["action"] == "insert" for e in log if e["command"] == "members import")
    if not cli.is_postgres:
        indexes = {
            row[0] for row in cli.sql("SELECT name FROM sqlite_master WHERE tbl_name = 'member'")
        }
        assert {"ix_member_name", "ix_member_name_pinyin", "ix_member_status"} <= indexes
    assert "dues ledger: ok" in cli.ok("db", "check", lang="en").stdout
    # The roster exported imports back unchanged, batch by batch too.
    out = tmp_path / "roster.csv"
    cli.ok("members", "export", "-o", str(out), "--status", "all")
    before = snapshot(cli.location)
    assert "新增 0，更新 0，无变化 17" in cli.ok("members", "import", str(out)).stderr
    assert snapshot(cli.location) == before


def test_a_large_import_with_a_late_bad_row_writes_nothing(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _batched(monkeypatch)
    other = "91350100M000200Y4" + "X"
    path = _big_file(tmp_path, NAMES, {1: ("", CODE), 14: ("", CODE), 15: ("", other)})
    error = cli.fails("members", "import", str(path), lang="en")
    assert "2 problem(s) found; nothing was imported" in error
    result = cli("members", "import", str(path), lang="en")
    assert f"line 16: credit code {CODE} is also on line 3" in result.stderr
    assert "line 17: 统一社会信用代码 (credit_code)" in result.stderr
    # A new member leaving before it joined stops the import too, after the file is checked.
    text = path.read_text(encoding="utf-8").replace(f",{CODE},", ",,").replace(f",{other},", ",,")
    lines = text.splitlines()
    lines[12] = lines[12].rstrip(",") + ",2019-12-31"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert "淄博己机械有限公司 (M0012) cannot leave before it joined" in cli.fails(
        "members", "import", str(path), lang="en"
    )
    # A dry run of the same file shows every row and writes nothing.
    before = snapshot(cli.location)
    listing = json.loads(cli.ok("members", "import", str(path), "--dry-run", "-f", "json").stdout)
    assert [(row["line"], row["number"]) for row in listing] == [
        (n + 2, f"M{n + 1:04d}") for n in range(len(NAMES))
    ]
    assert snapshot(cli.location) == before


def _varied_roster(path: Path, rows: int) -> Path:
    """A roster with every column and the spellings people use: three date styles, tiers
    (the lowest one, which pins nothing, and auto), former members, blank and short rows,
    cells with spaces around them or line breaks inside, Latin letters in names."""
    import random

    from assoc_cli.members.credit_code import ALPHABET, check_character

    rng = random.Random(11)
    header = [
        "名称",
        "简称",
        "类型",
        "统一社会信用代码",
        "代表",
        "代表职务",
        "电话",
        "邮箱",
        "地址",
        "行业环节",
        "入会日期",
        "员工数",
        "党员数",
        "党组织",
        "会费档次",
        "备注",
        "退会日期",
    ]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for i in range(rows):
        if i % 37 == 5:
            writer.writerow([""] * len(header))  # a blank row
            continue
        year, month, day = rng.randint(1995, 2024), rng.randint(1, 12), rng.randint(1, 28)
        joined = rng.choice(
            [f"{year}-{month:02d}-{day:02d}", f"{year}/{month}/{day}", f"{year}年{month}月{day}日"]
        )
        body = "91370" + "".join(rng.choice(ALPHABET) for _ in range(12))
        city, word = rng.choice(["淄博", "济南", "重庆", "长沙"]), rng.choice("华普长安行乐")
        kind = rng.choice(["机械有限公司", "电机厂", "（中国）精密有限公司", " ABC Co."])
        name = f"{city}{word}{i}号{kind}"
        row = [
            f"  {name} " if i % 9 == 0 else name,
            "",
            rng.choice(["单位", "个人", "企业", ""]),
            body + check_character(body) if i % 4 else "",
            rng.choice(["王伟", "李娜", ""]),
            rng.choice(["董事长", "总经理", ""]),
            rng.choice(["0533-1234567", f"138{i:08d}", ""]),
            f"m{i}@example.com" if i % 3 == 0 else "",
            f"{name}路{i}号",
            rng.choice(["生产", "销售", "物流", ""]),
            joined,
            rng.choice([str(rng.randint(1, 900)), "1,200", "30.0", ""]),
            rng.choice([str(rng.randint(0, 9)), ""]),
            rng.choice(["是", "否", "有", "无", ""]),
            rng.choice(["", "", "会员单位", "理事单位", "副会长单位", "auto"]),
            "第一行\n第二行" if i % 50 == 7 else "",
            f"{year + 1}-01-01" if i % 25 == 3 else "",
        ]
        writer.writerow(row[: 6 + i % 11] if i % 41 == 9 else row)  # some rows cut short
    return _write(path, out.getvalue(), "utf-8")


def _imported(cli: Cli) -> tuple[list[tuple[object, ...]], list[tuple[object, ...]], object]:
    """The members and membership periods stored (all but the timestamps), and the audit
    entry of the last import."""
    members = [
        tuple(row)
        for row in cli.sql(
            "SELECT id, number, name, short_name, kind, credit_code, representative, "
            "representative_title, phone, email, address, segment, joined_on, left_on, status, "
            "employees, party_members, has_party_org, tier_id, note, name_pinyin, name_strokes "
            "FROM member ORDER BY id"
        )
    ]
    periods = [tuple(row) for row in cli.sql("SELECT * FROM membership_period ORDER BY id")]
    log = json.loads(cli.ok("log", "-f", "json").stdout)
    summary = [json.loads(e["after"]) for e in log if e["action"] == "import"]
    return members, periods, summary


def _reader(monkeypatch: pytest.MonkeyPatch, helper: bool) -> None:
    """Read the file in a helper process (as for a large file) or in the command's own."""
    from assoc_cli.members import importing as members_import

    monkeypatch.setattr(members_import, "HELPER_ROWS", 0 if helper else 10**9)


def test_the_helper_process_reads_a_file_as_the_command_itself_does(
    cli: Cli,
    backend: str,
    tmp_path: Path,
    request: pytest.FixtureRequest,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A large file is read and checked in a helper process; the members stored, their sort
    keys and periods, the audit entry, the messages and a dry run's listing are the same as
    when the command reads the file itself (batch by batch, indexes rebuilt at the end)."""
    _batched(monkeypatch)
    path = _varied_roster(tmp_path / "roster.csv", 400)
    other = new_cli(backend, tmp_path / "other", request, init=True)
    _reader(monkeypatch, helper=False)
    itself = cli.ok("members", "import", str(path))
    _reader(monkeypatch, helper=True)
    helped = other.ok("members", "import", str(path))
    assert "共 389 行，新增 389，更新 0，无变化 0" in itself.stderr, itself.stderr
    assert helped.stderr == itself.stderr
    assert _imported(other) == _imported(cli)
    # Matched again by credit code, and by name for the quarter of the rows without one.
    again = other.ok("members", "import", str(path), "--match", "name")
    assert "新增 0" in again.stderr
    _reader(monkeypatch, helper=False)
    assert cli.ok("members", "import", str(path), "--match", "name").stderr == again.stderr
    assert _imported(other) == _imported(cli)
    # Without --match name those rows are refused alike: never added a second time.
    assert cli.fails("members", "import", str(path)) == other.fails("members", "import", str(path))
    # A dry run lists the same rows either way.
    first = new_cli(backend, tmp_path / "first", request, init=True)
    _reader(monkeypatch, helper=True)
    listed = first.ok("members", "import", str(path), "--dry-run", "-f", "json").stdout
    _reader(monkeypatch, helper=False)
    assert first.ok("members", "import", str(path), "--dry-run", "-f", "json").stdout == listed
    assert len(json.loads(listed)) > 90


@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_the_helper_process_reports_bad_rows_and_broken_files_alike(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Bad rows anywhere in a file read by the helper: the same problems, in the same
    order, and nothing written; a file the csv module cannot read: the same one error."""
    _batched(monkeypatch)
    lines = _varied_roster(tmp_path / "roster.csv", 120).read_text(encoding="utf-8").splitlines()
    lines[3] = "坏代码公司,,,91370,,,,,,,,"
    lines[60] = "坏日期公司,,,,,,,,,,2020-02-30"
    lines[90] = "坏电话公司,,,,,,电话abc,坏邮箱"
    lines[100] = ",,,,,,0533-1"
    bad = _write(tmp_path / "bad.csv", "\n".join(lines) + "\n", "utf-8")
    huge = _write(tmp_path / "huge.csv", "名称,备注\n甲,x\n乙," + "长" * 140_000, "utf-8")
    for path, expected in ((bad, "5 problem(s) found"), (huge, "line 3: broken CSV")):
        _reader(monkeypatch, helper=False)
        itself = cli("members", "import", str(path), lang="en")
        _reader(monkeypatch, helper=True)
        error = cli.fails("members", "import", str(path), lang="en")
        helped = cli("members", "import", str(path), lang="en")
        assert itself.exit_code == helped.exit_code == 1
        assert helped.stderr == itself.stderr
        assert expected in error and error in itself.stderr


def test_an_export_imports_back_without_warnings(demo: Cli, tmp_path: Path) -> None:
    out = tmp_path / "roster.csv"
    demo.ok("members", "export", "-o", str(out))
    result = demo.ok("members", "import", str(out), "--dry-run")
    assert "忽略" not in result.stderr and "Ignored" not in result.stderr
