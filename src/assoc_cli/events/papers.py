"""A class's papers: the programme (日程/会议手册: sessions, times, 主持, items with
speakers), the sign-in sheet of one session (签到表), the participants list (学员名单) and
the certificates (结业证书, one per page). Each is an A4 paper through files/papers.py; the
tables are also listings (``-f csv``)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from assoc_cli.db.models import EventOrganiser, Meeting
from assoc_cli.events.certificates import certificate_register
from assoc_cli.events.choices import ORGANISER_ROLES
from assoc_cli.events.queries import programme_listing
from assoc_cli.events.service import session_at
from assoc_cli.events.training import CANCELLED, registrations
from assoc_cli.files.papers import Document
from assoc_cli.i18n import localize, t
from assoc_cli.i18n.dates import format_date
from assoc_cli.listing import Column, Listing
from assoc_cli.meetings.papers import Paper
from assoc_cli.meetings.queries import describe


def _heading(doc: Document, session: Session, meeting: Meeting, lang: str, suffix: str) -> str:
    title = describe(session, meeting)
    doc.title(title + suffix)
    when = format_date(meeting.held_on, lang) + (
        f" {meeting.starts_at}" if meeting.starts_at else ""
    )
    lines = [t("doc.time", lang, value=when)]
    if meeting.venue:
        lines.append(t("doc.venue", lang, value=meeting.venue))
    doc.lines(lines)
    return title


def programme_paper(*, session: Session, meeting: Meeting, lang: str) -> Paper:
    """The programme (日程): organisers by role, then each session with its time and 主持
    and its items with speakers."""
    doc = Document(lang=lang)
    suffix = " — programme" if lang == "en" else "日程"
    title = _heading(doc, session, meeting, lang, suffix)
    organisers: dict[str, list[str]] = {}
    for organiser in session.exec(
        select(EventOrganiser)
        .where(EventOrganiser.meeting_id == meeting.id)
        .order_by(col(EventOrganiser.position))
    ):
        organisers.setdefault(organiser.role, []).append(organiser.name)
    lines = []
    for role, label in ORGANISER_ROLES.items():
        if role in organisers:
            name = label.en if lang == "en" else localize(label.zh + "单位", lang)
            sep = ", " if lang == "en" else "、"
            lines.append(
                f"{name}: {sep.join(organisers[role])}"
                if lang == "en"
                else f"{name}：{sep.join(organisers[role])}"
            )
    if lines:
        doc.lines(lines)
    listing = programme_listing(session=session, meeting=meeting)
    current: object = None
    table: list[list[str]] = []
    header = [t("col.position", lang), t("col.item", lang), t("col.speakers", lang)]

    def flush() -> None:
        if table:
            doc.table(header, list(table), wide=1)
            table.clear()

    for row in listing.rows:
        block = (row["session"], row["starts_at"], row["host"])
        if block != current:
            flush()
            current = block
            if row["session"]:
                text = str(row["session"]) + (f"（{row['starts_at']}）" if row["starts_at"] else "")
                doc.heading(text)
                if row["host"]:
                    doc.paragraph(t("doc.chair", lang, value=row["host"]))
        kind = t(f"itemkind.{row['kind']}", lang)
        table.append([str(row["position"]), f"{row['item']}（{kind}）", str(row["speakers"])])
    flush()
    return Paper(doc, f"{title}日程")


PARTICIPANT_KEYS = ("seq", "person", "unit", "title", "phone", "status")


def participants_listing(*, session: Session, meeting: Meeting, lang: str) -> Listing:
    """The participants (学员名单): everyone registered or waitlisted, in order."""
    rows = [
        {
            "seq": index,
            "person": r.name,
            "unit": r.unit,
            "title": r.post or "",
            "phone": r.phone or "",
            "status": t(f"registration.{r.status}", lang),
        }
        for index, r in enumerate(
            (r for r in registrations(session=session, meeting=meeting) if r.status != CANCELLED),
            1,
        )
    ]
    columns = [Column(key, f"signin.{key}") for key in PARTICIPANT_KEYS[:-1]]
    columns.append(Column("status", "col.status"))
    return Listing(columns, rows, title=describe(session, meeting), spreadsheet=True)


def participants_paper(*, session: Session, meeting: Meeting, lang: str) -> Paper:
    """The participants list as a paper."""
    sheet = participants_listing(session=session, meeting=meeting, lang=lang)
    doc = Document(lang=lang)
    suffix = " — participants" if lang == "en" else "学员名单"
    title = _heading(doc, session, meeting, lang, suffix)
    keys = [c.key for c in sheet.columns]
    doc.table(
        [c.label(lang) for c in sheet.columns], [[str(row[k]) for k in keys] for row in sheet.rows]
    )
    return Paper(doc, f"{title}学员名单", sheet)


def signin_paper(*, session: Session, meeting: Meeting, number: int, lang: str) -> Paper:
    """The sign-in sheet of session *number*: the registered participants by unit."""
    block = session_at(session=session, meeting=meeting, number=number)
    people = [
        r for r in registrations(session=session, meeting=meeting) if r.status == "registered"
    ]
    rows = [
        {
            "seq": index,
            "person": r.name,
            "unit": r.unit,
            "title": r.post or "",
            "signature": "",
        }
        for index, r in enumerate(people, 1)
    ]
    keys = ("seq", "person", "unit", "title", "signature")
    sheet = Listing([Column(k, f"signin.{k}") for k in keys], rows, spreadsheet=True)
    doc = Document(lang=lang)
    suffix = f" — sign-in ({block.label})" if lang == "en" else f"{block.label}签到表"
    title = _heading(doc, session, meeting, lang, suffix)
    doc.table(
        [c.label(lang) for c in sheet.columns],
        [[str(row[k]) for k in keys] for row in rows],
        wide=keys.index("signature"),
    )
    return Paper(doc, f"{title}{block.label}签到表", sheet)


@dataclass(frozen=True)
class CertificatePages:
    """The certificates as one page's template and each page's values (see
    files/papers.write_docx_pages)."""

    template: Document
    pages: list[dict[str, str]]
    name: str


def certificates_paper(
    *, session: Session, meeting: Meeting, lang: str, association: str
) -> CertificatePages:
    """The certificates, one per A4 page: 结业证书, the number, the sentence, the issuer."""
    title = describe(session, meeting)
    doc = Document(lang=lang, author=association)
    doc.title("Certificate of completion" if lang == "en" else "结业证书")
    doc.lines(["No. {number}" if lang == "en" else "证书编号：{number}"])
    if lang == "en":
        doc.paragraph("{name}{unit} has completed the {title}.")
    else:
        doc.paragraph("{unit}{name}同志参加{title}，完成全部培训课程，准予结业。")
    doc.signature(["{association}", "{issued_on}"])
    pages = [
        {
            "number": cert.number,
            "name": localize(cert.name, lang),
            "unit": (f" of {cert.unit}" if cert.unit else "")
            if lang == "en"
            else localize(cert.unit, lang),
            "title": localize(title, lang),
            "association": localize(association, lang),
            "issued_on": format_date(cert.issued_on, lang),
        }
        for cert in certificate_register(session=session, meeting=meeting)
    ]
    return CertificatePages(doc, pages, f"{title}结业证书")


CERTIFICATE_COLUMNS = [
    Column("number", "col.certificate"),
    Column("name", "signin.person"),
    Column("unit", "signin.unit"),
    Column("post", "signin.title"),
    Column("issued_on", "col.issued_on", kind="date"),
    Column("reissues", "col.reissues", kind="int"),
]


def certificate_listing(*, session: Session, meeting: Meeting) -> Listing:
    """The register of certificates issued (证书登记表)."""
    rows = [
        {
            "number": c.number,
            "name": c.name,
            "unit": c.unit,
            "post": c.post or "",
            "issued_on": c.issued_on,
            "reissues": c.reissues,
        }
        for c in certificate_register(session=session, meeting=meeting)
    ]
    return Listing(CERTIFICATE_COLUMNS, rows, spreadsheet=True)
