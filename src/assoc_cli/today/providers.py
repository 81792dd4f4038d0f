"""The attention providers of the features below this one: one function per kind of item
(``attention.registry`` lists them in the page's order).

Each reads what it needs in SQL, as of the day the page is for, and names a command that
runs as written (a test runs every command the demo's page lists).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import and_, exists, func, select

from assoc_cli.db.core import (
    action_item_t,
    agenda_item_t,
    attendance_t,
    dues_notice_t,
    dues_rate_t,
    meeting_t,
    setting_t,
    term_t,
)
from assoc_cli.i18n import t, term_label
from assoc_cli.i18n.dates import format_date
from assoc_cli.i18n.money import format_money
from assoc_cli.today.item import Attention

if TYPE_CHECKING:
    from sqlalchemy import Exists

    from assoc_cli.db.reader import DbSession as Session

# How far ahead the page looks for meetings, and for the end of a term (换届).
MEETINGS_AHEAD = timedelta(days=14)
ELECTION_AHEAD_MONTHS = 6
# A reminder (催缴) is due this long after the notice went out, to those still owing.
REMIND_AFTER = timedelta(days=14)
# A backup older than this is stale.
BACKUP_EVERY = timedelta(days=7)


def dues_year(session: Session, on: date) -> int | None:
    """The dues year being collected on *on*: the latest year with rates set, up to the
    next calendar year (2022's dues are collected from November 2021); None without rates."""
    query = select(func.max(dues_rate_t.c.year)).where(dues_rate_t.c.year <= on.year + 1)
    year = session.connection().execute(query).scalar()
    return int(year) if year is not None else None


def dues_collection(session: Session, on: date, lang: str) -> list[Attention]:
    """The current dues year's collection so far, with how many still owe."""
    from assoc_cli.dues.collection import collection_figures
    from assoc_cli.dues.policy import dues_policy

    year = dues_year(session, on)
    if year is None:
        return []
    _, total = collection_figures(session, dues_policy(session), year=year, as_of=on, by=None)
    if not total.members_owing:
        return []
    owing = total.members_owing - total.paid_full
    rate = total.rate_count
    text = t(
        "today.dues",
        lang,
        year=year,
        owing=total.members_owing,
        full=total.paid_full,
        rate=f"{rate}%" if rate is not None else "—",
        unpaid=owing,
        outstanding=format_money(total.outstanding),
    )
    command = f"assoc dues unpaid --year {year}" if owing else f"assoc dues report --year {year}"
    return [Attention("dues", text, (command,))]


def notices_not_sent(session: Session, on: date, lang: str) -> list[Attention]:
    """Members owing for the dues year who were sent no notice; and, two weeks after the
    notices, those still owing who were sent no reminder (催缴)."""
    from assoc_cli.dues.ledger import year_ledger
    from assoc_cli.dues.policy import dues_policy

    year = dues_year(session, on)
    if year is None:
        return []
    ledger = year_ledger(session, dues_policy(session), on, year)

    def sent(kind: str, by: date) -> Exists:
        return exists().where(
            dues_notice_t.c.member_id == ledger.c.member_id,
            dues_notice_t.c.year == year,
            dues_notice_t.c.kind == kind,
            dues_notice_t.c.sent_on <= by,
        )

    owing = and_(ledger.c.year == year, ledger.c.balance > 0)
    connection = session.connection()
    no_notice = connection.execute(
        select(func.count()).select_from(ledger).where(owing, ~sent("notice", on))
    ).scalar_one()
    items = []
    if no_notice:
        items.append(
            Attention(
                "notices",
                t("today.notices", lang, count=no_notice, year=year),
                (f"assoc dues notice --year {year} --docx -o {t('today.notice_folder', lang)}",),
            )
        )
    no_reminder = connection.execute(
        select(func.count())
        .select_from(ledger)
        .where(owing, sent("notice", on - REMIND_AFTER), ~sent("reminder", on))
    ).scalar_one()
    if no_reminder:
        folder = t("today.reminder_folder", lang)
        items.append(
            Attention(
                "notices",
                t("today.reminders", lang, count=no_reminder, year=year),
                (f"assoc dues notice --year {year} --unpaid --docx -o {folder}",),
            )
        )
    return items


def meetings_soon(session: Session, on: date, lang: str) -> list[Attention]:
    """Meetings in the next 14 days, with what their papers still lack and the commands
    that make them (agenda, sign-in sheet)."""
    connection = session.connection()
    ids = list(
        connection.execute(
            select(meeting_t.c.id)
            .where(meeting_t.c.held_on >= on, meeting_t.c.held_on <= on + MEETINGS_AHEAD)
            .where(meeting_t.c.status == "planned")
            .order_by(meeting_t.c.held_on, meeting_t.c.id)
        ).scalars()
    )
    if not ids:
        return []
    # Titles are made from the ORM rows (meetings.queries), on the page's own connection.
    from sqlmodel import Session as OrmSession
    from sqlmodel import col
    from sqlmodel import select as orm_select

    from assoc_cli.db.models import Meeting
    from assoc_cli.meetings.queries import describe_all

    orm = OrmSession(bind=connection)
    meetings = list(
        orm.exec(
            orm_select(Meeting)
            .where(col(Meeting.id).in_(ids))
            .order_by(col(Meeting.held_on), col(Meeting.id))
        )
    )
    titles = describe_all(orm, meetings)
    items = []
    for meeting in meetings:
        assert meeting.id is not None
        agenda = connection.execute(
            select(func.count()).where(agenda_item_t.c.meeting_id == meeting.id)
        ).scalar_one()
        invited = connection.execute(
            select(func.count()).where(attendance_t.c.meeting_id == meeting.id)
        ).scalar_one()
        lacking = []
        if not agenda:
            lacking.append(t("today.no_agenda", lang, id=meeting.id))
        if not invited:
            invite = f"assoc meetings invite {meeting.id} --offices 会长,副会长"
            lacking.append(t("today.no_invitations", lang, invite=invite))
        days = (meeting.held_on - on).days
        text = t(
            "today.meeting",
            lang,
            date=format_date(meeting.held_on, lang),
            days=days,
            title=titles[meeting.id],
            agenda=agenda,
            invited=invited,
        )
        if lacking:
            text += t("today.lacking", lang, what=t("today.join", lang).join(lacking))
        commands = [f"assoc meetings show {meeting.id}"]
        if agenda:
            commands.append(
                f"assoc meetings agenda render {meeting.id} -f docx "
                f"-o {t('today.agenda_file', lang, id=meeting.id)}"
            )
        if invited:
            commands.append(
                f"assoc meetings signin {meeting.id} -f docx "
                f"-o {t('today.signin_file', lang, id=meeting.id)}"
            )
        items.append(Attention("meetings", text, tuple(commands)))
    return items


def overdue_actions(session: Session, on: date, lang: str) -> list[Attention]:
    """Open action items past their deadline: how many, and the oldest."""
    overdue = and_(action_item_t.c.status == "open", action_item_t.c.due_on < on)
    connection = session.connection()
    count = connection.execute(select(func.count()).where(overdue)).scalar_one()
    if not count:
        return []
    oldest = connection.execute(
        select(action_item_t.c.content, action_item_t.c.owner, action_item_t.c.due_on)
        .where(overdue)
        .order_by(action_item_t.c.due_on, action_item_t.c.id)
        .limit(1)
    ).one()
    text = t(
        "today.actions",
        lang,
        count=count,
        content=oldest.content,
        owner=oldest.owner,
        due=format_date(oldest.due_on, lang),
    )
    return [Attention("actions", text, ("assoc actions list --overdue",))]


def _months_later(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def election_due(session: Session, on: date, lang: str) -> list[Attention]:
    """换届: the term in force ends within six months, or has ended with none after it."""
    connection = session.connection()
    term = connection.execute(
        select(term_t.c.number, term_t.c.end_on)
        .where(term_t.c.start_on <= on)
        .order_by(term_t.c.start_on.desc())
        .limit(1)
    ).first()
    if term is None or term.end_on > _months_later(on, ELECTION_AHEAD_MONTHS):
        return []
    following = connection.execute(
        select(term_t.c.number, term_t.c.start_on)
        .where(term_t.c.start_on > on)
        .order_by(term_t.c.start_on)
        .limit(1)
    ).first()
    label = term_label(term.number, lang)
    end = format_date(term.end_on, lang)
    if term.end_on < on:
        text = t("today.election_late", lang, label=label, end=end)
    else:
        text = t("today.election", lang, label=label, end=end, days=(term.end_on - on).days)
    if following is not None:
        text += t(
            "today.election_next",
            lang,
            label=term_label(following.number, lang),
            start=format_date(following.start_on, lang),
        )
    else:
        text += t(
            "today.election_record",
            lang,
            number=term.number + 1,
            start=(term.end_on + timedelta(days=1)).isoformat(),
        )
    return [Attention("election", text, ("assoc terms list",))]


def backup_stale(session: Session, on: date, lang: str) -> list[Attention]:
    """No backup recorded (``assoc db backup`` notes each), or the last is over a week old."""
    from assoc_cli.db.values import LAST_BACKUP

    stamp = (
        session.connection()
        .execute(select(setting_t.c.value).where(setting_t.c.key == LAST_BACKUP))
        .scalar()
    )
    command = (f"assoc db backup {t('today.backup_file', lang, date=on.isoformat())}",)
    if stamp is None:
        return [Attention("backup", t("today.no_backup", lang), command)]
    try:
        last = datetime.fromisoformat(str(stamp)).astimezone(UTC).date()
    except ValueError:
        return [Attention("backup", t("today.no_backup", lang), command)]
    if last > on or on - last <= BACKUP_EVERY:
        return []
    text = t("today.old_backup", lang, date=format_date(last, lang), days=(on - last).days)
    return [Attention("backup", text, command)]


# Member requests (诉求) due within this many working days show on the page (催办).
REQUESTS_WITHIN = 3


def requests_due(session: Session, on: date, lang: str) -> list[Attention]:
    """Open member requests (诉求) due within three working days, or overdue: how many,
    how many overdue, and the earliest deadline."""
    from assoc_cli.services.queries import due_requests

    rows = due_requests(session, within=REQUESTS_WITHIN, as_of=on)
    if not rows:
        return []
    overdue = sum(bool(row["overdue"]) for row in rows)
    first = rows[0]
    text = t(
        "today.requests",
        lang,
        count=len(rows),
        days=REQUESTS_WITHIN,
        overdue=overdue,
        number=first["number"],
        member=first["member"],
        due=format_date(first["due_on"], lang),
    )
    commands = [f"assoc requests remind --within {REQUESTS_WITHIN}"]
    if overdue:
        commands.append("assoc requests overdue")
    return [Attention("requests", text, tuple(commands))]


def _period_text(year: int, start_month: int, end_month: int) -> str:
    """A period as ``assoc stats`` takes it: 2022-11, 2022-Q3 or 2022."""
    if start_month == 1 and end_month == 12:
        return str(year)
    if end_month - start_month == 2 and end_month % 3 == 0:
        return f"{year}-Q{end_month // 3}"
    return f"{year}-{end_month:02d}"


def statistics_overdue(session: Session, on: date, lang: str) -> list[Attention]:
    """For each reporting plan, its latest period past the due day when members of the
    plan have not reported it: how many, with the 催报 commands."""
    from assoc_cli.statistics.catalogue import plans
    from assoc_cli.statistics.collection import overdue_count

    items = []
    for plan in plans(session):
        past = [
            period
            for year in (on.year - 1, on.year)
            for period in plan.periods(year)
            if period.due_on(plan.due_day) < on
        ]
        if not past:
            continue
        period = past[-1]
        count = overdue_count(session, plan, period.year, period.end_month)
        if not count:
            continue
        text = t(
            "today.statistics",
            lang,
            count=count,
            plan=plan.name,
            period=period.label(lang),
            due=format_date(period.due_on(plan.due_day), lang),
        )
        typed = _period_text(period.year, period.start_month, period.end_month)
        notices = t("today.stats_reminder_file", lang, period=typed)
        commands = (f"assoc stats overdue {typed}", f"assoc stats remind {typed} --to {notices}")
        items.append(Attention("statistics", text, commands))
    return items
