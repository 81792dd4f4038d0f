"""Hand-written sqlite3 answers to the benchmarked questions: python bench/baseline.py CASE DB.

Two kinds of baseline, both plain ``sqlite3`` + ``csv`` with nothing else imported:

- ``unpaid``, ``report``, ``export``: the *same* answers assoc gives — the multi-year ledger
  with FIFO credit (see src/assoc_cli/dues/ledger.py), the roster with tiers and
  offices — written by hand as one SQL query each. ``bench/run.py --check`` compares their
  figures with assoc's JSON output, so the ratio is overhead over the same database work.
- ``unpaid-stored``, ``report-stored``: the same answers again, read from the balances
  assoc stores (``dues_balance``, src/assoc_cli/dues/balances.py) — the work assoc's
  own reports do now. ``bench/run.py --check`` compares them with the ledger by hand.
- ``unpaid-simple``, ``report-simple``: the naive one-year query (this year's due minus
  this year's payments, no credit carried between years). Not the same answer — a lower
  bound, to show what the ledger's rules cost in the database itself.

Money is printed in fen.
"""

from __future__ import annotations

import csv
import sqlite3
import sys

# The year's end: after every generated entry, as a report run today is after every
# payment recorded so far (so assoc reads its stored balances; see bench/README.md).
YEAR, AS_OF = 2025, "2025-12-31"
PARAMS = {"year": YEAR, "as_of": AS_OF, "start": f"{YEAR}-01-01", "end": AS_OF}

# --- the ledger, by hand -------------------------------------------------------------
# Per member and dues year: the tier (explicit, else highest office in the year's term,
# else the lowest tier), the rate, waivers and payments named for the year; payments
# without a year and excess form a pool that settles the oldest years first.
LEDGER_BASE = """
WITH years(year, year_start, term_id, join_by) AS (
  SELECT r.year, r.year || '-01-01',
         (SELECT t.id FROM term t WHERE t.start_on <= r.year || '-12-31'
            AND t.end_on >= r.year || '-12-31' ORDER BY t.number DESC LIMIT 1),
         MIN(r.year || '-12-31', :as_of)
  FROM (SELECT DISTINCT year FROM dues_rate) r
),
sums AS (
  SELECT member_id, year,
         SUM(CASE WHEN kind = 'waiver' THEN amount_fen ELSE 0 END) AS waived,
         SUM(CASE WHEN kind = 'payment' THEN amount_fen ELSE 0 END) AS paid
  FROM dues_entry
  WHERE kind IN ('payment', 'waiver') AND entry_on <= :as_of
    AND id NOT IN (SELECT reverses_id FROM dues_entry
                   WHERE kind = 'void' AND entry_on <= :as_of AND reverses_id IS NOT NULL)
  GROUP BY member_id, year
),
paid_total AS (SELECT member_id, SUM(paid) AS amount FROM sums GROUP BY member_id),
office_rank AS (
  SELECT h.member_id, h.term_id, MIN(t.rank) AS rank
  FROM office_holding h JOIN office o ON o.id = h.office_id JOIN tier t ON t.id = o.tier_id
  GROUP BY h.member_id, h.term_id
),
member_year AS (
  SELECT m.id AS member_id, y.year,
         COALESCE(et.rank, r.rank, (SELECT MAX(rank) FROM tier)) AS tier_rank
  FROM member m JOIN years y
  LEFT JOIN tier et ON et.id = m.tier_id
  LEFT JOIN office_rank r ON r.member_id = m.id AND r.term_id = y.term_id
  WHERE EXISTS (SELECT 1 FROM membership_period p WHERE p.member_id = m.id
                  AND (p.joined_on IS NULL OR p.joined_on <= y.join_by)
                  AND (p.left_on IS NULL OR p.left_on >= y.year_start))
),
step1 AS (
  SELECT my.member_id, my.year, my.tier_rank, COALESCE(r.amount_fen, 0) AS due,
         COALESCE(s.waived, 0) AS waived,
         MAX(COALESCE(r.amount_fen, 0) - COALESCE(s.waived, 0), 0) AS net_due,
         MIN(COALESCE(s.paid, 0), MAX(COALESCE(r.amount_fen, 0) - COALESCE(s.waived, 0), 0))
           AS direct
  FROM member_year my JOIN tier t ON t.rank = my.tier_rank
  LEFT JOIN dues_rate r ON r.year = my.year AND r.tier_id = t.id
  LEFT JOIN sums s ON s.member_id = my.member_id AND s.year = my.year
)"""

