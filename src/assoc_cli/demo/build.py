"""A fictional but realistic association for ``assoc demo``: about 60 units over the four
tiers, two terms, officers, segments, a few individual members and a few who left.

Everything goes through the ordinary services, so the demo also exercises them. The
names are made up (示范市 is no real city); any likeness to a real company is chance.
"""

from __future__ import annotations

import random
from datetime import date
from typing import Any

from sqlmodel import Session

from assoc_cli.actions.service import add_action
from assoc_cli.association.profile import setup_association
from assoc_cli.db.models import DuesEntry, Meeting, Member
from assoc_cli.demo.events import build_events
from assoc_cli.demo.services import build_services_demo
from assoc_cli.demo.statistics import build_statistics
from assoc_cli.demo.today import add_today_items
from assoc_cli.dues.policy import dues_policy
from assoc_cli.dues.service import (
    PaymentInput,
    log_notice,
    record_payment,
    record_waiver,
    set_rate,
    void_entry,
)
from assoc_cli.dues.statement import member_ledger
from assoc_cli.meetings.service import (
    MeetingInput,
    add_item,
    attendees,
    create_meeting,
    invite_member,
    invite_offices,
    invite_person,
    mark,
    note_item,
)
from assoc_cli.members.credit_code import ALPHABET, check_character
from assoc_cli.members.service import add_member, leave_member
from assoc_cli.organisation.offices import assign_office, find_office
from assoc_cli.organisation.terms import add_term

ASSOCIATION = "示范市装备制造业协会"
SHORT_NAME = "示范装协"

_BRANDS = [
    "通达",
    "华普",
    "永盛",
    "鑫源",
    "恒泰",
    "金宇",
    "宏图",
    "瑞丰",
    "泰和",
    "海川",
    "东岳",
    "齐鲁",
    "博远",
    "中科",
    "润华",
    "天成",
    "嘉禾",
    "联创",
    "明德",
    "昌盛",
    "汇能",
    "正阳",
    "开元",
    "利华",
    "长青",
    "盛世",
    "鼎力",
    "祥云",
    "万方",
    "新民",
]
_TRADES = (
    ("机电科技", "生产"),
    ("重工机械", "生产"),
    ("精密机械", "生产"),
    ("液压设备", "生产"),
    ("减速机", "生产"),
    ("电机", "生产"),
    ("石化装备", "生产"),
    ("阀门", "生产"),
    ("铸造", "原料"),
    ("特钢材料", "原料"),
    ("新材料", "原料"),
    ("物流", "物流"),
    ("供应链管理", "物流"),
    ("五金机电连锁", "销售"),
    ("设备贸易", "销售"),
    ("智能装备研究院", "研发"),
    ("自动化技术", "研发"),
)
_SURNAMES = [
    "王",
    "李",
    "张",
    "刘",
    "陈",
    "杨",
    "赵",
    "黄",
    "周",
    "吴",
    "徐",
    "孙",
    "胡",
    "朱",
    "高",
    "林",
    "何",
    "郭",
    "马",
    "罗",
    "梁",
    "宋",
    "郑",
    "谢",
    "韩",
    "唐",
    "冯",
    "于",
    "董",
    "萧",
    "程",
    "曹",
    "袁",
    "邓",
    "许",
    "傅",
    "沈",
    "曾",
    "彭",
    "吕",
    "蔡",
    "巩",
]
_GIVEN = [
    "志强",
    "建国",
    "秀英",
    "明",
    "丽华",
    "伟",
    "海涛",
    "立正",
    "传强",
    "美兰",
    "万中",
    "庆合",
    "延军",
    "节平",
    "晓红",
    "训岩",
    "怀胜",
    "辉",
    "杰",
    "渤",
    "国栋",
    "春燕",
    "振华",
    "子涵",
]
_TITLES = ("董事长", "总经理", "副总经理", "办公室主任", "总工程师")
# Offices in the current term: (office, how many units hold it).
_OFFICERS = (("会长", 1), ("执行会长", 3), ("副会长", 8), ("监事长", 1), ("理事", 16), ("监事", 2))
DEMO_UNITS = 60


def _credit_code(rng: random.Random) -> str:
    body = "91370300" + "".join(rng.choice(ALPHABET[:10]) for _ in range(8)) + rng.choice(ALPHABET)
    return body + check_character(body)


def _person(rng: random.Random) -> str:
    return rng.choice(_SURNAMES) + rng.choice(_GIVEN)


