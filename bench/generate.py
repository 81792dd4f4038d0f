"""Generate a synthetic association for benchmarks: python bench/generate.py --members N --db PATH."""

from __future__ import annotations

import argparse
import random
import sqlite3
import time
from datetime import date, datetime
from pathlib import Path

SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕"
WORDS = "通达华普永盛鑫源恒泰金宇宏图瑞丰泰和海川东岳齐鲁博远中科润华天成嘉禾联创明德"
TRADES = ("机电", "重工", "精密机械", "液压", "电机", "阀门", "铸造", "物流", "新材料", "贸易")
SEGMENTS = ("原料", "生产", "物流", "销售", "研发")
RATES = {1: 3000000, 2: 2000000, 3: 1000000, 4: 300000}


def main() -> None:
    """Build the database."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=100_000)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    started = time.monotonic()
    if args.db.exists():
        args.db.unlink()
    from assoc_cli.db.engine import open_database
    from assoc_cli.i18n.sorting import pinyin_initials

    open_database(
        f"sqlite:///{args.db.resolve()}", create=True
    ).dispose()  # schema by the migrations
    rng = random.Random(args.seed)
    now = datetime(2026, 1, 1).isoformat(sep=" ")
    first_year = 2026 - args.years
    db = sqlite3.connect(args.db)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=OFF")
    with db:
        db.execute(
            "INSERT INTO association (name, language, created_at) VALUES ('基准测试协会', 'zh-Hans', ?)",
            (now,),
        )
        db.execute(
            "INSERT INTO term (number, start_on, end_on, years) VALUES (1, ?, '2099-12-31', 80)",
            (date(first_year - 1, 1, 1).isoformat(),),
        )
        for year in range(first_year, 2026):
            db.executemany(
                "INSERT INTO dues_rate (year, tier_id, amount_fen, created_at) VALUES (?, ?, ?, ?)",
                [(year, tier, fen, now) for tier, fen in RATES.items()],
            )
        members = []
        for i in range(1, args.members + 1):
            name = f"{rng.choice(SURNAMES)}{rng.choice(WORDS)}{rng.choice(WORDS)}{rng.choice(TRADES)}{i}号有限公司"
            joined = date(rng.randint(first_year - 5, 2025), rng.randint(1, 12), rng.randint(1, 28))
            left = date(rng.randint(joined.year, 2025), 12, 31) if rng.random() < 0.05 else None
            members.append(
                (
                    f"M{i:07d}",
                    name,
                    "unit",
                    f"138{i:08d}",
                    rng.choice(SEGMENTS),
                    joined.isoformat(),
                    left.isoformat() if left else None,
                    "withdrawn" if left else "active",
                    rng.randint(10, 2000),
                    f"{i:09d}",
                    f"{i:09d}",
                    now,
                    now,
                    pinyin_initials(name),  # real initials: bench/completion.py finds them
                )
            )
        db.executemany(
            "INSERT INTO member (number, name, kind, phone, segment, joined_on, left_on, status, employees, "
            "name_pinyin, name_strokes, created_at, updated_at, name_initials) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            members,
        )
        db.execute(
            "INSERT INTO membership_period (member_id, joined_on, left_on) SELECT id, joined_on, left_on FROM member"
        )
        offices = [
            (1, i, 3 if i % 40 == 0 else 7) for i in range(1, args.members + 1) if i % 20 == 0
        ]
        db.executemany(
            "INSERT INTO office_holding (term_id, member_id, office_id) VALUES (?,?,?)", offices
        )
        seq: dict[int, int] = {}
        payments = []
        for member_id, member in enumerate(members, start=1):
            joined_year = int(member[5][:4])
            for year in range(max(joined_year, first_year), 2026):
                if rng.random() > 0.85:
                    continue
                fen = RATES[4] if rng.random() < 0.9 else RATES[4] // 2
                on = date(year, rng.randint(1, 12), rng.randint(1, 28))
                seq[on.year] = seq.get(on.year, 0) + 1
                payments.append(
                    (
                        member_id,
                        "payment",
                        year if rng.random() < 0.7 else None,
                        fen,
                        on.isoformat(),
                        f"{on.year}-{seq[on.year]:04d}",
                        on.year,
                        seq[on.year],
                        "银行转账",
                        now,
                    )
                )
            if len(payments) > 200_000:
                _flush(db, payments)
                payments = []
        _flush(db, payments)
        db.execute(
            "INSERT INTO dues_entry (member_id, kind, year, amount_fen, entry_on, reason, reverses_id, created_at) "
            "SELECT member_id, 'void', year, amount_fen, entry_on, '重复录入', id, created_at FROM dues_entry "
            "WHERE kind = 'payment' AND id % 100 = 0"
        )
    counts = {
        t: db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in ("member", "dues_entry")
    }
    db.close()
    print(f"built {args.db}: {counts} in {time.monotonic() - started:.1f} s")
    # What `assoc db refresh` does: store every member's balances (the rows above were
    # written behind assoc's back, so the triggers noted everyone stale).
    from assoc_cli.db.reader import Reader
    from assoc_cli.dues import balances

    started = time.monotonic()
    engine = open_database(f"sqlite:///{args.db.resolve()}")
    with engine.begin() as connection:
        stored = balances.refresh(Reader(connection), limit=None)
    engine.dispose()
    print(f"stored the balances of {stored} members in {time.monotonic() - started:.1f} s")


def _flush(db: sqlite3.Connection, payments: list[tuple[object, ...]]) -> None:
    db.executemany(
        "INSERT INTO dues_entry (member_id, kind, year, amount_fen, entry_on, receipt, receipt_year, receipt_seq, "
        "method, created_at) VALUES (?,?,?,?,?,?,?,?,?,?)",
        payments,
    )


if __name__ == "__main__":
    main()
