"""Hand-written psycopg answers to the benchmarked questions: python bench/pg_baseline.py CASE URL.

The PostgreSQL translation of bench/baseline.py's queries — the same ledger with FIFO
credit, the same roster — with nothing imported but ``psycopg`` and ``csv``. Rows are
streamed from a server-side (named) cursor into csv.writer, as baseline.py does with
``fetchmany``. SQLite-isms translated: two-argument ``MIN``/``MAX`` → ``LEAST``/``GREATEST``,
``GROUP_CONCAT`` → ``string_agg``, boolean sums → ``COUNT(*) FILTER``, dates built by string
concatenation → ``make_date``, ``DATE('now')`` → ``CURRENT_DATE``, a join without ON →
``CROSS JOIN``, ``HAVING MAX(year = :year)`` → ``bool_or``.

Cases as in bench/baseline.py: the ledger by hand (``unpaid``, ``report``), the same answers
read from the stored balances (``unpaid-stored``, ``report-stored``: ``dues_balance``, what
assoc's reports read when it is current), the roster (``export``), and the naive one-year
lower bounds (``unpaid-simple``, ``report-simple``).

URL may be a SQLAlchemy URL (postgresql+psycopg://…); money is printed in fen.
"""

from __future__ import annotations

import csv
import sys

import psycopg

# The year's end, as in bench/baseline.py: after every generated entry, so assoc reads its
# stored balances.
YEAR, AS_OF = 2025, "2025-12-31"
PARAMS = {"year": YEAR, "as_of": AS_OF, "start": f"{YEAR}-01-01", "end": AS_OF}

LEDGER_BASE = """
WITH years(year, year_start, term_id, join_by) AS MATERIALIZED (
  SELECT r.year, make_date(r.year, 1, 1),
         (SELECT t.id FROM term t WHERE t.start_on <= make_date(r.year, 12, 31)
            AND t.end_on >= make_date(r.year, 12, 31) ORDER BY t.number DESC LIMIT 1),
         LEAST(make_date(r.year, 12, 31), %(as_of)s::date)
  FROM (SELECT DISTINCT year FROM dues_rate) r
),
sums AS (
  SELECT member_id, year,
         SUM(CASE WHEN kind = 'waiver' THEN amount_fen ELSE 0 END) AS waived,
         SUM(CASE WHEN kind = 'payment' THEN amount_fen ELSE 0 END) AS paid
  FROM dues_entry
  WHERE kind IN ('payment', 'waiver') AND entry_on <= %(as_of)s::date
    AND id NOT IN (SELECT reverses_id FROM dues_entry
                   WHERE kind = 'void' AND entry_on <= %(as_of)s::date AND reverses_id IS NOT NULL)
  GROUP BY member_id, year
),
paid_total AS (SELECT member_id, SUM(paid)::bigint AS amount FROM sums GROUP BY member_id),
office_rank AS (
  SELECT h.member_id, h.term_id, MIN(t.rank) AS rank
  FROM office_holding h JOIN office o ON o.id = h.office_id JOIN tier t ON t.id = o.tier_id
  GROUP BY h.member_id, h.term_id
),
member_year AS (
  SELECT m.id AS member_id, y.year,
         COALESCE(et.rank, r.rank, (SELECT MAX(rank) FROM tier)) AS tier_rank
  FROM member m CROSS JOIN years y
  LEFT JOIN tier et ON et.id = m.tier_id
  LEFT JOIN office_rank r ON r.member_id = m.id AND r.term_id = y.term_id
  WHERE EXISTS (SELECT 1 FROM membership_period p WHERE p.member_id = m.id
                  AND (p.joined_on IS NULL OR p.joined_on <= y.join_by)
                  AND (p.left_on IS NULL OR p.left_on >= y.year_start))
),
step1 AS (
  SELECT my.member_id, my.year, my.tier_rank, COALESCE(r.amount_fen, 0) AS due,
         COALESCE(s.waived, 0) AS waived,
         GREATEST(COALESCE(r.amount_fen, 0) - COALESCE(s.waived, 0), 0) AS net_due,
         LEAST(COALESCE(s.paid, 0), GREATEST(COALESCE(r.amount_fen, 0) - COALESCE(s.waived, 0), 0))
           AS direct
  FROM member_year my LEFT JOIN tier t ON t.rank = my.tier_rank
  LEFT JOIN dues_rate r ON r.year = my.year AND r.tier_id = t.id
  LEFT JOIN sums s ON s.member_id = my.member_id AND s.year = my.year
)"""

