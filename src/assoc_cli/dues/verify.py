"""``assoc dues verify``: check the ledger against itself.

- Receipt numbers issued by assoc run 1, 2, 3… in each year with no gap or repeat, and
  read as ``YYYY-NNNN``.
- Every void names a payment or waiver of the same member and amount, dated on or after it.
- Every member's dues, waivers, payments, balances and credit, recomputed in Python
  (``dues/reference_model.py``, which also re-derives each year's due from the tier rules,
  or for a closed year from its snapshot) equal the ledger the reports read: the stored
  balances when they are current, else the ledger computed in SQL. Where the stored rows
  differ, that member's ledger is computed in SQL too, to tell stale rows (`assoc db
  refresh` mends them) from rules that disagree. ``--recompute`` computes every member's
  ledger in SQL as well and holds both to the model (twice as long: 65 of the 140 s at
  1,000,000 members went to computing it).
- Every adjustment is of a closed year and carries its reason and approver; a closed
  year's tiers in the ledger are its snapshot's.

Members are checked in batches, so memory stays flat whatever the roster size.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import String, case, cast, func, select

from assoc_cli.db.core import member_t, office_t, tier_t
from assoc_cli.db.core import office_holding_t as holding_t
from assoc_cli.dues import stored as stored_rows
from assoc_cli.dues.ledger import (
    close_t,
    dues_years,
    entry_t,
    ledger_select,
    next_stretch,
    only,
    period_t,
    rate_t,
    snapshot_t,
)
from assoc_cli.dues.policy import DuesPolicy, dues_policy
from assoc_cli.dues.reference_model import Entry, account
from assoc_cli.errors import AssocError, InterruptedCheckError
from assoc_cli.i18n import t
from assoc_cli.listing import Report

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession

BATCH = 1_000


@dataclass
class VerifyResult:
    """What verify looked at and what it found."""

    members: int = 0
    entries: int = 0
    receipts: int = 0
    problems: list[str] | None = None
    # Members checked when Ctrl-C stopped it (None: it ran to the end).
    interrupted_at: int | None = None

    def report(self, lang: str) -> Report:
        """For people: each problem on a line of its own (stdout), then, when none was
        found, what was checked (a note on stderr)."""
        problems = self.problems or []
        said = (
            []
            if problems or self.interrupted_at is not None
            else [
                t(
                    "msg.verify_ok",
                    lang,
                    members=self.members,
                    entries=self.entries,
                    receipts=self.receipts,
                )
            ]
        )
        return Report(parts=[], lines=problems, notes=said)

    def failure(self) -> AssocError | None:
        """The error to exit with when something does not add up, or it was stopped."""
        if self.interrupted_at is not None:
            done, total, found = self.interrupted_at, self.members, len(self.problems or [])
            return InterruptedCheckError(
                f"stopped after checking {done:,} of {total:,} members ({found} problem(s) "
                "found so far, above); nothing was changed — run it again to check them all",
                zh=f"已中止:共 {total:,} 家会员,已核对 {done:,} 家(目前发现 {found} 个问题,"
                "见上);未作任何修改——请重新运行以核对全部",
            )
        if not self.problems:
            return None
        count = len(self.problems)
        return AssocError(
            t("msg.verify_failed", "en", count=count),
            zh=t("msg.verify_failed", "zh-Hans", count=count),
        )


def _receipt_problems(session: DbSession) -> Iterator[str]:
    connection = session.connection()
    query = (
        select(
            entry_t.c.receipt_year,
            func.count(),
            func.count(func.distinct(entry_t.c.receipt_seq)),
            func.min(entry_t.c.receipt_seq),
            func.max(entry_t.c.receipt_seq),
        )
        .where(entry_t.c.receipt_seq.is_not(None))
        .group_by(entry_t.c.receipt_year)
    )
    for year, count, distinct, lowest, highest in connection.execute(query):
        if count != distinct or lowest != 1 or highest != count:
            yield (
                f"receipts of {year}: {count} issued, numbered {lowest}..{highest} "
                f"({distinct} distinct) — the sequence has a gap or a repeat"
            )
    # The name each receipt should carry, built in SQL: reading four million payments
    # into Python to format them took 11 s at 1,000,000 members.
    seq = entry_t.c.receipt_seq
    digits = cast(seq, String)
    padded = case(
        (seq < 10, "000" + digits),
        (seq < 100, "00" + digits),
        (seq < 1000, "0" + digits),
        else_=digits,
    )
    misnamed = select(entry_t.c.receipt, entry_t.c.receipt_year, seq).where(
        seq.is_not(None),
        (entry_t.c.receipt.is_(None))
        | (entry_t.c.receipt != cast(entry_t.c.receipt_year, String) + "-" + padded),
    )
    for receipt, year, number in connection.execute(misnamed):
        if receipt != f"{year}-{number:04d}":
            yield f"receipt {receipt} should read {year}-{number:04d}"


def _void_problems(session: DbSession) -> Iterator[str]:
    original = entry_t.alias("original")
    query = select(
        entry_t.c.id,
        entry_t.c.member_id,
        entry_t.c.amount_fen,
        entry_t.c.entry_on,
        original.c.kind,
        original.c.member_id.label("original_member"),
        original.c.amount_fen.label("original_amount"),
        original.c.entry_on.label("original_on"),
    ).select_from(entry_t.outerjoin(original, original.c.id == entry_t.c.reverses_id))
    query = query.where(entry_t.c.kind == "void")
    for row in session.connection().execute(query).mappings():
        if row["kind"] not in ("payment", "waiver"):
            yield f"void #{row['id']} does not reverse a payment or waiver"
        elif (
            row["member_id"] != row["original_member"]
            or row["amount_fen"] != row["original_amount"]
        ):
            yield f"void #{row['id']} differs from the entry it reverses (member or amount)"
        elif row["entry_on"] < row["original_on"]:
            yield f"void #{row['id']} is dated before the entry it reverses"
    bad = select(entry_t.c.id).where(
        ((entry_t.c.amount_fen <= 0) & (entry_t.c.kind != "adjustment"))
        | (entry_t.c.amount_fen == 0)
        | (entry_t.c.kind.not_in(("payment", "waiver", "void", "adjustment")))
    )
    for (entry_id,) in session.connection().execute(bad):
        yield f"entry #{entry_id} has a non-positive amount or an unknown kind"
    stray = (
        select(entry_t.c.id)
        .select_from(entry_t.outerjoin(close_t, close_t.c.year == entry_t.c.year))
        .where(
            entry_t.c.kind == "adjustment",
            (close_t.c.year.is_(None))
            | (entry_t.c.reason.is_(None))
            | (entry_t.c.approved_by.is_(None)),
        )
    )
    for (entry_id,) in session.connection().execute(stray):
        yield f"adjustment #{entry_id} is not of a closed year or lacks its reason or approver"


def _expected_dues(
    session: DbSession, policy: DuesPolicy, as_of: date, members: range
) -> dict[int, list[tuple[int, int]]]:
    """Each member's (year, due), derived again from periods, offices, tiers and rates."""
    connection = session.connection()
    years = dues_years(session, policy, as_of)
    tiers = {row.id: row for row in connection.execute(select(tier_t))}
    rank_to_tier = {row.rank: row.id for row in tiers.values()}
    lowest = max(rank_to_tier)
    rates = {
        (row.year, row.tier_id): row.amount_fen
        for row in connection.execute(select(rate_t.c.year, rate_t.c.tier_id, rate_t.c.amount_fen))
    }
    tier_of: dict[int, int | None] = dict(
        connection.execute(
            select(member_t.c.id, member_t.c.tier_id).where(only(member_t.c.id, members))
        ).all()
    )
    periods: dict[int, list[tuple[date | None, date | None]]] = defaultdict(list)
    query = select(period_t.c.member_id, period_t.c.joined_on, period_t.c.left_on)
    for member_id, joined_on, left_on in connection.execute(
        query.where(only(period_t.c.member_id, members))
    ).all():
        periods[member_id].append((joined_on, left_on))
    office_ranks: dict[tuple[int, int], int] = {}
    query = (
        select(holding_t.c.member_id, holding_t.c.term_id, tier_t.c.rank)
        .select_from(
            holding_t.join(office_t, office_t.c.id == holding_t.c.office_id).join(
                tier_t, tier_t.c.id == office_t.c.tier_id
            )
        )
        .where(only(holding_t.c.member_id, members))
    )
    for member_id, term_id, rank in connection.execute(query):
        key = (member_id, term_id)
        office_ranks[key] = min(rank, office_ranks.get(key, rank))
    # Closed years: the snapshot, not today's tiers and rates.
    fixed = {
        (member_id, year): due
        for member_id, year, due in connection.execute(
            select(snapshot_t.c.member_id, snapshot_t.c.year, snapshot_t.c.due_fen).where(
                only(snapshot_t.c.member_id, members)
            )
        )
    }
    expected: dict[int, list[tuple[int, int]]] = {}
    for member_id, tier_id in tier_of.items():
        spans = periods[member_id]
        rows = []
        for year in years:
            joined = [left for on, left in spans if on is None or on <= year.join_by]
            if year.closed:
                if (member_id, year.year) in fixed and joined:
                    rows.append((year.year, fixed[(member_id, year.year)]))
                continue
            if not any(left is None or left >= year.year_start for left in joined):
                continue
            if tier_id is not None:
                rank = tiers[tier_id].rank
            else:
                rank = office_ranks.get((member_id, year.term_id or -1), lowest)
            rows.append((year.year, rates.get((year.year, rank_to_tier[rank]), 0)))
        expected[member_id] = rows
    return expected


