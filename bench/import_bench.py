"""Time `assoc members import` of a large roster: python bench/import_bench.py --rows N [--repeat 3].

Writes a realistic N-row CSV (the Chinese headers `members export` writes, unique Chinese
company names, valid 统一社会信用代码, phones, e-mails, segments, tiers, dates in the
spellings people type), then times whole processes with /usr/bin/time:

- fresh: `assoc --db NEW.db members import FILE` into a new association with no members
  (so the schema set-up is included), every row a new member;
- re-import: the same file again into the database the fresh run made, every row matched
  by its credit code and unchanged.

Prints each run (wall and CPU seconds, helper process included; the peak RSS of the
largest process, and of all of them added up, sampled every 0.1 s; the load average as
it ended) and then the medians and highest peaks of --repeat runs of each. With --src OLD
--src . the two trees' runs alternate, so a busy spell slows both alike.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from generate import SURNAMES
from timing import Run, compile_assoc, finished

ASSOC = [sys.executable, "-m", "assoc_cli"]
HEADERS = [
    "名称",
    "简称",
    "类型",
    "统一社会信用代码",
    "代表",
    "代表职务",
    "电话",
    "邮箱",
    "地址",
    "行业环节",
    "入会日期",
    "员工数",
    "党员数",
    "党组织",
    "会费档次",
    "备注",
]
CITIES = (
    "济南",
    "青岛",
    "淄博",
    "枣庄",
    "东营",
    "烟台",
    "潍坊",
    "济宁",
    "泰安",
    "威海",
    "日照",
    "临沂",
    "德州",
    "聊城",
    "滨州",
    "菏泽",
    "石家庄",
    "唐山",
    "保定",
    "邯郸",
    "太原",
    "大同",
    "郑州",
    "洛阳",
    "合肥",
    "芜湖",
    "南京",
    "苏州",
    "无锡",
    "常州",
    "徐州",
    "杭州",
    "宁波",
    "温州",
    "福州",
    "厦门",
    "泉州",
    "广州",
    "深圳",
    "东莞",
    "佛山",
    "成都",
    "重庆",
    "武汉",
    "长沙",
    "西安",
    "沈阳",
    "大连",
)
DISTRICTS = ("高新区", "经开区", "张店区", "临港区", "市中区", "历下区", "开发区", "工业园区")
BRAND = (
    "通达华普永盛鑫源恒泰金宇宏图瑞丰和海川东岳齐鲁博远中科润天成嘉禾联创明德昌隆兴旺"
    "富强安信泽汇能鼎力卓越正大长城信诚立新万象凯旋星辰腾飞锦绣银河蓝天翔宇"
)
TRADES = (
    "机电",
    "重工机械",
    "精密机械",
    "液压",
    "电机",
    "阀门",
    "铸造",
    "物流",
    "新材料",
    "贸易",
    "化工",
    "石化装备",
    "五金",
    "橡胶",
    "纺织",
    "电子科技",
    "自动化技术",
    "供应链管理",
    "环保科技",
    "建材",
)
SUFFIXES = ("有限公司", "股份有限公司", "集团有限公司", "有限责任公司")
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英立正建国振华庆合延军"
TITLES = ("董事长", "总经理", "副总经理", "办公室主任", "总工程师", "销售总监")
SEGMENTS = ("原料", "生产", "物流", "销售", "研发")
TIERS = ("", "", "", "", "", "", "会员单位", "会员单位", "理事单位", "副会长单位")
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def credit_code(index: int, rng: random.Random) -> str:
    """A valid, unique 统一社会信用代码: 91 + region + an organisation code from *index*."""
    region = f"3{rng.randint(70000, 79999)}"
    body, digits = index * 2654435761 % 31**9, []  # a bijection: unique per index
    for _ in range(9):
        body, digit = divmod(body, 31)
        digits.append(ALPHABET[digit])
    first17 = "91" + region + "".join(reversed(digits))
    total = sum(ALPHABET.index(c) * w for c, w in zip(first17, WEIGHTS, strict=True))
    return first17 + ALPHABET[(31 - total % 31) % 31]


def _date(rng: random.Random) -> str:
    year, month, day = rng.randint(1995, 2025), rng.randint(1, 12), rng.randint(1, 28)
    style = rng.random()
    if style < 0.8:
        return f"{year}-{month:02d}-{day:02d}"
    if style < 0.9:
        return f"{year}/{month}/{day}"
    return f"{year}年{month}月{day}日"


def generate(path: Path, rows: int, seed: int) -> None:
    """Write the CSV (UTF-8 with BOM, as Excel saves it)."""
    rng = random.Random(seed)
    names: set[str] = set()
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADERS)
        for index in range(rows):
            while True:
                city, brand = rng.choice(CITIES), rng.choice(BRAND) + rng.choice(BRAND)
                trade = rng.choice(TRADES)
                name = f"{city}{brand}{trade}{rng.choice(SUFFIXES)}"
                if name not in names:
                    names.add(name)
                    break
            employees = rng.randint(5, 5000)
            writer.writerow(
                [
                    name,
                    "",  # short names must be unique too; most rosters leave them empty
                    "单位",
                    credit_code(index, rng),
                    rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, rng.randint(1, 2))),
                    rng.choice(TITLES),
                    f"1{rng.choice('3578')}{rng.randint(0, 999999999):09d}"
                    if rng.random() < 0.7
                    else f"0{rng.randint(10, 999)}-{rng.randint(1000000, 9999999)}",
                    f"info{index}@example.com.cn" if rng.random() < 0.4 else "",
                    f"{city}市{rng.choice(DISTRICTS)}{brand}路{rng.randint(1, 999)}号",
                    rng.choice(SEGMENTS),
                    _date(rng),
                    employees,
                    rng.randint(0, employees // 10 + 1),
                    rng.choice(("是", "否", "")),
                    rng.choice(TIERS),
                    "" if rng.random() < 0.9 else "2023年度优秀会员单位",
                ]
            )


def report(label: str, run: Run) -> None:
    """One run's line."""
    print(
        f"  {label:32} {run.wall:7.2f} s wall {run.cpu:7.2f} s CPU {run.kib / 1024:6.0f} MiB"
        f" (together {run.tree_kib / 1024:4.0f})  load {run.load:4.1f}  {run.summary}",
        flush=True,
    )