# Every member-year with its balance (window sums give the FIFO).
LEDGER = (
    LEDGER_BASE
    + """,
step2 AS (
  SELECT s.*, net_due - direct AS remaining,
         COALESCE(pt.amount, 0) - SUM(direct) OVER whole AS pool,
         COALESCE(SUM(net_due - direct) OVER before, 0) AS before
  FROM step1 s LEFT JOIN paid_total pt ON pt.member_id = s.member_id
  WINDOW whole AS (PARTITION BY s.member_id ORDER BY year
                   ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING),
         before AS (PARTITION BY s.member_id ORDER BY year
                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
ledger AS (
  SELECT member_id, year, tier_rank, due, waived, net_due,
         direct + MIN(MAX(pool - before, 0), remaining) AS paid,
         remaining - MIN(MAX(pool - before, 0), remaining) AS balance
  FROM step2
)"""
)

# One year only: a GROUP BY per member gives the pool and what earlier years still owe.
YEAR_LEDGER = (
    LEDGER_BASE
    + """,
per_member AS (
  SELECT member_id,
         MAX(CASE WHEN year = :year THEN tier_rank END) AS tier_rank,
         SUM(CASE WHEN year = :year THEN due ELSE 0 END) AS due,
         SUM(CASE WHEN year = :year THEN waived ELSE 0 END) AS waived,
         SUM(CASE WHEN year = :year THEN net_due ELSE 0 END) AS net_due,
         SUM(CASE WHEN year = :year THEN direct ELSE 0 END) AS direct,
         SUM(CASE WHEN year < :year THEN net_due - direct ELSE 0 END) AS before,
         SUM(direct) AS direct_total
  FROM step1 GROUP BY member_id HAVING MAX(year = :year)
),
ledger AS (
  SELECT p.member_id, p.tier_rank, p.due, p.waived, p.net_due,
         p.direct + MIN(MAX(COALESCE(pt.amount, 0) - p.direct_total - p.before, 0),
                        p.net_due - p.direct) AS paid,
         p.net_due - p.direct - MIN(MAX(COALESCE(pt.amount, 0) - p.direct_total - p.before, 0),
                                    p.net_due - p.direct) AS balance
  FROM per_member p LEFT JOIN paid_total pt ON pt.member_id = p.member_id
)"""
)

# The naive one-year answer's tables (see "unpaid-simple" and "report-simple").
SIMPLE_BASE = """WITH due AS (
  SELECT m.id, m.number, m.name, m.phone,
         COALESCE((SELECT MIN(t.rank) FROM office_holding h JOIN office o ON o.id = h.office_id
                   JOIN tier t ON t.id = o.tier_id WHERE h.member_id = m.id), 4) AS tier_rank
  FROM member m WHERE m.joined_on <= :end AND (m.left_on IS NULL OR m.left_on >= :start)
), paid AS (
  SELECT e.member_id, SUM(e.amount_fen) AS paid FROM dues_entry e
  WHERE e.kind = 'payment' AND e.entry_on <= :as_of AND (e.year = :year OR e.year IS NULL)
    AND NOT EXISTS (SELECT 1 FROM dues_entry v WHERE v.reverses_id = e.id AND v.entry_on <= :as_of)
  GROUP BY e.member_id
), simple AS (
  SELECT due.number, due.name, due.phone, t.name AS tier, r.amount_fen AS due,
         COALESCE(paid.paid, 0) AS paid
  FROM due JOIN tier t ON t.rank = due.tier_rank
  JOIN dues_rate r ON r.year = :year AND r.tier_id = t.id
  LEFT JOIN paid ON paid.member_id = due.id
)
"""

