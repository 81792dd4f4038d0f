"""The dues ledger through the CLI: rates, payments, waivers, voids, reports, exports."""

from __future__ import annotations

import csv
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import Cli, template_fixture

RATES = {"会长单位": "30000", "副会长单位": "20000", "理事单位": "10000", "会员单位": "3000"}


def _ledger(cli: Cli) -> None:
    """Three units (a president, a vice-president, a plain member) and 2021–2022 rates."""
    cli.ok("terms", "add", "2", "--start", "2021-06-18")
    cli.ok(
        "members",
        "add",
        "山东通力五金机电连锁有限公司",
        "--short-name",
        "通力",
        "--joined",
        "2015-01-01",
        "--rep",
        "巩渤",
        "--phone",
        "0533-1111111",
    )
    cli.ok(
        "members",
        "add",
        "山东双涵石化装备有限公司",
        "--short-name",
        "双涵",
        "--joined",
        "2016-05-01",
        "--rep",
        "周立正",
        "--phone",
        "0533-2222222",
    )
    cli.ok(
        "members", "add", "淄博华普电机有限公司", "--short-name", "华普", "--joined", "2018-03-01"
    )
    cli.ok("offices", "assign", "通力", "会长", "--term", "2")
    cli.ok("offices", "assign", "双涵", "副会长", "--term", "2")
    for year in ("2021", "2022"):
        for tier, amount in RATES.items():
            cli.ok("dues", "rates", "set", year, tier, amount)


ledger = template_fixture("ledger", _ledger)


def _json(cli: Cli, *args: str) -> object:
    return json.loads(cli.ok(*args, "-f", "json").stdout)


def _years(cli: Cli, member: str, as_of: str = "2022-12-31") -> dict[str, dict[str, str]]:
    statement = _json(cli, "dues", "statement", member, "--as-of", as_of)
    assert isinstance(statement, dict)
    return {str(row["year"]): row for row in statement["years"]}


def _report_total(cli: Cli, *args: str) -> dict[str, object]:
    rows = _json(cli, "dues", "report", *args)
    assert isinstance(rows, list)
    return rows[-1]


# ---------------------------------------------------------------- rates


def test_rates_are_set_listed_and_changed(ledger: Cli) -> None:
    rows = _json(ledger, "dues", "rates", "list", "--year", "2022")
    assert [(r["tier"], r["amount"]) for r in rows] == [
        ("会长单位", "30000.00"),
        ("副会长单位", "20000.00"),
        ("理事单位", "10000.00"),
        ("会员单位", "3000.00"),
    ]
    result = ledger.ok(
        "dues", "rates", "set", "2022", "会员单位", "3,500", "--adopted-by", "二届二次会员大会"
    )
    assert "由 ¥3,000.00 改为 ¥3,500.00" in result.stderr
    rows = _json(ledger, "dues", "rates", "list", "--year", "2022")
    assert rows[-1] == {
        "year": 2022,
        "tier": "会员单位",
        "amount": "3500.00",
        "adopted_by": "二届二次会员大会",
    }


def test_a_fifth_tier_is_refused_with_the_reason(ledger: Cli) -> None:
    error = ledger.fails("dues", "rates", "set", "2022", "常务理事单位", "15000", lang="en")
    assert "at most 4 dues tiers" in error and "会费档次不得超过4档" in error


def test_bad_rates_are_refused(ledger: Cli) -> None:
    assert "not an amount" in ledger.fails(
        "dues", "rates", "set", "2022", "会员单位", "abc", code=2, lang="en"
    )
    assert "out of range" in ledger.fails(
        "dues", "rates", "set", "1700", "会员单位", "3000", lang="en"
    )


# ---------------------------------------------------------------- payments


@pytest.mark.parametrize("amount", ["30000", "30,000.00", "¥30000", "￥30,000", "3万", "30000元"])
def test_amounts_in_every_spelling(ledger: Cli, amount: str) -> None:
    ledger.ok("dues", "pay", "通力", "--amount", amount, "--year", "2022", "--on", "2022-11-25")
    assert _years(ledger, "通力")["2022"]["paid"] == "30000.00"


