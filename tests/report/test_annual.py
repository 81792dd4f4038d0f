"""The annual report pack: each figure it fills agrees with the command that computes it
on its own (run through the CLI), and the check list names what a reviewer would flag."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from tests.conftest import Cli, snapshot

YEAR = 2022
DAY = date(YEAR, 12, 31)
LEADER_OFFICES = {"会长", "理事长", "执行会长", "常务副会长", "副会长", "副理事长", "秘书长"}


def _json(cli: Cli, *args: str) -> Any:
    return json.loads(cli.ok(*args, "-f", "json").stdout)


def _figures(path: Path) -> dict[str, Any]:
    """The workbook's figures by key: {key: value}, None for 待填写."""
    book = load_workbook(path, read_only=True)
    try:
        rows = list(book.worksheets[0].iter_rows(values_only=True))
    finally:
        book.close()  # (a read-only workbook keeps its file open until closed)
    header = list(rows[0])
    key, value, state = header.index("代码"), header.index("内容"), header.index("状态")
    return {row[key]: (None if row[state] == "待填写" else row[value]) for row in rows[1:]}


def _counted(member: dict[str, Any]) -> bool:
    joined, left = member["joined_on"], member["left_on"]
    return (joined is None or date.fromisoformat(joined) <= DAY) and (
        left is None or date.fromisoformat(left) >= DAY
    )


def _in_year(value: str | None) -> bool:
    return value is not None and date.fromisoformat(value).year == YEAR


def _yuan(value: Any) -> Decimal:
    return Decimal(str(value).replace("¥", "").replace(",", ""))


