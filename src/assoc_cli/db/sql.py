"""Output cells computed by the database, for listings of hundreds of thousands of rows.

A CSV cell is text: ``12345.00`` for money, ``2021、2022`` for a list of years. Made in
Python, that costs a function call or two per cell, several seconds for a province-wide
unpaid list; made in SQL, each row goes from SQLite's cursor to the csv module untouched
(``cell_rows``), and the command spends its time where the raw query does. The cells are
exactly those ``output.csv_value`` makes from the plain values (tests compare the two).

- ``money_text``: integer fen as yuan with two places, computed with integers only.
- ``YearList``: the years of a group, oldest first, joined with 、. SQLite before 3.44
  cannot order an aggregate (``GROUP_CONCAT(... ORDER BY ...)``), and GROUP_CONCAT's
  order is otherwise left to the query plan; so the group sums one bit per year (as
  cheap as GROUP_CONCAT at a million members: bench/RESULTS.md) and the outer query spells the
  bits out for the rows it returns.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import reduce
from typing import TYPE_CHECKING, Any, TextIO

from sqlalchemy import (
    BigInteger,
    ColumnElement,
    Select,
    String,
    and_,
    case,
    cast,
    false,
    func,
    literal,
    or_,
    select,
    true,
)
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement

from assoc_cli.listing import Head

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession
    from assoc_cli.listing import Column

YEAR_SEPARATOR = "、"


def int_sum(column: Any) -> Any:
    """SUM that stays an integer: PostgreSQL sums integers as NUMERIC (a Decimal in
    Python), and fen must stay whole numbers on every engine."""
    return cast(func.sum(column), BigInteger)


def string_agg(session: DbSession, column: Any, separator: str) -> Any:
    """GROUP_CONCAT on SQLite, STRING_AGG on PostgreSQL."""
    if session.get_bind().dialect.name == "postgresql":
        return func.string_agg(column, separator)
    return func.group_concat(column, separator)


class money_text(FunctionElement[str]):  # noqa: N801 (an SQL function, named like one)
    """SQL: integer fen as yuan text with two places (-150 -> '-1.50'), NULL stays NULL.
    Same text as ``output.fen_to_text``."""

    type = String()
    inherit_cache = True


@compiles(money_text, "sqlite")
def _money_text_sqlite(element: money_text, compiler: SQLCompiler, **kw: Any) -> str:
    (value,) = element.clauses
    fen = compiler.process(value, **kw)
    # One printf per sign (NULL matches neither): quicker than one printf with the sign
    # and abs() as arguments (bench/RESULTS.md).
    return (
        f"CASE WHEN {fen} >= 0 THEN printf('%d.%02d', {fen} / 100, {fen} % 100) "
        f"WHEN {fen} < 0 THEN printf('-%d.%02d', -{fen} / 100, -{fen} % 100) END"
    )


@compiles(money_text)
def _money_text(element: money_text, compiler: SQLCompiler, **kw: Any) -> str:
    (value,) = element.clauses
    magnitude = func.abs(value)
    text = (
        case((value < 0, "-"), else_="")
        .concat(cast(magnitude // 100, String))
        .concat(".")
        .concat(func.lpad(cast(magnitude % 100, String), 2, "0"))
    )
    return compiler.process(text, **kw)


BITS = 62  # years per mask: bit 62 would make the sum negative, 63 overflow


class YearList:
    """The years of a group (say a member's years in arrears), oldest first, joined with
    、, for *years* (``ledger.rate_years``). Two parts: ``masks`` are aggregates for the
    grouping subquery (one bit per year, summed: as cheap as a COUNT), ``text`` turns them
    into the list in the outer query, row by row. NULL when the group has no such year."""

    def __init__(self, years: Sequence[int], name: str = "years") -> None:
        self.years = list(years)
        self.name = name
        self.chunks = [self.years[at : at + BITS] for at in range(0, len(self.years), BITS)]

    def masks(self, year: Any, when: Any = None) -> list[Any]:
        """Labelled aggregates: per chunk of years, the sum of one bit per row's *year*
        (rows where *when* holds)."""
        aggregates = []
        for number, chunk in enumerate(self.chunks):
            bit = literal(1, BigInteger).op("<<")(year - chunk[0])
            inside = year.between(chunk[0], chunk[-1]) if len(self.chunks) > 1 else None
            test = inside if when is None else when if inside is None else inside & when
            value = bit if test is None else case((test, bit), else_=literal(0, BigInteger))
            aggregates.append(int_sum(value).label(f"{self.name}_{number}"))
        return aggregates

    def text(self, grouped: Any) -> Any:
        """The list, from the ``masks`` columns of the *grouped* subquery."""
        if not self.years:
            return literal(None, String)
        parts: list[ColumnElement[str]] = [
            case(
                (grouped.c[f"{self.name}_{number}"].op("&")(1 << offset) != 0, f"、{each}"),
                else_="",
            )
            for number, chunk in enumerate(self.chunks)
            for offset, each in enumerate(chunk)
        ]
        joined = reduce(lambda left, right: left.concat(right), parts)
        return func.nullif(func.substr(joined, 2), "")


def csv_cells(
    query: Select[Any],
    columns: Sequence[Column],
    *,
    words: Mapping[str, Mapping[Any, str]] | None = None,
    keep_digits: bool = False,
    own_text: Collection[str] = (),
) -> Select[Any]:
    """*query* (whose columns carry the *columns*' keys) reduced to the CSV cells of
    *columns*, in their order. *words* spells a column's values out (单位, 在册, 是); text
    a spreadsheet would run as a formula gets a leading apostrophe (as
    ``output.row_cells`` does in Python); with *keep_digits* (a file for Excel), a digit
    string a spreadsheet would damage gets a leading tab (as
    ``files.spreadsheets.kept_as_text`` does in Python). Columns named in *own_text* are
    text assoc builds itself that never starts like a formula (a list of years,
    ``YearList``): written as they are — SQLite would build such a text three times to
    look at its first character (1 s of `dues unpaid -f csv` at 417,000 rows)."""
    from assoc_cli.output import FORMULA_STARTS

    selected = query.selected_columns
    words = words or {}

    def cell(column: Column) -> Any:
        value = selected[column.key]
        if column.key in words:
            return case(dict(words[column.key]), value=value)
        if column.kind == "money":
            return money_text(value)
        if column.kind == "bool":
            return case((value == true(), "true"), (value == false(), "false"))
        if column.kind == "date":
            return cast(value, String)  # ISO text (as SQLite stores it)
        if column.kind == "text" and column.key in own_text:
            return value
        if column.kind == "text":
            text = cast(value, String)
            formula_like = func.substr(text, 1, 1).in_(FORMULA_STARTS)
            if not keep_digits:
                return case((formula_like, literal("'").concat(text)), else_=text)
            first, size = func.substr(text, 1, 1), func.length(text)
            damaged = and_(
                text != "",
                func.ltrim(text, "0123456789") == "",  # (SQLite and PostgreSQL both)
                or_(
                    size >= 12,
                    and_(first == "0", size > 1),
                    and_(first == "1", size == 11),
                ),
            )
            return case(
                (formula_like, literal("'").concat(text)),
                (damaged, literal("\t").concat(text)),
                else_=text,
            )
        if column.kind in ("int", "enum"):
            return value
        raise ValueError(f"no SQL cell for a {column.kind} column ({column.key})")

    cells = [cell(column).label(column.key) for column in columns]
    return query.with_only_columns(*cells, maintain_column_froms=True)


@contextmanager
def cell_rows(session: DbSession, query: Select[Any]) -> Iterator[Iterable[Sequence[Any]]]:
    """The rows of *query*, whose values are already the cells to write (text, whole
    numbers or NULL). On SQLite, the driver's own cursor (same transaction): no result
    object or row object per row in Python. Elsewhere SQLAlchemy's result, in batches."""
    connection = session.connection()
    if connection.dialect.name == "sqlite":
        compiled = query.compile(
            dialect=connection.dialect, compile_kwargs={"render_postcompile": True}
        )
        parameters = [compiled.params[name] for name in compiled.positiontup or []]
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        try:
            cursor.execute(str(compiled), parameters)
            yield cursor
        finally:
            cursor.close()
        return
    result = connection.execute(query, execution_options={"yield_per": 1000})
    try:
        yield result
    finally:
        result.close()


def write_csv_query(
    session: DbSession,
    query: Select[Any],
    columns: Sequence[Column],
    stream: TextIO,
    own_text: Collection[str] = (),
) -> int:
    """``-f csv`` of a listing straight from *query*: the same text ``output.render``
    writes for its rows (header of keys, ``\\n`` line ends). Returns the rows written.
    *own_text*: see :func:`csv_cells`."""
    from assoc_cli.output import write_cells

    with cell_rows(session, csv_cells(query, columns, own_text=own_text)) as rows:
        return write_cells(rows, stream, [column.key for column in columns], "\n")


# A table for people counts its rows up to this many, then says "more than".
COUNT_CAP = 100_000


def head_of(session: DbSession, query: Select[Any]) -> Callable[[int], Head]:
    """For a listing streamed from *query* (ordered): its first rows read alone — the
    query with LIMIT, so the database keeps only those while it sorts — and its size,
    counted up to COUNT_CAP (then "more than"). Listing.head."""

    def head(limit: int) -> Head:
        connection = session.connection()
        rows = [dict(row) for row in connection.execute(query.limit(limit)).mappings()]
        if len(rows) < limit:
            return Head(rows, len(rows))
        capped = query.order_by(None).limit(COUNT_CAP + 1).subquery("capped")
        total = int(connection.execute(select(func.count()).select_from(capped)).scalar_one())
        return Head(rows, min(total, COUNT_CAP), total > COUNT_CAP)

    return head