@pytest.mark.parametrize(
    ("amount", "reason"),
    [
        ("0", "more than zero"),
        ("-5", "negative"),
        ("1.001", "more than two decimals"),
        ("abc", "not an amount"),
        ("1e5", "not an amount"),
        ("", "not an amount"),
    ],
)
def test_bad_amounts_are_refused(ledger: Cli, amount: str, reason: str) -> None:
    assert reason in ledger.fails("dues", "pay", "通力", "--amount", amount, code=2, lang="en")


def test_receipts_are_gap_free_per_year_and_never_paid_twice(ledger: Cli) -> None:
    first = ledger.ok("dues", "pay", "通力", "--amount", "100", "--on", "2021-12-30").stdout.strip()
    second = ledger.ok(
        "dues", "pay", "双涵", "--amount", "100", "--on", "2022-01-02"
    ).stdout.strip()
    third = ledger.ok("dues", "pay", "华普", "--amount", "100", "--on", "2022-01-03").stdout.strip()
    assert (first, second, third) == ("2021-0001", "2022-0001", "2022-0002")
    ledger.ok("dues", "pay", "华普", "--amount", "100", "--receipt", "SJ-123", "--on", "2022-01-04")
    # Running the same command again is refused instead of paying twice.
    error = ledger.fails(
        "dues",
        "pay",
        "华普",
        "--amount",
        "100",
        "--receipt",
        "SJ-123",
        "--on",
        "2022-01-04",
        lang="en",
    )
    assert "already recorded" in error
    assert "issued by assoc" in ledger.fails(
        "dues", "pay", "华普", "--amount", "1", "--receipt", "2022-0009", lang="en"
    )
    # A voided receipt keeps its number; the next one follows it.
    ledger.ok("dues", "void", "2022-0002", "--reason", "录错", "--on", "2022-01-05")
    assert (
        ledger.ok("dues", "pay", "华普", "--amount", "100", "--on", "2022-01-06").stdout.strip()
        == "2022-0003"
    )
    ledger.ok("dues", "verify")


def test_payment_mistakes_are_refused(ledger: Cli) -> None:
    assert "no member matches" in ledger.fails(
        "dues", "pay", "不存在公司", "--amount", "100", lang="en"
    )
    assert "payment method" in ledger.fails(
        "dues", "pay", "通力", "--amount", "100", "--method", "支票", code=2, lang="en"
    )
    assert "not a valid date" in ledger.fails(
        "dues", "pay", "通力", "--amount", "100", "--on", "2022-02-30", code=2, lang="en"
    )
    assert "out of range" in ledger.fails(
        "dues", "pay", "通力", "--amount", "100", "--year", "20222", lang="en"
    )


def test_without_a_year_the_oldest_years_are_settled_first_then_credit(ledger: Cli) -> None:
    result = ledger.ok("dues", "pay", "双涵", "--amount", "45000", "--on", "2022-11-20")
    assert "2021年度已缴清" in result.stderr and "预存 ¥5,000.00" in result.stderr
    years = _years(ledger, "双涵")
    assert (years["2021"]["paid"], years["2022"]["paid"]) == ("20000.00", "20000.00")
    statement = _json(ledger, "dues", "statement", "双涵", "--as-of", "2022-12-31")
    assert statement["credit"] == "5000.00" and statement["owing"] == "0.00"
    # The credit is used by the next year that falls due.
    ledger.ok("dues", "rates", "set", "2023", "副会长单位", "20000")
    years = _years(ledger, "双涵", "2023-06-30")
    assert (years["2023"]["paid"], years["2023"]["balance"]) == ("5000.00", "15000.00")


def test_a_payment_for_a_year_goes_to_that_year_and_excess_is_credit(ledger: Cli) -> None:
    ledger.ok("dues", "pay", "华普", "--amount", "5000", "--year", "2021", "--on", "2021-12-01")
    years = _years(ledger, "华普", "2021-12-31")
    assert (years["2021"]["paid"], years["2021"]["balance"]) == ("3000.00", "0.00")
    # 2022's rate is set, so its dues are collected already: the excess settles part of
    # 2022 — the statement says so too, as the unpaid list does (not "credit ¥2,000").
    statement = _json(ledger, "dues", "statement", "华普", "--as-of", "2021-12-31")
    assert statement["credit"] == "0.00"
    assert _years(ledger, "华普", "2021-12-31")["2022"]["paid"] == "2000.00"
    assert _years(ledger, "华普")["2022"]["paid"] == "2000.00"


