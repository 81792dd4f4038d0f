"""An event's programme through the CLI on both engines: organisers, sessions, speakers,
guests and people; refused inputs (a duplicate person, an unknown role or session, a
speaker twice) change nothing; the release opens in LibreOffice as an A4 paper."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import Cli
from tests.events.test_release import enter_seed_001
from tests.office import pdf_of


def _json(cli: Cli, *args: str) -> list[dict[str, object]]:
    return json.loads(cli.ok(*args, "-f", "json").stdout)  # type: ignore[no-any-return]


def test_refused_inputs_change_nothing(cli: Cli) -> None:
    meeting = enter_seed_001(cli)
    # Someone already on the list, in any role, or typed twice in one command.
    assert "already at meeting" in cli.fails(
        "events", "attend", meeting, "郑辉", "--post", "执行会长", lang="en"
    )
    assert "typed twice" in cli.fails(
        "events", "attend", meeting, "孙钢|国研智库|总监", "孙钢|国研智库|总监", lang="en"
    )
    # A new name and a duplicate in one command: neither is added.
    assert "already at meeting" in cli.fails(
        "events", "attend", meeting, "孙钢|国研智库|总监", "蔡杰", "--post", "监事长", lang="en"
    )
    assert "a role is one of" in cli.fails(
        "events", "attend", meeting, "孙钢", "--role", "旁听", lang="en"
    )
    assert "organiser's role" in cli.fails(
        "events", "organiser", meeting, "冠名", "某公司", lang="en"
    )
    assert "already an organiser" in cli.fails(
        "events", "organiser", meeting, "赞助", "青花郎酒业", lang="en"
    )
    assert "no session 1" in cli.fails("events", "item", meeting, "1", "--session", "1", lang="en")
    assert "there is no item 9" in cli.fails(
        "events", "item", meeting, "9", "--speaker", "x", lang="en"
    )
    assert "already speaks" in cli.fails(
        "events", "item", meeting, "5", "--speaker", "张辉新||会长", lang="en"
    )
    assert "姓名|单位|职务" in cli.fails("events", "item", meeting, "5", "--speaker", "|a|b")
    assert "--session" in cli.fails("events", "item", meeting, "5", code=2)
    cli.ok("events", "session", meeting, "下午", "--start", "14:30", "--end", "17:00")
    assert "ends (14:00) before it starts" in cli.fails(
        "events", "session", meeting, "晚上", "--start", "19:00", "--end", "14:00", lang="en"
    )
    assert 'already has a session "下午"' in cli.fails(
        "events", "session", meeting, "下午", lang="en"
    )
    assert "not on the list" in cli.fails("events", "absent", meeting, "无名氏", lang="en")


def test_people_order_guests_and_programme(cli: Cli) -> None:
    meeting = enter_seed_001(cli)
    given = [p["name"] for p in _json(cli, "events", "people", meeting, "--order", "given")]
    assert given[:4] == ["张辉新", "朱训岩", "韩怀胜", "郑辉"]
    ranked = [p["name"] for p in _json(cli, "events", "people", meeting)]
    # By office (会长, 执行会长, 副会长, 监事长), then surname strokes: 郑 (8) before 韩 (12).
    assert ranked[:4] == ["张辉新", "朱训岩", "郑辉", "韩怀胜"]
    assert ranked[12] == "蔡杰"
    cli.ok("events", "absent", meeting, "郭小红")
    assert "郭小红" not in cli.ok("events", "release", meeting, "-f", "txt").stdout
    # Guests: the member units' staff joined the list once; a second event reuses them.
    guests = _json(cli, "events", "guests")
    assert [g["name"] for g in guests] == ["周立正", "巩渤"] or len(guests) == 2
    other = cli.ok("meetings", "new", "--kind", "座谈会", "--date", "2022-01-10").stdout.strip()
    cli.ok("events", "attend", other, "巩渤|山东通力五金机电连锁有限公司|总经理", "--rank", "2")
    guests = _json(cli, "events", "guests")
    assert len(guests) == 2
    assert [g["post"] for g in guests if g["name"] == "巩渤"] == ["总经理"]
    cli.ok(
        "events", "guest", "孔庆成|山东省工业和信息化厅|副厅长", "--rank", "1", "--phone", "0531-1"
    )
    assert _json(cli, "events", "guests")[0]["name"] == "孔庆成"
    assert "a guest has an organisation" in cli.fails("events", "guest", "某人", lang="en")
    programme = _json(cli, "events", "programme", meeting)
    assert [row["speakers"] for row in programme][4] == "会长张辉新"
    assert programme[1]["speakers"] == "副秘书长、办公室主任荆常宝"
    # An organiser is taken off again.
    cli.ok("events", "organiser", meeting, "赞助", "青花郎酒业", "--remove")
    assert "青花郎" not in cli.ok("events", "release", meeting, "-f", "txt").stdout


def test_release_paper_is_a4_in_libreoffice(cli: Cli, tmp_path: Path) -> None:
    meeting = enter_seed_001(cli)
    target = tmp_path / "新闻稿.docx"
    cli.ok("events", "release", meeting, "--order", "given", "-o", str(target))
    pdf = pdf_of(target, tmp_path / "pdf")
    assert round(pdf.width_mm) == 210 and round(pdf.height_mm) == 297
    flat = "".join(pdf.text.split())
    assert "执行会长朱训岩、韩怀胜、郑辉" in flat
    assert "五是会长张辉新讲话" in flat
    assert "this paper is written as" in cli.fails(
        "events", "release", meeting, "-o", str(tmp_path / "x.pdf"), code=2, lang="en"
    )


def test_deleting_an_item_or_a_meeting_takes_its_programme(cli: Cli) -> None:
    meeting = cli.ok("meetings", "new", "--kind", "培训班", "--date", "2022-03-01").stdout.strip()
    cli.ok("meetings", "agenda", "add", meeting, "讲座", "--kind", "lecture")
    cli.ok("events", "session", meeting, "上午", "--host", "荣剑英|中国工经联|执行副会长")
    cli.ok("events", "item", meeting, "1", "--session", "1", "--speaker", "李毅中|中国工经联|会长")
    cli.ok("events", "attend", meeting, "李毅中|中国工经联|会长")
    cli.ok("events", "organiser", meeting, "主办", "中国工经联")
    cli.ok("meetings", "agenda", "remove", meeting, "1")
    assert _json(cli, "events", "programme", meeting) == []
    cli.ok("meetings", "delete", meeting)
    assert cli.sql("SELECT count(*) FROM event_person")[0][0] == 0
    assert cli.sql("SELECT count(*) FROM event_session")[0][0] == 0
    # The guests list keeps its people for the next event.
    assert cli.sql("SELECT count(*) FROM event_guest")[0][0] == 2
