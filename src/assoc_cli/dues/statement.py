"""One member's account: its ledger rows (a year each), its entries, and the statement
(对账单) with a running balance and the sentence saying what it owes or holds in credit;
also the member's position after a payment (what each year still owes, any credit)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from assoc_cli.dues.ledger import entry_t, ledger
from assoc_cli.dues.policy import DuesPolicy, dues_policy
from assoc_cli.i18n import t
from assoc_cli.i18n.dates import format_date
from assoc_cli.i18n.money import format_money
from assoc_cli.listing import Column, Listing, Report

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession


def member_ledger(
    session: DbSession, policy: DuesPolicy, *, member_id: int, as_of: date
) -> list[dict[str, Any]]:
    """One member's rows of the ledger (a year each)."""
    ledger_q = ledger(session, policy, as_of, member_id=member_id)
    query = select(ledger_q).order_by(ledger_q.c.year)
    return [dict(row) for row in session.connection().execute(query).mappings()]


def member_entries(session: DbSession, *, member_id: int, as_of: date) -> list[dict[str, Any]]:
    """One member's ledger entries up to *as_of*, oldest first (a statement's lines)."""
    original = entry_t.alias("original")
    query = (
        select(
            entry_t.c.id,
            entry_t.c.kind,
            entry_t.c.year,
            entry_t.c.amount_fen,
            entry_t.c.entry_on,
            entry_t.c.receipt,
            entry_t.c.method,
            entry_t.c.reason,
            original.c.kind.label("reverses_kind"),
            original.c.receipt.label("reverses_receipt"),
            original.c.id.label("reverses_id"),
        )
        .select_from(entry_t.outerjoin(original, original.c.id == entry_t.c.reverses_id))
        .where(entry_t.c.member_id == member_id, entry_t.c.entry_on <= as_of)
        .order_by(entry_t.c.entry_on, entry_t.c.id)
    )
    return [dict(row) for row in session.connection().execute(query).mappings()]


def member_statement(
    session: DbSession, policy: DuesPolicy, *, member_id: int, joined_on: date | None, as_of: date
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], int, int]:
    """One member's statement: (lines with a running balance, year rows, owing, credit).

    Lines are the dues of each year the ledger holds as of *as_of* — a year not yet
    begun too once its rate is set (dues for 2022 are collected from November 2021) — then
    every payment, waiver, void and adjustment, in date order. The year rows, the owing
    and the credit are the ledger's own, so the unpaid list, arrears, report and notices
    say the same.
    """
    years = member_ledger(session, policy, member_id=member_id, as_of=as_of)
    entries = member_entries(session, member_id=member_id, as_of=as_of)
    # A closed year's due in the ledger includes its adjustments; they have lines of
    # their own, so the year's due line is what was fixed when it was closed.
    adjusted: dict[int, int] = {}
    for entry in entries:
        if entry["kind"] == "adjustment":
            adjusted[entry["year"]] = adjusted.get(entry["year"], 0) + entry["amount_fen"]
    lines: list[dict[str, Any]] = []
    for row in years:
        starts = date(row["year"], 1, 1)
        if joined_on is not None and joined_on.year == row["year"]:
            starts = joined_on
        fixed = row["due"] - adjusted.get(row["year"], 0)
        if fixed:
            lines.append(
                {
                    "date": starts,
                    "kind": "due",
                    "year": row["year"],
                    "reference": None,
                    "amount": fixed,
                    "note": row["tier"],
                    "order": 0,
                }
            )
    payments = 0
    voided_payments = 0
    for entry in entries:
        sign = 1 if entry["kind"] == "adjustment" else -1
        reference = entry["receipt"] or f"W{entry['id']}"
        note = entry["method"] or entry["reason"]
        if entry["kind"] == "void":
            sign = 1
            reference = entry["reverses_receipt"] or f"W{entry['reverses_id']}"
            if entry["reverses_kind"] == "payment":
                voided_payments += entry["amount_fen"]
        elif entry["kind"] == "payment":
            payments += entry["amount_fen"]
        lines.append(
            {
                "date": entry["entry_on"],
                "kind": entry["kind"],
                "year": entry["year"],
                "reference": reference,
                "amount": sign * entry["amount_fen"],
                "note": note,
                "order": 1,
            }
        )
    lines.sort(key=lambda line: (line["date"], line["order"]))
    running = 0
    for line in lines:
        running += line["amount"]
        line["running_balance"] = running
    owing = sum(row["balance"] for row in years)
    credit = max((row["credit"] for row in years), default=payments - voided_payments)
    return lines, years, owing, max(credit, 0)


