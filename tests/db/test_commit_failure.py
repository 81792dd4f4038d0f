"""Nothing is said of a change that was not saved: a command's confirmation and the number
it prints (a receipt, a member number, a meeting number) come only after its commit.

The commit is made to fail for real, by the server: on PostgreSQL a deferred constraint
trigger runs at COMMIT and raises, as a full disk or a killed connection would fail it.
(SQLite has no constraint that waits for the commit; the fault-injection suite of issue 13
covers it with a full disk.)
"""

from __future__ import annotations

import pytest

from tests.conftest import Cli, snapshot

postgresql_only = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)

REFUSE_AT_COMMIT = """
CREATE FUNCTION refuse_at_commit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'refused at commit (a test of assoc)'; END $$;
CREATE CONSTRAINT TRIGGER refuse_at_commit AFTER INSERT ON {table}
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION refuse_at_commit();
"""


@postgresql_only
@pytest.mark.parametrize(
    ("table", "args", "would_say"),
    [
        ("dues_entry", ["dues", "pay", "M0003", "--amount", "100", "--again"], "已收"),
        ("member", ["members", "add", "新加入的测试公司{n}"], "已添加会员"),
        ("meeting", ["meetings", "new", "--kind", "理事会", "--date", "2022-12-20"], "已建立会议"),
    ],
)
def test_a_change_whose_commit_fails_is_never_announced(
    demo: Cli, table: str, args: list[str], would_say: str
) -> None:
    first = [a.format(n=1) for a in args]
    args = [a.format(n=2) for a in args]
    assert would_say in demo.ok(*first).stderr  # what it says when the commit succeeds
    demo.sql(REFUSE_AT_COMMIT.format(table=table))
    before = snapshot(demo.location)
    result = demo(*args)
    assert result.exit_code == 1
    assert result.stdout == "", "a number was printed for a change that was not saved"
    assert would_say not in result.stderr
    assert "refused at commit" in result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(demo.location) == before
