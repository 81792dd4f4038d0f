"""What the roster's read commands print, as listings the one renderer prints: the member
listing (``members list``), one member's record (``members show``) and the statistics by
tier and segment (``members stats``).

Core SQL only (``members/roster.py``): ``members list`` and ``members stats`` load no ORM.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import closing, contextmanager
from typing import TYPE_CHECKING

from sqlalchemy import select

from assoc_cli.db.core import membership_period_t
from assoc_cli.db.sql import head_of
from assoc_cli.i18n import t
from assoc_cli.i18n.dates import format_date
from assoc_cli.listing import Column, Listing, Report
from assoc_cli.members.choices import RosterSort, RosterStatus, StatsBy
from assoc_cli.members.roster import (
    RosterFilter,
    RosterSelection,
    order_roster,
    roster_filter,
    roster_rows,
    roster_select,
    roster_stats,
)
from assoc_cli.organisation.queries import term_id_for

if TYPE_CHECKING:
    from datetime import date

    from assoc_cli.db.reader import DbSession

MEMBER_COLUMNS = [
    Column("number"),
    Column("name"),
    Column("short_name"),
    Column("kind", kind="enum", enum_prefix="kind."),
    Column("credit_code"),
    Column("tier"),
    Column("tier_explicit", kind="bool"),
    Column("offices"),
    Column("representative"),
    Column("representative_title"),
    Column("phone"),
    Column("email"),
    Column("address"),
    Column("segment"),
    Column("joined_on", kind="date"),
    Column("left_on", kind="date"),
    Column("status", kind="enum", enum_prefix="status."),
    Column("employees", kind="int"),
    Column("party_members", kind="int"),
    Column("has_party_org", kind="bool"),
    Column("note"),
]
# The columns a listing for people shows unless asked for all of them.
LIST_KEYS = (
    "number",
    "name",
    "tier",
    "offices",
    "representative",
    "phone",
    "segment",
    "joined_on",
    "status",
)
STATS_COLUMNS = [
    Column("group"),
    Column("members", kind="int"),
    Column("units", kind="int"),
    Column("persons", kind="int"),
    Column("employees", kind="int"),
    Column("employees_unknown", kind="int"),
    Column("party_members", kind="int"),
    Column("party_members_unknown", kind="int"),
    Column("with_party_org", kind="int"),
    Column("party_orgs", kind="int"),
]


@contextmanager
def roster_listing(
    session: DbSession,
    selection: RosterSelection,
    *,
    as_of: date,
    sort: RosterSort = RosterSort.number,
    all_columns: bool = False,
    for_machines: bool = False,
) -> Iterator[Listing]:
    """``members list``: the members *selection* covers, in *sort* order, streamed. CSV
    and JSON (*for_machines*) and *all_columns* get every field, people the usual ones.

    Render it inside the block: the rows come from an open cursor, closed on leaving
    even when the reader stops early (``assoc members list -f csv | head``)."""
    filters = roster_filter(session, selection, as_of)
    columns = (
        MEMBER_COLUMNS
        if all_columns or for_machines
        else [c for c in MEMBER_COLUMNS if c.key in LIST_KEYS]
    )

    head = head_of(session, order_roster(roster_select(session, filters), sort))
    with closing(roster_rows(session, filters, sort)) as rows:
        yield Listing(columns, rows, head=head)


def member_record(
    session: DbSession, *, member_id: int, term: int | None, as_of: date, lang: str
) -> Listing:
    """``members show``: every field of member *member_id*, its tier and offices in term
    *term* (or the one covering *as_of*), and its periods of membership, as one record."""
    filters = RosterFilter(
        term_id=term_id_for(session, term, as_of), status=None, member_ids=(member_id,)
    )
    (row,) = roster_rows(session, filters)  # one member: read to the end, cursor closed
    row["periods"] = membership_periods_text(session, member_id, lang)
    return Listing([*MEMBER_COLUMNS, Column("periods")], [row], record=True)


def membership_periods_text(session: DbSession, member_id: int, lang: str) -> str:
    """The member's periods of membership, oldest first, on one line:
    "2012年5月3日 – 2020年1月1日 (企业注销); 2021年3月1日 – "."""
    period = membership_period_t.c
    query = (
        select(period.joined_on, period.left_on, period.leave_reason)
        .where(period.member_id == member_id)
        .order_by(period.id)
    )
    return "; ".join(
        f"{format_date(joined_on, lang) or '?'} – {format_date(left_on, lang)}"
        + (f" ({reason})" if reason else "")
        for joined_on, left_on, reason in session.connection().execute(query)
    )


def member_stats(
    session: DbSession,
    *,
    by: StatsBy,
    status: RosterStatus,
    term: int | None,
    as_of: date,
    lang: str,
    for_machines: bool,
) -> Listing | Report:
    """``members stats``: members, units, persons, employees, party members and party
    organisations per dues tier and per segment (会员统计), each with its total.

    For people, one titled table per grouping; for machines (CSV, JSON), one listing
    whose ``by`` column names the grouping of each row."""
    filters = roster_filter(session, RosterSelection(status=status, term=term), as_of)
    tables = {group: roster_stats(session, filters, group) for group in by.groupings}
    for group, rows in tables.items():
        for row in rows:
            row["by"] = group
            if row["group"] is None:
                row["group"] = (
                    t("stats.total", lang) if row is rows[-1] else t("stats.no_segment", lang)
                )
    if for_machines:
        columns = [Column("by", kind="enum", enum_prefix="stats.by_"), *STATS_COLUMNS]
        return Listing(columns, [row for rows in tables.values() for row in rows])
    return Report(
        parts=[
            (group, Listing(STATS_COLUMNS, rows, title=t(f"stats.by_{group}", lang)))
            for group, rows in tables.items()
        ]
    )