Progress = Callable[[int, int], None]


def verify_dues(
    session: DbSession,
    *,
    as_of: date,
    progress: Progress | None = None,
    recompute: bool = False,
) -> VerifyResult:
    """``assoc dues verify``: :func:`verify_ledger` under the dues policy in force."""
    return verify_ledger(session, dues_policy(session), as_of, progress, recompute=recompute)


def _batches(session: DbSession) -> Iterator[range]:
    """The roster in id order, BATCH members at a time (``ledger.next_stretch``)."""
    after = 0
    while (stretch := next_stretch(session.connection(), after, BATCH)) is not None:
        yield stretch[0]
        after = stretch[0].stop - 1


def verify_ledger(
    session: DbSession,
    policy: DuesPolicy,
    as_of: date,
    progress: Progress | None = None,
    *,
    recompute: bool = False,
) -> VerifyResult:
    """Run every check; ``problems`` lists each mismatch found (empty when all agree).
    Members are checked a batch at a time, each batch reading its own rows only (time
    linear in the ledger, memory flat); *progress* hears (members checked, of how many)
    after each. Ctrl-C stops it between batches with what was found so far. With
    *recompute*, every member's ledger is also computed in SQL and compared with the
    stored balances (see :func:`_check_batch`)."""
    connection = session.connection()
    problems = [*_receipt_problems(session), *_void_problems(session)]
    result = VerifyResult()
    result.entries = connection.execute(select(func.count()).select_from(entry_t)).scalar_one()
    result.receipts = connection.execute(
        select(func.count()).select_from(entry_t).where(entry_t.c.kind == "payment")
    ).scalar_one()
    # The stored balances, when reports would read them, are what the model is held to.
    stored_read = stored_rows.is_current(session, as_of)
    total = connection.execute(select(func.count()).select_from(member_t)).scalar_one()
    result.members = total
    stored_differ = done = 0
    try:
        for batch in _batches(session):
            found, differ, checked = _check_batch(
                session, policy, as_of, batch, stored_read, recompute
            )
            problems.extend(found)
            stored_differ += differ
            done += checked
            if progress is not None:
                progress(done, total)
    except KeyboardInterrupt:
        result.interrupted_at = done
    if stored_differ:
        problems.append(
            f"the stored dues balances differ from the ledger in {stored_differ} row(s); "
            "run `assoc db refresh` to recompute them"
        )
    result.problems = problems
    return result