STATEMENT_LINE_COLUMNS = [
    Column("date", kind="date"),
    Column("kind", "col.action", kind="enum", enum_prefix="entry."),
    Column("year"),
    Column("reference"),
    Column("amount", kind="money"),
    Column("running_balance", kind="money"),
    Column("note"),
]
STATEMENT_YEAR_COLUMNS = [
    Column("year"),
    Column("tier"),
    Column("due", kind="money"),
    Column("waived", kind="money"),
    Column("paid", kind="money"),
    Column("balance", kind="money"),
]


def statement_report(
    session: DbSession,
    *,
    member: Mapping[str, Any],
    as_of: date,
    lang: str,
) -> Report:
    """``assoc dues statement``: the member's lines and years (``member_statement``), and
    the sentence saying what it owes or holds in credit on *as_of*. *member* has the
    member's ``id``, ``number``, ``name`` and ``joined_on``."""
    lines, years, owing, credit = member_statement(
        session,
        dues_policy(session),
        member_id=member["id"],
        joined_on=member["joined_on"],
        as_of=as_of,
    )
    day = format_date(as_of, lang)
    said = []
    if owing > 0:
        said.append(t("msg.statement_owing", lang, date=day, amount=format_money(owing)))
    if credit > 0:
        said.append(t("msg.statement_credit", lang, date=day, amount=format_money(credit)))
    if owing == 0 and credit == 0:
        said.append(t("msg.statement_clear", lang, date=day))
    title = f"{member['number']} {member['name']}"
    return Report(
        parts=[
            ("lines", Listing(STATEMENT_LINE_COLUMNS, lines, title=title)),
            ("years", Listing(STATEMENT_YEAR_COLUMNS, years)),
        ],
        fields=[
            (Column("number"), member["number"]),
            (Column("name"), member["name"]),
            (Column("as_of"), as_of.isoformat()),
        ],
        totals=[(Column("owing", kind="money"), owing), (Column("credit", kind="money"), credit)],
        lines=said,
    )


@dataclass(frozen=True)
class Position:
    """Where a member stands on a day: what each year it owes dues for still owes (0 when
    settled), oldest first, and the credit it holds."""

    years: list[tuple[int, int]]
    credit: int

    def summary(self, lang: str) -> str:
        """结清/尚欠 per year and any credit, in one clause: 2021年度已结清;2022年度尚欠…"""
        parts = [
            t("msg.settled", lang, year=year)
            if balance == 0
            else t("msg.still_owing", lang, year=year, amount=format_money(balance))
            for year, balance in self.years
        ]
        if self.credit > 0:
            parts.append(t("msg.credit", lang, amount=format_money(self.credit)))
        return (
            "\uff1b".join(parts)  # full-width semicolon
            if lang != "en" and parts
            else "; ".join(parts) or t("msg.nothing_due", lang)
        )


def member_position(session: DbSession, *, member_id: int, as_of: date) -> Position:
    """The member's position on *as_of* (see :class:`Position`)."""
    rows = member_ledger(session, dues_policy(session), member_id=member_id, as_of=as_of)
    return Position(
        years=[(row["year"], row["balance"]) for row in rows if row["net_due"] > 0],
        credit=max((row["credit"] for row in rows), default=0),
    )
