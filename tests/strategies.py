"""Hypothesis strategies and checks shared by the tests that throw hostile input at assoc."""

from __future__ import annotations

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from tests.conftest import snapshot

FUZZ = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


nasty_text = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(list("¥￥万元,,.-+=@'\"\\%_\n\r\t\x00 ")),
    ),
    max_size=40,
)


def assert_clean(result: object, before: str, location: str) -> None:
    """Exit 0, 1 or 2 and no traceback; a command that failed says Error: and changed nothing."""
    code = result.exit_code  # type: ignore[attr-defined]
    output = result.stdout + result.stderr  # type: ignore[attr-defined]
    exception = result.exception  # type: ignore[attr-defined]
    assert code in (0, 1, 2), output
    assert exception is None or isinstance(exception, SystemExit), repr(exception)
    assert "Traceback" not in output
    if code != 0:
        assert "Error:" in result.stderr  # type: ignore[attr-defined]
        assert snapshot(location) == before
