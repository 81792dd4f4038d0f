"""Meeting papers for a general assembly (会员大会): python bench/meetings.py [--members 2000] [--repeat 5].

Builds an association of N members (bench/generate.py: tiers, offices, ten years of rates and
payments), gives the members representatives with personal names, then through the real CLI:
a 会员大会 with its standing agenda (including the live dues-report item) plus a study item and
open action items, office holders and then all members invited, a tenth on leave or absent,
everyone else marked present, a person sitting in, and three votes. With --db the assembly is
built there once and reused by later runs (the runs themselves work on a copy).

Then it times whole ``assoc`` processes with ``/usr/bin/time``: the agenda, sign-in sheet and
minutes in every format (median wall and CPU seconds and peak RSS over --repeat runs,
PASS/FAIL against --limit wall seconds), ``meetings attendance --meeting`` and ``quorum``, and
``meetings invite --all-members`` (each run on a fresh copy without the members' invitations).
The exit status is 1 if any paper fails."""

from __future__ import annotations

import argparse
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from timing import Run, compile_assoc, measure

HERE = Path(__file__).resolve().parent
ASSOC = [sys.executable, "-m", "assoc_cli"]
SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕蔡魏薛戴"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志新立正传辉美兰万中海波鹏飞云龙"
TITLES = ("董事长", "总经理", "副总经理", "办公室主任", "总工程师")
MEETING_DATE = "2025-12-20"


