"""`assoc … | head`: a reader that stops early gets no error."""

from __future__ import annotations

import pytest

from tests.conftest import Cli


@pytest.mark.parametrize(
    "args",
    [
        ["members", "list", "-f", "csv"],
        ["dues", "unpaid", "--year", "2022", "--as-of", "2022-12-31", "-f", "csv"],
        ["members", "export"],
    ],
)
def test_a_reader_that_stops_early_gets_no_error(demo: Cli, args: list[str]) -> None:
    """`assoc … | head`: the reader closes the pipe before the command writes. The command
    stops quietly (exit 1, nothing on stderr), as Unix tools do."""
    import subprocess
    import sys

    command = [sys.executable, "-m", "assoc_cli", "--db", demo.location, *args]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # the only reader is gone: the first write fails (EPIPE)
    with process.stderr:
        stderr = process.stderr.read().decode()
    assert process.wait() == 1
    assert stderr == ""