def test_waivers_reduce_the_due_and_are_checked(ledger: Cli) -> None:
    result = ledger.ok(
        "dues",
        "waive",
        "华普",
        "--year",
        "2022",
        "--amount",
        "1000",
        "--reason",
        "受灾减免",
        "--approved-by",
        "理事会",
        "--on",
        "2022-10-01",
    )
    assert "凭证 W" in result.stderr
    years = _years(ledger, "华普")
    assert (years["2022"]["due"], years["2022"]["waived"], years["2022"]["balance"]) == (
        "3000.00",
        "1000.00",
        "2000.00",
    )
    error = ledger.fails(
        "dues", "waive", "华普", "--year", "2022", "--amount", "2500", "--reason", "再减", lang="en"
    )
    assert "would exceed" in error
    assert "owes no dues for 2019" in ledger.fails(
        "dues", "waive", "华普", "--year", "2019", "--amount", "1", "--reason", "x", lang="en"
    )
    assert "needs a reason" in ledger.fails(
        "dues", "waive", "华普", "--year", "2022", "--amount", "1", "--reason", " ", lang="en"
    )
    # A waiver can be voided like a payment.
    reference = result.stderr.split("凭证 ")[1].split("）")[0]
    ledger.ok("dues", "void", reference, "--reason", "决议撤销", "--on", "2022-10-02")
    assert _years(ledger, "华普")["2022"]["waived"] == "0.00"


def test_void_reverses_exactly_and_keeps_the_record(ledger: Cli) -> None:
    receipt = ledger.ok(
        "dues", "pay", "通力", "--amount", "30000", "--year", "2022", "--on", "2022-11-25"
    ).stdout.strip()
    before = _report_total(ledger, "--year", "2022", "--as-of", "2022-11-30")
    assert before["collected"] == "30000.00"
    ledger.ok("dues", "void", receipt, "--reason", "银行退票", "--on", "2022-12-01")
    # As of 30 November the payment still stood; from 1 December it is gone.
    assert (
        _report_total(ledger, "--year", "2022", "--as-of", "2022-11-30")["collected"] == "30000.00"
    )
    assert _report_total(ledger, "--year", "2022", "--as-of", "2022-12-01")["collected"] == "0.00"
    exported = list(
        csv.DictReader(io.StringIO(ledger.ok("dues", "export", "--year", "2022").stdout))
    )
    assert [(r["收据号"], r["状态"], r["作废原因"]) for r in exported] == [
        (receipt, "已作废", "银行退票")
    ]
    assert "already voided" in ledger.fails("dues", "void", receipt, "--reason", "again", lang="en")
    assert "no receipt" in ledger.fails("dues", "void", "2022-9999", "--reason", "x", lang="en")


def test_void_cannot_predate_the_payment(ledger: Cli) -> None:
    receipt = ledger.ok("dues", "pay", "通力", "--amount", "1", "--on", "2022-11-25").stdout.strip()
    assert "cannot be voided before" in ledger.fails(
        "dues", "void", receipt, "--reason", "x", "--on", "2022-11-24", lang="en"
    )


def test_as_of_is_the_end_of_that_day(ledger: Cli) -> None:
    ledger.ok("dues", "pay", "通力", "--amount", "30000", "--year", "2022", "--on", "2022-11-30")
    assert _report_total(ledger, "--year", "2022", "--as-of", "2022-11-29")["paid_full"] == 0
    assert _report_total(ledger, "--year", "2022", "--as-of", "2022-11-30")["paid_full"] == 1


# ---------------------------------------------------------------- membership and the year


