"""Certificates of completion (结业证书): for participants who signed in at enough sessions
(the class's ``min_sessions``, else every session), numbered gap-free per class —
2020-01-0001: the class's year, its number that year (第一期), the participant's — in the
order they registered. A reissue (补发) keeps the number, counts up and is in the audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlmodel import Session, col, select

from assoc_cli.db.locks import serialize
from assoc_cli.db.models import EventCertificate, EventRegistration, Meeting
from assoc_cli.errors import ConflictError, InvalidValueError
from assoc_cli.events.service import event_sessions
from assoc_cli.events.training import REGISTERED, class_terms, sessions_attended
from assoc_cli.i18n.controls import one_line


def sessions_needed(session: Session, meeting: Meeting) -> int:
    """How many sessions earn the certificate: the class's rule, else all of them."""
    sessions = len(event_sessions(session=session, meeting=meeting))
    if sessions == 0:
        raise InvalidValueError(
            f"meeting #{meeting.id} has no sessions to attend; add them with: assoc events "
            f"session {meeting.id} 上午",
            zh=f"会议 #{meeting.id} 没有场次；请添加：assoc events session {meeting.id} 上午",
        )
    rule = class_terms(session, meeting).min_sessions
    return min(rule, sessions) if rule else sessions


def certificate_prefix(session: Session, meeting: Meeting) -> str:
    """2020-01: the class's year and its number that year (第一期), for a kind numbered by
    year; else, or when another kind's class already uses that prefix, the meeting's own
    number (2020-M12), so certificate numbers never repeat across classes."""
    from assoc_cli.db.models import MeetingKind
    from assoc_cli.meetings.choices import Numbering

    own = session.exec(
        select(EventCertificate.number).where(EventCertificate.meeting_id == meeting.id)
    ).first()
    if own is not None:  # the class keeps the prefix it began with
        return own.rsplit("-", 1)[0]
    kind = session.get(MeetingKind, meeting.kind_id)
    prefix = f"{meeting.held_on.year}-{meeting.sequence:02d}"
    if kind is not None and kind.numbering == Numbering.year:
        taken = session.exec(
            select(EventCertificate.id).where(
                col(EventCertificate.number).startswith(prefix + "-"),
                EventCertificate.meeting_id != meeting.id,
            )
        ).first()
        if taken is None:
            return prefix
    return f"{meeting.held_on.year}-M{meeting.id}"


def issue_certificates(
    *,
    session: Session,
    meeting: Meeting,
    on: date,
    chosen: list[EventRegistration] | None = None,
) -> list[EventCertificate]:
    """Issue certificates to *chosen* participants (all refused unless each attended
    enough and has none yet), or to every participant who earned one and has none yet."""
    serialize(session, f"assoc.certificates.{meeting.id}")
    needed = sessions_needed(session, meeting)
    attended = sessions_attended(session, meeting)
    issued = {
        c.registration_id
        for c in session.exec(
            select(EventCertificate).where(EventCertificate.meeting_id == meeting.id)
        )
    }
    if chosen is None:
        candidates = [
            r
            for r in session.exec(
                select(EventRegistration)
                .where(
                    EventRegistration.meeting_id == meeting.id,
                    EventRegistration.status == REGISTERED,
                )
                .order_by(col(EventRegistration.id))
            )
            if r.id not in issued and attended.get(r.id or 0, 0) >= needed
        ]
    else:
        candidates = []
        for registration in chosen:
            got = attended.get(registration.id or 0, 0)
            if registration.status != REGISTERED or got < needed:
                raise ConflictError(
                    f"{registration.name} attended {got} of the {needed} sessions a "
                    "certificate needs: no certificate",
                    zh=f"{registration.name} 出席 {got} 个场次，结业需出席 {needed} 个，不能发证",
                )
            if registration.id in issued:
                raise ConflictError(
                    f"{registration.name} already has a certificate; to print it again: "
                    f"assoc events reissue {meeting.id} {registration.name} --reason …",
                    zh=f"{registration.name} 已有结业证书；如需补发：assoc events reissue "
                    f"{meeting.id} {registration.name} --reason …",
                )
            candidates.append(registration)
    seq = int(
        session.exec(
            select(func.max(EventCertificate.seq)).where(EventCertificate.meeting_id == meeting.id)
        ).one()
        or 0
    )
    prefix = certificate_prefix(session, meeting)
    rows = []
    for registration in candidates:
        seq += 1
        row = EventCertificate(
            meeting_id=meeting.id,  # type: ignore[arg-type]
            registration_id=registration.id,  # type: ignore[arg-type]
            seq=seq,
            number=f"{prefix}-{seq:04d}",
            issued_on=on,
        )
        session.add(row)
        rows.append(row)
    session.flush()
    return rows


def reissue_certificate(
    *, session: Session, meeting: Meeting, registration: EventRegistration, reason: str
) -> EventCertificate:
    """Reissue a certificate (补发): the same number, one more reissue, the reason kept."""
    if not reason.strip():
        raise InvalidValueError(
            "a reissue needs a reason (--reason), e.g. 遗失",
            zh="补发需要说明理由（--reason），例如 遗失",
        )
    row = session.exec(
        select(EventCertificate).where(EventCertificate.registration_id == registration.id)
    ).first()
    if row is None:
        raise ConflictError(
            f"{registration.name} has no certificate to reissue",
            zh=f"{registration.name} 没有可补发的结业证书",
        )
    row.reissues += 1
    row.reissue_reason = one_line(reason, "the reason")
    session.add(row)
    session.flush()
    return row


@dataclass(frozen=True)
class CertificateFacts:
    """A certificate as the register and the paper state it."""

    number: str
    name: str
    unit: str
    post: str | None
    issued_on: date
    reissues: int


def certificate_register(*, session: Session, meeting: Meeting) -> list[CertificateFacts]:
    """The certificates issued for the class, by number (one query)."""
    rows = session.exec(
        select(EventCertificate, EventRegistration)
        .join(EventRegistration, col(EventRegistration.id) == EventCertificate.registration_id)
        .where(EventCertificate.meeting_id == meeting.id)
        .order_by(col(EventCertificate.seq))
    )
    return [
        CertificateFacts(c.number, r.name, r.unit, r.post, c.issued_on, c.reissues) for c, r in rows
    ]