# The ledger's columns, by position: rows are read as plain tuples (attribute access
# on a million rows' worth of Row objects was a fifth of the time).
_YEAR, _DUE, _WAIVED, _PAID, _BALANCE, _CREDIT = 1, 4, 5, 7, 8, 9


def _check_batch(
    session: DbSession,
    policy: DuesPolicy,
    as_of: date,
    batch: range,
    stored_read: bool,
    recompute: bool = False,
) -> tuple[list[str], int, int]:
    """The problems of the members whose ids fall in *batch* (see :func:`verify_ledger`),
    how many of their stored balance rows differ from the ledger, and how many members
    were checked.

    The model is compared with what the reports read: the stored balances when they are
    current (*stored_read*), else the ledger computed in SQL. A member whose stored rows
    differ from the model has its ledger computed as well, to tell stale stored rows
    (``db refresh`` mends them) from rules that disagree. With *recompute*, every
    member's ledger is computed too and compared with both (twice as long)."""
    connection = session.connection()
    problems: list[str] = []
    expected_dues = _expected_dues(session, policy, as_of, batch)
    entries: dict[int, list[Entry]] = defaultdict(list)
    columns = (entry_t.c[name] for name in ("id", "kind", "year", "amount_fen"))
    query = select(entry_t.c.member_id, *columns, entry_t.c.entry_on, entry_t.c.reverses_id).where(
        only(entry_t.c.member_id, batch)
    )
    for row in connection.execute(query).all():
        entries[row[0]].append(Entry(row[1], row[2], row[3], row[4], row[5], row[6]))
    stored = _stored_rows(session, batch) if stored_read else None
    computed = None
    if stored is None or recompute:
        # The batch's own ledger, computed for its members alone: filtering one ledger of
        # everyone made each batch compute the whole ledger again (quadratic).
        computed = _computed_rows(session, policy, as_of, batch)
    actual = stored if stored is not None else computed
    assert actual is not None
    numbers: dict[int, str] = {}
    differ = 0
    for member_id, dues in expected_dues.items():
        model = account(dues, entries[member_id], as_of)
        rows = actual.get(member_id, [])
        found = list(_compare(model, rows))
        if stored is not None and (found or recompute):
            # The stored rows against the ledger computed now: stale rows, or the rules?
            if computed is None:
                ledger = _computed_rows(session, policy, as_of, range(member_id, member_id + 1))
            else:
                ledger = computed
            own = ledger.get(member_id, [])
            differ += len({row[:2] for row in set(rows) ^ set(own)})
            found = list(_compare(model, own))
        if found:
            if not numbers:
                numbers = _numbers(session, batch)
            problems.extend(numbers[member_id] + problem for problem in found)
    return problems, differ, len(expected_dues)