@pytest.mark.parametrize(
    ("joined", "left", "policy", "owes_2022"),
    [
        ("2022-07-01", None, "full-year", True),
        ("2022-07-01", None, "next-year", False),
        ("2022-01-01", None, "next-year", True),
        ("2023-01-01", None, "full-year", False),
        ("2010-01-01", "2021-12-31", "full-year", False),
        ("2010-01-01", "2022-01-01", "full-year", True),
    ],
)
def test_joining_and_leaving_around_the_year(
    cli: Cli, joined: str, left: str | None, policy: str, owes_2022: bool
) -> None:
    cli.ok("dues", "rates", "set", "2022", "会员单位", "3000")
    cli.ok("dues", "policy", "--join", policy)
    cli.ok("members", "add", "测试公司", "--joined", joined)
    if left:
        cli.ok("members", "leave", "测试公司", "--on", left)
    total = _report_total(cli, "--year", "2022", "--as-of", "2023-06-30")
    assert total["members_owing"] == (1 if owes_2022 else 0)


def test_a_member_who_had_not_joined_by_the_as_of_date_owes_nothing_yet(cli: Cli) -> None:
    cli.ok("dues", "rates", "set", "2022", "会员单位", "3000")
    cli.ok("members", "add", "测试公司", "--joined", "2022-12-10")
    assert _report_total(cli, "--year", "2022", "--as-of", "2022-11-30")["members_owing"] == 0
    assert _report_total(cli, "--year", "2022", "--as-of", "2022-12-31")["members_owing"] == 1


def test_tier_follows_the_office_held_at_the_end_of_the_year(cli: Cli) -> None:
    cli.ok("terms", "add", "1", "--start", "2016-06-18")
    cli.ok("terms", "add", "2", "--start", "2021-06-18")
    cli.ok("members", "add", "测试公司", "--joined", "2015-01-01")
    cli.ok("offices", "assign", "测试公司", "理事", "--term", "1")
    cli.ok("offices", "assign", "测试公司", "会长", "--term", "2")
    for year in ("2020", "2021"):
        for tier, amount in RATES.items():
            cli.ok("dues", "rates", "set", year, tier, amount)
    years = _years(cli, "测试公司", "2021-12-31")
    assert (years["2020"]["tier"], years["2020"]["due"]) == ("理事单位", "10000.00")
    assert (years["2021"]["tier"], years["2021"]["due"]) == ("会长单位", "30000.00")


# ---------------------------------------------------------------- reports


def test_unpaid_list_for_phoning(ledger: Cli) -> None:
    ledger.ok("dues", "pay", "双涵", "--amount", "5000", "--year", "2022", "--on", "2022-11-20")
    ledger.ok("dues", "pay", "华普", "--amount", "6000", "--on", "2022-11-20")
    rows = _json(ledger, "dues", "unpaid", "--year", "2022", "--as-of", "2022-11-30")
    assert [(r["number"], r["balance"], r["status"]) for r in rows] == [
        ("M0001", "30000.00", "unpaid"),
        ("M0002", "15000.00", "partial"),
    ]
    assert rows[0]["phone"] == "0533-1111111" and rows[0]["representative"] == "巩渤"
    assert rows[0]["years_in_arrears"] == "2021、2022" and rows[0]["total_owing"] == "60000.00"
    by_number = _json(
        ledger, "dues", "unpaid", "--year", "2022", "--as-of", "2022-11-30", "--sort", "number"
    )
    assert [r["number"] for r in by_number] == ["M0001", "M0002"]
    only = _json(
        ledger, "dues", "unpaid", "--year", "2022", "--as-of", "2022-11-30", "--tier", "副会长单位"
    )
    assert [r["number"] for r in only] == ["M0002"]
    table = ledger.ok("dues", "unpaid", "--year", "2022", "--as-of", "2022-11-30").stdout
    assert "0533-1111111" in table and "部分缴纳" in table


