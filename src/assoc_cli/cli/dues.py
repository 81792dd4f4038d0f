"""``assoc dues``: the dues ledger (会费) — rates, payments, reports, notices."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from assoc_cli.cli.common import (
    AsOfOption,
    FormatOption,
    OutputOption,
    date_option,
    echo,
    emit,
    every_column,
    for_machines,
    hint,
    message,
    open_reader,
    open_session,
    open_writer,
    progress_bar,
    render_result,
    state,
    today,
    usage_error,
    year_option,
)
from assoc_cli.cli.completion import complete_member, complete_receipt, complete_tier
from assoc_cli.dues.choices import JoinPolicy, NoticeFormat, NoticeKind, ReportBy, UnpaidSort
from assoc_cli.i18n import t
from assoc_cli.listing import OutputFormat

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
    str,
    typer.Argument(
        help="Member number, name, short name or a unique part of the name.",
        autocompletion=complete_member,
    ),
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
        raise usage_error(exc, hint=f"'{option}'") from None


def _money(fen: int) -> str:
    from assoc_cli.i18n.money import format_money

    return format_money(fen)


# ---------------------------------------------------------------- rates and policy


@rates_app.command("set")
def rates_set(
    ctx: typer.Context,
    year: Annotated[int, typer.Argument(help="Dues year, e.g. 2022.")],
    tier: Annotated[
        str,
        typer.Argument(
            help="Tier: 会长单位, 副会长单位, 理事单位 or 会员单位.", autocompletion=complete_tier
        ),
    ],
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
    output: OutputOption = None,
) -> None:
    """List the dues rates by year and tier.

    \b
    Example:
      assoc dues rates list --year 2022
    """
    from assoc_cli.dues.rates import rates_listing

    with open_session(ctx, write=False) as (session, lang):
        result = rates_listing(session, year=year)
    emit(result, fmt, lang, output)


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
    close_after: Annotated[
        str | None,
        typer.Option(
            "--close-after",
            help="Close each year on this day of the next year, e.g. 03-31 (none: off).",
        ),
    ] = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """Show or change the dues rules (会费规则): mid-year joiners, withdrawal rule, deadline,
    and when a year closes by itself (the first change made on or after that day closes it).

    \b
    Example:
      assoc dues policy --join next-year --withdraw-after 2
      assoc dues policy --close-after 03-31
    """
    from assoc_cli.dues.policy import policy_listing

    with open_session(ctx) as (session, lang):
        result = policy_listing(
            session,
            join_policy=join,
            withdraw_after_years=withdraw_after,
            deadline=deadline,
            close_after=close_after,
            lang=lang,
            for_machines=for_machines(fmt, output),
        )
    emit(result, fmt, lang, output)  # after the commit: the rules shown are the saved ones


# ---------------------------------------------------------------- payments, waivers, voids


@app.command("pay")
def pay(
    ctx: typer.Context,
    member: Annotated[
        str | None,
        typer.Argument(
            help="Member number, name, short name or a unique part of the name (not with --from).",
            autocompletion=complete_member,
        ),
    ] = None,
    amount: Annotated[
        str | None,
        typer.Option("--amount", help="Amount in yuan: 30000, 30,000.00, ¥30000, 3万."),
    ] = None,
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
    ref: Annotated[
        str | None,
        typer.Option(
            "--ref", help="The bank's reference (流水号); a reference is recorded only once."
        ),
    ] = None,
    payer: Annotated[
        str | None, typer.Option("--payer", help="Who paid, if not the member itself.")
    ] = None,
    note: Annotated[str | None, typer.Option("--note", help="A note.")] = None,
    again: Annotated[
        bool,
        typer.Option(
            "--again",
            help="Record it although a payment of the same member, amount and date is "
            "already recorded (a second payment, not the first typed twice).",
        ),
    ] = False,
    credit: Annotated[
        bool,
        typer.Option(
            "--credit",
            help="Record it although it leaves more credit (预存) than one year's dues.",
        ),
    ] = False,
    from_file: Annotated[
        Path | None,
        typer.Option(
            "--from",
            help="A bank statement to enter whole (.csv or .xlsx): columns 会员/会员编号, 金额, "
            "日期, and 年度, 方式, 流水号 if known. All its payments or none.",
        ),
    ] = None,
    expect_count: Annotated[
        int | None,
        typer.Option("--expect-count", help="With --from: the number of payments it must hold."),
    ] = None,
    expect_total: Annotated[
        str | None,
        typer.Option("--expect-total", help="With --from: the total it must add up to, in yuan."),
    ] = None,
    dry_run: Annotated[
        bool,
        typer.Option("--dry-run", help="With --from: check the file, show it; record nothing."),
    ] = False,
    yes: Annotated[
        bool,
        typer.Option(
            "--yes", "-y", help="Do not ask to confirm the amount (asked only at a terminal)."
        ),
    ] = False,
    fmt: FormatOption = OutputFormat.table,
) -> None:
    """Record a dues payment (缴费); prints its receipt number. With --from, enter a bank
    statement's payments at once, checked whole first: all of them or none.

    A payment that repeats one already recorded (same member, amount and date, or the same
    bank reference) is refused, naming the earlier receipt, unless --again; one that would
    leave more credit than the member's dues for a year is refused, saying how much, unless
    --credit. At a terminal, a missing member or amount is asked for, and the amount is
    confirmed before it is recorded (not with --yes, nor when stdin is not a terminal).

    \b
    Example:
      assoc dues pay 双涵 --amount 20000 --year 2022 --on 2022-11-25 --method 银行转账
      assoc dues pay 双涵 --amount 20000 --year 2022 --ref 3021000123 --on 2022-11-25
      assoc dues pay --from 12月流水.xlsx --expect-count 12 --expect-total 86000 --dry-run
    """
    from assoc_cli.cli import prompts

    if yes:
        state(ctx).yes = True
    if from_file is None and prompts.interactive(ctx):
        if member is None:
            member = prompts.ask_text(
                "Member (number, name, short name or part of the name)",
                "会员（编号、名称、简称或名称的一部分）",
            )
        if amount is None:
            amount = prompts.ask_text("Amount in yuan", "金额（元）")
    if from_file is not None:
        if member is not None or amount is not None:
            raise usage_error(
                "give a member and --amount, or --from FILE, not both",
                zh="请给出会员和 --amount,或者 --from 文件,二者不能同时使用",
            )
        _pay_from_file(ctx, from_file, expect_count, expect_total, again, credit, dry_run, fmt)
        return
    if member is None or amount is None:
        raise usage_error(
            "name the member and --amount (or a bank statement with --from FILE)",
            zh="请给出会员和 --amount(或用 --from 文件录入银行流水)",
        )
    for option, given in (
        ("--expect-count", expect_count is not None),
        ("--expect-total", expect_total is not None),
        ("--dry-run", dry_run),
    ):
        if given:
            raise usage_error(
                f"{option} goes with --from FILE", zh=f"{option} 只能与 --from 文件一起使用"
            )
    from assoc_cli.dues.payment import PaymentInput, parse_method, record_payment
    from assoc_cli.errors import AssocError
    from assoc_cli.members.lookup import find_member

    fen = _amount(amount, "--amount")
    when = date_option(on, "--on") or today()
    try:
        chosen_method = parse_method(method)
    except AssocError as exc:
        raise usage_error(exc, hint="'--method'") from None
    # On the Core tables (dues/payment.py): a payment must not wait for the ORM to load.
    with open_writer(ctx) as (session, lang):
        payer_member = find_member(session, member)
        _confirm_payment(ctx, payer_member["name"], fen, year)
        paid = record_payment(
            session=session,
            member=payer_member,
            payment=PaymentInput(
                amount_fen=fen,
                on=when,
                year=year,
                method=chosen_method,
                receipt=receipt,
                payer=payer,
                note=note,
                reference=ref,
                again=again,
                credit=credit,
            ),
        )
        for sentence in paid.sentences(lang):
            message(sentence)
        echo(paid.receipt)


def _confirm_payment(ctx: typer.Context, name: str, fen: int, year: int | None) -> None:
    """At a terminal: "向 山东双涵石化装备有限公司 收取 ¥20,000.00 作为2022年度会费?" [y/N]."""
    from assoc_cli.cli import prompts

    money = _money(fen)
    if year is None:
        prompts.confirm(
            ctx,
            f"Receive {money} from {name} as dues (the oldest years owed first)?",
            f"向 {name} 收取 {money} 作为会费（先抵最早欠缴的年度）?",
        )
    else:
        prompts.confirm(
            ctx,
            f"Receive {money} from {name} as dues for {year}?",
            f"向 {name} 收取 {money} 作为{year}年度会费?",
        )


def _pay_from_file(
    ctx: typer.Context,
    path: Path,
    expect_count: int | None,
    expect_total: str | None,
    again: bool,
    credit: bool,
    dry_run: bool,
    fmt: OutputFormat,
) -> None:
    """``dues pay --from FILE``: the statement checked whole, then recorded (or shown)."""
    from assoc_cli.dues.batch import pay_from_file

    total = _amount(expect_total, "--expect-total") if expect_total is not None else None
    if expect_count is not None and expect_count < 1:
        raise usage_error("must be 1 or more", zh="必须为 1 或更大", hint="'--expect-count'")
    with open_session(ctx) as (session, lang):
        result = pay_from_file(
            session=session,
            path=path,
            expect_count=expect_count,
            expect_total=total,
            again=again,
            credit=credit,
            dry_run=dry_run,
            today=today(),
        )
        message(result.summary(lang, dry_run=dry_run))
        if dry_run:
            render_result(result.listing(lang), fmt, lang)
            session.rollback()
            return
        for receipt in result.receipts:
            echo(receipt)


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
    from assoc_cli.dues.service import entry_reference, record_waiver
    from assoc_cli.members.service import resolve_member

    fen = _amount(amount, "--amount")
    when = date_option(on, "--on") or today()
    year_option(year, "--year")
    with open_session(ctx) as (session, lang):
        target = resolve_member(session=session, query=member)
        entry = record_waiver(
            session=session,
            member=target,
            year=year,
            amount_fen=fen,
            on=when,
            reason=reason,
            approved_by=approved_by,
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
        str,
        typer.Argument(
            help="Receipt number (2022-0001) or waiver reference (W12).",
            autocompletion=complete_receipt,
        ),
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


# ---------------------------------------------------------------- closed years


@app.command("close")
def close(
    ctx: typer.Context,
    year: Annotated[int, typer.Argument(help="The dues year to close, e.g. 2022.")],
    by: Annotated[
        str, typer.Option("--by", help="Who closes it, e.g. 秘书处 or 二届三次理事会.")
    ] = "秘书处",
    on: Annotated[str | None, typer.Option("--on", help="Date of closing (default today).")] = None,
) -> None:
    """Close a dues year (结账): fix each member's tier and amount due for it. Afterwards a
    change of offices, tiers or rates no longer changes that year; only `dues adjust` does.

    \b
    Example:
      assoc dues close 2022 --on 2023-03-31 --by 二届三次理事会
    """
    from assoc_cli.dues.closing import close_year

    when = date_option(on, "--on") or today()
    year_option(year, "YEAR")
    with open_session(ctx) as (session, lang):
        count = close_year(session=session, year=year, on=when, closed_by=by)
        message(t("msg.closed", lang, year=year, count=count))


@app.command("adjust")
def adjust(
    ctx: typer.Context,
    member: MemberArgument,
    year: Annotated[int, typer.Option("--year", help="The closed dues year changed.")],
    amount: Annotated[
        str, typer.Option("--amount", help="Change in yuan: 2000 more, or -18000 less.")
    ],
    reason: Annotated[str, typer.Option("--reason", help="Why, e.g. 职务调整追溯.")],
    approved_by: Annotated[
        str, typer.Option("--approved-by", help="Who approved it, e.g. 二届三次理事会.")
    ],
    on: Annotated[
        str | None, typer.Option("--on", help="Date of the decision (default today).")
    ] = None,
) -> None:
    """Change a closed year's dues for one member (调整), as its own ledger entry with reason
    and approver; statements list it. Open years follow the tiers and rates instead.

    \b
    Example:
      assoc dues adjust 传强 --year 2022 --amount=-18000 --reason 副会长职务年初已卸任 --approved-by 理事会
    """
    from assoc_cli.dues.closing import record_adjustment
    from assoc_cli.members.service import resolve_member

    text = amount.strip()
    negative = text.startswith(("-", "－"))
    fen = _amount(text[1:] if negative else text, "--amount")
    when = date_option(on, "--on") or today()
    year_option(year, "--year")
    with open_session(ctx) as (session, lang):
        target = resolve_member(session=session, query=member)
        entry, due = record_adjustment(
            session=session,
            member=target,
            year=year,
            amount_fen=-fen if negative else fen,
            on=when,
            reason=reason,
            approved_by=approved_by,
        )
        message(
            t(
                "msg.adjusted",
                lang,
                number=target.number,
                name=target.name,
                year=year,
                amount=("-" if negative else "+") + _money(fen),
                due=_money(due),
                ref=f"#{entry.id}",
            )
        )


# ---------------------------------------------------------------- statement


@app.command("statement")
def statement(
    ctx: typer.Context,
    member: MemberArgument,
    as_of: AsOfOption = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """One member's account (对账单): every due, payment, waiver and void with a running
    balance, then each year's position and any credit.

    \b
    Example:
      assoc dues statement 双涵 --as-of 2022-11-30
    """
    from assoc_cli.dues.statement import statement_report
    from assoc_cli.members.lookup import find_member

    when = date_option(as_of, "--as-of") or today()
    with open_reader(ctx) as (session, lang):
        target = find_member(session, member)
        result = statement_report(session, member=dict(target), as_of=when, lang=lang)
    emit(result, fmt, lang, output)


# ---------------------------------------------------------------- reports


@app.command("unpaid")
def unpaid(
    ctx: typer.Context,
    year: YearOption = None,
    as_of: AsOfOption = None,
    tier: Annotated[
        str | None, typer.Option("--tier", help="Only this tier.", autocompletion=complete_tier)
    ] = None,
    segment: Annotated[str | None, typer.Option("--segment", help="Only this segment.")] = None,
    sort: Annotated[
        UnpaidSort,
        typer.Option("--sort", help="balance (largest first, default), number, name or strokes."),
    ] = UnpaidSort.balance,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """List members still owing for a year (欠费名单), largest balance first, with phone numbers.

    \b
    Example:
      assoc dues unpaid --year 2022 --as-of 2022-11-30
      assoc dues unpaid --year 2022 -o 2022欠费名单.xlsx
    """
    from assoc_cli.dues.unpaid import unpaid_listing

    when = date_option(as_of, "--as-of") or today()
    dues_year = year_option(year, "--year") or when.year
    with open_reader(ctx) as (session, lang):
        result = unpaid_listing(
            session, year=dues_year, as_of=when, tier=tier, segment=segment, sort=sort, lang=lang
        )
        emit(result, fmt, lang, output)


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
    output: OutputOption = None,
) -> None:
    """The collection rate (收缴率) by count and amount, per tier or segment and in total,
    ending with the sentence read out at meetings.

    \b
    Example:
      assoc dues report --year 2022 --as-of 2022-11-30 --compare 2021
      assoc dues report --year 2022 -o 2022收缴情况.xlsx
    """
    from assoc_cli.dues.collection import collection_report

    when = date_option(as_of, "--as-of") or today()
    dues_year = year_option(year, "--year") or when.year
    year_option(compare, "--compare")
    with open_reader(ctx) as (session, lang):
        result = collection_report(
            session,
            year=dues_year,
            as_of=when,
            by=by,
            compare=compare,
            lang=lang,
            for_machines=every_column(fmt, output),
        )
    emit(result, fmt, lang, output)


@app.command("arrears")
def arrears(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    min_years: Annotated[
        int, typer.Option("--min-years", help="List members owing for at least this many years.")
    ] = 2,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """Members owing for more than one year (多年欠费), with the years and the total; marks
    who has crossed the charter's "no dues for N years" rule (it never withdraws anyone).

    \b
    Example:
      assoc dues arrears --as-of 2022-11-30
      assoc dues arrears -o 多年欠费.csv
    """
    from assoc_cli.dues.unpaid import arrears_listing

    when = date_option(as_of, "--as-of") or today()
    if min_years < 1:
        raise usage_error("must be 1 or more", zh="必须为 1 或更大", hint="'--min-years'")
    with open_reader(ctx) as (session, lang):
        result = arrears_listing(session, as_of=when, min_years=min_years)
        emit(result, fmt, lang, output)


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
    from assoc_cli.dues.exporting import export_payments

    if output is not None and output.suffix.lower() not in (".csv", ".xlsx"):
        raise usage_error(
            "the file must end in .csv or .xlsx", zh="文件名须以 .csv 或 .xlsx 结尾", hint="'-o'"
        )
    year_option(year, "--year")
    with open_reader(ctx) as (session, lang):
        count = export_payments(session, year=year, output=output, stdout=sys.stdout)
    if output is not None:
        message(t("msg.exported", lang, rows=count, file=output))


@app.command("verify")
def verify(
    ctx: typer.Context,
    as_of: AsOfOption = None,
    recompute: Annotated[
        bool,
        typer.Option(
            "--recompute",
            help="Also compute every member's ledger in SQL and hold it to the same check "
            "(twice as long).",
        ),
    ] = False,
) -> None:
    """Recompute every balance and receipt sequence from the ledger entries and report any
    mismatch (核对); exits 1 when something does not add up. Each member's figures are
    worked out again in plain Python and compared with what the reports read. A batch of
    members at a time, with a progress bar on a terminal; Ctrl-C stops it saying how far
    it got (exit 130).

    \b
    Example:
      assoc dues verify
      assoc dues verify --recompute
    """
    from assoc_cli.dues.verify import verify_dues

    when = date_option(as_of, "--as-of") or today()
    with open_reader(ctx) as (session, lang), progress_bar(t("progress.verify", lang)) as tick:
        result = verify_dues(session, as_of=when, progress=tick, recompute=recompute)
    render_result(result.report(lang), OutputFormat.plain, lang)
    failure = result.failure()
    if failure is not None:
        raise failure


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
    mark_sent: Annotated[
        bool,
        typer.Option(
            "--mark-sent", help="Log a printed notice as sent (a preview is not logged otherwise)."
        ),
    ] = False,
) -> None:
    """Write the dues notice (会费收缴通知), or with --unpaid the reminder (催缴通知), one per
    member: amount in figures and capitals (大写), arrears, deadline, bank account. Each file
    written is logged as sent.

    With --member and no -o, the notice is printed instead: a preview, not logged as sent
    (and not skipped when already sent) unless --mark-sent says it was handed over.

    \b
    Example:
      assoc dues notice --year 2022 --on 2022-11-18 --docx
      assoc dues notice --year 2022 --unpaid --on 2022-11-30 -o 催缴
      assoc dues notice --year 2022 --member 双涵 --on 2022-11-18              # preview only
      assoc dues notice --year 2022 --member 双涵 --on 2022-11-18 --mark-sent  # printed and sent
    """
    from assoc_cli.dues.notices import DeadlineBeforeIssueError, issue_notices
    from assoc_cli.files.atomic import file_batch

    if docx and text:
        raise usage_error("choose one of --docx and --text", zh="--docx 和 --text 只能选一个")
    fmt = NoticeFormat.docx if docx else NoticeFormat.text if text else NoticeFormat.markdown
    issued = date_option(on, "--on") or today()
    dues_year = year_option(year, "--year") or issued.year
    pay_by = date_option(deadline, "--deadline")
    # The files stand or fall with the commit that logs them as sent.
    with file_batch() as files, open_session(ctx) as (session, lang):
        try:
            result = issue_notices(
                session,
                year=dues_year,
                kind=NoticeKind.reminder if unpaid else NoticeKind.notice,
                member=member,
                folder=output,
                fmt=fmt,
                issued=issued,
                deadline=pay_by,
                again=again,
                lang=lang,
                files=files,
                mark_sent=mark_sent,
            )
        except DeadlineBeforeIssueError as exc:
            raise usage_error(exc, hint="'--deadline'") from None
        if result.printed is not None:
            echo(result.printed, nl=False)
        for sentence in result.messages:
            message(sentence)
        if result.folder is not None and result.written:
            hint(ctx, _print_hint(result.folder, fmt, lang))


def _print_hint(folder: Path, fmt: NoticeFormat, lang: str) -> str:
    """Where the notices are and how to print them all at once."""
    if fmt is NoticeFormat.docx:
        return t("hint.notice_docx", lang, folder=folder)
    return t("hint.notice_text", lang, folder=folder)


@app.command("notices")
def notices(
    ctx: typer.Context,
    year: Annotated[int | None, typer.Option("--year", help="Only this dues year.")] = None,
    member: Annotated[str | None, typer.Option("--member", help="Only this member.")] = None,
    fmt: FormatOption = OutputFormat.table,
    output: OutputOption = None,
) -> None:
    """List the notices and reminders sent (通知发送记录): member, year, kind, date.

    \b
    Example:
      assoc dues notices --year 2022
    """
    from assoc_cli.dues.notices import notices_listing

    with open_session(ctx, write=False) as (session, lang):
        result = notices_listing(session, year=year, member=member)
        emit(result, fmt, lang, output)
