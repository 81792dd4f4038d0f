"""Meeting papers are drawn from facts alone (no database), as dues notices are; the
meetings CLI offers the feature's own choices; a report of fields alone prints as a record."""

from __future__ import annotations

import io
from datetime import date
from decimal import Decimal

from assoc_cli.dues.collection import CollectionFigures
from assoc_cli.files.papers import render_text
from assoc_cli.listing import Column, OutputFormat, Report
from assoc_cli.meetings import choices
from assoc_cli.meetings.papers import (
    ActionFacts,
    ItemFacts,
    MeetingFacts,
    VoteFacts,
    agenda_document,
    minutes_document,
    signin_document,
    signin_sheet,
)
from assoc_cli.meetings.queries import Invitee
from assoc_cli.output import render_result

DUE = CollectionFigures(
    group=None,
    members_owing=4,
    paid_full=1,
    partial=1,
    unpaid=2,
    due=4_000_000,
    net_due=4_000_000,
    collected=1_500_000,
    outstanding=2_500_000,
)


def _invitee(
    n: int, person: str, title: str | None, role: str = "attend", status: str = "present"
) -> Invitee:
    return Invitee(
        id=n,
        member_id=n,
        person=person,
        title=title,
        role=role,
        status=status,
        reason="出差" if status == "leave" else None,
        proxy=None,
        unit=f"山东{person}有限公司",
        unit_title=None,
        phone="0533-1",
    )


FACTS = MeetingFacts(
    title="淄博市装备制造业协会二届二次会长办公(扩大)会",
    held_on=date(2021, 12, 5),
    starts_at="14:30",
    venue="酩悦居",
    chair="张辉新",
    cancelled=False,
    cancel_reason=None,
    items=(
        ItemFacts("学习公报", "张辉新", "study", 30, None, 2021),
        ItemFacts("秘书处通报近期会费收缴情况", "秘书处", "dues-report", None, None, 2021, DUE),
        ItemFacts("通报上次会议工作落实情况", "秘书处", "actions", None, "已落实。", 2021),
        ItemFacts("通报2030年会费", None, "dues-report", None, None, 2030),
    ),
    open_actions=(ActionFacts("制定工作计划", "郑辉", date(2022, 3, 31)),),
    invitees=(
        _invitee(1, "张辉新", "会长"),
        _invitee(2, "周立正", "副会长", status="leave"),
        _invitee(3, "李秘书", "秘书处", role="sit-in"),
    ),
    votes=(VoteFacts("审议通过会费标准", "举手", 3, 2, 2, 0, 0, True),),
    actions=(ActionFacts("组织考察", "秘书处", date(2022, 6, 30)),),
)


def test_the_agenda_is_written_from_its_facts_alone() -> None:
    text = render_text(agenda_document(FACTS, "zh-Hans", "list"), "md")
    assert "一、学习公报（张辉新，30分钟）" in text
    assert "应缴会费会员单位4家" in text  # the dues-report item's live sentence
    assert "制定工作计划" in text  # the open action items, under the actions item
    assert "2030" in text  # a year without rates says so
    sentence = render_text(agenda_document(FACTS, "en", "sentence"), "txt")
    assert "four" in sentence


def test_the_signin_sheet_is_one_table_for_paper_and_csv() -> None:
    sheet = signin_sheet(FACTS, "zh-Hans")
    assert [row["person"] for row in sheet.rows] == ["张辉新", "周立正", "李秘书"]
    assert [row["remark"] for row in sheet.rows][-1] == "列席"
    out = io.StringIO()
    render_result(sheet, OutputFormat.csv, "zh-Hans", out)
    assert out.getvalue().startswith("序号,姓名,单位,职务,电话,签到,备注\r\n1,张辉新,")
    text = render_text(signin_document(FACTS, "zh-Hans", sheet), "txt")
    assert "签到表" in text and "周立正" in text


def test_the_minutes_are_written_from_their_facts_alone() -> None:
    text = render_text(minutes_document(FACTS, "zh-Hans"), "md")
    assert "会长张辉新" in text
    assert "副会长周立正（出差）" in text
    assert "已落实。" in text
    assert "审议通过会费标准" in text
    assert "组织考察" in text


def test_the_cli_offers_the_features_own_choices() -> None:
    from assoc_cli.cli import meetings as cli

    for name in ("ItemKind", "Role", "AttendanceStatus", "Threshold", "AgendaStyle"):
        assert getattr(cli, name) is getattr(choices, name)
    assert choices.VoteMethod.named("roll-call") is choices.VoteMethod.roll_call
    assert choices.VoteMethod.named("举手") is choices.VoteMethod.hands
    assert choices.VoteMethod.named("shouting") is None


def test_a_report_of_fields_alone_prints_them_as_one_record() -> None:
    report = Report(
        parts=[],
        fields=[(Column("expected"), 6), (Column("rate", kind="percent"), Decimal("50.0"))],
        lines=["应到6"],
    )
    out = io.StringIO()
    render_result(report, OutputFormat.csv, "zh-Hans", out)
    assert out.getvalue() == "expected,rate\n6,50.0\n"
    out = io.StringIO()
    render_result(report, OutputFormat.plain, "zh-Hans", out)
    assert out.getvalue() == "应到6\n"
