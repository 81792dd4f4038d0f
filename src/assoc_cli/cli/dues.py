"""``assoc dues``: the dues ledger (会费) — rates, payments, reports, notices."""

from __future__ import annotations

import sys
from datetime import date
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from assoc_cli.cli.common import (
    AsOfOption,
    FormatOption,
    date_option,
    message,
    open_reader,
    open_session,
    render,
    render_result,
    today,
    year_option,
)
from assoc_cli.i18n import t
from assoc_cli.listing import Column, Listing, OutputFormat

if TYPE_CHECKING:
    from sqlmodel import Session

    from assoc_cli.db.reader import DbSession
    from assoc_cli.dues.policy import DuesPolicy

app = typer.Typer(
    help=(
        "Dues (会费): rates, payments, waivers, voids, unpaid list, collection rate, notices."
        "\n\n\b\nExample:\n  assoc dues report --year 2022 --as-of 2022-11-30"
    ),
    no_args_is_help=True,
)
rates_app = typer.Typer(
    help=(
        "Dues rates (会费标准): one fixed amount per tier per year, at most four tiers."
        "\n\n\b\nExample:\n  assoc dues rates set 2022 会长单位 30000"
    ),
    no_args_is_help=True,
)
app.add_typer(rates_app, name="rates")

MemberArgument = Annotated[
    str, typer.Argument(help="Member number, name, short name or a unique part of the name.")
]
YearOption = Annotated[
    int | None, typer.Option("--year", help="Dues year, e.g. 2022 (default: the as-of year).")
]


def _amount(text: str, option: str) -> int:
    """An amount typed for *option*, as fen; a bad one is a usage error."""
    from assoc_cli.errors import AssocError
    from assoc_cli.i18n.money import parse_amount

    try:
        return parse_amount(text)
    except AssocError as exc:
        raise typer.BadParameter(str(exc), param_hint=f"'{option}'") from None


def _money(fen: int) -> str:
    from assoc_cli.i18n.money import format_money

    return format_money(fen)


def _policy(session: DbSession) -> DuesPolicy:
    from assoc_cli.dues.policy import dues_policy

    return dues_policy(session)


def _require_rates(session: DbSession, lang: str, year: int | None = None) -> None:
    """Fail clearly when no rates exist; say which tiers lack a rate for *year*."""
    from assoc_cli.errors import NotFoundError
    from assoc_cli.organisation.queries import any_rate, rate_tiers

    if not any_rate(session):
        raise NotFoundError(t("msg.no_rates", "en"))
    if year is not None:
        have, missing = rate_tiers(session, year)
        if missing and have:
            message(t("msg.missing_rates", lang, year=year, tiers="、".join(missing)))


# ---------------------------------------------------------------- rates and policy


@rates_app.command("set")
def rates_set(
    ctx: typer.Context,
    year: Annotated[int, typer.Argument(help="Dues year, e.g. 2022.")],
    tier: Annotated[str, typer.Argument(help="Tier: 会长单位, 副会长单位, 理事单位 or 会员单位.")],
    amount: Annotated[str, typer.Argument(help="Annual amount in yuan: 30000, 30,000.00, 3万.")],
    adopted_by: Annotated[
        str | None,
        typer.Option("--adopted-by", help="The meeting that adopted it, e.g. 二届一次会员大会."),
    ] = None,
) -> None:
    """Set one tier's annual dues for a year (会费标准); setting it again changes it.

    \b
    Example:
      assoc dues rates set 2022 会长单位 30000 --adopted-by 二届一次会员大会
    """
    from assoc_cli.dues.service import set_rate

    fen = _amount(amount, "AMOUNT")
    with open_session(ctx) as (session, lang):
        rate, previous = set_rate(
            session=session, year=year, tier_name=tier, amount_fen=fen, adopted_by=adopted_by
        )
        if previous is not None and previous != fen:
            message(
                t(
                    "msg.rate_changed",
                    lang,
                    year=year,
                    tier=tier,
                    old=_money(previous),
                    amount=_money(fen),
                )
            )
        else:
            message(t("msg.rate_set", lang, year=year, tier=tier, amount=_money(rate.amount_fen)))