def test_each_figure_agrees_with_its_own_command(demo: Cli, tmp_path: Path) -> None:
    # A year with meetings: a council with a vote, an assembly, and a cancelled one.
    council = demo.ok("meetings", "new", "--kind", "理事会", "--date", "2022-03-10").stdout.strip()
    demo.ok("meetings", "new", "--kind", "会员大会", "--date", "2022-06-18")
    cancelled = demo.ok("meetings", "new", "--kind", "理事会", "--date", "2022-09-01")
    demo.ok("meetings", "cancel", cancelled.stdout.strip(), "--reason", "改期")
    demo.ok(
        "meetings", "vote", council, "2022年工作计划", "--present", "18",
        "--for", "17", "--against", "1", "--abstain", "0",
    )  # fmt: skip
    # Activities: a forum, and a training class with a lecture that charges members a fee.
    demo.ok("meetings", "kinds", "行业论坛", "--numbering", "none")
    demo.ok("meetings", "new", "--kind", "行业论坛", "--date", "2022-04-20")
    training = demo.ok(
        "meetings", "new", "--kind", "培训班", "--date", "2022-05-10", "--topic", "安全生产"
    ).stdout.strip()
    demo.ok("meetings", "agenda", "add", training, "安全生产形势", "--kind", "lecture")
    demo.ok("events", "class", training, "--fee-member", "300", "--fee-other", "800")
    unit = next(
        m["name"]
        for m in _json(demo, "members", "list")
        if m["kind"] == "unit" and m["joined_on"] and m["joined_on"] < "2022-01-01"
    )
    demo.ok("events", "register", training, "张伟", "李娜", "--unit", unit)
    demo.ok("events", "register", training, "王强|某某研究院|工程师")
    # The association's own branch, its 支部委员会 planned as a monthly series.
    demo.ok(
        "party", "add", "协会党支部", "--kind", "党支部", "--secretary", "王强",
        "--founded", "2020-01-01",
    )  # fmt: skip
    demo.ok(
        "party", "series", "协会党支部", "--kind", "支部委员会", "--from", "2022-01-10",
        "--count", "12",
    )  # fmt: skip
    before = snapshot(demo.location)
    problems = _json(demo, "report", "annual", "--year", str(YEAR), "-o", str(tmp_path / "pack"))
    assert snapshot(demo.location) == before  # a report changes nothing
    figures = _figures(tmp_path / "pack.xlsx")
    filled = {key for key, value in figures.items() if value is not None}
    checked: set[str] = set()

    def agrees(key: str, expected: Any) -> None:
        value = figures[key]
        if isinstance(expected, Decimal):
            value = _yuan(value)
        assert value == expected, key
        checked.add(key)

    assert figures["profile.name"] == _json(demo, "info")["association"]
    name, address, phone = demo.sql("SELECT name, address, phone FROM association")[0]
    agrees("profile.name", name)
    agrees("profile.address", address)  # (what `assoc init` was given: no command shows it)
    agrees("profile.phone", phone)

    members = _json(demo, "members", "list", "--status", "all")
    counted = [m for m in members if _counted(m)]
    agrees("members.units", sum(m["kind"] == "unit" for m in counted))
    agrees("members.persons", sum(m["kind"] == "person" for m in counted))
    agrees("members.total", len(counted))
    assert figures["members.total"] == figures["members.units"] + figures["members.persons"]
    agrees("members.joined", sum(_in_year(m["joined_on"]) for m in members))
    agrees("members.left", sum(_in_year(m["left_on"]) for m in members))
    agrees("members.undated", sum(m["joined_on"] is None for m in counted))
    agrees("party.members", sum(m["party_members"] or 0 for m in counted))
    agrees("party.units_with_org", sum(bool(m["has_party_org"]) for m in counted))
    agrees("party.unknown", sum(m["party_members"] is None for m in counted))

    terms = _json(demo, "terms", "list")
    term = next(t for t in terms if t["start_on"] <= DAY.isoformat() <= t["end_on"])
    agrees("term.current", term["label"])
    agrees(
        "term.end", f"{term['end_on'][:4]}年{int(term['end_on'][5:7])}月{int(term['end_on'][8:])}日"
    )
    agrees("term.state", "按期")  # (it ends in 2026, years after the report's day)
    offices = _json(demo, "offices", "list", "--term", str(term["term"]))
    agrees("leaders.count", sum(o["office"] in LEADER_OFFICES for o in offices))

    meetings = [m for m in _json(demo, "meetings", "list", "--year", str(YEAR))]
    held = [m for m in meetings if m["status"] != "cancelled"]
    assert len(held) == 16  # council, assembly, forum, class, twelve 支部委员会
    agrees("meetings.total", len(held))
    agrees("meetings.assembly", sum(m["kind"] in ("会员大会", "会员代表大会") for m in held))
    agrees("meetings.council", sum(m["kind"] == "理事会" for m in held))
    agrees("meetings.standing", sum(m["kind"] == "常务理事会" for m in held))
    votes = _json(demo, "meetings", "votes")
    assert len(votes) == 1
    agrees("meetings.resolutions", len(votes))
    agrees("meetings.passed", sum(bool(v["passed"]) for v in votes))

    report = _json(demo, "dues", "report", "--year", str(YEAR), "--as-of", DAY.isoformat())
    total = report[-1]
    agrees("dues.net_due", Decimal(total["net_due"]))
    agrees("dues.collected", Decimal(total["collected"]))
    agrees("dues.rate_count", f"{total['rate_count']}%")
    agrees("dues.rate_amount", f"{total['rate_amount']}%")

    # 会费收入 on the cash basis: payments received in the year, less payments voided in it.
    ledger = list(csv.reader(io.StringIO(demo.ok("dues", "export").stdout.lstrip("\ufeff"))))
    income = Decimal(0)
    own_year = Decimal(0)
    for row in ledger[1:]:
        kind, entry_on, dues_year, amount, voided_on = row[1], row[2], row[5], row[6], row[10]
        if kind != "缴费":
            continue
        signed = Decimal(0)
        if _in_year(entry_on):
            signed += Decimal(amount)
        if voided_on and _in_year(voided_on):
            signed -= Decimal(amount)
        income += signed
        own_year += signed if dues_year == str(YEAR) else 0
    agrees("dues.income", income)
    agrees("dues.income_own_year", own_year)
    assert income > 0
    # Activities, by the rule in report/sources.py: a class (培训/班) or the kind's words;
    # lectures are agenda items of kind lecture.
    words = {
        "training": ("培训", "班"),
        "lecture": ("讲座", "报告会"),
        "forum": ("论坛", "讲坛"),
        "annual_meeting": ("年会",),
        "seminar": ("研讨会",),
        "award": ("评比", "达标", "表彰", "颁奖"),
    }
    activities = dict.fromkeys(words, 0)
    for meeting in held:
        kind = next((k for k, w in words.items() if any(x in meeting["kind"] for x in w)), None)
        if kind is not None:
            activities[kind] += 1
        agenda = _json(demo, "meetings", "agenda", "list", str(meeting["id"]))
        activities["lecture"] += sum(item["item_kind"] == "lecture" for item in agenda)
    assert activities["training"] == activities["forum"] == activities["lecture"] == 1
    for kind, count in activities.items():
        agrees(f"activities.{kind}", count)

    agrees("services.count", len(_json(demo, "services", "list", "--year", str(YEAR))))
    (requests,) = _json(demo, "requests", "report", "--year", str(YEAR), "--as-of", DAY.isoformat())
    agrees("requests.received", requests["received"])
    agrees("requests.solved", requests["closed"])

    stats = {
        row["indicator"]: row
        for row in _json(demo, "stats", "report", f"{YEAR}-12")
        if row["group"] == "合计"
    }
    output = stats["产值"]
    agrees("statistics.coverage", f"{output['expected']}家中{output['reported']}家报送")
    agrees(
        "statistics.output",
        f"产值{output['cumulative']}万元；营业收入{stats['营业收入']['cumulative']}万元",
    )

    (own,) = [o for o in _json(demo, "party", "list") if o["units"] is None]
    assert (own["name"], own["kind"], own["founded_on"]) == ("协会党支部", "党支部", "2020-01-01")
    agrees("party.own_org", "协会党支部（党支部，书记王强，成立于2020年1月1日）")
    three = _json(demo, "party", "meetings", "--year", str(YEAR), "--as-of", DAY.isoformat())
    held_three, required = sum(r["held"] for r in three), sum(r["required"] for r in three)
    assert held_three == 12  # the series' twelve, all held by the year's end
    orgs = len({r["party_org"] for r in three})
    agrees(
        "party.activities", f"{orgs}个党组织召开三会一课{held_three}次（按规定应开{required}次）"
    )

    # Every figure the pack filled was checked against its own command above.
    assert filled == checked

    # The class charged two people from a member in good standing: one fee problem.
    (overlap,) = [p for p in problems if p["key"] == "fee_overlap"]
    assert f"会议{training}" in overlap["problem"] and "2人次" in overlap["problem"]
    assert f"assoc events class {training} --fee-member 0" in overlap["fix"]