def run(db: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """One assoc command on *db*."""
    result = subprocess.run(
        [*ASSOC, "--db", str(db), *args], capture_output=True, text=True, check=False
    )
    if check and result.returncode != 0:
        sys.exit(f"assoc {' '.join(args)} failed:\n{result.stderr}")
    return result


def build(db: Path, members: int, seed: int) -> int:
    """The association and the assembly; returns the meeting's number."""
    subprocess.run(
        [sys.executable, str(HERE / "generate.py"), "--members", str(members), "--db", str(db)],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    rng = random.Random(seed)
    connection = sqlite3.connect(db)
    with connection:
        connection.executemany(
            "UPDATE member SET representative = ?, representative_title = ? WHERE id = ?",
            [
                (
                    rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.choice((1, 2)))),
                    rng.choice(TITLES),
                    member_id,
                )
                for member_id in range(1, members + 1)
            ],
        )
        # generate.py gives offices 副会长 (3) and 理事 (7); the assembly also has a 会长.
        connection.execute(
            "INSERT INTO office_holding (term_id, member_id, office_id) VALUES (1, 1, 1)"
        )
    connection.close()
    meeting = run(
        db,
        "meetings",
        "new",
        "--kind",
        "会员大会",
        "--date",
        MEETING_DATE,
        "--time",
        "09:00",
        "--venue",
        "市会展中心报告厅",
        "--chair",
        "张会长",
    ).stdout.strip()
    run(db, "meetings", "agenda", "add", meeting, "学习有关文件", "--kind", "study", "--at", "1")
    earlier = run(
        db, "meetings", "new", "--kind", "会员大会", "--date", "2025-01-10", "--no-template"
    ).stdout.strip()
    for content, owner, due in (
        ("完成年度调研报告", "秘书处", "2025-06-30"),
        ("走访会员企业", "副秘书长", "2025-09-30"),
    ):
        run(db, "actions", "add", earlier, content, "--owner", owner, "--due", due)
    run(db, "meetings", "agenda", "pull-actions", meeting)
    run(db, "meetings", "note", meeting, "2", "大会审议通过了理事会工作报告。")
    run(db, "meetings", "invite", meeting, "--offices", "会长,副会长,理事")
    run(db, "meetings", "invite", meeting, "--all-members")
    run(
        db,
        "meetings",
        "invite",
        meeting,
        "--person",
        "李秘书",
        "--title",
        "秘书处",
        "--role",
        "sit-in",
    )
    connection = sqlite3.connect(db)
    invited = [
        number
        for (number,) in connection.execute(
            "SELECT m.number FROM attendance a JOIN member m ON m.id = a.member_id "
            "WHERE a.meeting_id = ? ORDER BY m.id",
            (int(meeting),),
        )
    ]
    connection.close()
    chosen = rng.sample(invited, len(invited) // 10)
    on_leave, absent = chosen[: len(chosen) // 2], chosen[len(chosen) // 2 :]
    run(db, "meetings", "mark", meeting, *on_leave, "--status", "leave", "--reason", "出差")
    run(db, "meetings", "mark", meeting, *absent, "--status", "absent")
    run(db, "meetings", "mark", meeting, "--everyone")
    present = len(invited) - len(chosen) + 1
    for topic, votes_for in (
        ("审议通过理事会工作报告", present - 3),
        ("审议通过财务工作报告", present - 10),
        ("审议通过会费标准", present // 2 + 5),
    ):
        run(db, "meetings", "vote", meeting, topic, "--for", str(votes_for), "--against", "1")
    return int(meeting)


def copy_database(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API (the WAL included)."""
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    src, dst = sqlite3.connect(source), sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()


def report(name: str, runs: list[Run | None], limit: float | None, timeout: float) -> bool:
    """Print one line of the table; False if the case failed its limit."""
    done = [r for r in runs if r is not None]
    if len(done) < len(runs):
        print(f"{name:30} {'>' + format(timeout, 'g'):>8} {'':>7} {'':>8}  FAIL (timed out)")
        return False
    wall = statistics.median(r.wall for r in done)
    cpu = statistics.median(r.cpu for r in done)
    verdict = "-" if limit is None else "PASS" if wall < limit else "FAIL"
    print(f"{name:30} {wall:8.2f} {cpu:7.2f} {max(r.kib for r in done) / 1024:8.0f}  {verdict}")
    return verdict != "FAIL"


def main() -> None:
    """Build (or reuse) the assembly, then print: case, median wall s, median CPU s, peak
    MiB, PASS/FAIL against the limit."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--members", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--limit", type=float, default=2.0, help="seconds per paper (wall)")
    parser.add_argument(
        "--timeout", type=float, default=300, help="give up on a run after this many seconds"
    )
    parser.add_argument(
        "--db", type=Path, help="build the assembly here, or reuse it if the file exists"
    )
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument(
        "--src",
        type=Path,
        help="time the assoc in this source tree instead (e.g. `git archive OLD src migrations`)",
    )
    args = parser.parse_args()
    compile_assoc()
    if args.src is not None:  # the build and every run import assoc_cli from there
        os.environ["PYTHONPATH"] = str(args.src.resolve() / "src")
    work = Path(tempfile.mkdtemp(prefix="assoc-bench-meetings-"))
    try:
        passed = _run(args, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if passed else 1)


def _run(args: argparse.Namespace, work: Path) -> bool:
    """Build or reuse the assembly in *work*, print the table; False if a paper failed."""
    source = args.db or work / "assembly.db"
    started = time.monotonic()
    if not source.exists():
        build(source, args.members, args.seed)
        print(f"built {source} in {time.monotonic() - started:.1f} s", flush=True)
    db = work / "bench.db"  # the runs work on a copy, so a reused database stays as built
    copy_database(source, db)
    connection = sqlite3.connect(db)
    (meeting_id,) = connection.execute(
        "SELECT id FROM meeting WHERE kind_id = (SELECT id FROM meeting_kind WHERE name = '会员大会') "
        "ORDER BY (SELECT COUNT(*) FROM attendance a WHERE a.meeting_id = meeting.id) DESC LIMIT 1"
    ).fetchone()
    members, invited = connection.execute(
        "SELECT (SELECT COUNT(*) FROM member), (SELECT COUNT(*) FROM attendance WHERE meeting_id = ?)",
        (meeting_id,),
    ).fetchone()
    connection.close()
    meeting = str(meeting_id)
    print(
        f"{members} members; 会员大会 #{meeting} with {invited} invitations; "
        f"median of {args.repeat} whole processes; limit {args.limit:g} s per paper; "
        f"load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    # The database as it was before `invite --all-members`, to time that command on a copy.
    before_invite = work / "before-invite.db"
    copy_database(db, before_invite)
    connection = sqlite3.connect(before_invite)
    with connection:
        readded = connection.execute(
            "DELETE FROM attendance WHERE meeting_id = ? AND title IS NULL AND role = 'attend'",
            (meeting_id,),
        ).rowcount
    connection.close()

    base = [*ASSOC, "--db", str(db)]
    cases: list[tuple[str, list[str], bool]] = []
    for paper, command, formats in (
        ("agenda render", ["meetings", "agenda", "render", meeting], ("md", "txt", "docx")),
        ("signin", ["meetings", "signin", meeting], ("md", "txt", "docx", "csv")),
        ("minutes", ["meetings", "minutes", meeting], ("md", "txt", "docx")),
    ):
        for fmt in formats:
            out = ["-o", str(work / f"paper.{fmt}")] if fmt == "docx" else []
            cases.append((f"{paper} -f {fmt}", [*command, "-f", fmt, *out], True))
    cases += [
        ("attendance --meeting", ["meetings", "attendance", "--meeting", meeting], False),
        (
            "attendance --meeting -f csv",
            ["meetings", "attendance", "--meeting", meeting, "-f", "csv"],
            False,
        ),
        ("quorum", ["meetings", "quorum", meeting], False),
    ]
    print(f"{'case':30} {'wall s':>8} {'cpu s':>7} {'peak MiB':>8}  result", flush=True)
    passed = True
    for name, command, is_paper in cases:
        runs = []
        for _ in range(args.repeat):
            runs.append(measure([*base, *command], args.timeout))
            if runs[-1] is None:
                break
        passed &= report(name, runs, args.limit if is_paper else None, args.timeout)
    scratch = work / "scratch.db"
    invite = [*ASSOC, "--db", str(scratch), "meetings", "invite", meeting, "--all-members"]
    runs = []
    for _ in range(args.repeat):
        copy_database(before_invite, scratch)
        runs.append(measure(invite, args.timeout))
    report(f"invite --all-members (+{readded})", runs, None, args.timeout)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")
    return passed


if __name__ == "__main__":
    main()
