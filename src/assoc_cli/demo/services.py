"""The demo's year of member services (2022): requests taken in, handled and followed up
(a few late, one extended too late, one reopened), visits to a third of the units,
trainings, an application round with each firm's outcome, money saved for members."""

from __future__ import annotations

import random
from datetime import date, timedelta

from sqlmodel import Session

from assoc_cli.db.models import Member
from assoc_cli.services.choices import DEFAULTS
from assoc_cli.services.requests import (
    NewRequest,
    add_request,
    close_request,
    extend_request,
    follow_up_request,
    handle_request,
    reply_request,
)
from assoc_cli.services.visits import NewService, add_service, set_member_outcome

STAFF = ("李娜", "王强", "赵敏")
PROBLEMS = {
    "用工": "招工难，急需熟练焊工",
    "人才引进": "引进高级工程师的落户与住房",
    "要素保障": "蒸汽保供与用电增容",
    "子女就读": "外地骨干员工子女入学",
    "市场推广": "参加行业展会的展位与补贴",
    "融资": "流动资金贷款到期续贷困难",
    "政策资金": "技改补助资金申报",
    "纠纷协调": "工程款货款拖欠纠纷",
    "其他": "厂区周边道路维修",
}


def build_services_demo(*, session: Session, members: list[Member], seed: int) -> int:
    """Record 2022's requests and services for the demo's units; returns the request count."""
    rng = random.Random(seed * 18)
    units = [m for m in members if m.kind == "unit"]
    categories = list(PROBLEMS)
    sources = DEFAULTS["source"]
    count = 0
    day = date(2022, 1, 10)
    while day < date(2022, 11, 20):
        category = rng.choice(categories)
        member = rng.choice(units)
        handler = rng.choice(STAFF)
        request = add_request(
            session=session,
            new=NewRequest(
                member=member,
                received_on=day,
                source=rng.choice(sources),
                category=category,
                description=PROBLEMS[category],
                contact=member.representative,
                handler=handler,
                time_limit=rng.choice((5, 10, 15)),
            ),
        )
        count += 1
        handle_request(session=session, request=request, handler=None, lead_body=None, assisting=())
        assert request.due_on is not None
        fate = rng.random()
        if fate < 0.75:  # closed, mostly in time
            late = rng.random() < 0.15
            closed_on = request.due_on + timedelta(days=rng.randint(1, 9) if late else -1)
            closed_on = max(closed_on, day + timedelta(days=1))
            if late and rng.random() < 0.5:  # the extension came after the deadline
                extend_request(
                    session=session,
                    request=request,
                    to=closed_on + timedelta(days=3),
                    reason="需相关部门会商",
                    on=request.due_on + timedelta(days=1),
                )
            reply_request(session=session, request=request, result="已协调解决", on=closed_on)
            close_request(session=session, request=request, result=None, on=closed_on)
            answer = rng.choices(("满意", "基本满意", "不满意", None), (70, 20, 3, 7))[0]
            if answer is not None:
                follow_up_request(
                    session=session,
                    request=request,
                    answer=answer,
                    on=closed_on + timedelta(days=2),
                )
        day += timedelta(days=rng.randint(4, 9))
    _services(session, rng, units)
    return count


def _services(session: Session, rng: random.Random, units: list[Member]) -> None:
    visited = rng.sample(units, max(1, len(units) // 3))
    for i, member in enumerate(visited):
        add_service(
            session=session,
            new=NewService(
                held_on=date(2022, 2, 15) + timedelta(days=9 * i),
                kind="走访",
                staff=STAFF[i % len(STAFF)],
                members=(member,),
                summary="走访了解企业生产经营和用工需求",
                signed=rng.random() < 0.8,
            ),
        )
    for month, title in ((4, "安全生产管理培训"), (9, "出口退税政策培训")):
        add_service(
            session=session,
            new=NewService(
                held_on=date(2022, month, 20),
                kind="培训",
                staff="王强",
                members=tuple(rng.sample(units, min(12, len(units)))),
                title=title,
                summary=f"组织会员企业参加{title}",
            ),
        )
    applicants = rng.sample(units, min(4, len(units)))
    round_ = add_service(
        session=session,
        new=NewService(
            held_on=date(2022, 6, 8),
            kind="申报辅导",
            staff="李娜",
            members=tuple(applicants),
            title="省级专精特新中小企业申报",
            summary="辅导企业准备申报材料",
        ),
    )
    for j, member in enumerate(applicants):
        set_member_outcome(
            session=session, service=round_, member=member, outcome="成功" if j == 0 else "未成功"
        )
    add_service(
        session=session,
        new=NewService(
            held_on=date(2022, 7, 5),
            kind="协调",
            staff="赵敏",
            members=(units[0],),
            title="协调蒸汽集中供应价格",
            summary="与供热企业协商蒸汽价格",
            outcome="每月为企业节约7,500元",
            saved=750_000 * 12,
        ),
    )
    add_service(
        session=session,
        new=NewService(
            held_on=date(2022, 10, 12),
            kind="对接撮合",
            staff="王强",
            members=tuple(rng.sample(units, min(6, len(units)))),
            title="产需对接会",
            summary="组织会员企业与整机厂对接",
        ),
    )
