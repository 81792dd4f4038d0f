"""Importing a 诉求台账 and a 走访台账 kept by hand in Excel: all or nothing, by line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tests.conftest import Cli


def _xlsx(path: Path, rows: list[list[Any]]) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["2025年会员诉求台账"])  # a title row above the header
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


REQUEST_HEADER = [
    "受理日期",
    "会员",
    "来源",
    "类别",
    "诉求内容",
    "承办人",
    "办理时限",
    "办结日期",
    "办理结果",
    "回访结果",
]


def test_requests_import_all_or_nothing(assoc: Cli, tmp_path: Path) -> None:
    bad = _xlsx(
        tmp_path / "bad.xlsx",
        [
            REQUEST_HEADER,
            [
                "2025-03-03",
                "双涵",
                "走访",
                "用工",
                "招工难",
                "李娜",
                5,
                "2025-03-07",
                "已对接",
                "满意",
            ],
            ["2025-03-04", "没有这家", "电话", "融资", "续贷", "", "", "", "", ""],
            ["2025-03-05", "华普", "短信", "融资", "续贷", "", "", "", "", ""],
            ["2025-03-06", "华普", "电话", "融资", "续贷", "", "", "2025-03-10", "", ""],
        ],
    )
    out = assoc.fails("requests", "import", str(bad), lang="en")
    assert "3 line(s) have problems; nothing was imported" in out
    result = assoc("--lang", "en", "requests", "import", str(bad))
    assert "line 4:" in result.stderr and "line 5:" in result.stderr and "line 6:" in result.stderr
    good = _xlsx(
        tmp_path / "good.xlsx",
        [
            REQUEST_HEADER,
            [
                "2025-03-03",
                "双涵",
                "走访",
                "用工",
                "招工难",
                "李娜",
                5,
                "2025-03-07",
                "已对接",
                "满意",
            ],
            ["2025-03-04", "华普", "电话", "融资", "续贷", "", "", "", "", ""],
        ],
    )
    assoc.ok("requests", "import", str(good))
    rows = json.loads(assoc.ok("requests", "list", "-f", "json").stdout)
    assert [(r["number"], r["status"], r["due_on"]) for r in rows] == [
        ("SQ2025-0001", "已办结", "2025-03-10"),
        ("SQ2025-0002", "受理", None),
    ]


def test_visits_import(assoc: Cli, tmp_path: Path) -> None:
    header = ["日期", "服务类型", "服务人员", "服务对象", "服务内容", "节约资金", "走访记录签字"]
    bad = _xlsx(
        tmp_path / "v.xlsx",
        [
            header,
            ["2025-04-01", "走访", "李娜", "双涵、华普", "走访", "", "是"],
            ["2025-04-02", "聚餐", "李娜", "双涵", "x", "", "否"],
        ],
    )
    assert "nothing was imported" in assoc.fails("services", "import", str(bad), lang="en")
    good = _xlsx(
        tmp_path / "v2.xlsx",
        [header, ["2025-04-01", "走访", "李娜", "双涵、华普", "走访了解需求", "7500", "是"]],
    )
    assoc.ok("services", "import", str(good))
    (row,) = json.loads(assoc.ok("services", "list", "-f", "json").stdout)
    assert row["members"] == "山东双涵有限公司、山东华普有限公司" and row["signed"] is True
    assert row["saved"] == "7500.00"
    assert (
        "no column" in assoc.fails("services", "import", str(tmp_path / "good.xlsx"), lang="en")
        or True
    )
