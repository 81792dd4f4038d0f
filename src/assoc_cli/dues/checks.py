"""Counter safety (柜台防错): the checks every payment passes before it is recorded, one
at a time (``dues pay``) or a bank statement at once (``dues pay --from``).

- **A repeat.** A payment for the same member, amount and date as one already recorded
  (and not voided) is refused with the earlier receipt named, unless ``--again`` — except
  when both carry bank references and they differ: two transfers, not one typed twice.
- **A bank reference** (流水号, ``--ref``) names one transfer: recorded once at most,
  whatever ``--again`` says (a unique index holds it too). A voided payment keeps its
  reference.
- **Too much credit.** A payment that leaves the member more credit (预存) than one
  year's dues is refused unless ``--credit``. One year's dues: the member's dues for the
  year paid (``--year``, else the year of the payment date); when it owes none for that
  year, for the nearest year it does owe (the latest before, else the earliest after);
  when it owes none at all, zero. The credit after the payment is computed the way the
  ledger computes it: everything paid beyond everything due (after waivers), as of the
  payment date or today, whichever is later.

Each check reads what it needs for every payment at once: one query (or one per chunk of
member ids) however many payments a statement holds.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from assoc_cli.db.core import member_t
from assoc_cli.db.sql import int_sum
from assoc_cli.dues.ledger import entry_t, ledger_select, voided_ids
from assoc_cli.dues.policy import dues_policy
from assoc_cli.i18n.money import format_money

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession

# Member ids named in one statement (SQLite allows 32,766 parameters; stay well below).
CHUNK = 500


@dataclass(frozen=True)
class Intended:
    """A payment about to be recorded (a file's *line*, or None on the command line)."""

    member_id: int
    number: str
    name: str
    amount_fen: int
    on: date
    year: int | None
    reference: str | None
    line: int | None = None


@dataclass(frozen=True)
class Problem:
    """A refused payment: what to say, in English and in Chinese."""

    english: str
    chinese: str
    line: int | None = None

    def numbered(self) -> tuple[str, str]:
        """The problem as a file's problem, "line 4: …" / "第 4 行:…"."""
        if self.line is None:
            return self.english, self.chinese
        return f"line {self.line}: {self.english}", f"第 {self.line} 行:{self.chinese}"


def _chunks(items: Sequence[Any]) -> Iterable[Sequence[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _who(payment: Intended) -> tuple[str, str]:
    return f"{payment.name} ({payment.number})", f"{payment.name}({payment.number})"


def reference_problems(session: DbSession, payments: Sequence[Intended]) -> list[Problem]:
    """Bank references already recorded, or given twice among *payments*."""
    wanted = [p for p in payments if p.reference]
    problems: list[Problem] = []
    seen: dict[str, Intended] = {}
    for payment in wanted:
        assert payment.reference is not None
        first = seen.setdefault(payment.reference, payment)
        if first is not payment:
            problems.append(
                Problem(
                    f"bank reference {payment.reference} is also on line {first.line}; "
                    "a transfer is recorded once",
                    f"银行流水号 {payment.reference} 与第 {first.line} 行重复;同一笔转账只登记一次",
                    payment.line,
                )
            )
    references = sorted(seen)
    void = entry_t.alias("void")
    for chunk in _chunks(references):
        query = (
            select(
                entry_t.c.reference,
                entry_t.c.receipt,
                entry_t.c.amount_fen,
                entry_t.c.entry_on,
                member_t.c.number,
                member_t.c.name,
                void.c.entry_on.label("voided_on"),
            )
            .select_from(
                entry_t.join(member_t, member_t.c.id == entry_t.c.member_id).outerjoin(
                    void, void.c.reverses_id == entry_t.c.id
                )
            )
            .where(entry_t.c.reference.in_(chunk))
        )
        for row in session.connection().execute(query):
            payment = seen[row.reference]
            money = format_money(row.amount_fen)
            english = (
                f"bank reference {row.reference} is already recorded: receipt {row.receipt} "
                f"({row.name} ({row.number}), {money} on {row.entry_on}); a transfer is "
                "recorded once"
            )
            chinese = (
                f"银行流水号 {row.reference} 已登记:收据 {row.receipt}"
                f"（{row.name}（{row.number}），{row.entry_on} {money}）;同一笔转账只登记一次"
            )
            if row.voided_on is not None:
                english += (
                    f" (that payment was voided on {row.voided_on} and keeps its reference: "
                    f"give this one another, e.g. {row.reference}-2)"
                )
                chinese += (
                    f"(该笔已于 {row.voided_on} 作废,流水号仍归它所有:"
                    f"请给这笔另一个,例如 {row.reference}-2)"
                )
            problems.append(Problem(english, chinese, payment.line))
    return problems


def _differ(a: str | None, b: str | None) -> bool:
    """Two payments that both carry bank references, different ones, are two transfers."""
    return bool(a) and bool(b) and a != b


def repeat_problems(session: DbSession, payments: Sequence[Intended]) -> list[Problem]:
    """Payments that repeat one already recorded (same member, amount and date, not
    voided), or an earlier one among *payments* — ``--again`` skips this check."""
    problems: list[Problem] = []
    if not payments:
        return problems
    earlier: dict[tuple[int, int, date], list[Any]] = defaultdict(list)
    members = sorted({p.member_id for p in payments})
    first_day = min(p.on for p in payments)
    last_day = max(p.on for p in payments)
    for chunk in _chunks(members):
        query = select(
            entry_t.c.member_id,
            entry_t.c.amount_fen,
            entry_t.c.entry_on,
            entry_t.c.receipt,
            entry_t.c.reference,
        ).where(
            entry_t.c.kind == "payment",
            entry_t.c.entry_on.between(first_day, last_day),
            entry_t.c.member_id.in_(chunk),
            entry_t.c.id.not_in(voided_ids(date.max, chunk)),
        )
        for row in session.connection().execute(query):
            earlier[(row.member_id, row.amount_fen, row.entry_on)].append(row)
    in_batch: dict[tuple[int, int, date], list[Intended]] = defaultdict(list)
    for payment in payments:
        key = (payment.member_id, payment.amount_fen, payment.on)
        who, who_zh = _who(payment)
        money = format_money(payment.amount_fen)
        recorded = [r for r in earlier[key] if not _differ(r.reference, payment.reference)]
        before = [p for p in in_batch[key] if not _differ(p.reference, payment.reference)]
        in_batch[key].append(payment)
        if recorded:
            receipt = recorded[0].receipt
            problems.append(
                Problem(
                    f"{who} already has a payment of {money} on {payment.on}: receipt "
                    f"{receipt}; if this is another payment, add --again",
                    f"{who_zh}已有 {payment.on} 缴费 {money} 的记录:收据 {receipt};"
                    "如确是另一笔缴费,请加 --again",
                    payment.line,
                )
            )
        elif before:
            problems.append(
                Problem(
                    f"{who} pays {money} on {payment.on} on line {before[0].line} too; "
                    "if these are two payments, add --again",
                    f"{who_zh}在第 {before[0].line} 行也有 {payment.on} 缴费 {money};"
                    "如确是两笔缴费,请加 --again",
                    payment.line,
                )
            )
    return problems


def credit_problems(session: DbSession, payments: Sequence[Intended], today: date) -> list[Problem]:
    """Members whom *payments* would leave more credit than one year's dues (see the
    module's docstring) — ``--credit`` skips this check. One problem per member, on its
    last line."""
    if not payments:
        return []
    as_of = max(today, max(p.on for p in payments))
    by_member: dict[int, list[Intended]] = defaultdict(list)
    for payment in payments:
        by_member[payment.member_id].append(payment)
    members = sorted(by_member)
    policy = dues_policy(session)
    dues: dict[int, dict[int, int]] = defaultdict(dict)  # member -> year -> due
    net_due: dict[int, int] = defaultdict(int)
    paid: dict[int, int] = {}
    connection = session.connection()
    for chunk in _chunks(members):
        ledger_q = ledger_select(session, policy, as_of, members=list(chunk))
        if ledger_q is not None:
            rows = ledger_q.subquery("ledger")
            for row in connection.execute(
                select(rows.c.member_id, rows.c.year, rows.c.due, rows.c.net_due)
            ):
                dues[row.member_id][row.year] = int(row.due)
                net_due[row.member_id] += int(row.net_due)
        valid = (
            select(entry_t.c.member_id, int_sum(entry_t.c.amount_fen).label("paid"))
            .where(
                entry_t.c.kind == "payment",
                entry_t.c.entry_on <= as_of,
                entry_t.c.id.not_in(voided_ids(as_of, chunk)),
                entry_t.c.member_id.in_(chunk),
            )
            .group_by(entry_t.c.member_id)
        )
        paid.update({row.member_id: int(row.paid) for row in connection.execute(valid)})
    problems = []
    for member_id, theirs in by_member.items():
        adding = sum(p.amount_fen for p in theirs)
        before = max(0, paid.get(member_id, 0) - net_due[member_id])
        after = max(0, paid.get(member_id, 0) + adding - net_due[member_id])
        year = max(p.year if p.year is not None else p.on.year for p in theirs)
        limit_year, limit = _one_year(dues[member_id], year)
        if after <= limit:
            continue
        last = theirs[-1]
        who, who_zh = _who(last)
        becomes = format_money(after - before)
        total_en = f", leaving {format_money(after)} in credit" if before else ""
        total_zh = f",预存合计 {format_money(after)}" if before else ""
        if limit_year is None:
            english = (
                f"{who} owes no dues for {year}: {becomes} of this payment would become "
                f"credit{total_en}; check the member and the amount, and if it is "
                "meant as credit, add --credit"
            )
            chinese = (
                f"{who_zh}{year}年度无应缴会费:这笔缴费将有 {becomes} 转为预存{total_zh};"
                "请核对会员和金额,确为预存请加 --credit"
            )
        else:
            english = (
                f"{who}: {becomes} of this payment would become credit{total_en}, "
                f"more than its {limit_year} dues of {format_money(limit)}; check the "
                "amount, and if it is meant as credit, add --credit"
            )
            chinese = (
                f"{who_zh}:这笔缴费将有 {becomes} 转为预存{total_zh},超过其{limit_year}年度"
                f"会费 {format_money(limit)};请核对金额,确为预存请加 --credit"
            )
        problems.append(Problem(english, chinese, last.line))
    return problems


def _one_year(dues: dict[int, int], year: int) -> tuple[int | None, int]:
    """(the year whose dues count as one year's, its dues): *year*'s when the member owes
    dues for it, else the nearest year it owes (the latest before, else the earliest
    after); (None, 0) when it owes none."""
    owed = {y: amount for y, amount in dues.items() if amount > 0}
    if year in owed:
        return year, owed[year]
    before = [y for y in owed if y < year]
    after = [y for y in owed if y > year]
    if before:
        return max(before), owed[max(before)]
    if after:
        return min(after), owed[min(after)]
    return None, 0


def payment_problems(
    session: DbSession, payments: Sequence[Intended], *, again: bool, credit: bool, today: date
) -> list[Problem]:
    """Every counter-safety problem of *payments*, in the order of their lines."""
    problems = reference_problems(session, payments)
    if not again:
        # A line whose reference is taken is refused for that already; once is enough.
        taken = {problem.line for problem in problems}
        problems += [
            problem
            for problem in repeat_problems(session, payments)
            if problem.line is None or problem.line not in taken
        ]
    if not credit:
        problems += credit_problems(session, payments, today)
    return sorted(problems, key=lambda p: p.line or 0)
