"""Quorum and votes (法定人数, 表决): who should be there and who is, by the kind's rule;
resolutions with 应到/实到/赞成/反对/弃权 and whether they passed; the votes listing."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import case, func
from sqlmodel import Session, col, select

from assoc_cli.db.models import Attendance, Meeting, MeetingKind, Member, Resolution
from assoc_cli.errors import InvalidValueError
from assoc_cli.i18n import t
from assoc_cli.listing import Column, Listing, Report
from assoc_cli.meetings.choices import (
    AttendanceStatus,
    QuorumBase,
    QuorumRule,
    Role,
    Threshold,
    VoteMethod,
)
from assoc_cli.meetings.queries import describe_all, members_on


@dataclass(frozen=True)
class Quorum:
    """Who should be there, who is, what the rule needs."""

    rule: str
    expected: int
    present: int
    required: int

    @property
    def met(self) -> bool | None:
        """True/False, or None when the kind has no quorum rule."""
        return None if self.rule == QuorumRule.none else self.present >= self.required


def required_for(rule: str, expected: int) -> int:
    """Two thirds rounds up; a majority is more than half."""
    if rule == QuorumRule.two_thirds:
        return math.ceil(expected * 2 / 3)
    if rule == QuorumRule.majority:
        return expected // 2 + 1
    return 0


def quorum(*, session: Session, meeting: Meeting) -> Quorum:
    """Expected (应到), present (实到, proxies included), required and the rule."""
    kind = session.get(MeetingKind, meeting.kind_id)
    assert kind is not None
    invited, present = session.exec(
        select(
            func.count(),
            func.count(case((col(Attendance.status) == AttendanceStatus.present.value, 1))),
        ).where(Attendance.meeting_id == meeting.id, Attendance.role == Role.attend.value)
    ).one()
    if kind.quorum_base == QuorumBase.members:
        expected = session.exec(
            select(func.count()).select_from(Member).where(members_on(meeting.held_on))
        ).one()
    else:
        expected = invited
    return Quorum(
        kind.quorum, int(expected), int(present), required_for(kind.quorum, int(expected))
    )


def parse_vote_method(text: str) -> str:
    """无记名投票, 记名投票, 举手 or 鼓掌 (or secret, roll-call, hands, acclamation)."""
    method = VoteMethod.named(text.strip())
    if method is None:
        raise InvalidValueError(
            f'voting method "{text}" is not one of {", ".join(VoteMethod)}',
            zh=f"表决方式“{text}”不在 {', '.join(VoteMethod)} 之中",
        )
    return method.value


def record_vote(
    *,
    session: Session,
    meeting: Meeting,
    topic: str,
    votes_for: int,
    against: int,
    abstain: int,
    method: str,
    threshold: str,
    present: int | None,
) -> Resolution:
    """Record a resolution: 应到/实到/赞成/反对/弃权, and whether it passed by the rule."""
    if not topic.strip():
        raise InvalidValueError("name the motion voted on", zh="请写明表决的事项")
    if threshold not in set(Threshold):
        raise InvalidValueError(
            f"threshold is majority or two-thirds, not {threshold}",
            zh=f"通过门槛只能是 majority(过半数)或 two-thirds(三分之二),不能是 {threshold}",
        )
    if min(votes_for, against, abstain) < 0:
        raise InvalidValueError("vote counts cannot be negative", zh="票数不能为负数")
    counted = quorum(session=session, meeting=meeting)
    if present is not None:
        if counted.present > 0:
            raise InvalidValueError(
                f"attendance is recorded ({counted.present} present); leave out --present",
                zh=f"已登记出席({counted.present} 人出席);请不要给 --present",
            )
        if present < 1:
            raise InvalidValueError("--present must be 1 or more", zh="--present 必须为 1 或更多")
        if counted.expected and present > counted.expected:
            raise InvalidValueError(
                f"{present} present is more than the {counted.expected} expected",
                zh=f"出席 {present} 人,多于应到的 {counted.expected} 人",
            )
    there = present if present is not None else counted.present
    if there <= 0:
        raise InvalidValueError(
            "nobody is recorded present; mark attendance first (assoc meetings mark …) "
            "or give --present N",
            zh="没有记录任何人出席;请先登记出席(assoc meetings mark …)或给出 --present N",
        )
    if votes_for + against + abstain > there:
        raise InvalidValueError(
            f"{votes_for + against + abstain} votes were counted but only {there} were present",
            zh=f"计票 {votes_for + against + abstain} 票,但出席只有 {there} 人",
        )
    passed = (
        votes_for * 2 > there if threshold == Threshold.majority else votes_for * 3 >= there * 2
    )
    resolution = Resolution(
        meeting_id=meeting.id,  # type: ignore[arg-type]
        topic=topic.strip(),
        method=method,
        threshold=threshold,
        expected=max(counted.expected, there),
        present=there,
        votes_for=votes_for,
        votes_against=against,
        abstentions=abstain,
        passed=passed,
        created_at=datetime.now(UTC),
    )
    session.add(resolution)
    session.flush()
    return resolution


def resolutions(*, session: Session, meeting: Meeting | None = None) -> list[Resolution]:
    """Recorded votes, oldest first."""
    query = select(Resolution)
    if meeting is not None:
        query = query.where(Resolution.meeting_id == meeting.id)
    return list(session.exec(query.order_by(col(Resolution.id))))


def quorum_report(*, session: Session, meeting: Meeting, lang: str) -> Report:
    """``assoc meetings quorum``: the figures for machines, and for people the sentence
    saying whether the quorum is met (or that the kind has no quorum rule)."""
    result = quorum(session=session, meeting=meeting)
    key = (
        "msg.quorum_none"
        if result.met is None
        else "msg.quorum_met"
        if result.met
        else "msg.quorum_not_met"
    )
    sentence = t(
        key, lang, expected=result.expected, present=result.present, required=result.required
    )
    return Report(
        parts=[],
        fields=[
            (Column("quorum"), result.rule),
            (Column("expected"), result.expected),
            (Column("present"), result.present),
            (Column("required"), result.required),
            (Column("met"), result.met),
        ],
        lines=[sentence],
    )


VOTE_COLUMNS = [
    Column("meeting"),
    Column("topic"),
    Column("method"),
    Column("threshold"),
    *(
        Column(key, kind="int")
        for key in ("expected", "present", "votes_for", "votes_against", "abstentions")
    ),
    Column("passed", kind="bool"),
]


def votes_listing(*, session: Session, meeting: Meeting | None) -> Listing:
    """``assoc meetings votes``: the recorded votes (of one meeting), oldest first."""
    recorded = resolutions(session=session, meeting=meeting)
    ids = {resolution.meeting_id for resolution in recorded}
    titles = describe_all(
        session, list(session.exec(select(Meeting).where(col(Meeting.id).in_(ids))))
    )
    rows = [
        {
            "meeting": titles[r.meeting_id],
            "topic": r.topic,
            "method": r.method,
            "threshold": r.threshold,
            "expected": r.expected,
            "present": r.present,
            "votes_for": r.votes_for,
            "votes_against": r.votes_against,
            "abstentions": r.abstentions,
            "passed": r.passed,
        }
        for r in recorded
    ]
    return Listing(VOTE_COLUMNS, rows)
