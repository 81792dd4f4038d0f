"""The party register through the CLI: organisations covering several units, counts,
pairings, the 1+1+N+X groups, 三会一课 held against required, refusals."""

from __future__ import annotations

import json

from tests.conftest import Cli


def test_register_and_three_meetings_one_lesson(cli: Cli) -> None:
    for name in ("甲", "乙", "丙"):
        cli.ok("members", "add", f"{name}公司", "--segment", "建陶")
    cli.ok(
        "party", "add", "联合党支部", "--kind", "联合党支部", "--unit", "甲公司",
        "--unit", "乙公司", "--secretary", "王强", "--founded", "2021-01-01",
    )  # fmt: skip
    cli.ok("party", "add", "丙公司党支部", "--kind", "党支部", "--unit", "丙公司")
    cli.ok("party", "count", "联合党支部", "23", "--on", "2022-12-31")
    cli.ok("party", "pair", "联合党支部", "--partner", "税务局机关党委", "--since", "2022-05-01")
    cli.ok("party", "group", "建陶产业链联合党委", "--role", "committee", "--unit", "甲公司")
    cli.ok("party", "group", "服务站一", "--role", "station", "--unit", "乙公司")
    for month in range(1, 13):
        cli.ok(
            "party",
            "meeting",
            "联合党支部",
            "--kind",
            "支部委员会",
            "--date",
            f"2022-{month:02d}-05",
        )
    cli.ok("party", "meeting", "联合党支部", "--kind", "党课", "--date", "2022-03-28")
    cli.ok("party", "settings", "党课", "half-yearly")
    rows = json.loads(cli.ok("party", "meetings", "--year", "2022", "-f", "json").stdout)
    joint = {
        r["meeting_kind"]: (r["held"], r["required"])
        for r in rows
        if r["party_org"] == "联合党支部"
    }
    assert joint == {"支部委员会": (12, 12), "党员大会": (0, 4), "党课": (1, 2)}
    listing = json.loads(cli.ok("party", "list", "-f", "json").stdout)
    assert listing[0]["units"] == "甲公司、乙公司" and listing[0]["party_members"] == 23
    stats = json.loads(cli.ok("members", "stats", "--by", "segment", "-f", "json").stdout)
    assert stats[-1]["party_orgs"] == 2 and stats[-1]["with_party_org"] == 3
    # refusals leave the database as it was
    assert "two or more units" in cli.fails(
        "party", "add", "x", "--kind", "联合党支部", "--unit", "丙公司", lang="en"
    )
    assert "unknown kind" in cli.fails("party", "add", "x", "--kind", "小组", lang="en")
    assert "exists" in cli.fails("party", "add", "联合党支部", "--kind", "党支部", lang="en")
    assert "one committee" in cli.fails(
        "party", "group", "另一个", "--role", "committee", lang="en"
    ) or "already" in cli.fails("party", "group", "另一个", "--role", "committee", lang="en")
    assert "not one of" in cli.fails(
        "party", "meeting", "联合党支部", "--kind", "座谈会", "--date", "2022-01-01", lang="en"
    )
    assert "one of them" in cli.fails("party", "pair", "联合党支部", lang="en")


def test_a_series_plans_three_meetings_linked_to_the_branch(cli: Cli) -> None:
    cli.ok("members", "add", "甲公司")
    cli.ok("party", "add", "甲公司党支部", "--kind", "党支部", "--unit", "甲公司")
    made = cli.ok(
        "party", "series", "甲公司党支部", "--kind", "支部委员会", "--every", "1",
        "--unit", "month", "--from", "2022-01-10", "--count", "12",
    )  # fmt: skip
    assert made.stdout.strip() == "12"
    series = json.loads(cli.ok("events", "series", "list", "--year", "2022", "-f", "json").stdout)
    assert [s["name"] for s in series] == ["甲公司党支部支部委员会"]
    cli.ok("events", "series", "cancel", "甲公司党支部支部委员会", "2022-03-10", "--reason", "改期")

    def held(*as_of: str) -> tuple[int, int]:
        rows = json.loads(
            cli.ok("party", "meetings", "--year", "2022", *as_of, "-f", "json").stdout
        )
        (row,) = [r for r in rows if r["meeting_kind"] == "支部委员会"]
        return row["held"], row["required"]

    # Held by 30 June: January to June less the cancelled March; by the year's end, 11.
    assert held("--as-of", "2022-06-30") == (5, 12)
    assert held("--as-of", "2022-12-31") == (11, 12)
    # Each occurrence is linked to the branch: linking one again is refused.
    meetings = json.loads(cli.ok("meetings", "list", "--year", "2022", "-f", "json").stdout)
    assert len(meetings) == 12 and {m["kind"] for m in meetings} == {"支部委员会"}
    assert "already linked" in cli.fails(
        "party", "link", "甲公司党支部", str(meetings[0]["id"]), lang="en"
    )
    # The second Thursday of each quarter's first month, up to a day instead of a count.
    cli.ok(
        "party", "series", "甲公司党支部", "--kind", "党课", "--unit", "month", "--every", "3",
        "--nth", "2", "--weekday", "4", "--from", "2022-01-01", "--until", "2022-12-31",
    )  # fmt: skip
    assert held("--as-of", "2022-12-31") == (11, 12)
    rows = json.loads(
        cli.ok("party", "meetings", "--year", "2022", "--as-of", "2022-12-31", "-f", "json").stdout
    )
    assert {r["meeting_kind"]: r["held"] for r in rows}["党课"] == 4


def test_a_refused_series_changes_nothing(cli: Cli) -> None:
    cli.ok("party", "add", "协会党支部", "--kind", "党支部")
    assert "not one of 三会一课" in cli.fails(
        "party", "series", "协会党支部", "--kind", "座谈会", "--from", "2022-01-10",
        "--count", "2", lang="en",
    )  # fmt: skip
    assert "--count or --until" in cli.fails(
        "party", "series", "协会党支部", "--kind", "党课", "--from", "2022-01-10",
        code=2, lang="en",
    )  # fmt: skip
    assert "day, week or month" in cli.fails(
        "party", "series", "协会党支部", "--kind", "党课", "--from", "2022-01-10",
        "--count", "2", "--unit", "fortnight", lang="en",
    )  # fmt: skip
    assert "no party organisation" in cli.fails(
        "party", "series", "无此支部", "--kind", "党课", "--from", "2022-01-10",
        "--count", "2", lang="en",
    )  # fmt: skip
    cli.ok(
        "party", "series", "协会党支部", "--kind", "党课", "--unit", "month", "--every", "3",
        "--from", "2022-01-10", "--count", "4",
    )  # fmt: skip
    assert "already a series" in cli.fails(
        "party", "series", "协会党支部", "--kind", "党课", "--from", "2023-01-10",
        "--count", "4", lang="en",
    )  # fmt: skip
