"""Counter safety and batch entry (issue 15): a payment typed twice, a bank reference used
twice, a typo that turns into a year's worth of credit, and a bank statement entered whole
— each refused with one line, the database unchanged, unless the clerk says otherwise."""

from __future__ import annotations

import csv
from pathlib import Path

from openpyxl import Workbook

from tests.conftest import Cli, template_fixture
from tests.dues.test_ledger import _ledger, _years

# The three units of test_ledger.py, 2021–2022 rates.
books = template_fixture("books", _ledger)

# 华普 is a 会员单位: ¥3,000 a year, owing 2021 and 2022 (¥6,000) before any payment.
PAY = ("dues", "pay", "华普", "--amount", "3000", "--year", "2022", "--on", "2022-12-03")


def _payments(cli: Cli) -> list[tuple[str, int, str | None]]:
    rows = cli.sql(
        "SELECT receipt, amount_fen, reference FROM dues_entry WHERE kind = 'payment' ORDER BY id"
    )
    return [(str(r[0]), int(r[1]), r[2]) for r in rows]


# ---------------------------------------------------------------- repeats


def test_a_payment_typed_twice_is_refused_naming_the_first_receipt(books: Cli) -> None:
    assert books.ok(*PAY).stdout.strip() == "2022-0001"
    error = books.fails(*PAY)
    assert "收据 2022-0001" in error and "--again" in error and "已有" in error
    error = books.fails(*PAY, lang="en")
    assert "already has a payment of ¥3,000.00 on 2022-12-03: receipt 2022-0001" in error
    # Really a second payment: said so, recorded.
    assert books.ok(*PAY, "--again").stdout.strip() == "2022-0002"
    books.ok("dues", "verify")


def test_a_voided_payment_may_be_entered_again(books: Cli) -> None:
    books.ok(*PAY)
    books.ok("dues", "void", "2022-0001", "--reason", "录错年度", "--on", "2022-12-04")
    assert books.ok(*PAY).stdout.strip() == "2022-0002"
    books.ok("dues", "verify")


def test_a_bank_reference_is_recorded_once(books: Cli) -> None:
    books.ok(*PAY, "--ref", "3021000123")
    # Even --again does not record the same transfer twice, for any member.
    error = books.fails(
        "dues", "pay", "通力", "--amount", "100", "--ref", "3021000123", "--again", lang="en"
    )
    assert "bank reference 3021000123 is already recorded: receipt 2022-0001" in error
    assert "银行流水号 3021000123 已登记" in books.fails(
        "dues", "pay", "通力", "--amount", "100", "--ref", "3021000123"
    )
    # Same member, amount and day, but another transfer: no --again needed.
    books.ok(*PAY, "--ref", "3021000124")
    assert _payments(books) == [
        ("2022-0001", 300000, "3021000123"),
        ("2022-0002", 300000, "3021000124"),
    ]
    books.ok("dues", "verify")


# ---------------------------------------------------------------- credit


def test_a_payment_leaving_more_credit_than_a_year_asks_for_credit(books: Cli) -> None:
    # 3万 typed for 3000: ¥30,000 against ¥6,000 owing.
    typo = ("dues", "pay", "华普", "--amount", "3万元", "--year", "2022", "--on", "2022-12-03")
    error = books.fails(*typo)
    assert "¥24,000.00 转为预存" in error and "2022年度会费 ¥3,000.00" in error
    assert "--credit" in error
    error = books.fails(*typo, lang="en")
    assert "¥24,000.00 of this payment would become credit" in error
    assert "more than its 2022 dues of ¥3,000.00" in error and "add --credit" in error
    # Settling both years and paying exactly one year ahead is not more than a year.
    books.ok("dues", "pay", "华普", "--amount", "9000", "--on", "2022-12-03")
    # One yuan more is; the error says how much credit there would be in all.
    error = books.fails("dues", "pay", "华普", "--amount", "1", "--on", "2022-12-04", lang="en")
    assert "¥1.00 of this payment would become credit, leaving ¥3,001.00" in error
    result = books.ok("dues", "pay", "华普", "--amount", "1", "--on", "2022-12-04", "--credit")
    assert "预存 ¥3,001.00" in result.stderr
    books.ok("dues", "verify")


# ---------------------------------------------------------------- batch entry


HEADER = ["会员", "金额", "日期", "年度", "方式", "流水号"]
STATEMENT = [
    ["通力", "30000", "2022-11-25", "2022", "银行转账", "B001"],
    ["M0002", "20,000.00", "2022/11/26", "2022", "", "B002"],
    ["淄博华普电机有限公司", "3000", "2022年11月28日", "", "现金", ""],
]


def _csv(folder: Path, rows: list[list[str]], header: list[str] = HEADER) -> str:
    path = folder / "流水.csv"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return str(path)