LEDGER = (
    LEDGER_BASE
    + """,
step2 AS (
  SELECT s.*, net_due - direct AS remaining,
         COALESCE(pt.amount, 0) - (SUM(direct) OVER whole)::bigint AS pool,
         COALESCE((SUM(net_due - direct) OVER before)::bigint, 0) AS before
  FROM step1 s LEFT JOIN paid_total pt ON pt.member_id = s.member_id
  WINDOW whole AS (PARTITION BY s.member_id ORDER BY year
                   ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING),
         before AS (PARTITION BY s.member_id ORDER BY year
                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
ledger AS (
  SELECT member_id, year, tier_rank, due, waived, net_due,
         direct + LEAST(GREATEST(pool - before, 0), remaining) AS paid,
         remaining - LEAST(GREATEST(pool - before, 0), remaining) AS balance
  FROM step2
)"""
)

YEAR_LEDGER = (
    LEDGER_BASE
    + """,
per_member AS (
  SELECT member_id,
         MAX(CASE WHEN year = %(year)s THEN tier_rank END) AS tier_rank,
         SUM(CASE WHEN year = %(year)s THEN due ELSE 0 END)::bigint AS due,
         SUM(CASE WHEN year = %(year)s THEN waived ELSE 0 END)::bigint AS waived,
         SUM(CASE WHEN year = %(year)s THEN net_due ELSE 0 END)::bigint AS net_due,
         SUM(CASE WHEN year = %(year)s THEN direct ELSE 0 END)::bigint AS direct,
         SUM(CASE WHEN year < %(year)s THEN net_due - direct ELSE 0 END)::bigint AS before,
         SUM(direct)::bigint AS direct_total
  FROM step1 GROUP BY member_id HAVING bool_or(year = %(year)s)
),
ledger AS (
  SELECT p.member_id, p.tier_rank, p.due, p.waived, p.net_due,
         p.direct + LEAST(GREATEST(COALESCE(pt.amount, 0) - p.direct_total - p.before, 0),
                          p.net_due - p.direct) AS paid,
         p.net_due - p.direct - LEAST(GREATEST(COALESCE(pt.amount, 0) - p.direct_total - p.before, 0),
                                      p.net_due - p.direct) AS balance
  FROM per_member p LEFT JOIN paid_total pt ON pt.member_id = p.member_id
)"""
)

# The naive one-year answer's tables (see "unpaid-simple" and "report-simple").
SIMPLE_BASE = """WITH due AS (
  SELECT m.id, m.number, m.name, m.phone,
         COALESCE((SELECT MIN(t.rank) FROM office_holding h JOIN office o ON o.id = h.office_id
                   JOIN tier t ON t.id = o.tier_id WHERE h.member_id = m.id), 4) AS tier_rank
  FROM member m WHERE m.joined_on <= %(end)s::date
    AND (m.left_on IS NULL OR m.left_on >= %(start)s::date)
), paid AS (
  SELECT e.member_id, SUM(e.amount_fen)::bigint AS paid FROM dues_entry e
  WHERE e.kind = 'payment' AND e.entry_on <= %(as_of)s::date
    AND (e.year = %(year)s OR e.year IS NULL)
    AND NOT EXISTS (SELECT 1 FROM dues_entry v WHERE v.reverses_id = e.id
                      AND v.entry_on <= %(as_of)s::date)
  GROUP BY e.member_id
), simple AS (
  SELECT due.number, due.name, due.phone, t.name AS tier, r.amount_fen AS due,
         COALESCE(paid.paid, 0) AS paid
  FROM due JOIN tier t ON t.rank = due.tier_rank
  JOIN dues_rate r ON r.year = %(year)s AND r.tier_id = t.id
  LEFT JOIN paid ON paid.member_id = due.id
)
"""

