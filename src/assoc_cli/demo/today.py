"""What the demo adds for ``assoc today``: the secretariat's last backup, after the
November 2022 collection (``assoc db backup`` notes the time of each).

With it, the demo holds one of each kind of attention item: the 2022 collection and the
reminders not yet sent, the open action items of meeting 2 past their deadlines, a backup
older than a week — and, on the days the page is asked for with ``--as-of``, meeting 2 in
the 14 days before 5 December 2021 (with the 2022 notices not yet sent) and the end of
the second term (二届, 17 June 2026) within six months of early 2026.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

from sqlmodel import Session

from assoc_cli.db.values import LAST_BACKUP
from assoc_cli.dues.policy import set_setting

LAST_DEMO_BACKUP = datetime(2022, 12, 1, 17, 30, tzinfo=timezone(timedelta(hours=8)))


def add_today_items(session: Session) -> None:
    """Record the demo's last backup (1 December 2022, 17:30 Beijing time)."""
    stamp = LAST_DEMO_BACKUP.astimezone(UTC).isoformat(timespec="seconds")
    set_setting(session, LAST_BACKUP, stamp)