def test_a_bank_statement_is_entered_whole(books: Cli, tmp_path: Path) -> None:
    path = _csv(tmp_path, STATEMENT)
    check = ("dues", "pay", "--from", path, "--expect-count", "3", "--expect-total", "5.3万")
    dry = books.ok(*check, "--dry-run")
    assert "3笔缴费" in dry.stderr and "¥53,000.00" in dry.stderr and "未登记" in dry.stderr
    assert "B002" in dry.stdout and _payments(books) == []
    result = books.ok(*check)
    assert result.stdout.split() == ["2022-0001", "2022-0002", "2022-0003"]
    assert "收据号 2022-0001 至 2022-0003" in result.stderr
    assert _payments(books) == [
        ("2022-0001", 3000000, "B001"),
        ("2022-0002", 2000000, "B002"),
        ("2022-0003", 300000, None),
    ]
    assert _years(books, "双涵")["2022"]["paid"] == "20000.00"
    books.ok("dues", "verify")
    # The same statement again: every line a repeat, nothing recorded.
    error = books.fails(*check, lang="en")
    assert "3 problem(s); nothing was recorded" in error


def test_a_statement_with_any_problem_records_nothing(books: Cli, tmp_path: Path) -> None:
    rows = [
        *STATEMENT,
        ["不存在公司", "100", "2022-11-29", "", "", ""],
        ["通力", "abc", "2022-11-30", "", "", ""],
        ["双涵", "100", "2022-02-30", "", "支票", "B001"],
    ]
    result = books("dues", "pay", "--from", _csv(tmp_path, rows), "--expect-count", "6", lang="en")
    before = _payments(books)
    assert result.exit_code == 1 and before == []
    assert "line 5: no member matches" in result.stderr
    assert "line 6: amount:" in result.stderr
    assert "line 7: date:" in result.stderr and "line 7: method:" in result.stderr
    books.fails("dues", "pay", "--from", _csv(tmp_path, rows))
    books.ok("dues", "verify")


def test_control_totals_must_match(books: Cli, tmp_path: Path) -> None:
    path = _csv(tmp_path, STATEMENT)
    books.fails("dues", "pay", "--from", path, "--expect-count", "12")
    error = books(
        "dues", "pay", "--from", path, "--expect-count", "2", "--expect-total", "86000", lang="en"
    ).stderr
    assert "the file has 3 payments; --expect-count says 2" in error
    assert "the payments total ¥53,000.00; --expect-total says ¥86,000.00" in error
    books.fails("dues", "pay", "--from", path, "--expect-total", "86000")
    assert _payments(books) == []


def test_a_statement_follows_the_repeat_and_credit_rules(books: Cli, tmp_path: Path) -> None:
    books.ok(*PAY, "--ref", "B009")
    rows = [
        ["华普", "3000", "2022-12-03", "2022", "", ""],  # repeats 2022-0001
        ["通力", "500", "2022-12-05", "", "", ""],
        ["通力", "500", "2022-12-05", "", "", ""],  # the line above typed twice
        ["双涵", "100", "2022-12-05", "", "", "B009"],  # a reference already used
        ["双涵", "9万", "2022-12-05", "", "", ""],  # ¥50,100 of it would be credit
    ]
    path = _csv(tmp_path, rows)
    result = books("dues", "pay", "--from", path, lang="en")
    assert result.exit_code == 1, result.stderr
    stderr = result.stderr
    assert "line 2: 淄博华普电机有限公司 (M0003) already has a payment" in stderr
    assert "receipt 2022-0001" in stderr
    assert (
        "line 4: 山东通力五金机电连锁有限公司 (M0001) pays ¥500.00 on 2022-12-05 on line 3"
        in stderr
    )
    assert "line 5: bank reference B009 is already recorded: receipt 2022-0001" in stderr
    assert "line 6: 山东双涵石化装备有限公司 (M0002): ¥50,100.00 of this payment" in stderr
    books.fails("dues", "pay", "--from", path)
    # Said to be meant: only the reference still stands in the way.
    error = books("dues", "pay", "--from", path, "--again", "--credit", lang="en").stderr
    assert "1 problem(s)" in error and "B009" in error
    rows[3][5] = "B010"
    result = books.ok("dues", "pay", "--from", _csv(tmp_path, rows), "--again", "--credit")
    assert len(result.stdout.split()) == 5
    books.ok("dues", "verify")


def test_an_xlsx_statement_with_a_title_and_english_headers(books: Cli, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["2022年12月 银行流水"])
    sheet.append(["Number", "Amount (元)", "Date", "Year", "Reference"])
    sheet.append(["M0001", 30000, "2022-12-01", 2022, "X1"])
    sheet.append(["M0003", 3000.5, "2022-12-02", 2021, "X2"])
    sheet.append(["合计", 33000.5, "", "", ""])
    path = tmp_path / "statement.xlsx"
    workbook.save(path)
    result = books.ok(
        "dues", "pay", "--from", str(path), "--expect-count", "2", "--expect-total", "33000.50"
    )
    assert result.stdout.split() == ["2022-0001", "2022-0002"]
    assert _payments(books)[1] == ("2022-0002", 300050, "X2")
    books.ok("dues", "verify")


def test_batch_and_single_options_do_not_mix(books: Cli, tmp_path: Path) -> None:
    path = _csv(tmp_path, STATEMENT)
    books.fails("dues", "pay", "通力", "--from", path, code=2)
    books.fails("dues", "pay", "通力", "--amount", "1", "--expect-count", "1", code=2)
    books.fails("dues", "pay", code=2)