def main() -> None:
    """Generate (or reuse) the file, then time fresh imports and re-imports."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument(
        "--dir", type=Path, default=Path(tempfile.gettempdir()) / "assoc-import-bench"
    )
    parser.add_argument("--no-reimport", action="store_true", help="time fresh imports only")
    parser.add_argument(
        "--src",
        type=Path,
        action="append",
        help="time the assoc in this source tree (e.g. `git archive OLD src migrations`); "
        "give it twice (or with --src . for this tree) to interleave the trees' runs",
    )
    args = parser.parse_args()
    compile_assoc()
    args.dir.mkdir(parents=True, exist_ok=True)
    source = args.dir / f"members-{args.rows}-{args.seed}.csv"
    if not source.exists():
        partial = source.with_suffix(".partial")
        generate(partial, args.rows, args.seed)
        partial.rename(source)
    size = source.stat().st_size / 1024 / 1024
    print(f"{source}: {args.rows:,} rows, {size:.0f} MiB; load average {os.getloadavg()[0]:.1f}")
    trees: list[Path | None] = list(args.src or [None])
    runs: dict[tuple[str, str], list[Run]] = {}
    for _ in range(args.repeat):
        for tree in trees:  # one run of each tree per round: a busy spell hits them alike
            env = dict(os.environ)
            name = "this tree"
            if tree is not None and tree.resolve() != Path(__file__).resolve().parent.parent:
                env["PYTHONPATH"] = str(tree.resolve() / "src")
                name = str(tree)
            db = args.dir / f"import-{args.rows}.db"
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            # Only init creates a database (issue 13): the fresh import starts from a new
            # association with no members, made untimed.
            subprocess.run(
                [*ASSOC, "--db", str(db), "init", "--name", "基准测试协会"],
                env=env,
                check=True,
                capture_output=True,
            )
            command = [*ASSOC, "--db", str(db), "members", "import", str(source)]
            cases = ["fresh"] if args.no_reimport else ["fresh", "re-import"]
            for case in cases:
                run = finished(command, env=env, whole_tree=True)
                runs.setdefault((name, case), []).append(run)
                report(f"{case} ({name})" if len(trees) > 1 else case, run)
    for (name, case), done in runs.items():
        label = f"{case} ({name})" if len(trees) > 1 else case
        print(
            f"{label:32} median {statistics.median(r.wall for r in done):7.2f} s wall, "
            f"{statistics.median(r.cpu for r in done):7.2f} s CPU, "
            f"peak {max(r.kib for r in done) / 1024:.0f} MiB "
            f"(processes together {max(r.tree_kib for r in done) / 1024:.0f} MiB), "
            f"load {min(r.load for r in done):.1f}-{max(r.load for r in done):.1f} "
            f"({len(done)} runs)"
        )


if __name__ == "__main__":
    main()
