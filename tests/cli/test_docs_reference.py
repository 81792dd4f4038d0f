"""docs/cli.md is the command reference generated from the commands themselves."""

from __future__ import annotations

from pathlib import Path

from tools.cli_docs import cli_reference

ROOT = Path(__file__).resolve().parents[2]


def test_cli_reference_in_docs_is_current() -> None:
    committed = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert committed == cli_reference(), "docs/cli.md is stale: run `make docs`"
