"""The reminder (催报通知) to each overdue member's 信息员, as a paper (GB/T 9704 .docx,
Markdown or text): one notice per contact, in one file."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from assoc_cli.errors import InvalidValueError
from assoc_cli.i18n.dates import format_date
from assoc_cli.statistics.collection import contacts_of, overdue_rows

if TYPE_CHECKING:
    from assoc_cli.db.reader import DbSession


def write_reminders(
    session: DbSession, *, year: int, end_month: int, as_of: date, path: Path, lang: str
) -> int:
    """``stats remind``: a notice to every 信息员 of every overdue member (to the member's
    representative when it named none). Returns the notices written."""
    from sqlalchemy import select

    from assoc_cli.db.core import association_t
    from assoc_cli.files.papers import Document, save

    fmt = path.suffix.lower().lstrip(".")
    if fmt not in ("docx", "md", "txt"):
        raise InvalidValueError(
            "the notices file must end in .docx, .md or .txt",
            zh="通知文件名须以 .docx、.md 或 .txt 结尾",
        )
    name = session.connection().execute(select(association_t.c.name).limit(1)).scalar()
    issuer = str(name or "")
    document = Document(lang=lang, author=issuer)
    count = 0
    for row in overdue_rows(session, year=year, end_month=end_month, as_of=as_of, lang=lang):
        people = contacts_of(session, str(row["number"])) or [("", None)]
        for person, _phone in people:
            count += 1
            due = format_date(row["due_on"], lang)  # type: ignore[arg-type]
            if lang == "en":
                document.title(f"Reminder: statistics report for {row['period']}")
                document.addressee(f"{person} ({row['name']}):" if person else f"{row['name']}:")
                document.paragraph(
                    f"Your report for {row['period']} was due on {due} and has not reached "
                    "us. Please send it as soon as possible."
                )
            else:
                document.title(f"关于报送{row['period']}统计报表的催报通知")
                document.addressee(f"{row['name']} {person}同志:" if person else f"{row['name']}:")
                document.paragraph(
                    f"贵单位{row['period']}统计报表应于{due}前报送,至今尚未收到。"
                    "请尽快填报并报送协会秘书处。"
                )
            document.signature([issuer, format_date(as_of, lang)])
    if not count:
        raise InvalidValueError(
            "nobody is overdue for that period: no notice written",
            zh="该报告期没有逾期未报的会员:未生成通知",
        )
    save(document, path, fmt)
    return count
