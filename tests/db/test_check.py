"""db check: the database's integrity and the dues ledger."""

from __future__ import annotations

import pytest

from tests.conftest import Cli

# These tests hold each message's English wording; its Chinese (the default) is held by
# tests/i18n/test_one_language.py.
pytestmark = pytest.mark.usefixtures("english_messages")


def test_check_reports_integrity_and_the_ledger(demo: Cli) -> None:
    out = demo.ok("db", "check").stdout
    assert "dues ledger: ok" in out
    demo.sql("UPDATE dues_entry SET receipt_seq = 900, receipt = '2022-0900' WHERE id = 3")
    result = demo("db", "check")
    assert result.exit_code == 1 and "gap or a repeat" in result.stdout
