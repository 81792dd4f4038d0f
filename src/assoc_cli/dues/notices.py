"""Dues notices (会费收缴通知) and reminders (催缴通知), one per member, from the ledger:
choosing the members, each notice's facts and paper, writing or printing them, logging
each one sent (``assoc dues notice``), and the log itself (``assoc dues notices``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from assoc_cli.association.profile import require_association
from assoc_cli.db.core import dues_notice_t, member_t
from assoc_cli.db.models import Association
from assoc_cli.dues.choices import NoticeFormat, NoticeKind
from assoc_cli.dues.ledger import stream
from assoc_cli.dues.policy import dues_policy
from assoc_cli.dues.rates import require_rates
from assoc_cli.dues.service import log_notice
from assoc_cli.dues.unpaid import notice_select
from assoc_cli.errors import ConflictError, InvalidValueError
from assoc_cli.files.atomic import FileBatch
from assoc_cli.files.papers import Document, render_text, save
from assoc_cli.i18n import localize, t
from assoc_cli.i18n.dates import format_date
from assoc_cli.i18n.money import capital_amount, format_money
from assoc_cli.listing import Column, Listing
from assoc_cli.members.service import resolve_member

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass(frozen=True)
class NoticeFacts:
    """What one notice says about one member."""

    kind: str  # notice | reminder
    year: int
    number: str
    name: str
    tier: str
    due: int
    waived: int
    paid: int
    balance: int
    arrears_years: str | None
    arrears: int
    credit: int
    as_of: date
    deadline: date
    issued_on: date


def facts_from_row(
    row: dict[str, Any], *, kind: str, year: int, as_of: date, deadline: date
) -> NoticeFacts:
    """Notice facts from a row of ``dues.unpaid.notice_select``."""
    return NoticeFacts(
        kind=kind,
        year=year,
        number=row["number"],
        name=row["name"],
        tier=row["tier"],
        due=int(row["due"]),
        waived=int(row["waived"]),
        paid=int(row["paid"]),
        balance=int(row["balance"]),
        arrears_years=row.get("arrears_years"),
        arrears=int(row.get("arrears") or 0),
        credit=int(row.get("credit") or 0),
        as_of=as_of,
        deadline=deadline,
        issued_on=as_of,
    )


def _capital(fen: int, lang: str) -> str:
    # 大写 is a Chinese convention; the English templates do not print it.
    return localize(capital_amount(fen), lang)


def _years(years: str, lang: str) -> str:
    ordered = years.split("、")  # oldest first (db.sql.YearList)
    if lang == "en":
        return ", ".join(ordered)
    return "、".join(f"{year}年度" for year in ordered)


def notice_document(facts: NoticeFacts, association: Association, lang: str) -> Document:
    """The notice or reminder as a document, in *lang*."""
    doc = Document(lang=lang, author=association.name)
    doc.masthead(association.name)
    doc.title(t(f"notice.title.{facts.kind}", lang, year=facts.year))
    doc.addressee(t("notice.salutation", lang, name=facts.name, number=facts.number))
    day = format_date(facts.as_of, lang)
    if facts.kind == "reminder":
        doc.paragraph(t("notice.reminder_intro", lang, year=facts.year, date=day))
    body = t(
        "notice.body",
        lang,
        tier=localize(facts.tier, lang),
        year=facts.year,
        due=format_money(facts.due),
        due_capital=_capital(facts.due, lang),
    )
    if facts.waived:
        body += t("notice.waived", lang, waived=format_money(facts.waived))
    if facts.paid:
        body += t(
            "notice.paid",
            lang,
            date=day,
            paid=format_money(facts.paid),
            balance=format_money(facts.balance),
            balance_capital=_capital(facts.balance, lang),
        )
    doc.paragraph(body)
    if facts.arrears > 0 and facts.arrears_years:
        total = facts.balance + facts.arrears
        doc.paragraph(
            t(
                "notice.arrears",
                lang,
                years=_years(facts.arrears_years, lang),
                arrears=format_money(facts.arrears),
                total=format_money(total),
                total_capital=_capital(total, lang),
            )
        )
    if facts.credit > 0:
        doc.paragraph(t("notice.credit", lang, credit=format_money(facts.credit)))
    doc.paragraph(
        t("notice.deadline", lang, deadline=format_date(facts.deadline, lang), year=facts.year)
    )
    account = [
        t(key, lang, value=value)
        for key, value in (
            ("notice.account_name", association.account_name),
            ("notice.bank", association.bank_name),
            ("notice.account", association.bank_account),
            ("notice.contact", association.phone),
        )
        if value
    ]
    if not association.bank_account:
        account.insert(0, t("notice.no_account", lang))
    doc.lines(account)
    doc.paragraph(t("notice.thanks", lang))
    doc.signature(
        [
            t("notice.issuer", lang, association=association.name),
            format_date(facts.issued_on, lang),
        ]
    )
    return doc


def notice_file_name(facts: NoticeFacts, suffix: str) -> str:
    """A file name people recognise: M0012-山东双涵石化装备有限公司-2022年度会费通知.md."""
    kind = "会费通知" if facts.kind == "notice" else "催缴通知"
    safe = "".join(c for c in facts.name if c not in '\\/:*?"<>|').strip() or facts.number
    return f"{facts.number}-{safe}-{facts.year}年度{kind}.{suffix}"


class DeadlineBeforeIssueError(InvalidValueError):
    """The pay-by date given is before the notice is issued (a mistake in ``--deadline``)."""


@dataclass
class NoticesIssued:
    """What ``issue_notices`` did: the notice's text when it was printed rather than
    written, how many were written (or printed) and logged, how many were skipped as
    already sent, and the sentences for people, in order."""

    kind: NoticeKind
    printed: str | None = None
    written: int = 0
    skipped: int = 0
    folder: Path | None = None
    messages: list[str] = field(default_factory=list)


def issue_notices(
    session: Session,
    *,
    year: int,
    kind: NoticeKind,
    member: str | None,
    folder: Path | None,
    fmt: NoticeFormat,
    issued: date,
    deadline: date | None,
    again: bool,
    lang: str,
    files: FileBatch,
    mark_sent: bool = False,
) -> NoticesIssued:
    """Write the notice or reminder of *year* for each member owing dues for it (with
    *member*, that member only; a reminder only to those still owing) as of *issued*,
    payable by *deadline* (default: the policy's deadline in *year*), and log each one.

    Members who already had this kind for *year* are skipped unless *again*; for a single
    member that is an error, as is a member with nothing to pay. With a single member
    and no *folder*, the notice is printed (``printed``) unless it is a Word file; else
    the files go into *folder* (default: ``./dues-notices-YEAR``), each noted in *files*
    (so the caller can remove them all when the command fails).

    Only a notice written to a file is logged as sent: a printed one is a preview, logged
    only with *mark_sent* (then, as for files, one already sent needs *again*)."""
    association = require_association(session)
    policy = dues_policy(session)
    pay_by = deadline or date.fromisoformat(f"{year}-{policy.deadline}")
    if deadline is not None and pay_by < issued:
        raise DeadlineBeforeIssueError(
            f"the deadline {pay_by} is before the notice is issued ({issued})",
            zh=f"缴费截止日期 {pay_by} 早于通知发出日期({issued})",
        )
    result = NoticesIssued(kind=kind, messages=require_rates(session, lang, year))
    target = resolve_member(session=session, query=member) if member else None
    query = notice_select(
        session,
        policy,
        year=year,
        as_of=issued,
        kind=kind.value,
        member_id=target.id if target else None,
        only_owing=kind is NoticeKind.reminder,
    )
    rows = list(stream(session, query))
    if target is not None and not rows:
        raise InvalidValueError(
            f"{target.name} ({target.number}) "
            + ("owes nothing more" if kind is NoticeKind.reminder else "owes no dues")
            + f" for {year} as of {issued}",
            zh=f"{target.name}({target.number})截至 {issued} "
            + ("已无尚欠的" if kind is NoticeKind.reminder else "没有应缴的")
            + f"{year}年度会费",
        )
    to_print = target is not None and folder is None and fmt is not NoticeFormat.docx
    logging = mark_sent or not to_print
    # A preview shows the notice whether or not it was sent; it skips nobody.
    skipped = [row for row in rows if row["already_sent"] and not again] if logging else []
    if target is not None and skipped:
        raise ConflictError(
            f"{target.name} ({target.number}) already had the {year} "
            f"{t(f'notice.{kind}', 'en')}; add --again to send it again",
            zh=f"{target.name}({target.number})已发过{year}年度{t(f'notice.{kind}', 'zh-Hans')};"
            "如需再发,请加 --again",
        )
    if not to_print:
        result.folder = folder or Path(f"dues-notices-{year}")
        files.folder(result.folder)
    for row in rows:
        if logging and row["already_sent"] and not again:
            continue
        facts = facts_from_row(row, kind=kind.value, year=year, as_of=issued, deadline=pay_by)
        document = notice_document(facts, association, lang)
        where = None
        if result.folder is None:
            result.printed = (result.printed or "") + render_text(document, fmt.value)
        else:
            path = result.folder / notice_file_name(facts, fmt.value)
            save(document, path, fmt.value)
            files.wrote(path)
            where = str(path)
        if not logging:
            continue
        log_notice(
            session=session,
            member_id=row["member_id"],
            year=year,
            kind=kind.value,
            sent_on=issued,
            balance_fen=int(row["balance"]) + int(row["arrears"] or 0),
            document=where,
        )
        result.written += 1
    label = t(f"notice.{kind}", lang)
    if result.folder is not None:
        result.messages.append(
            t("msg.notice_written", lang, count=result.written, kind=label, where=result.folder)
        )
    result.skipped = len(skipped)
    if skipped:
        result.messages.append(t("msg.notice_skipped", lang, count=len(skipped), kind=label))
    return result


NOTICE_LOG_COLUMNS = [
    Column("number"),
    Column("name"),
    Column("year"),
    Column("kind", "col.notice_kind", kind="enum", enum_prefix="notice."),
    Column("sent_on", kind="date"),
    Column("balance", kind="money"),
    Column("document"),
]


def notices_listing(session: Session, *, year: int | None, member: str | None) -> Listing:
    """``assoc dues notices``: the notices and reminders sent, in the order they were
    sent (of *year*, of *member*, or all)."""
    notice_t = dues_notice_t
    query = select(
        member_t.c.number,
        member_t.c.name,
        notice_t.c.year,
        notice_t.c.kind,
        notice_t.c.sent_on,
        notice_t.c.balance_fen.label("balance"),
        notice_t.c.document,
    ).select_from(notice_t.join(member_t, member_t.c.id == notice_t.c.member_id))
    if year is not None:
        query = query.where(notice_t.c.year == year)
    if member is not None:
        query = query.where(
            notice_t.c.member_id == resolve_member(session=session, query=member).id
        )
    query = query.order_by(notice_t.c.sent_on, notice_t.c.id)
    return Listing(NOTICE_LOG_COLUMNS, stream(session, query))