@rates_app.command("list")
def rates_list(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option("--year", help="Only this year.")] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List the dues rates by year and tier.

    \b
    Example:
      assoc dues rates list --year 2022
    """
    from assoc_cli.dues.service import list_rates

    with open_session(ctx, write=False) as (session, lang):
        rows = [
            {
                "year": rate.year,
                "tier": tier.name,
                "amount": rate.amount_fen,
                "adopted_by": rate.adopted_by,
            }
            for rate, tier in list_rates(session=session, year=year)
        ]
        columns = [
            Column("year"),
            Column("tier"),
            Column("amount", kind="money"),
            Column("adopted_by"),
        ]
        render(Listing(columns, rows), fmt, lang)


class JoinPolicy(StrEnum):
    """Whether a unit joining mid-year owes that year."""

    full_year = "full-year"
    next_year = "next-year"


@app.command("policy")
def policy(
    ctx: typer.Context,
    join: Annotated[
        JoinPolicy | None,
        typer.Option(
            "--join",
            help="full-year: a unit joining mid-year owes that year; next-year: starts next year.",
        ),
    ] = None,
    withdraw_after: Annotated[
        int | None,
        typer.Option(
            "--withdraw-after",
            help="Charter rule: years with no dues before a unit may be treated as withdrawn.",
        ),
    ] = None,
    deadline: Annotated[
        str | None, typer.Option("--deadline", help="Payment deadline on notices, e.g. 12-31.")
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Show or change the dues rules (会费规则): mid-year joiners, withdrawal rule, deadline.

    \b
    Example:
      assoc dues policy --join next-year --withdraw-after 2
    """
    from assoc_cli.dues.policy import set_dues_policy

    with open_session(ctx) as (session, lang):
        if join is None and withdraw_after is None and deadline is None:
            current = _policy(session)
        else:
            current = set_dues_policy(
                session,
                join_policy=join.value if join else None,
                withdraw_after_years=withdraw_after,
                deadline=deadline,
            )
            message(t("msg.policy", lang))
        machine = fmt.for_machines
        settings = (
            ("dues.join_policy", current.join_policy, t(f"policy.{current.join_policy}", lang)),
            ("dues.withdraw_after_years", str(current.withdraw_after_years), None),
            ("dues.deadline", current.deadline, None),
        )
        rows = [
            {"key": key, "value": value}
            if machine
            else {"setting": t(f"setting.{key}", lang), "value": label or value}
            for key, value, label in settings
        ]
        columns = (
            [Column("key"), Column("value")] if machine else [Column("setting"), Column("value")]
        )
        render(Listing(columns, rows), fmt, lang)


# ---------------------------------------------------------------- payments, waivers, voids


def _year_summary(session: Session, lang: str, member_id: int, as_of: date) -> str:
    from assoc_cli.dues.reports import member_ledger

    rows = member_ledger(session, _policy(session), member_id=member_id, as_of=as_of)
    parts = []
    for row in rows:
        if row["net_due"] <= 0:
            continue
        if row["balance"] == 0:
            parts.append(t("msg.settled", lang, year=row["year"]))
        else:
            parts.append(
                t("msg.still_owing", lang, year=row["year"], amount=_money(row["balance"]))
            )
    credit = max((row["credit"] for row in rows), default=0)
    if credit > 0:
        parts.append(t("msg.credit", lang, amount=_money(credit)))
    return (
        ";".join(parts)
        if lang != "en" and parts
        else "; ".join(parts) or t("msg.nothing_due", lang)
    )


