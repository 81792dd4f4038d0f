"""Hand-written sqlite3 answers to the benchmarked questions: python bench/baseline.py CASE DB."""

from __future__ import annotations

import csv
import sqlite3
import sys

YEAR, AS_OF = 2025, "2025-11-30"
DUE = """
SELECT m.id, m.number, m.name, m.phone,
       COALESCE((SELECT MIN(t.rank) FROM office_holding h JOIN office o ON o.id = h.office_id
                 JOIN tier t ON t.id = o.tier_id WHERE h.member_id = m.id), 4) AS tier_rank
FROM member m WHERE m.joined_on <= :end AND (m.left_on IS NULL OR m.left_on >= :start)
"""
PAID = """
SELECT e.member_id, SUM(e.amount_fen) AS paid FROM dues_entry e
WHERE e.kind = 'payment' AND e.entry_on <= :as_of AND (e.year = :year OR e.year IS NULL)
  AND NOT EXISTS (SELECT 1 FROM dues_entry v WHERE v.reverses_id = e.id AND v.entry_on <= :as_of)
GROUP BY e.member_id
"""
LEDGER = f"""
WITH due AS ({DUE}), paid AS ({PAID})
SELECT due.number, due.name, due.phone, t.name AS tier, r.amount_fen AS due, COALESCE(paid.paid, 0) AS paid
FROM due JOIN tier t ON t.rank = due.tier_rank JOIN dues_rate r ON r.year = :year AND r.tier_id = t.id
LEFT JOIN paid ON paid.member_id = due.id
"""
PARAMS = {"year": YEAR, "as_of": AS_OF, "start": f"{YEAR}-01-01", "end": AS_OF}


def main() -> None:
    """Run one case and write its result to stdout."""
    case, path = sys.argv[1], sys.argv[2]
    db = sqlite3.connect(path)
    out = csv.writer(sys.stdout)
    if case == "unpaid":
        query = f"SELECT * FROM ({LEDGER}) WHERE paid < due ORDER BY due - paid DESC"
    elif case == "report":
        query = (
            f"SELECT tier, COUNT(*), SUM(paid >= due), SUM(due), SUM(MIN(paid, due)) FROM ({LEDGER}) "
            "GROUP BY tier"
        )
    elif case == "export":
        query = "SELECT * FROM member ORDER BY number"
    else:
        raise SystemExit(f"unknown case {case}")
    for row in db.execute(query, PARAMS):
        out.writerow(row)


if __name__ == "__main__":
    main()