QUERIES = {
    # The arrears (years owed, total owing) as window aggregates over each member's ledger
    # rows, not baseline.py's self-join of the ledger with a GROUP BY: PostgreSQL has no
    # statistics for a CTE's rows, estimates the year's unpaid rows at a handful, and
    # re-aggregates the whole ledger for each of them in a nested loop (a literal
    # translation ran for over 10 minutes). Same figures (bench/pg.py --check).
    "unpaid": LEDGER
    + """,
arrears AS (
  SELECT l.*,
         string_agg(year::text, '、') FILTER (WHERE balance > 0) OVER w AS years,
         (SUM(balance) FILTER (WHERE balance > 0) OVER w)::bigint AS total_owing
  FROM ledger l WHERE year <= %(year)s
  WINDOW w AS (PARTITION BY member_id ORDER BY year
               ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
)
SELECT m.number, m.name, t.name AS tier, a.due, a.paid, a.waived, a.balance,
       CASE WHEN a.paid > 0 THEN 'partial' ELSE 'unpaid' END AS status,
       m.representative, m.phone, a.years, a.total_owing
FROM arrears a JOIN member m ON m.id = a.member_id JOIN tier t ON t.rank = a.tier_rank
WHERE a.year = %(year)s AND a.balance > 0
ORDER BY a.balance DESC, a.total_owing DESC, m.number""",
    "report": YEAR_LEDGER
    + """
SELECT t.name, COUNT(*) FILTER (WHERE net_due > 0),
       COUNT(*) FILTER (WHERE net_due > 0 AND balance = 0),
       COUNT(*) FILTER (WHERE paid > 0 AND balance > 0),
       COUNT(*) FILTER (WHERE net_due > 0 AND paid = 0),
       SUM(due), SUM(waived), SUM(net_due), SUM(paid), SUM(balance)
FROM ledger l JOIN tier t ON t.rank = l.tier_rank GROUP BY t.rank, t.name ORDER BY t.rank""",
    "export": """
WITH current_term AS (SELECT id FROM term WHERE start_on <= CURRENT_DATE ORDER BY number DESC LIMIT 1)
SELECT m.number, m.name, m.short_name, m.kind, m.credit_code, m.representative,
       m.representative_title, m.phone, m.email, m.address, m.segment, m.joined_on,
       m.left_on, m.employees, m.party_members, m.has_party_org, t.name,
       m.note, (SELECT string_agg(o.name, '、') FROM office_holding h
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
JOIN (SELECT o.member_id, string_agg(e.year::text, '、' ORDER BY e.year) AS years, SUM(e.balance)::bigint AS total_owing
      FROM dues_balance o JOIN dues_balance e
        ON e.member_id = o.member_id AND e.balance > 0 AND e.year <= %(year)s
      WHERE o.year = %(year)s AND o.balance > 0 GROUP BY o.member_id) a
  ON a.member_id = b.member_id
WHERE b.year = %(year)s AND b.balance > 0
ORDER BY b.balance DESC, a.total_owing DESC, m.number""",
    "report-stored": """
SELECT t.name, COUNT(*) FILTER (WHERE net_due > 0),
       COUNT(*) FILTER (WHERE net_due > 0 AND balance = 0),
       COUNT(*) FILTER (WHERE paid > 0 AND balance > 0),
       COUNT(*) FILTER (WHERE net_due > 0 AND paid = 0),
       SUM(due)::bigint, SUM(waived)::bigint, SUM(net_due)::bigint, SUM(paid)::bigint,
       SUM(balance)::bigint
FROM dues_balance l JOIN tier t ON t.rank = l.tier_rank WHERE l.year = %(year)s
GROUP BY t.rank, t.name ORDER BY t.rank""",
    # Naive one-year answers: not the ledger's rules, a lower bound for comparison.
    "unpaid-simple": SIMPLE_BASE + "SELECT * FROM simple WHERE paid < due ORDER BY due - paid DESC",
    "report-simple": SIMPLE_BASE
    + "SELECT tier, COUNT(*), COUNT(*) FILTER (WHERE paid >= due), SUM(due)::bigint,"
    " SUM(LEAST(paid, due))::bigint FROM simple GROUP BY tier",
}


def main() -> None:
    """Run one case and write its result to stdout as CSV."""
    case, url = sys.argv[1], sys.argv[2]
    if case not in QUERIES:
        raise SystemExit(f"unknown case {case}; one of {', '.join(QUERIES)}")
    url = url.replace("postgresql+psycopg://", "postgresql://")
    out = csv.writer(sys.stdout)
    with psycopg.connect(url) as db, db.cursor(name="bench") as cursor:
        cursor.itersize = 1000
        cursor.execute(QUERIES[case], PARAMS)
        while rows := cursor.fetchmany(1000):
            out.writerows(rows)


if __name__ == "__main__":
    main()