@app.command("pay")
def pay(
    ctx: typer.Context,
    member: MemberArgument,
    amount: Annotated[
        str, typer.Option("--amount", help="Amount in yuan: 30000, 30,000.00, ¥30000, 3万.")
    ],
    year: Annotated[
        int | None,
        typer.Option(
            "--year", help="The dues year it pays; default: the oldest outstanding years first."
        ),
    ] = None,
    on: Annotated[str | None, typer.Option("--on", help="Date received (default today).")] = None,
    method: Annotated[
        str, typer.Option("--method", help="银行转账 (default), 现金, 微信, 支付宝 or 其他.")
    ] = "银行转账",
    receipt: Annotated[
        str | None,
        typer.Option(
            "--receipt", help="Your own receipt number; default: the next 2022-0001 style number."
        ),
    ] = None,
    payer: Annotated[
        str | None, typer.Option("--payer", help="Who paid, if not the member itself.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="A note.")] = None,
) -> None:
    """Record a dues payment (缴费); prints its receipt number.

    \b
    Example:
      assoc dues pay 双涵 --amount 20000 --year 2022 --on 2022-11-25 --method 银行转账
    """
    from assoc_cli.dues.service import PaymentInput, parse_method, record_payment
    from assoc_cli.errors import AssocError
    from assoc_cli.members.service import resolve_member

    fen = _amount(amount, "--amount")
    when = date_option(on, "--on") or today()
    try:
        chosen_method = parse_method(method)
    except AssocError as exc:
        raise typer.BadParameter(str(exc), param_hint="'--method'") from None
    with open_session(ctx) as (session, lang):
        target = resolve_member(session=session, query=member)
        entry = record_payment(
            session=session,
            member=target,
            payment=PaymentInput(
                amount_fen=fen,
                on=when,
                year=year,
                method=chosen_method,
                receipt=receipt,
                payer=payer,
                note=note,
            ),
        )
        message(
            t(
                "msg.paid",
                lang,
                number=target.number,
                name=target.name,
                amount=_money(fen),
                method=chosen_method,
                receipt=entry.receipt,
            )
        )
        assert target.id is not None
        message(
            t(
                "msg.after_payment",
                lang,
                summary=_year_summary(session, lang, target.id, max(when, today())),
            )
        )
        typer.echo(entry.receipt)


@app.command("waive")
def waive(
    ctx: typer.Context,
    member: MemberArgument,
    year: Annotated[int, typer.Option("--year", help="The dues year reduced.")],
    amount: Annotated[str, typer.Option("--amount", help="Amount waived, in yuan.")],
    reason: Annotated[str, typer.Option("--reason", help="Why, e.g. 受灾减免.")],
    approved_by: Annotated[
        str | None, typer.Option("--approved-by", help="Who approved it, e.g. 三届二次理事会.")
    ] = None,
    on: Annotated[
        str | None, typer.Option("--on", help="Date of the decision (default today).")
    ] = None,
) -> None:
    """Record a reduction of a member's dues for a year (减免), as its own ledger entry.

    \b
    Example:
      assoc dues waive 双涵 --year 2022 --amount 5000 --reason 受灾减免 --approved-by 理事会
    """
    from assoc_cli.dues.reports import member_ledger
    from assoc_cli.dues.service import entry_reference, record_waiver
    from assoc_cli.members.service import resolve_member

    fen = _amount(amount, "--amount")
    when = date_option(on, "--on") or today()
    year_option(year, "--year")
    with open_session(ctx) as (session, lang):
        target = resolve_member(session=session, query=member)
        assert target.id is not None
        rows = {
            row["year"]: row
            for row in member_ledger(
                session, _policy(session), member_id=target.id, as_of=max(when, date(year, 12, 31))
            )
        }
        row = rows.get(year, {"due": 0, "waived": 0, "balance": 0})
        entry = record_waiver(
            session=session,
            member=target,
            year=year,
            amount_fen=fen,
            on=when,
            reason=reason,
            approved_by=approved_by,
            due_fen=int(row["due"]),
            waived_fen=int(row["waived"]),
            balance_fen=int(row["balance"]),
        )
        message(
            t(
                "msg.waived",
                lang,
                number=target.number,
                name=target.name,
                year=year,
                amount=_money(fen),
                ref=entry_reference(entry),
            )
        )


@app.command("void")
def void(
    ctx: typer.Context,
    reference: Annotated[
        str, typer.Argument(help="Receipt number (2022-0001) or waiver reference (W12).")
    ],
    reason: Annotated[str, typer.Option("--reason", help="Why, e.g. 重复录入 or 银行退票.")],
    on: Annotated[
        str | None, typer.Option("--on", help="Date of the void (default today).")
    ] = None,
) -> None:
    """Reverse a payment or waiver (作废); the original and its receipt number stay on record.

    \b
    Example:
      assoc dues void 2022-0007 --reason 重复录入
    """
    from assoc_cli.dues.service import void_entry

    when = date_option(on, "--on") or today()
    with open_session(ctx) as (session, lang):
        original, _ = void_entry(session=session, reference=reference, on=when, reason=reason)
        message(t("msg.voided", lang, ref=reference, amount=_money(original.amount_fen)))


# ---------------------------------------------------------------- statement


@app.command("statement")
def statement(
    ctx: typer.Context,
    member: MemberArgument,
    as_of: AsOfOption = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """One member's account (对账单): every due, payment, waiver and void with a running
    balance, then each year's position and any credit.

    \b
    Example:
      assoc dues statement 双涵 --as-of 2022-11-30
    """
    from assoc_cli.dues.reports import statement_report
    from assoc_cli.members.service import resolve_member

    when = date_option(as_of, "--as-of") or today()
    with open_session(ctx, write=False) as (session, lang):
        target = resolve_member(session=session, query=member)
        result = statement_report(
            session, _policy(session), member=target.model_dump(), as_of=when, lang=lang
        )
    render_result(result, fmt, lang)


# ---------------------------------------------------------------- reports


class UnpaidSort(StrEnum):
    """Order of the unpaid list."""

    balance = "balance"
    number = "number"
    name = "name"
    strokes = "strokes"


UNPAID_COLUMNS = [
    Column("number"),
    Column("name"),
    Column("tier"),
    Column("due", kind="money"),
    Column("paid", kind="money"),
    Column("waived", kind="money"),
    Column("balance", kind="money"),
    Column("status", kind="enum", enum_prefix="dues_status."),
    Column("representative"),
    Column("phone"),
    Column("years_in_arrears"),
    Column("total_owing", kind="money"),
]


@app.command("unpaid")
def unpaid(
    ctx: typer.Context,
    year: YearOption = None,
    as_of: AsOfOption = None,
    tier: Annotated[str | None, typer.Option("--tier", help="Only this tier.")] = None,
    segment: Annotated[str | None, typer.Option("--segment", help="Only this segment.")] = None,
    sort: Annotated[
        UnpaidSort,
        typer.Option("--sort", help="balance (largest first, default), number, name or strokes."),
    ] = UnpaidSort.balance,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List members still owing for a year (欠费名单), largest balance first, with phone numbers.

    \b
    Example:
      assoc dues unpaid --year 2022 --as-of 2022-11-30
    """
    from assoc_cli.dues.reports import stream, unpaid_select

    when = date_option(as_of, "--as-of") or today()
    dues_year = year_option(year, "--year") or when.year
    with open_reader(ctx) as (session, lang):
        _require_rates(session, lang, dues_year)
        if tier is not None:
            from assoc_cli.organisation.tiers import find_tier_id

            find_tier_id(session, tier)
        query = unpaid_select(
            session,
            _policy(session),
            year=dues_year,
            as_of=when,
            tier=tier,
            segment=segment,
            sort=sort.value,
        )
        if fmt is OutputFormat.csv:
            # Hundreds of thousands of rows for a federation: the cells are made in SQL.
            from assoc_cli.db.sql import write_csv_query

            write_csv_query(session, query, UNPAID_COLUMNS, sys.stdout)
            return
        render(Listing(UNPAID_COLUMNS, stream(session, query)), fmt, lang)


class ReportBy(StrEnum):
    """Grouping of the collection report."""

    tier = "tier"
    segment = "segment"


@app.command("report")
def report(
    ctx: typer.Context,
    year: YearOption = None,
    as_of: AsOfOption = None,
    by: Annotated[
        ReportBy, typer.Option("--by", help="Group by tier (default) or segment.")
    ] = ReportBy.tier,
    compare: Annotated[
        int | None,
        typer.Option(
            "--compare", help="Put this year's figure at the same date beside it, e.g. 2021."
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """The collection rate (收缴率) by count and amount, per tier or segment and in total,
    ending with the sentence read out at meetings.

    \b
    Example:
      assoc dues report --year 2022 --as-of 2022-11-30 --compare 2021
    """
    from assoc_cli.dues.reports import collection_figures, collection_sentence, same_day_in
    from assoc_cli.i18n.dates import format_date

    when = date_option(as_of, "--as-of") or today()
    dues_year = year_option(year, "--year") or when.year
    with open_reader(ctx) as (session, lang):
        _require_rates(session, lang, dues_year)
        policy = _policy(session)
        groups, total = collection_figures(session, policy, year=dues_year, as_of=when, by=by.value)
        previous_groups: dict[Any, Any] = {}
        previous_total = None
        if year_option(compare, "--compare") is not None:
            assert compare is not None
            then = same_day_in(compare + (when.year - dues_year), when)
            prev_groups, previous_total = collection_figures(
                session, policy, year=compare, as_of=then, by=by.value
            )
            previous_groups = {g.group: g for g in prev_groups}
        rows = []
        for figures in [*groups, total]:
            row = figures.as_row()
            if figures is total:
                row["group"] = t("report.total", lang)
            row["rate_count_bar"] = row["rate_count"]
            row["rate_amount_bar"] = row["rate_amount"]
            if compare is not None:
                previous = (
                    previous_total if figures is total else previous_groups.get(figures.group)
                )
                row["compare_rate_count"] = previous.rate_count if previous else None
                row["compare_rate_amount"] = previous.rate_amount if previous else None
            rows.append(row)
        machine = fmt.for_machines
        columns = [
            Column("group", "col.tier" if by is ReportBy.tier else "col.segment"),
            Column("members_owing", kind="int"),
            Column("paid_full", kind="int"),
            Column("partial", kind="int"),
            Column("unpaid", kind="int"),
            # People get the figures they read out; machines get every column.
            *([Column("due", kind="money"), Column("waived", kind="money")] if machine else []),
            Column("net_due", kind="money"),
            Column("collected", kind="money"),
            *([Column("outstanding", kind="money")] if machine else []),
            Column("rate_count", kind="percent"),
            *([] if machine else [Column("rate_count_bar", "col.bar", kind="bar")]),
            Column("rate_amount", kind="percent"),
            *([] if machine else [Column("rate_amount_bar", "col.bar", kind="bar")]),
            *(
                [
                    Column("compare_rate_count", kind="percent"),
                    Column("compare_rate_amount", kind="percent"),
                ]
                if compare is not None
                else []
            ),
        ]
        title = t("report.title", lang, year=dues_year, date=format_date(when, lang))
        render(Listing(columns, rows, title=None if machine else title), fmt, lang)
        if not machine:
            typer.echo(
                collection_sentence(
                    total, lang, when, (compare, previous_total) if compare is not None else None
                )
            )


@app.command("arrears")
def arrears(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    min_years: Annotated[
        int, typer.Option("--min-years", help="List members owing for at least this many years.")
    ] = 2,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Members owing for more than one year (多年欠费), with the years and the total; marks
    who has crossed the charter's "no dues for N years" rule (it never withdraws anyone).

    \b
    Example:
      assoc dues arrears --as-of 2022-11-30
    """
    from assoc_cli.dues.reports import arrears_select, stream

    when = date_option(as_of, "--as-of") or today()
    if min_years < 1:
        raise typer.BadParameter("must be 1 or more", param_hint="'--min-years'")
    with open_reader(ctx) as (session, lang):
        _require_rates(session, lang)
        query = arrears_select(session, _policy(session), as_of=when, min_years=min_years)
        columns = [
            Column("number"),
            Column("name"),
            Column("years_owing", kind="int"),
            Column("years"),
            Column("total_owing", kind="money"),
            Column("years_unpaid", kind="int"),
            Column("rule_crossed", kind="bool"),
            Column("representative"),
            Column("phone"),
            Column("member_status", kind="enum", enum_prefix="status."),
        ]
        render(Listing(columns, stream(session, query)), fmt, lang)


PAYMENT_COLUMNS = [
    Column("receipt"),
    Column("kind", "col.action", kind="enum", enum_prefix="entry."),
    Column("entry_on", kind="date"),
    Column("number"),
    Column("name"),
    Column("year"),
    Column("amount", kind="money"),
    Column("method"),
    Column("payer"),
    Column("state", kind="enum", enum_prefix="state."),
    Column("voided_on", kind="date"),
    Column("void_reason"),
    Column("reason"),
    Column("approved_by"),
    Column("note"),
]


@app.command("export")
def export(
    ctx: typer.Context,
    year: Annotated[
        int | None, typer.Option("--year", help="Payments received in this year (default: all).")
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o",
            "--output",
            help="File: .csv (UTF-8 with BOM, for Excel) or .xlsx; default: CSV on stdout.",
        ),
    ] = None,
) -> None:
    """Export the payments ledger (缴费台账): every payment and waiver with its receipt and
    whether it was voided.

    \b
    Example:
      assoc dues export --year 2022 -o 2022缴费台账.xlsx
    """
    from assoc_cli.dues.reports import payments_select, stream
    from assoc_cli.files.spreadsheets import write_csv_file, write_xlsx_file

    if output is not None and output.suffix.lower() not in (".csv", ".xlsx"):
        raise typer.BadParameter("the file must end in .csv or .xlsx", param_hint="'-o'")
    year_option(year, "--year")
    with open_reader(ctx) as (session, lang):
        rows = _for_people(stream(session, payments_select(year=year)))
        headers = [c.label("zh-Hans") for c in PAYMENT_COLUMNS]
        if output is not None and output.suffix.lower() == ".xlsx":
            count = write_xlsx_file(output, PAYMENT_COLUMNS, rows, headers, f"{year or ''}缴费台账")
        else:
            count = write_csv_file(output, PAYMENT_COLUMNS, rows, headers, sys.stdout)
        if output is not None:
            message(t("msg.exported", lang, rows=count, file=output))


def _for_people(rows: Any) -> Any:
    """Spreadsheet rows read by people: 缴费/减免 and 有效/已作废 instead of codes."""
    for row in rows:
        row["kind"] = t(f"entry.{row['kind']}", "zh-Hans")
        row["state"] = t(f"state.{row['state']}", "zh-Hans")
        yield row


@app.command("verify")
def verify(ctx: typer.Context, as_of: AsOfOption = None) -> None:
    """Recompute every balance and receipt sequence from the ledger entries and report any
    mismatch (核对); exits 1 when something does not add up.

    \b
    Example:
      assoc dues verify
    """
    from assoc_cli.dues.verify import verify_ledger
    from assoc_cli.errors import AssocError

    when = date_option(as_of, "--as-of") or today()
    with open_reader(ctx) as (session, lang):
        result = verify_ledger(session, _policy(session), when)
        problems = result.problems or []
        for problem in problems:
            typer.echo(problem)
        if problems:
            raise AssocError(t("msg.verify_failed", "en", count=len(problems)))
        message(
            t(
                "msg.verify_ok",
                lang,
                members=result.members,
                entries=result.entries,
                receipts=result.receipts,
            )
        )


@app.command("notice")
def notice(
    ctx: typer.Context,
    year: YearOption = None,
    member: Annotated[str | None, typer.Option("--member", help="Only this member.")] = None,
    unpaid: Annotated[
        bool,
        typer.Option("--unpaid", help="Reminders (催缴通知) for those still owing, not notices."),
    ] = False,
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", help="Folder for the files (default: ./dues-notices-YEAR)."),
    ] = None,
    docx: Annotated[bool, typer.Option("--docx", help="Write Word files (.docx).")] = False,
    text: Annotated[
        bool, typer.Option("--text", help="Write plain text (.txt) instead of Markdown.")
    ] = False,
    on: Annotated[
        str | None,
        typer.Option("--on", help="Date of issue; figures are as of it (default today)."),
    ] = None,
    deadline: Annotated[
        str | None,
        typer.Option("--deadline", help="Pay-by date (default: the policy's deadline in YEAR)."),
    ] = None,
    again: Annotated[
        bool, typer.Option("--again", help="Send even to members who already had this kind.")
    ] = False,
) -> None:
    """Write the dues notice (会费收缴通知), or with --unpaid the reminder (催缴通知), one per
    member: amount in figures and capitals (大写), arrears, deadline, bank account. Each is logged.

    With --member and no -o, the notice is printed instead of written to a file.

    \b
    Example:
      assoc dues notice --year 2022 --on 2022-11-18 --docx
      assoc dues notice --year 2022 --unpaid --on 2022-11-30 -o 催缴
    """
    from assoc_cli.association.profile import require_association
    from assoc_cli.dues.notices import facts_from_row, notice_document, notice_file_name
    from assoc_cli.dues.reports import notice_select, stream
    from assoc_cli.dues.service import log_notice
    from assoc_cli.errors import ConflictError, InvalidValueError
    from assoc_cli.files.papers import render_text, save
    from assoc_cli.members.service import resolve_member

    if docx and text:
        raise typer.BadParameter("choose one of --docx and --text")
    fmt = "docx" if docx else "txt" if text else "md"
    issued = date_option(on, "--on") or today()
    dues_year = year_option(year, "--year") or issued.year
    kind = "reminder" if unpaid else "notice"
    with open_session(ctx) as (session, lang):
        association = require_association(session)
        policy = _policy(session)
        pay_by = date_option(deadline, "--deadline") or date.fromisoformat(
            f"{dues_year}-{policy.deadline}"
        )
        if deadline is not None and pay_by < issued:
            raise typer.BadParameter(
                f"the deadline {pay_by} is before the notice is issued ({issued})",
                param_hint="'--deadline'",
            )
        _require_rates(session, lang, dues_year)
        target = resolve_member(session=session, query=member) if member else None
        query = notice_select(
            session,
            policy,
            year=dues_year,
            as_of=issued,
            kind=kind,
            member_id=target.id if target else None,
            only_owing=unpaid,
        )
        rows = list(stream(session, query))
        if target is not None and not rows:
            raise InvalidValueError(
                f"{target.name} ({target.number}) "
                + ("owes nothing more" if unpaid else "owes no dues")
                + f" for {dues_year} as of {issued}"
            )
        skipped = [row for row in rows if row["already_sent"] and not again]
        if target is not None and skipped:
            raise ConflictError(
                f"{target.name} ({target.number}) already had the {dues_year} "
                f"{t(f'notice.{kind}', 'en')}; add --again to send it again"
            )
        to_print = target is not None and output is None and fmt != "docx"
        folder = output or Path(f"dues-notices-{dues_year}")
        if not to_print:
            folder.mkdir(parents=True, exist_ok=True)
        written = 0
        for row in rows:
            if row["already_sent"] and not again:
                continue
            facts = facts_from_row(row, kind=kind, year=dues_year, as_of=issued, deadline=pay_by)
            document = notice_document(facts, association, lang)
            where = None
            if to_print:
                typer.echo(render_text(document, fmt), nl=False)
            else:
                path = folder / notice_file_name(facts, fmt)
                save(document, path, fmt)
                where = str(path)
            log_notice(
                session=session,
                member_id=row["member_id"],
                year=dues_year,
                kind=kind,
                sent_on=issued,
                balance_fen=int(row["balance"]) + int(row["arrears"] or 0),
                document=where,
            )
            written += 1
        label = t(f"notice.{kind}", lang)
        if not to_print:
            message(t("msg.notice_written", lang, count=written, kind=label, where=folder))
        if skipped:
            message(t("msg.notice_skipped", lang, count=len(skipped), kind=label))


@app.command("notices")
def notices(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option("--year", help="Only this dues year.")] = None,
    member: Annotated[str | None, typer.Option("--member", help="Only this member.")] = None,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """List the notices and reminders sent (通知发送记录): member, year, kind, date.

    \b
    Example:
      assoc dues notices --year 2022
    """
    from sqlmodel import col, select

    from assoc_cli.db.models import DuesNotice, Member
    from assoc_cli.members.service import resolve_member

    with open_session(ctx, write=False) as (session, lang):
        query = select(DuesNotice, Member).join(Member, col(Member.id) == DuesNotice.member_id)
        if year is not None:
            query = query.where(DuesNotice.year == year)
        if member is not None:
            query = query.where(
                DuesNotice.member_id == resolve_member(session=session, query=member).id
            )
        rows = (
            {
                "number": m.number,
                "name": m.name,
                "year": n.year,
                "kind": n.kind,
                "sent_on": n.sent_on,
                "balance": n.balance_fen,
                "document": n.document,
            }
            for n, m in session.exec(query.order_by(col(DuesNotice.sent_on), col(DuesNotice.id)))
        )
        columns = [
            Column("number"),
            Column("name"),
            Column("year"),
            Column("kind", "col.action", kind="enum", enum_prefix="notice."),
            Column("sent_on", kind="date"),
            Column("balance", kind="money"),
            Column("document"),
        ]
        render(Listing(columns, rows), fmt, lang)