def _overdue_association(cli: Cli) -> None:
    """Term 1 ended in 2020 with no election since; no 会员大会 in 2022; 理事单位's 2022
    rate names no assembly, 会员单位's names one that is on record; one member without a
    join date."""
    cli.ok("terms", "add", "1", "--start", "2015-06-01")
    cli.ok("members", "add", "山东通力有限公司", "--short-name", "通力", "--joined", "2015-06-01")
    cli.ok("members", "add", "山东双涵有限公司", "--short-name", "双涵")
    cli.ok("offices", "assign", "通力", "会长", "--term", "1")
    cli.ok("meetings", "new", "--kind", "会员大会", "--date", "2015-06-01", "--term", "1")
    cli.ok("meetings", "new", "--kind", "理事会", "--date", "2022-05-01", "--term", "1")
    cli.ok("dues", "rates", "set", "2022", "会长单位", "30000", "--adopted-by", "一届一次会员大会")
    cli.ok(
        "dues", "rates", "set", "2022", "副会长单位", "20000", "--adopted-by", "一届一次会员大会"
    )
    cli.ok("dues", "rates", "set", "2022", "理事单位", "10000")
    cli.ok("dues", "rates", "set", "2022", "会员单位", "3000", "--adopted-by", "一届一次会员大会")


def test_check_list_names_overdue_term_missing_assembly_and_unadopted_rate(
    cli: Cli, tmp_path: Path
) -> None:
    _overdue_association(cli)
    before = snapshot(cli.location)
    problems = _json(cli, "report", "annual", "--year", "2022", "-o", str(tmp_path / "x"))
    assert snapshot(cli.location) == before
    keys = [p["key"] for p in problems]
    assert "term_overdue" in keys
    assert "no_assembly" in keys
    assert "no_council" not in keys  # the 理事会 of 2022 is on record
    unadopted = [p for p in problems if p["key"] == "rate_unadopted"]
    assert len(unadopted) == 1 and "理事单位" in unadopted[0]["problem"]
    assert "assoc dues rates set 2022 理事单位" in unadopted[0]["fix"]
    assert "undated_members" in keys and "M0002" in next(
        p["problem"] for p in problems if p["key"] == "undated_members"
    )
    assert not any(p["key"] == "rate_no_assembly" for p in problems)
    assert "fee_overlap" not in keys  # no class charged members
    # The pack carries the same list, in the paper and in the workbook.
    book = load_workbook(tmp_path / "x.xlsx", read_only=True)
    try:
        listed = [row[1] for row in book.worksheets[1].iter_rows(min_row=2, values_only=True)]
    finally:
        book.close()
    assert listed == [p["problem"] for p in problems]
    # In English, too.
    english = json.loads(
        cli.ok(
            "report",
            "annual",
            "--year",
            "2022",
            "-o",
            str(tmp_path / "en"),
            "-f",
            "json",
            lang="en",
        ).stdout
    )
    texts = " ".join(p["problem"] for p in english)
    assert "election (换届) is overdue" in texts and "No member assembly held in 2022" in texts


def test_refused_input_changes_nothing(cli: Cli, tmp_path: Path) -> None:
    _overdue_association(cli)
    assert "is not in 2022" in cli.fails(
        "report", "annual", "--year", "2022", "--as-of", "2023-01-05", code=2, lang="en"
    )
    assert "not a year" in cli.fails("report", "annual", "--year", "1900", code=2, lang="en")
    assert "no term 7" in cli.fails("report", "handover", "--term", "7", lang="en")
    assert ".docx or .md" in cli.fails(
        "report", "handover", "--term", "1", "-o", str(tmp_path / "x.pdf"), code=2, lang="en"
    )


def test_matplotlib_only_when_a_chart_is_drawn(demo_file: Path, tmp_path: Path) -> None:
    from tests.cli.test_startup_imports import _modules_after

    def plotted(*args: str) -> bool:
        loaded = _modules_after(["--db", str(demo_file), "report", *args])
        return any(name.split(".")[0] == "matplotlib" for name in loaded)

    assert not plotted("year", "2022")
    assert not plotted("annual", "--year", "2022", "--paper", "md", "-o", str(tmp_path / "a"))
    assert plotted("annual", "--year", "2022", "-o", str(tmp_path / "b"))
