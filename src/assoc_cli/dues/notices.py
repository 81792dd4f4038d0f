"""Dues notices (会费收缴通知) and reminders (催缴通知), one per member, from the ledger."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from assoc_cli.db.models import Association
from assoc_cli.files.papers import Document
from assoc_cli.i18n import localize, t
from assoc_cli.i18n.dates import format_date
from assoc_cli.i18n.money import capital_amount, format_money


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
    """Notice facts from a row of ``dues.reports.notice_select``."""
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
    doc = Document()
    doc.title(association.name)
    doc.heading(t(f"notice.title.{facts.kind}", lang, year=facts.year))
    doc.paragraph(t("notice.salutation", lang, name=facts.name, number=facts.number), bold=True)
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