def test_collection_report_and_the_sentence(ledger: Cli) -> None:
    ledger.ok("dues", "pay", "通力", "--amount", "30000", "--year", "2022", "--on", "2022-11-20")
    ledger.ok("dues", "pay", "双涵", "--amount", "5000", "--year", "2022", "--on", "2022-11-21")
    ledger.ok("dues", "pay", "通力", "--amount", "30000", "--year", "2021", "--on", "2021-11-20")
    rows = _json(
        ledger, "dues", "report", "--year", "2022", "--as-of", "2022-11-30", "--compare", "2021"
    )
    assert [r["group"] for r in rows] == ["会长单位", "副会长单位", "会员单位", "合计"]
    total = rows[-1]
    assert (total["members_owing"], total["paid_full"], total["partial"], total["unpaid"]) == (
        3,
        1,
        1,
        1,
    )
    assert (total["net_due"], total["collected"]) == ("53000.00", "35000.00")
    assert (total["rate_count"], total["rate_amount"]) == ("33.3", "66.0")
    assert (total["compare_rate_count"], total["compare_rate_amount"]) == ("33.3", "56.6")
    text = ledger.ok(
        "dues", "report", "--year", "2022", "--as-of", "2022-11-30", "--compare", "2021"
    ).stdout
    assert (
        "截至2022年11月30日，应缴会费会员单位3家，已缴清1家，收缴率33.3%；部分缴纳1家，未缴1家；"
        "应收¥53,000.00，实收¥35,000.00（金额收缴率66.0%）。2021年同期收缴率33.3%，金额收缴率56.6%。"
    ) in text
    assert "███" in text
    english = ledger.ok(
        "dues", "report", "--year", "2022", "--as-of", "2022-11-30", lang="en"
    ).stdout
    assert "As of 2022-11-30, 3 member units owed dues and 1 had paid in full" in english
    traditional = ledger.ok(
        "dues", "report", "--year", "2022", "--as-of", "2022-11-30", lang="zh-Hant"
    ).stdout
    assert "應繳會費會員單位3家，已繳清1家，收繳率33.3%" in traditional
    segments = _json(
        ledger, "dues", "report", "--year", "2022", "--as-of", "2022-11-30", "--by", "segment"
    )
    assert segments[-1]["members_owing"] == 3


def test_reports_need_rates(cli: Cli) -> None:
    assert "No dues rates yet" in cli.fails("dues", "report", "--year", "2022", lang="en")
    assert "No dues rates yet" in cli.fails("dues", "unpaid", lang="en")


def test_arrears_and_the_withdrawal_rule(ledger: Cli) -> None:
    ledger.ok("dues", "pay", "双涵", "--amount", "20000", "--year", "2022", "--on", "2022-11-21")
    ledger.ok("dues", "pay", "华普", "--amount", "1000", "--year", "2021", "--on", "2021-11-21")
    rows = {r["number"]: r for r in _json(ledger, "dues", "arrears", "--as-of", "2023-01-15")}
    assert rows["M0001"]["years"] == "2021、2022" and rows["M0001"]["total_owing"] == "60000.00"
    assert rows["M0001"]["years_unpaid"] == 2 and rows["M0001"]["rule_crossed"] is True
    # 双涵 paid 2022 but nothing for 2021: one year unpaid crosses the default one-year rule.
    assert rows["M0002"]["years_owing"] == 1 and rows["M0002"]["rule_crossed"] is True
    # 华普 paid part of 2021 and nothing for 2022, so 2022 crosses the rule…
    assert rows["M0003"]["years_owing"] == 2 and rows["M0003"]["rule_crossed"] is True
    # …but in mid-2022, with only 2021 ended and partly paid, it had not.
    mid = {r["number"]: r for r in _json(ledger, "dues", "arrears", "--as-of", "2022-06-30")}
    assert mid["M0003"]["years_unpaid"] == 0 and mid["M0003"]["rule_crossed"] is False
    assert mid["M0001"]["years_unpaid"] == 1 and mid["M0001"]["rule_crossed"] is True
    ledger.ok("dues", "policy", "--withdraw-after", "2")
    rows = {r["number"]: r for r in _json(ledger, "dues", "arrears", "--as-of", "2023-01-15")}
    assert "M0002" not in rows and rows["M0001"]["rule_crossed"] is True
    # Nobody was withdrawn by the report.
    assert len(_json(ledger, "members", "list")) == 3


