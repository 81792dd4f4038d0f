"""A training class's papers at 2,000 participants: python bench/events_papers.py [--participants 2000] [--repeat 3].

Builds through the real CLI a 培训班 with two sessions, a programme of eight items with
speakers, organisers and guests, N registered participants from 200 units, everyone signed
in at the morning session and certificates issued; then times whole ``assoc`` processes
(median wall and CPU seconds, peak RSS over --repeat runs, PASS/FAIL against --limit wall
seconds): the programme, a session's sign-in sheet and the participants list as .docx, the
certificates (.docx, one per page) and their register (.csv), the news release, the
registrations listing and the attendance rate. The exit status is 1 if any case fails."""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from timing import Run, compile_assoc, measure

ASSOC = [sys.executable, "-m", "assoc_cli"]
SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕蔡魏薛戴"
)
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华建国志新立正传辉美兰万中海波鹏飞云龙"
POSTS = ("董事长", "总经理", "副总经理", "办公室主任", "总工程师", "技术员")


def run(db: Path, *args: str) -> str:
    """One assoc command on *db*; its stdout."""
    result = subprocess.run(
        [*ASSOC, "--db", str(db), *args], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        sys.exit(f"assoc {' '.join(args[:6])} … failed:\n{result.stderr}")
    return result.stdout.strip()


def build(db: Path, participants: int, seed: int) -> str:
    """The class; returns its number."""
    rng = random.Random(seed)
    run(db, "init", "--name", "示范省工业经济联合会")
    meeting = run(
        db,
        "meetings",
        "new",
        "--kind",
        "培训班",
        "--topic",
        "专精特新",
        "--date",
        "2025-06-10",
        "--time",
        "08:30",
        "--venue",
        "示范市会展中心",
    )
    run(db, "events", "organiser", meeting, "主办", "示范省工经联")
    run(db, "events", "organiser", meeting, "承办", "示范市工经联")
    run(db, "events", "organiser", meeting, "支持", "示范省工业和信息化厅")
    run(
        db,
        "events",
        "session",
        meeting,
        "上午",
        "--start",
        "08:30",
        "--end",
        "12:00",
        "--host",
        "孟庆华|示范省工经联|秘书长",
    )
    run(
        db,
        "events",
        "session",
        meeting,
        "下午",
        "--start",
        "14:00",
        "--end",
        "17:30",
        "--focus",
        "专精特新企业申报与培育",
        "--host",
        "唐晓东|示范省工经联培训部|主任",
    )
    for rank, guest in enumerate(
        ("陈立德|示范省工业和信息化厅|副厅长", "许文华|示范市人民政府|副市长"), 1
    ):
        run(db, "events", "attend", meeting, guest, "--rank", str(rank))
    for number in range(1, 9):
        kind = ("lecture", "speech", "report", "exchange")[number % 4]
        run(db, "meetings", "agenda", "add", meeting, f"第{number}讲 专精特新专题", "--kind", kind)
        run(
            db,
            "events",
            "item",
            meeting,
            str(number),
            "--session",
            str(1 + number // 5),
            "--speaker",
            f"讲师{number}|示范大学|教授",
        )
    run(
        db,
        "events",
        "class",
        meeting,
        "--capacity",
        str(participants),
        "--fee-other",
        "800",
        "--min-sessions",
        "1",
    )
    people = [
        f"{rng.choice(SURNAMES)}{''.join(rng.choices(GIVEN, k=2))}{n}|示范第{n % 200 + 1}有限公司|{rng.choice(POSTS)}"
        for n in range(participants)
    ]
    for start in range(0, participants, 500):
        run(db, "events", "register", meeting, *people[start : start + 500])
    run(db, "events", "signin", meeting, "1", "--all")
    run(db, "events", "certify", meeting, "--on", "2025-06-10")
    return meeting


def report(name: str, runs: list[Run | None], limit: float, timeout: float) -> bool:
    """Print one line; False if the case failed its limit."""
    done = [r for r in runs if r is not None]
    if len(done) < len(runs):
        print(f"{name:34} {'>' + format(timeout, 'g'):>8}  FAIL (timed out)")
        return False
    wall = statistics.median(r.wall for r in done)
    cpu = statistics.median(r.cpu for r in done)
    verdict = "PASS" if wall < limit else "FAIL"
    print(f"{name:34} {wall:8.2f} {cpu:7.2f} {max(r.kib for r in done) / 1024:8.0f}  {verdict}")
    return verdict == "PASS"


def main() -> None:
    """Build the class, then print: case, median wall s, median CPU s, peak MiB, verdict."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--participants", type=int, default=2000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit", type=float, default=2.0, help="seconds per paper (wall)")
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    compile_assoc()
    work = Path(tempfile.mkdtemp(prefix="assoc-bench-events-"))
    try:
        db = work / "class.db"
        meeting = build(db, args.participants, args.seed)
        out = work / "out"
        out.mkdir()
        cases = {
            "programme .docx": [
                "events",
                "papers",
                meeting,
                "programme",
                "-o",
                str(out / "p.docx"),
            ],
            "sign-in (session 1) .docx": [
                "events",
                "papers",
                meeting,
                "signin",
                "--session",
                "1",
                "-o",
                str(out / "s.docx"),
            ],
            "participants .docx": [
                "events",
                "papers",
                meeting,
                "participants",
                "-o",
                str(out / "l.docx"),
            ],
            "participants .md": [
                "events",
                "papers",
                meeting,
                "participants",
                "-o",
                str(out / "l.md"),
            ],
            "certificates .docx": ["events", "certificates", meeting, "-o", str(out / "c.docx")],
            "certificate register .csv": [
                "events",
                "certificates",
                meeting,
                "-o",
                str(out / "c.csv"),
            ],
            "news release .docx": ["events", "release", meeting, "-o", str(out / "r.docx")],
            "registrations -f csv": ["events", "registrations", meeting, "-f", "csv"],
            "attendance rate": ["events", "rate", meeting],
        }
        print(f"{args.participants} participants; median of {args.repeat} runs")
        print(f"{'case':34} {'wall s':>8} {'cpu s':>7} {'MiB':>8}  verdict")
        passed = True
        for name, command in cases.items():
            runs = [
                measure([*ASSOC, "--db", str(db), *command], args.timeout)
                for _ in range(args.repeat)
            ]
            passed = report(name, runs, args.limit, args.timeout) and passed
    finally:
        shutil.rmtree(work, ignore_errors=True)
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