QUERIES = {
    "unpaid": LEDGER
    + """
SELECT m.number, m.name, t.name AS tier, l.due, l.paid, l.waived, l.balance,
       CASE WHEN l.paid > 0 THEN 'partial' ELSE 'unpaid' END AS status,
       m.representative, m.phone, a.years, a.total_owing
FROM ledger l JOIN member m ON m.id = l.member_id JOIN tier t ON t.rank = l.tier_rank
LEFT JOIN (SELECT member_id, GROUP_CONCAT(year, '、') AS years, SUM(balance) AS total_owing
           FROM ledger WHERE balance > 0 AND year <= :year GROUP BY member_id) a
  ON a.member_id = l.member_id
WHERE l.year = :year AND l.balance > 0
ORDER BY l.balance DESC, a.total_owing DESC, m.number""",
    "report": YEAR_LEDGER
    + """
SELECT t.name, SUM(net_due > 0), SUM(net_due > 0 AND balance = 0),
       SUM(paid > 0 AND balance > 0), SUM(net_due > 0 AND paid = 0),
       SUM(due), SUM(waived), SUM(net_due), SUM(paid), SUM(balance)
FROM ledger l JOIN tier t ON t.rank = l.tier_rank GROUP BY t.rank ORDER BY t.rank""",
    # The roster as `members export` writes it: active members by number, with the dues
    # tier and offices of the current term.
    "export": """
WITH current_term AS (SELECT id FROM term WHERE start_on <= DATE('now') ORDER BY number DESC LIMIT 1)
SELECT m.number, m.name, m.short_name, m.kind, m.credit_code, m.representative,
       m.representative_title, m.phone, m.email, m.address, m.segment, m.joined_on,
       m.left_on, m.employees, m.party_members, m.has_party_org, t.name,
       m.note, (SELECT GROUP_CONCAT(o.name, '、') FROM office_holding h
                JOIN office o ON o.id = h.office_id
                WHERE h.member_id = m.id AND h.term_id = (SELECT id FROM current_term)),
       m.status
FROM member m
LEFT JOIN tier t ON t.rank = COALESCE(
  (SELECT rank FROM tier WHERE id = m.tier_id),
  (SELECT MIN(ot.rank) FROM office_holding h JOIN office o ON o.id = h.office_id
     JOIN tier ot ON ot.id = o.tier_id
   WHERE h.member_id = m.id AND h.term_id = (SELECT id FROM current_term)),
  (SELECT MAX(rank) FROM tier))
WHERE m.status = 'active'
ORDER BY LENGTH(m.number), m.number""",
    # The same answers from the stored balances: this year's owing rows, and for each of
    # those members its owing years up to this one (an index search per member; grouping
    # every member's owing years first was ~15 % slower at 1M). The query assoc runs. (A
    # SQLite-only GROUP BY with bare columns is ~5 % quicker; PostgreSQL refuses it.)
    "unpaid-stored": """
SELECT m.number, m.name, b.tier, b.due, b.paid, b.waived, b.balance,
       CASE WHEN b.paid > 0 THEN 'partial' ELSE 'unpaid' END AS status,
       m.representative, m.phone, a.years, a.total_owing
FROM dues_balance b JOIN member m ON m.id = b.member_id
JOIN (SELECT o.member_id, GROUP_CONCAT(e.year, '、') AS years, SUM(e.balance) AS total_owing
      FROM dues_balance o JOIN dues_balance e
        ON e.member_id = o.member_id AND e.balance > 0 AND e.year <= :year
      WHERE o.year = :year AND o.balance > 0 GROUP BY o.member_id) a
  ON a.member_id = b.member_id
WHERE b.year = :year AND b.balance > 0
ORDER BY b.balance DESC, a.total_owing DESC, m.number""",
    "report-stored": """
SELECT t.name, SUM(net_due > 0), SUM(net_due > 0 AND balance = 0),
       SUM(paid > 0 AND balance > 0), SUM(net_due > 0 AND paid = 0),
       SUM(due), SUM(waived), SUM(net_due), SUM(paid), SUM(balance)
FROM dues_balance l JOIN tier t ON t.rank = l.tier_rank WHERE l.year = :year
GROUP BY t.rank ORDER BY t.rank""",
    # Naive one-year answers: not the ledger's rules, a lower bound for comparison.
    "unpaid-simple": SIMPLE_BASE + "SELECT * FROM simple WHERE paid < due ORDER BY due - paid DESC",
    "report-simple": SIMPLE_BASE
    + "SELECT tier, COUNT(*), SUM(paid >= due), SUM(due), SUM(MIN(paid, due)) FROM simple GROUP BY tier",
}


def main() -> None:
    """Run one case and write its result to stdout as CSV."""
    case, path = sys.argv[1], sys.argv[2]
    if case not in QUERIES:
        raise SystemExit(f"unknown case {case}; one of {', '.join(QUERIES)}")
    db = sqlite3.connect(path)
    out = csv.writer(sys.stdout)
    cursor = db.execute(QUERIES[case], PARAMS)
    while rows := cursor.fetchmany(1000):
        out.writerows(rows)


if __name__ == "__main__":
    main()
