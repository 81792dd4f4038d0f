"""``assoc init`` and ``assoc info``: the association profile and the database at a glance."""

from __future__ import annotations

from typing import Annotated

import typer

from assoc_cli.cli.common import (
    FormatOption,
    OutputOption,
    database_url,
    emit,
    message,
    open_reader,
    open_session,
    resolve_lang,
)
from assoc_cli.i18n import t
from assoc_cli.listing import OutputFormat


def register(app: typer.Typer) -> None:
    """Add ``init`` and ``info`` to the root command."""
    app.command("init")(init)
    app.command("info")(info)


def init(
    ctx: typer.Context,
    name: Annotated[str | None, typer.Option("--name", help="Full name (协会名称).")] = None,
    short_name: Annotated[
        str | None, typer.Option("--short-name", help="Short name (简称), e.g. 市装协.")
    ] = None,
    address: Annotated[str | None, typer.Option("--address", help="Address (地址).")] = None,
    phone: Annotated[str | None, typer.Option("--phone", help="Phone (电话).")] = None,
    email: Annotated[str | None, typer.Option("--email", help="E-mail (邮箱).")] = None,
    language: Annotated[
        str | None,
        typer.Option("--language", help="Default output language: zh-Hans, zh-Hant or en."),
    ] = None,
    bank_name: Annotated[
        str | None, typer.Option("--bank-name", help="Bank for dues (开户行), printed on notices.")
    ] = None,
    bank_account: Annotated[
        str | None, typer.Option("--bank-account", help="Account number (账号).")
    ] = None,
    account_name: Annotated[
        str | None, typer.Option("--account-name", help="Account name (户名).")
    ] = None,
) -> None:
    """Set up the association profile (协会信息); run again to change any field.

    \b
    Example:
      assoc init --name 淄博市装备制造业协会 --short-name 市装协 --phone 0533-1234567
    """
    from assoc_cli.association.profile import setup_association
    from assoc_cli.i18n import normalize_lang

    lang_value = normalize_lang(language) if language is not None else None
    with open_session(ctx, create=True) as (session, _):
        association, created = setup_association(
            session=session,
            name=name,
            short_name=short_name,
            address=address,
            phone=phone,
            email=email,
            language=lang_value,
            bank_name=bank_name,
            bank_account=bank_account,
            account_name=account_name,
        )
        lang = resolve_lang(ctx, session)
        key = "msg.init_created" if created else "msg.init_updated"
        message(t(key, lang, name=association.name))


def info(
    ctx: typer.Context, fmt: FormatOption = OutputFormat.table, output: OutputOption = None
) -> None:
    """Show the association, where its database is, the schema revision and counts (概况).

    \b
    Example:
      assoc info
    """
    from assoc_cli.association.queries import info_record
    from assoc_cli.db.location import display_location

    with open_reader(ctx) as (session, lang):
        record = info_record(
            session=session, lang=lang, location=display_location(database_url(ctx))
        )
        emit(record, fmt, lang, output)
