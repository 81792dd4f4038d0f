"""Requests (诉求台账) through the CLI: numbering, the life of a request, a late extension
that leaves the deadline missed, 重办, the figures and seed 004's sentence, the 超期 list,
reminders and the 催办 notice, and refusals that change nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import Cli
from tests.office import pdf_of, require_office

ADD = ("requests", "add", "双涵", "--source", "走访")


def _json(cli: Cli, *args: str) -> Any:
    return json.loads(cli.ok(*args, "-f", "json").stdout)


def _add(cli: Cli, text: str, category: str, received: str, *more: str) -> str:
    return cli.ok(*ADD, text, "--category", category, "--received", received, *more).stdout.strip()


def _member(cli: Cli) -> None:
    cli.ok("members", "add", "山东双涵石化装备有限公司", "--short-name", "双涵")


def test_the_life_of_a_request(cli: Cli, tmp_path: Path) -> None:
    _member(cli)
    one = _add(cli, "招工难，急需焊工20名", "用工", "2026-02-13", "--limit", "1", "--tag", "招工")
    two = _add(cli, "子女入学", "子女就读", "2026-03-02", "--limit", "10")
    three = _add(cli, "企业内部纠纷", "其他", "2026-03-03")
    assert (one, two, three) == ("SQ2026-0001", "SQ2026-0002", "SQ2026-0003")
    assert _add(cli, "融资", "融资", "2025-12-30", "--limit", "1") == "SQ2025-0001"
    cli.ok("requests", "edit", two, "--category", "人才引进", "--tag", "落户", "--tag", "住房")
    edited = _json(cli, "requests", "show", two)
    assert (edited["category"], edited["tags"]) == ("人才引进", "落户、住房")
    cli.ok("requests", "edit", two, "--category", "子女就读", "--tag", "入学")

    cli.ok(
        "requests", "handle", one, "--handler", "李娜", "--lead", "市人社局", "--assist", "区人社局"
    )
    # granted after the deadline (14 Feb) had passed: the request stays late in the figures
    cli.ok(
        "requests", "extend", one, "--to", "2026-03-02", "--reason", "需会商", "--on", "2026-02-25"
    )
    cli.ok("requests", "close", one, "--result", "招到焊工18名", "--on", "2026-02-27")
    record = _json(cli, "requests", "show", one)
    assert record["due_on"] == "2026-03-02" and record["judged_due_on"] == "2026-02-14"
    assert record["lead_body"] == "市人社局" and record["tags"] == "招工"

    # 不满意 reopens it (重办); closed again in time (judged by 2 Mar? no: still 14 Feb)
    cli.ok("requests", "followup", one, "不满意", "--on", "2026-02-28")
    reopened = _json(cli, "requests", "show", one)
    assert reopened["status"] == "办理中" and reopened["reopened"] == 1
    cli.ok("requests", "close", one, "--on", "2026-03-01")
    cli.ok("requests", "followup", one, "基本满意", "--on", "2026-03-03")

    # an extension granted in time moves the judged deadline
    cli.ok(
        "requests",
        "extend",
        two,
        "--to",
        "2026-03-31",
        "--reason",
        "需市教育局协调",
        "--on",
        "2026-03-10",
    )
    cli.ok("requests", "reply", two, "--result", "已协调入学", "--on", "2026-03-20")
    cli.ok("requests", "close", two, "--on", "2026-03-25")
    cli.ok("requests", "followup", two, "满意", "--on", "2026-03-26")
    cli.ok("requests", "refuse", three, "--reason", "属企业内部事项", "--on", "2026-03-04")

    report = _json(cli, "requests", "report", "--year", "2026", "--as-of", "2026-06-30")
    (total,) = report if isinstance(report, list) else [report]
    assert (total["received"], total["taken_up"], total["closed"], total["on_time"]) == (3, 2, 2, 1)
    assert total["overdue"] == 1 and total["followed_up"] == 2 and total["satisfied"] == 1
    assert total["closing_rate"] == "100.0" and total["on_time_rate"] == "50.0"
    assert total["satisfaction_rate"] == "50.0"
    cli.ok("services", "settings", "--satisfied", "broad")
    broad = _json(cli, "requests", "report", "--year", "2026", "--as-of", "2026-06-30")
    assert broad[0]["satisfaction_rate"] == "100.0"
    overdue = _json(cli, "requests", "overdue", "--year", "2026", "--as-of", "2026-06-30")
    assert [row["number"] for row in overdue] == [one]

    by_month = _json(cli, "requests", "report", "--year", "2026", "--by", "month")
    assert [row["group"] for row in by_month] == ["2月", "3月", "合计"]

    # every change is in the audit log, and nothing was deleted
    log = _json(cli, "log", "--table", "service_request")
    assert len([e for e in log if e["action"] == "update"]) >= 10
    assert not [e for e in log if e["action"] == "delete"]

    # the spreadsheet of a report
    out = tmp_path / "诉求.xlsx"
    cli.ok("requests", "report", "--year", "2026", "--by", "category", "-o", str(out))
    assert out.stat().st_size > 0


def test_refused_inputs_change_nothing(cli: Cli) -> None:
    _member(cli)
    one = _add(cli, "招工难", "用工", "2026-02-13", "--limit", "3")
    assert "not a category" in cli.fails(
        *ADD, "x", "--category", "水电", "--received", "2026-01-05", lang="en"
    )
    assert "不在诉求来源中" in cli.fails(
        "requests", "add", "双涵", "x", "--category", "用工", "--source", "短信"
    )
    assert "not both" in cli.fails(
        *ADD, "x", "--category", "用工", "--limit", "3", "--due", "2026-03-01", lang="en"
    )
    assert "before the request was received" in cli.fails(
        *ADD,
        "x",
        "--category",
        "用工",
        "--received",
        "2026-03-05",
        "--due",
        "2026-03-01",
        lang="en",
    )
    assert "at least 1 working day" in cli.fails(
        *ADD, "x", "--category", "用工", "--limit", "0", lang="en"
    )
    assert "only a closed request" in cli.fails("requests", "followup", one, "满意", lang="en")
    assert "not a category" in cli.fails("requests", "edit", one, "--category", "水电", lang="en")
    assert "is one of" in cli.fails("requests", "followup", one, "还行", lang="en")
    assert "no result yet" in cli.fails("requests", "close", one, lang="en")
    assert "not after the current one" in cli.fails(
        "requests", "extend", one, "--to", "2026-02-01", "--reason", "x", lang="en"
    )
    assert 'no request "SQ2026-0099"' in cli.fails("requests", "close", "SQ2026-0099", lang="en")
    assert "before SQ2026-0001 was received" in cli.fails(
        "requests", "reply", one, "--result", "x", "--on", "2026-01-01", lang="en"
    )
    cli.ok("requests", "close", one, "--result", "已解决", "--on", "2026-02-20")
    assert "cannot be closed" in cli.fails("requests", "close", one, lang="en")
    assert "only a request just received" in cli.fails(
        "requests", "refuse", one, "--reason", "x", lang="en"
    )
    cli.fails("requests", "report", "--by", "colour", code=2)
    # numbers stay gap-free after the refusals
    assert _add(cli, "融资", "融资", "2026-04-01") == "SQ2026-0002"


def test_seed_004_sentence_from_89_requests(cli: Cli) -> None:
    """ "今年来，为会员企业协调解决涵盖用工、人才引进……等各类问题89个" from CLI-entered data."""
    _member(cli)
    categories = ["用工", "人才引进", "要素保障", "子女就读", "市场推广", "融资", "其他"]
    for i in range(89):
        number = _add(cli, f"诉求{i}", categories[i % len(categories)], "2026-03-02")
        cli.ok("requests", "close", number, "--result", "已协调", "--on", "2026-03-20")
    out = cli.ok("requests", "report", "--year", "2026", "--as-of", "2026-12-01").stdout
    assert (
        "今年来，为会员企业协调解决涵盖用工、人才引进、要素保障、子女就读、市场推广、融资"
        "等各类问题89个。"
    ) in out


def test_reminders_and_the_notice(cli: Cli, tmp_path: Path) -> None:
    _member(cli)
    due = _add(cli, "招工", "用工", "2026-09-28", "--limit", "3", "--handler", "李娜")
    late = _add(cli, "融资", "融资", "2026-09-01", "--limit", "5", "--handler", "李娜")
    _add(cli, "推广", "市场推广", "2026-09-29", "--limit", "20", "--handler", "李娜")
    # as of 30 Sep: the first is due on 9 Oct (three working days after the holiday)
    rows = _json(cli, "requests", "remind", "--within", "3", "--as-of", "2026-09-30")
    assert [(r["number"], r["overdue"]) for r in rows] == [(late, True), (due, False)]
    notice = tmp_path / "催办通知.docx"
    cli.ok(
        "requests", "remind", "--handler", "李娜", "--as-of", "2026-09-30", "--docx", str(notice)
    )
    require_office()
    pdf = pdf_of(notice, tmp_path)
    assert round(pdf.width_mm) == 210 and round(pdf.height_mm) == 297
    text = pdf.text.replace(" ", "")
    assert "会员诉求催办通知" in text and late in text