def _units(rng: random.Random) -> list[dict[str, Any]]:
    names: set[str] = set()
    units: list[dict[str, Any]] = []
    while len(units) < DEMO_UNITS:
        brand = rng.choice(_BRANDS)
        trade, segment = rng.choice(_TRADES)
        name = f"示范{brand}{trade}有限公司"
        if name in names:
            continue
        names.add(name)
        employees = rng.choice((35, 60, 85, 120, 180, 260, 420, 650, 1200))
        party = max(1, employees * rng.randint(4, 14) // 100)
        units.append(
            {
                "name": name,
                "short_name": brand + trade[:2],
                "kind": "unit",
                "credit_code": _credit_code(rng),
                "representative": _person(rng),
                "representative_title": rng.choice(_TITLES),
                "phone": f"138{rng.randint(0, 99999999):08d}",
                "address": f"示范市{rng.choice(('张店区', '高新区', '经开区', '临港区'))}{rng.randint(1, 300)}号",
                "segment": segment,
                "joined_on": date(rng.randint(2012, 2022), rng.randint(1, 12), rng.randint(1, 28)),
                "employees": employees,
                "party_members": party,
                "has_party_org": party >= 3,
            }
        )
    return units


def build_demo(*, session: Session, seed: int = 2021) -> dict[str, Any]:
    """Fill an empty database with the demo association; returns a few facts for the tour."""
    rng = random.Random(seed)
    setup_association(
        session=session,
        name=ASSOCIATION,
        short_name=SHORT_NAME,
        address="示范市张店区人民西路1号",
        phone="0533-0000000",
        language="zh-Hans",
        bank_name="示范银行人民西路支行",
        bank_account="6200 0000 0000 0000 000",
        account_name=ASSOCIATION,
    )
    second = add_term(session=session, number=2, start=date(2021, 6, 18), years=5)
    third = add_term(session=session, number=3, start=date(2026, 6, 18), years=5)
    members = [add_member(session=session, values=unit) for unit in _units(rng)]
    for name, joined in (("周明远", date(2020, 5, 8)), ("林晓红", date(2023, 2, 14))):
        members.append(
            add_member(
                session=session,
                values={
                    "name": name,
                    "kind": "person",
                    "segment": "研发",
                    "joined_on": joined,
                    "phone": f"139{rng.randint(0, 99999999):08d}",
                },
            )
        )
    # Officers: the same units mostly serve both terms, as in real associations.
    order = members[:DEMO_UNITS]
    position = 0
    for office_name, count in _OFFICERS:
        office = find_office(session=session, name=office_name)
        for unit in order[position : position + count]:
            for term in (second, third):
                assign_office(
                    session=session,
                    member=unit,
                    office=office,
                    term=term,
                    person=unit.representative,
                )
        position += count
    # Two units left: one closed down, one stopped paying.
    leave_member(
        session=session, member=members[DEMO_UNITS - 1], on=date(2023, 12, 31), reason="企业注销"
    )
    leave_member(
        session=session,
        member=members[DEMO_UNITS - 2],
        on=date(2024, 12, 31),
        reason="连续两年未缴会费",
    )
    _dues(session, rng, members)
    meeting = _meetings(session, members)
    build_statistics(session, members)
    build_services_demo(session=session, members=members, seed=seed)
    add_today_items(session)
    build_events(session=session, association=ASSOCIATION, units=members[:6])
    return {
        "association": ASSOCIATION,
        "members": len(members),
        "example": members[5],
        "meeting": meeting,
    }


def _meetings(session: Session, members: list[Member]) -> Meeting:
    """Seed 001's meeting, with fictional names: the 二届二次会长办公(扩大)会 on 5 December,
    its five-item agenda (the third the live dues report), attendance and two action items.
    An earlier 二届一次 meeting gives it its number."""
    president = members[0].representative or "会长"
    first = create_meeting(
        session=session,
        data=MeetingInput(
            kind="会长办公会",
            held_on=date(2021, 8, 20),
            starts_at="09:00",
            venue="协会会议室",
            chair=president,
        ),
    )
    invite_offices(
        session=session,
        meeting=first,
        offices=["会长", "执行会长", "副会长", "监事长"],
        role="attend",
    )
    for attendee, _ in attendees(session=session, meeting=first):
        mark(session=session, attendee=attendee, status="present", reason=None, proxy=None)
    add_action(
        session=session,
        meeting=first,
        content="完成《示范装备制造业高质量发展调研报告》",
        owner="秘书处",
        due_on=date(2021, 11, 30),
    )
    meeting = create_meeting(
        session=session,
        data=MeetingInput(
            kind="会长办公会",
            held_on=date(2021, 12, 5),
            starts_at="14:30",
            venue="示范市张店区迎宾馆",
            chair=president,
            enlarged=True,
            use_template=False,
        ),
    )
    for title, kind, presenter in (
        ("学习党的十九届六中全会公报", "study", president),
        ("通报《示范装备制造业高质量发展调研报告》", "report", "秘书处"),
        ("秘书处通报近期会费收缴情况", "dues-report", "秘书处"),
        ("座谈商议明年协会工作计划", "discussion", None),
        (f"会长{president}讲话", "speech", president),
    ):
        add_item(session=session, meeting=meeting, title=title, presenter=presenter, kind=kind)
    invite_offices(
        session=session,
        meeting=meeting,
        offices=["会长", "执行会长", "副会长", "监事长"],
        role="attend",
    )
    for unit in (members[13], members[14]):
        invite_member(
            session=session, meeting=meeting, member=unit, role="sit-in", person=None, title=None
        )
    invite_person(
        session=session, meeting=meeting, person="秘书处工作人员", title="秘书处", role="sit-in"
    )
    for index, (attendee, _) in enumerate(attendees(session=session, meeting=meeting)):
        if index == 6:
            mark(session=session, attendee=attendee, status="leave", reason="外出考察", proxy=None)
        else:
            mark(session=session, attendee=attendee, status="present", reason=None, proxy=None)
    note_item(
        session=session,
        meeting=meeting,
        number=4,
        text="与会人员围绕明年工作计划充分讨论,提出加强调研服务、推进会员企业交流等意见。",
    )
    add_action(
        session=session,
        meeting=meeting,
        content="起草2022年协会工作计划,提交理事会审议",
        owner=members[2].representative or "执行会长",
        due_on=date(2022, 3, 31),
    )
    add_action(
        session=session,
        meeting=meeting,
        content="组织会员企业赴先进地区学习考察",
        owner="秘书处",
        due_on=date(2022, 6, 30),
    )
    return meeting


# Annual dues per tier in yuan, adopted at the term's first member assembly.
RATES = {"会长单位": 30000, "副会长单位": 20000, "理事单位": 10000, "会员单位": 3000}


# The unit whose 2022 dues the council halved (M0041).
WAIVED = 40


def _dues(session: Session, rng: random.Random, members: list[Member]) -> None:
    """Two years of dues, shaped like seed 001: the 2022 notice goes out on 18 November
    and by 30 November a little over 80% of the units have paid; 2021 mostly settled."""
    for year in (2021, 2022):
        for tier, yuan in RATES.items():
            set_rate(
                session=session,
                year=year,
                tier_name=tier,
                amount_fen=yuan * 100,
                adopted_by="二届一次会员大会",
            )
    policy = dues_policy(session)
    methods = ("银行转账",) * 6 + ("微信", "现金", "支付宝")
    due = {
        (row["member_id"], row["year"]): row["net_due"]
        for member in members
        if member.id is not None
        for row in member_ledger(session, policy, member_id=member.id, as_of=date(2022, 12, 31))
    }
    for index, member in enumerate(members):
        assert member.id is not None
        owed_2021 = due.get((member.id, 2021), 0)
        owed_2022 = due.get((member.id, 2022), 0)
        # 2021: nearly everyone paid by year end; a handful did not.
        if owed_2021 and index % 13 != 7:
            day = date(2021, rng.choice((11, 12)), rng.randint(1, 28))
            _pay(session, member, owed_2021, day, 2021, rng.choice(methods))
        if index == WAIVED:
            # A waiver approved by the council before the unit paid its 2022 dues.
            record_waiver(
                session=session,
                member=member,
                year=2022,
                amount_fen=150000,
                on=date(2022, 11, 10),
                reason="受疫情影响,理事会同意减半",
                approved_by="二届三次理事会",
            )
        if not owed_2022:
            continue
        pattern = index % 10
        if pattern in (3, 8) and index % 4 == 0:
            continue  # still unpaid on 30 November
        if pattern == 5 and index % 3 == 0:
            _pay(
                session,
                member,
                owed_2022 // 2,
                date(2022, 11, rng.randint(19, 29)),
                2022,
                "银行转账",
            )
            continue  # paid half so far
        day = (
            date(2022, 11, rng.randint(18, 30))
            if pattern != 9
            else date(2022, 12, rng.randint(1, 20))
        )
        _pay(session, member, owed_2022, day, 2022, rng.choice(methods))
    # A unit paying two years at once (oldest first), an overpayment kept as credit, and
    # a duplicate entry voided.
    _pay(session, members[20], 2000000, date(2022, 11, 22), None, "银行转账")
    _pay(session, members[33], 400000, date(2022, 11, 24), 2022, "微信")
    duplicate = _pay(session, members[14], 1000000, date(2022, 11, 25), 2022, "银行转账")
    void_entry(
        session=session, reference=duplicate.receipt or "", on=date(2022, 11, 28), reason="重复录入"
    )
    # The 2022 notices went out on 18 November.
    for member in members:
        if due.get((member.id or 0, 2022), 0):
            log_notice(
                session=session,
                member_id=member.id or 0,
                year=2022,
                kind="notice",
                sent_on=date(2022, 11, 18),
                balance_fen=due[(member.id or 0, 2022)],
                document=None,
            )


def _pay(
    session: Session, member: Member, fen: int, on: date, year: int | None, method: str
) -> DuesEntry:
    paid = record_payment(
        session=session,
        member=member,
        payment=PaymentInput(amount_fen=fen, on=on, year=year, method=method),
    )
    entry = session.get(DuesEntry, paid.entry_id)
    assert entry is not None
    return entry
