"""A training class through the CLI on both engines: registrations with capacity and a
waitlist, fees with receipts of their own gap-free series and the dues ledger's void and
repeat rules, sign-in per session and its rate, certificates numbered per class. Every
refused input leaves the database as it was (``Cli.fails`` checks)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tests.conftest import Cli
from tests.office import pdf_of


def _json(cli: Cli, *args: str) -> list[dict[str, object]]:
    return json.loads(cli.ok(*args, "-f", "json").stdout)  # type: ignore[no-any-return]


def _class(cli: Cli) -> str:
    meeting = cli.ok(
        "meetings",
        "new",
        "--kind",
        "培训班",
        "--topic",
        "专精特新",
        "--date",
        "2022-06-10",
        "--venue",
        "示范市会展中心",
    ).stdout.strip()
    cli.ok("events", "session", meeting, "上午", "--start", "08:30", "--end", "12:00")
    cli.ok("events", "session", meeting, "下午", "--start", "14:00", "--end", "17:30")
    cli.ok(
        "events",
        "class",
        meeting,
        "--capacity",
        "3",
        "--fee-member",
        "500",
        "--fee-other",
        "800",
        "--min-sessions",
        "2",
    )
    return meeting


def test_registrations_capacity_and_waitlist(assoc: Cli) -> None:
    meeting = _class(assoc)
    assoc.ok("events", "register", meeting, "张伟", "李娜", "--unit", "双涵")
    # Two more do not fit in the one place left: neither is registered.
    assert "do not fit" in assoc.fails(
        "events", "register", meeting, "王强|外地某公司|工程师", "赵敏|外地某公司", lang="en"
    )
    assert "already registered" in assoc.fails(
        "events", "register", meeting, "张伟", "--unit", "双涵", lang="en"
    )
    assert "typed twice" in assoc.fails("events", "register", meeting, "陈一", "陈一", lang="en")
    said = assoc.ok(
        "events",
        "register",
        meeting,
        "王强|外地某公司|工程师",
        "赵敏|外地某公司",
        "--waitlist",
        lang="en",
    ).stderr
    assert "Not member units (the other fee applies): 外地某公司" in said
    rows = _json(assoc, "events", "registrations", meeting)
    assert [(r["name"], r["status"]) for r in rows] == [
        ("张伟", "registered"),
        ("李娜", "registered"),
        ("王强", "registered"),
        ("赵敏", "waitlisted"),
    ]
    # The member unit's people pay the member fee; the others the other fee.
    assert [r["fee_due"] for r in rows] == ["500.00", "500.00", "800.00", "800.00"]
    assert rows[0]["unit"] == "山东双涵有限公司" and rows[0]["member"] is True
    assert rows[2]["member"] is False
    # A cancellation gives the place to the first waiting.
    result = assoc.ok("events", "cancel", meeting, "李娜", lang="en")
    assert "赵敏 moves up" in result.stderr
    assert "already cancelled" in assoc.fails("events", "cancel", meeting, "李娜", lang="en")
    assert "not registered" in assoc.fails("events", "cancel", meeting, "无名", lang="en")
    assert "would leave some" in assoc.fails(
        "events", "class", meeting, "--capacity", "2", lang="en"
    )


def test_fees_receipts_voids_and_repeats(assoc: Cli) -> None:
    meeting = _class(assoc)
    assoc.ok("events", "register", meeting, "张伟", "--unit", "双涵")
    assoc.ok("events", "register", meeting, "王强|外地某公司")
    first = assoc.ok("events", "pay", meeting, "张伟", "--on", "2022-06-01").stdout.strip()
    assert first == "PX2022-0001"
    assert "already paid" in assoc.fails(
        "events", "pay", meeting, "张伟", "--on", "2022-06-02", lang="en"
    )
    assert "is more" in assoc.fails(
        "events", "pay", meeting, "王强", "--amount", "900", "--on", "2022-06-02", lang="en"
    )
    part = assoc.ok(
        "events", "pay", meeting, "王强", "--amount", "300", "--on", "2022-06-02"
    ).stdout.strip()
    assert part == "PX2022-0002"
    # The same amount on the same day again is taken for a repeat, unless --again.
    assert "add --again" in assoc.fails(
        "events", "pay", meeting, "王强", "--amount", "300", "--on", "2022-06-02", lang="en"
    )
    rest = assoc.ok("events", "pay", meeting, "王强", "--on", "2022-06-03").stdout.strip()
    assert rest == "PX2022-0003"
    # A void reverses a payment once; the ledger keeps both lines; the next receipt follows on.
    assoc.ok("events", "void-fee", "PX2022-0003", "--reason", "重复录入", "--on", "2022-06-04")
    assert "already voided" in assoc.fails(
        "events", "void-fee", "PX2022-0003", "--reason", "x", lang="en"
    )
    assert "needs a reason" in assoc.fails(
        "events", "void-fee", "PX2022-0002", "--reason", " ", lang="en"
    )
    assert "no fee receipt" in assoc.fails(
        "events", "void-fee", "PX2022-0099", "--reason", "x", lang="en"
    )
    assert "cannot be voided before" in assoc.fails(
        "events", "void-fee", "PX2022-0002", "--reason", "x", "--on", "2022-06-01", lang="en"
    )
    rows = {r["name"]: r for r in _json(assoc, "events", "registrations", meeting)}
    assert rows["王强"]["paid"] == "300.00"
    assert rows["王强"]["receipts"] == "PX2022-0002"
    again = assoc.ok("events", "pay", meeting, "王强", "--on", "2022-06-05").stdout.strip()
    assert again == "PX2022-0004"
    ledger = assoc.sql("SELECT receipt, kind, amount_fen FROM event_fee ORDER BY id")
    assert [tuple(r) for r in ledger] == [
        ("PX2022-0001", "payment", 50000),
        ("PX2022-0002", "payment", 30000),
        ("PX2022-0003", "payment", 50000),
        (None, "void", 50000),
        ("PX2022-0004", "payment", 50000),
    ]


def test_signin_rate_and_certificates(assoc: Cli, tmp_path: Path) -> None:
    meeting = _class(assoc)
    assoc.ok("events", "register", meeting, "张伟", "李娜", "--unit", "双涵")
    assoc.ok("events", "register", meeting, "王强|外地某公司", "赵敏|外地某公司", "--waitlist")
    assoc.ok("events", "signin", meeting, "1", "--all")
    assoc.ok("events", "signin", meeting, "2", "张伟")
    assert "already signed in" in assoc.fails("events", "signin", meeting, "2", "张伟", lang="en")
    assert "not registered: no sign-in" in assoc.fails(
        "events", "signin", meeting, "2", "赵敏", lang="en"
    )
    # One refused name refuses the whole command.
    assert "already signed in" in assoc.fails(
        "events", "signin", meeting, "2", "李娜", "张伟", lang="en"
    )
    assert "no session 3" in assoc.fails("events", "signin", meeting, "3", "李娜", lang="en")
    rate = _json(assoc, "events", "rate", meeting)
    assert [(r["session"], r["signed_in"], r["attendance_rate"]) for r in rate] == [
        ("上午", 3, "100.0"),
        ("下午", 1, "33.3"),
    ]
    # A certificate for someone who missed a session is refused.
    assert "attended 1 of the 2 sessions" in assoc.fails(
        "events", "certify", meeting, "李娜", lang="en"
    )
    assoc.ok("events", "signin", meeting, "2", "王强")
    assoc.ok("events", "certify", meeting, "--on", "2022-06-10")
    assoc.ok("events", "signin", meeting, "2", "李娜")
    assoc.ok("events", "certify", meeting, "李娜", "--on", "2022-06-11")
    assert "already has a certificate" in assoc.fails(
        "events", "certify", meeting, "李娜", lang="en"
    )
    register = _json(assoc, "events", "certificates", meeting)
    assert [(c["number"], c["name"]) for c in register] == [
        ("2022-01-0001", "张伟"),
        ("2022-01-0002", "王强"),
        ("2022-01-0003", "李娜"),
    ]
    assoc.ok("events", "reissue", meeting, "张伟", "--reason", "遗失")
    assert "no certificate to reissue" in assoc.fails(
        "events", "reissue", meeting, "赵敏", "--reason", "遗失", lang="en"
    )
    register = _json(assoc, "events", "certificates", meeting)
    assert register[0]["number"] == "2022-01-0001" and register[0]["reissues"] == 1
    logged = assoc.ok("log", "-f", "json").stdout
    assert "reissue_reason" in logged
    target = tmp_path / "证书登记.csv"
    assoc.ok("events", "certificates", meeting, "-o", str(target))
    rows = list(csv.reader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    assert rows[1][0] == "2022-01-0001"
    docx = tmp_path / "结业证书.docx"
    assoc.ok("events", "certificates", meeting, "-o", str(docx))
    pdf = pdf_of(docx, tmp_path / "pdf")
    assert pdf.pages == 3
    assert abs(pdf.width_mm - 210) <= 1 and abs(pdf.height_mm - 297) <= 1
    assert "2022-01-0003" in pdf.text


def test_class_papers_are_a4(assoc: Cli, tmp_path: Path) -> None:
    meeting = _class(assoc)
    assoc.ok("meetings", "agenda", "add", meeting, "专精特新企业的成长路径", "--kind", "lecture")
    assoc.ok(
        "events", "item", meeting, "1", "--session", "1", "--speaker", "高志远|示范省工经联|副会长"
    )
    assoc.ok("events", "register", meeting, "张伟", "李娜", "--unit", "双涵")
    for kind, extra in (("programme", []), ("signin", ["--session", "1"]), ("participants", [])):
        target = tmp_path / f"{kind}.docx"
        assoc.ok("events", "papers", meeting, kind, *extra, "-o", str(target))
        pdf = pdf_of(target, tmp_path / f"pdf-{kind}")
        assert abs(pdf.width_mm - 210) <= 1 and abs(pdf.height_mm - 297) <= 1
        flat = "".join(pdf.text.split())
        assert ("高志远" if kind == "programme" else "李娜") in flat
    assert "--session" in assoc.fails("events", "papers", meeting, "signin", code=2)
    text = assoc.ok("events", "papers", meeting, "participants", "-f", "md").stdout
    assert "山东双涵有限公司" in text


def test_a_class_with_fees_cannot_be_deleted(assoc: Cli) -> None:
    meeting = _class(assoc)
    assoc.ok("events", "register", meeting, "张伟", "--unit", "双涵")
    assoc.ok("events", "pay", meeting, "张伟", "--on", "2022-06-01")
    assert "1 fee entries" in assoc.fails("meetings", "delete", meeting, lang="en")
    other = _class(assoc)
    assoc.ok("events", "register", other, "李娜", "--unit", "双涵")
    assoc.ok("meetings", "delete", other)
    assert assoc.sql("SELECT count(*) FROM event_registration")[0][0] == 1


def test_a_cancelled_class_takes_no_registrations(assoc: Cli) -> None:
    meeting = _class(assoc)
    assoc.ok("events", "register", meeting, "张伟", "--unit", "双涵")
    assoc.ok("meetings", "cancel", meeting, "--reason", "疫情")
    assert "is cancelled" in assoc.fails("events", "register", meeting, "李娜", lang="en")
    assert "is cancelled" in assoc.fails("events", "signin", meeting, "1", "--all", lang="en")


def test_class_terms_and_certificates_edge_cases(assoc: Cli) -> None:
    bare = assoc.ok("meetings", "new", "--kind", "培训班", "--date", "2022-09-01").stdout.strip()
    assoc.ok("events", "register", bare, "张伟", "--unit", "双涵")
    assert "has no sessions" in assoc.fails("events", "certify", bare, lang="en")
    assert "at least one place" in assoc.fails(
        "events", "class", bare, "--capacity", "0", lang="en"
    )
    assert "every session" not in assoc.fails(
        "events", "class", bare, "--min-sessions", "0", lang="en"
    )
    assert assoc.fails("events", "class", bare, "--fee-other", "-5", lang="en")
    meeting = _class(assoc)
    assoc.ok("events", "register", meeting, "张伟", "--unit", "双涵")
    assoc.ok("events", "signin", meeting, "1", "张伟")
    assoc.ok("events", "signin", meeting, "2", "张伟")
    assoc.ok("events", "certify", meeting, "--on", "2022-06-10")
    assert "needs a reason" in assoc.fails(
        "events", "reissue", meeting, "张伟", "--reason", " ", lang="en"
    )
    # Nobody new earned one: certify again issues none and numbers nothing.
    assert "0" in assoc.ok("events", "certify", meeting, lang="en").stderr
    assert [c["number"] for c in _json(assoc, "events", "certificates", meeting)] == [
        "2022-01-0001"
    ]
    # Free of charge: nothing to pay.
    free = assoc.ok("meetings", "new", "--kind", "座谈会", "--date", "2022-09-02").stdout.strip()
    assoc.ok("events", "register", free, "李娜", "--unit", "双涵")
    assert "no fee to pay" in assoc.fails("events", "pay", free, "李娜", lang="en")