def _numbers(session: DbSession, batch: range) -> dict[int, str]:
    query = select(member_t.c.id, member_t.c.number).where(only(member_t.c.id, batch))
    return {member_id: number for member_id, number in session.connection().execute(query)}


def _computed_rows(
    session: DbSession, policy: DuesPolicy, as_of: date, members: range
) -> dict[int, list[tuple[Any, ...]]]:
    """The ledger of *members* computed in SQL, as tuples in ``stored.COLUMNS`` order."""
    query = ledger_select(session, policy, as_of, members)
    return _by_member(session, query) if query is not None else {}


def _stored_rows(session: DbSession, members: range) -> dict[int, list[tuple[Any, ...]]]:
    """The stored balances of *members*, as tuples in ``stored.COLUMNS`` order."""
    b = stored_rows.balance_t
    query = select(*(b.c[name] for name in stored_rows.COLUMNS)).where(only(b.c.member_id, members))
    return _by_member(session, query)


def _by_member(session: DbSession, query: Any) -> dict[int, list[tuple[Any, ...]]]:
    """The rows of *query* (member id first) as tuples, by member."""
    rows: dict[int, list[tuple[Any, ...]]] = defaultdict(list)
    for row in session.connection().execute(query).all():
        rows[row[0]].append(tuple(row))
    return rows


def _compare(model: Any, actual: list[tuple[Any, ...]]) -> Iterator[str]:
    """How *actual* (a member's ledger rows) differs from the *model*; each problem
    follows the member's number (read only when there is a problem)."""
    years = {row[_YEAR]: row for row in actual}
    if set(model.years) != set(years):
        expected, found = sorted(model.years), sorted(years)
        yield f": dues years differ (expected {expected}, ledger {found})"
        return
    credit = 0
    for year, expected in model.years.items():
        row = years[year]
        due, waived, paid, balance = (
            int(row[_DUE]),
            int(row[_WAIVED]),
            int(row[_PAID]),
            int(row[_BALANCE]),
        )
        want = (expected.due, expected.waived, expected.paid, expected.balance)
        if (due, waived, paid, balance) != want:
            figures = ("due", "waived", "paid", "balance")
            ledger_says = dict(zip(figures, (due, waived, paid, balance), strict=True))
            model_says = dict(zip(figures, want, strict=True))
            yield f" {year}: ledger {ledger_says} but recomputed {model_says}"
        if paid + min(waived, due) + balance != due:
            yield f" {year}: paid + waived + balance does not add up to the due"
        credit = int(row[_CREDIT])
    if years and credit != model.credit:
        yield f": credit {credit} in the ledger but {model.credit} recomputed"
