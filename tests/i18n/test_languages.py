"""Languages: names normalised, Traditional from OpenCC, and the output language chosen by
--lang, ASSOC_LANG and the association's profile."""

from __future__ import annotations

import pytest

from assoc_cli.errors import InvalidValueError
from assoc_cli.i18n import normalize_lang, t
from tests.conftest import Cli


def test_english_info_labels(demo: Cli) -> None:
    text = demo.ok("info", lang="en").stdout
    assert "Active" in text and "Withdrawn" in text


def test_languages() -> None:
    assert normalize_lang("zh-TW") == "zh-Hant"
    assert normalize_lang("EN") == "en"
    with pytest.raises(InvalidValueError, match="zh-Hans, zh-Hant, en"):
        normalize_lang("fr")
    # Traditional comes from OpenCC, not a table of ours.
    assert t("col.tier", "zh-Hant") == "會費檔次"


def test_profile_language_sets_the_output_language(cli: Cli) -> None:
    cli.ok("init", "--language", "en")
    assert "Association" in cli.ok("info").stdout
    # --lang beats the profile, ASSOC_LANG too.
    assert "協會" in cli.ok("info", lang="zh-Hant").stdout


def test_assoc_lang_environment_variable(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ASSOC_LANG", "en")
    assert "Association" in cli.ok("info").stdout


def test_bad_lang_option_is_refused(cli: Cli) -> None:
    # A usage error, found before the command does anything (a backup is not written
    # and then refused for its language).
    assert "未知的语言" in cli.fails("info", lang="klingon", code=2)
