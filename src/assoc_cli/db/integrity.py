"""``python -m assoc_cli.db.integrity URL LANG``: SQLite's integrity and foreign-key checks
of the database at URL, as JSON on stdout — the second process of ``assoc db check``
(``db.maintenance.FileCheckMeanwhile``), which runs them while it verifies the ledger."""

from __future__ import annotations

import sys

from assoc_cli.db.maintenance import check_in_this_process

if __name__ == "__main__":
    sys.exit(check_in_this_process(sys.argv[1:]))
