"""assoc demo: a realistic association to try commands on."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli, sqlite_only


def test_demo_has_units_over_four_tiers_with_officers(demo: Cli) -> None:
    info = json.loads(demo.ok("info", "-f", "json").stdout)
    assert info["association"] == "示范市装备制造业协会"
    assert info["members"] == 62 and info["withdrawn_members"] == 2
    stats = json.loads(demo.ok("members", "stats", "--by", "tier", "-f", "json").stdout)
    counts = {s["group"]: s["members"] for s in stats}
    assert counts == {"会长单位": 4, "副会长单位": 9, "理事单位": 18, "会员单位": 29, "合计": 60}
    offices = json.loads(demo.ok("offices", "list", "-f", "json").stdout)
    assert offices[0]["office"] == "会长"
    segments = json.loads(demo.ok("members", "stats", "--by", "segment", "-f", "json").stdout)
    assert len(segments) >= 5


@sqlite_only
def test_demo_refuses_to_overwrite_without_replace(demo: Cli, tmp_path: Path) -> None:
    result = demo("demo", "--db", str(demo.db))
    assert result.exit_code == 1
    assert "--replace" in result.stderr
    result = demo.ok("demo", "--db", str(demo.db), "--replace")
    assert "assoc --db" in result.stdout and "members list" in result.stdout