def test_statement_has_a_running_balance(ledger: Cli) -> None:
    receipt = ledger.ok(
        "dues", "pay", "华普", "--amount", "2000", "--on", "2021-11-01"
    ).stdout.strip()
    ledger.ok("dues", "pay", "华普", "--amount", "2000", "--on", "2021-11-02")
    ledger.ok("dues", "void", receipt, "--reason", "重复", "--on", "2021-11-03")
    statement = _json(ledger, "dues", "statement", "华普", "--as-of", "2022-06-30")
    assert [
        (line["kind"], line["amount"], line["running_balance"]) for line in statement["lines"]
    ] == [
        ("due", "3000.00", "3000.00"),
        ("payment", "-2000.00", "1000.00"),
        ("payment", "-2000.00", "-1000.00"),
        ("void", "2000.00", "1000.00"),
        ("due", "3000.00", "4000.00"),
    ]
    assert statement["owing"] == "4000.00"
    text = ledger.ok("dues", "statement", "华普", "--as-of", "2022-06-30").stdout
    assert "截至2022年6月30日共欠缴 ¥4,000.00" in text


def test_payments_export_to_excel(ledger: Cli, tmp_path: Path) -> None:
    ledger.ok(
        "dues",
        "pay",
        "通力",
        "--amount",
        "30000",
        "--on",
        "2022-11-25",
        "--method",
        "微信",
        "--payer",
        "巩渤",
    )
    out = tmp_path / "payments.xlsx"
    assert "已导出 1 行" in ledger.ok("dues", "export", "--year", "2022", "-o", str(out)).stderr
    sheet = load_workbook(out).worksheets[0]
    header = [c.value for c in sheet[1]]
    row = dict(zip(header, [c.value for c in sheet[2]], strict=True))
    assert (row["收据号"], row["金额"], row["方式"], row["付款人"], row["状态"]) == (
        "2022-0001",
        30000,  # a number (formatted ¥#,##0.00), so the column sums
        "微信",
        "巩渤",
        "有效",
    )
    assert _json(
        ledger, "dues", "unpaid", "--year", "2022", "--as-of", "2022-12-31"
    )  # still some owing


def test_verify_finds_a_tampered_receipt_sequence(ledger: Cli) -> None:
    for day in ("2022-11-01", "2022-11-02", "2022-11-03"):
        ledger.ok("dues", "pay", "通力", "--amount", "100", "--on", day)
    assert "核对无误" in ledger.ok("dues", "verify").stderr
    ledger.sql(
        "UPDATE dues_entry SET receipt_seq = 7, receipt = '2022-0007' WHERE receipt = '2022-0002'"
    )
    result = ledger("dues", "verify", lang="en")
    assert result.exit_code == 1
    assert "gap or a repeat" in result.stdout and "Error: 1 mismatch" in result.stderr


def test_demo_ledger_verifies_and_reads_like_seed_001(demo: Cli) -> None:
    demo.ok("dues", "verify")
    total = _report_total(demo, "--year", "2022", "--as-of", "2022-11-30")
    assert Decimal(80) <= Decimal(str(total["rate_count"])) < Decimal(90)  # "80%以上…已自觉缴纳"
    assert total["partial"] >= 1 and total["unpaid"] >= 1
    export = list(csv.DictReader(io.StringIO(demo.ok("dues", "export", "--year", "2022").stdout)))
    assert any(r["状态"] == "已作废" for r in export) and any(r["操作"] == "减免" for r in export)


def test_a_waiver_only_reduces_what_is_still_owed(demo: Cli) -> None:
    # M0016 paid half of its 2022 dues (¥5,000 of ¥10,000) in the demo.
    error = demo.fails(
        "dues",
        "waive",
        "M0016",
        "--year",
        "2022",
        "--amount",
        "6000",
        "--reason",
        "x",
        "--on",
        "2022-11-30",
        lang="en",
    )
    assert "only ¥5,000.00 of the 2022 dues is still owed" in error
    demo.ok(
        "dues",
        "waive",
        "M0016",
        "--year",
        "2022",
        "--amount",
        "5000",
        "--reason",
        "x",
        "--on",
        "2022-11-30",
    )
