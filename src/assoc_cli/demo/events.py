"""The demo's training class: seed 002's 第一期培训班 with fictional names — organisers in
their roles, guests by rank, a morning and an afternoon session with their 主持, a lecture,
speeches and talks — so `assoc events release` has something to draft from."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from assoc_cli.db.models import Meeting, Member
from assoc_cli.events.certificates import issue_certificates
from assoc_cli.events.series import Rule, cancel_occurrence, move_occurrence, plan_series
from assoc_cli.events.service import (
    PersonInput,
    add_organisers,
    add_people,
    add_session,
    add_speakers,
    event_sessions,
    place_item,
)
from assoc_cli.events.training import (
    Participant,
    pay_fee,
    register,
    set_class_terms,
    sign_in,
    void_fee,
)
from assoc_cli.meetings.service import MeetingInput, add_item, create_meeting

_GUESTS = [
    PersonInput("陈立德", "示范市工业和信息化局", "局长", rank=1),
    PersonInput("许文华", "示范市张店区人民政府", "副区长", rank=2),
    PersonInput("高志远", "示范省工业经济联合会", "副会长", rank=3),
]


def build_events(*, session: Session, association: str, units: list[Member]) -> Meeting:
    """The demo association's 2021 专精特新 class (第一期培训班) on 10 June 2021, with
    participants sent by the first member *units* and two from elsewhere, their fees,
    sign-ins and certificates."""
    meeting = create_meeting(
        session=session,
        data=MeetingInput(
            kind="培训班",
            held_on=date(2021, 6, 10),
            starts_at="08:30",
            venue="示范市会展中心",
            topic="专精特新",
            use_template=False,
        ),
    )
    add_organisers(session=session, meeting=meeting, role="主办", names=[association])
    add_organisers(session=session, meeting=meeting, role="承办", names=["示范市企业服务中心"])
    add_organisers(session=session, meeting=meeting, role="支持", names=["示范市工业和信息化局"])
    add_people(session=session, meeting=meeting, role="出席", people=_GUESTS)
    add_session(
        session=session,
        meeting=meeting,
        label="上午",
        starts_at="08:30",
        ends_at="12:00",
        host=PersonInput("孟庆华", "示范省工业经济联合会", "秘书长"),
    )
    add_session(
        session=session,
        meeting=meeting,
        label="下午",
        starts_at="14:00",
        ends_at="17:30",
        focus="专精特新企业申报与培育",
        host=PersonInput("唐晓东", "示范省工业经济联合会培训部", "主任"),
    )
    programme = [
        ("专精特新企业的成长路径", "lecture", 1, [_GUESTS[2]], None),
        ("讲话", "speech", 1, [_GUESTS[0]], "陈立德局长表示，专精特新企业是制造业的中坚力量。"),
        ("致辞", "speech", 1, [_GUESTS[1]], None),
        (
            "专精特新企业申报的注意事项",
            "report",
            2,
            [PersonInput("韩雪梅", "示范省工业经济联合会培训部", "副主任")],
            None,
        ),
        (
            "两家企业的培育经验",
            "exchange",
            2,
            [
                PersonInput("邵建国", "示范精工机械有限公司", "总经理"),
                PersonInput("钱丽娟", "示范新材料科技有限公司", "副总经理"),
            ],
            None,
        ),
    ]
    for number, (title, kind, block, speakers, notes) in enumerate(programme, 1):
        item = add_item(session=session, meeting=meeting, title=title, kind=kind)
        item.notes = notes
        place_item(session=session, meeting=meeting, number=number, session_number=block)
        add_speakers(session=session, meeting=meeting, number=number, people=speakers)
    session.flush()
    _participants(session, meeting, units)
    _monthly_series(session)
    return meeting


def _monthly_series(session: Session) -> None:
    """月度座谈会: the second Thursday of every month of 2021 (dated before the demo's
    二届二次 meeting, which stays the latest), February's moved after the holiday, one
    cancelled."""
    _, made = plan_series(
        session=session,
        name="月度座谈会",
        kind="座谈会",
        rule=Rule("month", 1, 2, 3),
        starts_on=date(2021, 1, 1),
        until=date(2021, 11, 30),
        starts_at="14:30",
        venue="协会会议室",
        topic="会员企业",
    )
    move_occurrence(session=session, meeting=made[1], to=date(2021, 2, 25))
    cancel_occurrence(session=session, meeting=made[7], reason="疫情防控")


_NAMES = "王建华 李秀梅 张志强 刘海燕 陈国庆 杨丽娟 赵文斌 黄晓玲 周建军 吴春梅 徐立新 孙玉兰"


def _participants(session: Session, meeting: Meeting, units: list[Member]) -> None:
    """Twelve participants from six member units, two from elsewhere (one waitlisted);
    fees paid by most, one voided as a duplicate; both sessions' sign-in; certificates."""
    set_class_terms(
        session=session,
        meeting=meeting,
        capacity=13,
        fee_member=30_000,
        fee_other=80_000,
        min_sessions=2,
    )
    people = [
        Participant(name, units[index // 2].name, "技术员" if index % 2 else "总经理")
        for index, name in enumerate(_NAMES.split())
    ]
    people += [
        Participant("马志远", "示范市某某咨询有限公司", "顾问"),
        Participant("林书豪", "邻市机械制造有限公司", "工程师"),
    ]
    registered = register(session=session, meeting=meeting, people=people, waitlist=True)
    for index, registration in enumerate(registered[:11]):
        pay_fee(session=session, registration=registration, on=date(2021, 6, 1 + index % 7))
    void_fee(session=session, receipt="PX2021-0003", on=date(2021, 6, 8), reason="重复录入")
    sessions = event_sessions(session=session, meeting=meeting)
    present = [r for r in registered if r.status == "registered"]
    sign_in(session=session, block=sessions[0], registrations_in=present)
    sign_in(session=session, block=sessions[1], registrations_in=present[:-2])
    issue_certificates(session=session, meeting=meeting, on=date(2021, 6, 10))
