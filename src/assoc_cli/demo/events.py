"""The demo's training class: seed 002's 第一期培训班 with fictional names — organisers in
their roles, guests by rank, a morning and an afternoon session with their 主持, a lecture,
speeches and talks — so `assoc events release` has something to draft from."""

from __future__ import annotations

from datetime import date

from sqlmodel import Session

from assoc_cli.db.models import Meeting
from assoc_cli.events.service import (
    PersonInput,
    add_organisers,
    add_people,
    add_session,
    add_speakers,
    place_item,
)
from assoc_cli.meetings.service import MeetingInput, add_item, create_meeting

_GUESTS = [
    PersonInput("陈立德", "示范市工业和信息化局", "局长", rank=1),
    PersonInput("许文华", "示范市张店区人民政府", "副区长", rank=2),
    PersonInput("高志远", "示范省工业经济联合会", "副会长", rank=3),
]


def build_events(*, session: Session, association: str) -> Meeting:
    """The demo association's 2022 专精特新 class (第一期培训班) on 10 June 2022."""
    meeting = create_meeting(
        session=session,
        data=MeetingInput(
            kind="培训班",
            held_on=date(2022, 6, 10),
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
    return meeting
