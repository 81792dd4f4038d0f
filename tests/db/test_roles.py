"""Least privilege on a shared PostgreSQL server (``assoc db roles``): staff log in as
themselves, each in one role, and run the real commands — a reader reads every report
and can record nothing, a cashier records dues but cannot touch the roster, nobody but
the admin can change the audit log, and the log names who logged in."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import create_engine, make_url
from sqlalchemy.exc import ProgrammingError

from assoc_cli.db import core, roles
from tests.conftest import Cli, sqlite_only

# These tests hold each message's English wording; its Chinese (the default) is held by
# tests/i18n/test_one_language.py.
pytestmark = pytest.mark.usefixtures("english_messages")

postgresql_only = pytest.mark.parametrize("backend", ["postgresql"], indirect=True)
INSUFFICIENT_PRIVILEGE = "42501"


@dataclass
class Staff:
    """One association's database with its roles (a unique prefix: roles are shared by
    the whole server) and a login per role, whose password is in a ~/.pgpass-style file."""

    owner: Cli  # the database's owner (the test server's superuser)
    prefix: str
    passfile: Path
    logins: dict[str, str] = field(default_factory=dict)  # role -> login name

    def add_login(self, role: str) -> str:
        """CREATE ROLE … LOGIN for *role*'s member (not yet granted anything)."""
        name = f"{role[:3]}_{uuid.uuid4().hex[:8]}"
        password = uuid.uuid4().hex
        self.owner.sql(f"CREATE ROLE {name} LOGIN PASSWORD '{password}'")
        with self.passfile.open("a", encoding="utf-8") as handle:
            handle.write(f"*:*:*:{name}:{password}\n")
        self.logins[role] = name
        return name

    def as_(self, role: str) -> Cli:
        """The database as *role*'s login sees it (no password in the URL)."""
        url = make_url(self.owner.location).set(username=self.logins[role], password=None)
        return Cli(url.render_as_string(hide_password=False))

    def names(self) -> list[str]:
        """The four group roles and the logins."""
        return [*roles.role_names(self.prefix).all(), *self.logins.values()]


@pytest.fixture
def staff(demo: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Staff]:
    """The demo association with the roles set up by `assoc db roles` and one login in
    each role (the reader granted by the first run, the others by later ones)."""
    passfile = tmp_path / "pgpass"
    passfile.touch(mode=0o600)
    monkeypatch.setenv("PGPASSFILE", str(passfile))
    team = Staff(demo, f"t{uuid.uuid4().hex[:8]}", passfile)
    for role in roles.StaffRole:
        team.add_login(role.value)
    try:
        said = demo.ok(
            "db", "roles", "--prefix", team.prefix, "--grant", "reader", team.logins["reader"]
        ).stderr
        assert f"created roles {team.prefix}_reader" in said
        for role in ("cashier", "secretary", "admin"):
            demo.ok("db", "roles", "--grant", role, team.logins[role])  # the prefix is known
        yield team
    finally:
        # Roles belong to the whole server: leave none behind.
        listed = ", ".join(team.names())
        demo.sql(f"REASSIGN OWNED BY {team.prefix}_admin TO CURRENT_USER")
        demo.sql(f"DROP OWNED BY {listed}")
        demo.sql(f"DROP ROLE {listed}")


def _refused(cli: Cli, statement: str) -> None:
    """*statement*, run by that login, is refused by the server for lack of privilege."""
    with pytest.raises(ProgrammingError) as refused:
        cli.sql(statement)
    assert getattr(refused.value.orig, "sqlstate", None) == INSUFFICIENT_PRIVILEGE


def _last_entry(cli: Cli) -> tuple[str, str, str]:
    row = cli.sql("SELECT operator, command, entity FROM audit_log ORDER BY id DESC LIMIT 1")
    return tuple(row[0])  # type: ignore[return-value]


TAMPERING = (
    "UPDATE audit_log SET operator = 'nobody'",
    "DELETE FROM audit_log",
    "TRUNCATE audit_log",
    "ALTER TABLE audit_log DISABLE TRIGGER ALL",
)


@postgresql_only
def test_a_reader_reads_every_report_and_can_change_nothing(staff: Staff) -> None:
    reader = staff.as_("reader")
    assert "2022" in reader.ok("dues", "report", "--year", "2022", "--as-of", "2022-11-30").stdout
    reader.ok("dues", "unpaid", "--year", "2022", "--as-of", "2022-11-30", "-f", "csv")
    reader.ok("members", "list", "-f", "json")
    reader.ok("dues", "statement", "M0003")  # an ORM read (write=False)
    reader.ok("meetings", "list")
    reader.ok("log", "-f", "json")
    reader.ok("info")
    reader.ok("dues", "verify")
    reader.ok("db", "check")
    reader.ok("db", "backup", str(staff.passfile.parent / "reader.bundle"))
    # A payment is refused by the server: one clear line, exit 1, nothing changed.
    error = reader.fails("dues", "pay", "M0003", "--amount", "100", "--on", "2022-11-25")
    login = staff.logins["reader"]
    assert error == (
        f"Error: the database user {login} may not change dues_entry (permission denied for "
        "table dues_entry): recording dues takes the cashier role; ask the administrator "
        f"to run `assoc db roles --grant cashier {login}`"
    )
    assert "secretary" in reader.fails("members", "edit", "M0003", "--phone", "0533-9")
    for statement in TAMPERING:
        _refused(reader, statement)
    _refused(reader, "INSERT INTO audit_log (at, operator, command, entity, action) "
             "VALUES (now(), 'x', 'x', 'x', 'insert')")  # fmt: skip


@postgresql_only
def test_a_cashier_records_dues_but_not_the_roster_and_cannot_alter_the_log(
    staff: Staff, tmp_path: Path
) -> None:
    cashier, login = staff.as_("cashier"), staff.logins["cashier"]
    count = staff.owner.sql("SELECT count(*) FROM dues_entry")[0][0]
    cashier.ok("dues", "pay", "M0003", "--amount", "100", "--on", "2022-11-25")
    # The audit log names who logged in; an --operator name is only added to it.
    assert _last_entry(staff.owner) == (login, "dues pay", "dues_entry")
    cashier.ok("--operator", "李会计", "dues", "waive", "M0009", "--year", "2022",
               "--amount", "50", "--reason", "减免", "--approved-by", "理事会")  # fmt: skip
    assert _last_entry(staff.owner) == (f"{login} (as 李会计)", "dues waive", "dues_entry")
    receipt = cashier.ok("dues", "pay", "M0004", "--amount", "200").stdout.strip()
    cashier.ok("dues", "void", receipt, "--reason", "重复录入")
    assert staff.owner.sql("SELECT count(*) FROM dues_entry")[0][0] == count + 4
    notices = staff.owner.sql("SELECT count(*) FROM dues_notice")[0][0]
    cashier.ok("dues", "notice", "--year", "2022", "--unpaid", "-o", str(tmp_path / "催缴"))
    assert staff.owner.sql("SELECT count(*) FROM dues_notice")[0][0] > notices
    # The stored balances were refreshed by the cashier's own commands.
    assert staff.owner.sql("SELECT count(*) FROM ledger_dirty")[0][0] == 0
    staff.owner.ok("db", "check")
    # Not the roster, not the rates, not the audit log.
    assert "secretary" in cashier.fails("members", "edit", "M0003", "--phone", "0533-9")
    cashier.fails("dues", "rates", "set", "2023", "会员单位", "3000")
    for statement in TAMPERING:
        _refused(cashier, statement)
    _refused(cashier, "UPDATE dues_entry SET amount_fen = 1")
    _refused(cashier, "DELETE FROM dues_entry")


@postgresql_only
def test_a_secretary_keeps_the_roster_and_meetings_but_records_no_money(
    staff: Staff, tmp_path: Path
) -> None:
    secretary, login = staff.as_("secretary"), staff.logins["secretary"]
    secretary.ok("members", "edit", "M0003", "--phone", "0533-9")
    assert _last_entry(staff.owner) == (login, "members edit", "member")
    secretary.ok("members", "add", "淄博新成员有限公司", "--phone", "0533-2")
    roster = tmp_path / "新会员.csv"
    roster.write_text("名称,电话\n淄博导入测试有限公司,0533-3\n", encoding="utf-8")
    secretary.ok("members", "import", str(roster))
    secretary.ok("members", "leave", "M0003", "--on", "2022-12-31", "--reason", "企业注销")
    secretary.ok("offices", "assign", "M0004", "理事")
    secretary.ok("init", "--phone", "0533-7777777")
    secretary.ok("meetings", "new", "--kind", "理事会", "--date", "2022-12-20")
    secretary.ok("dues", "rates", "set", "2023", "会员单位", "3000")  # every balance is redone
    assert staff.owner.sql("SELECT count(*) FROM ledger_dirty")[0][0] == 0
    assert "cashier" in secretary.fails("dues", "pay", "M0005", "--amount", "100")
    for statement in TAMPERING:
        _refused(secretary, statement)


@postgresql_only
def test_only_the_admin_role_may_change_the_audit_log(staff: Staff) -> None:
    def may(role: str, privilege: str) -> bool:
        query = f"SELECT has_table_privilege('{role}', 'audit_log', '{privilege}')"
        return bool(staff.owner.sql(query)[0][0])

    groups = roles.role_names(staff.prefix)
    for privilege in ("UPDATE", "DELETE", "TRUNCATE"):
        assert may("public", privilege) is False
        for role in ("reader", "cashier", "secretary"):
            assert may(groups[roles.StaffRole(role)], privilege) is False
            assert may(staff.logins[role], privilege) is False
        assert may(staff.logins["admin"], privilege) is True
    # The admin may even restore a backup (which replaces every table).
    admin = staff.as_("admin")
    assert "2022" in admin.ok("dues", "report", "--year", "2022").stdout
    staff.owner.ok("db", "backup", str(staff.passfile.parent / "b.bundle"))
    admin.ok("db", "restore", str(staff.passfile.parent / "b.bundle"), "--force")


@postgresql_only
def test_a_login_connects_through_a_service_file_with_nothing_secret_in_the_url(
    staff: Staff, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The README's setting: host, database and user in ~/.pg_service.conf (PGSERVICEFILE),
    # the password in ~/.pgpass (PGPASSFILE; the test server trusts its loopback clients,
    # so here it is only read when the server asks for it).
    server = make_url(staff.owner.location)
    services = tmp_path / "pg_service.conf"
    services.write_text(
        f"[assoc]\nhost={server.host}\nport={server.port}\ndbname={server.database}\n"
        f"user={staff.logins['cashier']}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("PGSERVICEFILE", str(services))
    cashier = Cli("postgresql+psycopg://?service=assoc")
    cashier.ok("dues", "pay", "M0003", "--amount", "100")
    assert _last_entry(staff.owner)[0] == staff.logins["cashier"]
    assert "the secretary role" in cashier.fails("members", "edit", "M0003", "--phone", "0533-5")


def _privileges(cli: Cli, prefix: str) -> list[tuple[object, ...]]:
    """Owners and grants of every table, sequence and trigger function, the database's
    grants, and the roles' memberships."""
    return [
        *cli.sql(
            "SELECT relname, relkind, relowner::regrole::text, relacl::text FROM pg_class "
            "WHERE relnamespace = current_schema()::regnamespace AND relkind IN ('r', 'S') "
            "ORDER BY relname"
        ),
        *cli.sql(
            "SELECT proname, proowner::regrole::text, proacl::text FROM pg_proc "
            "WHERE pronamespace = current_schema()::regnamespace ORDER BY proname"
        ),
        *cli.sql("SELECT datacl::text FROM pg_database WHERE datname = current_database()"),
        *cli.sql(
            "SELECT roleid::regrole::text, member::regrole::text FROM pg_auth_members "
            f"WHERE roleid::regrole::text LIKE '{prefix}%' ORDER BY 1, 2"
        ),
    ]


@postgresql_only
def test_roles_run_twice_change_nothing_and_every_table_is_granted(staff: Staff) -> None:
    before = _privileges(staff.owner, staff.prefix)
    said = staff.owner.ok("db", "roles").stderr
    assert "were there already" in said
    assert _privileges(staff.owner, staff.prefix) == before
    # Every table of the schema is the admin's and readable by the reader.
    reader = roles.role_names(staff.prefix)[roles.StaffRole.reader]
    for table in [*core.metadata.tables, "alembic_version"]:
        owner, readable = staff.owner.sql(
            f"SELECT tableowner, has_table_privilege('{reader}', '{table}', 'SELECT') "
            f"FROM pg_tables WHERE tablename = '{table}'"
        )[0]
        assert (owner, readable) == (f"{staff.prefix}_admin", True), table
    # A user in none of the roles may not even connect.
    stranger = staff.add_login("stranger")
    result = staff.as_("stranger")("members", "list")
    assert result.exit_code == 1 and "permission denied for database" in result.stderr, stranger
    # Setting the roles up takes the database's owner (or a superuser): not the admin role.
    error = staff.as_("admin").fails("db", "roles")
    assert "run it as the database's owner with the CREATEROLE attribute" in error
    # Another prefix on the same database is refused rather than mixed in.
    assert f"--prefix {staff.prefix}" in staff.owner.fails("db", "roles", "--prefix", "other")


@postgresql_only
def test_the_admins_upgrade_gives_new_tables_to_the_roles(staff: Staff) -> None:
    from alembic import command

    from assoc_cli.db.migrate import HEAD_REVISION, _alembic_config

    # An older schema: the last migration undone (its tables and trigger functions gone).
    engine = create_engine(staff.owner.location)
    with engine.begin() as connection:
        command.downgrade(_alembic_config(connection), "0005")  # type: ignore[arg-type]
    engine.dispose()
    reader = staff.as_("reader")
    error = reader.fails("dues", "report", "--year", "2022")
    assert "ask the administrator to run `assoc db upgrade`" in error
    staff.as_("admin").ok("db", "upgrade")
    assert staff.owner.sql("SELECT version_num FROM alembic_version")[0][0] == HEAD_REVISION
    owners = staff.owner.sql(
        "SELECT DISTINCT tableowner FROM pg_tables WHERE schemaname = current_schema()"
    )
    assert owners == [(f"{staff.prefix}_admin",)]
    # The recreated tables (the stored balances) are granted again: the cashier's payment
    # notes and refreshes them, the reader's report reads them.
    staff.as_("cashier").ok("dues", "pay", "M0003", "--amount", "100")
    reader.ok("dues", "report", "--year", "2022")


@postgresql_only
def test_roles_sql_prints_the_script_and_runs_nothing(demo: Cli) -> None:
    prefix = f"t{uuid.uuid4().hex[:8]}"
    out = demo.ok("db", "roles", "--prefix", prefix, "--sql", "--grant", "cashier", "zhang").stdout
    assert f"CREATE ROLE {prefix}_reader NOLOGIN" in out
    assert f"ALTER TABLE audit_log OWNER TO {prefix}_admin;" in out
    assert f"GRANT {prefix}_cashier TO zhang;" in out
    assert "UPDATE" not in [line for line in out.splitlines() if "audit_log" in line][-1]
    assert demo.sql(f"SELECT count(*) FROM pg_roles WHERE rolname LIKE '{prefix}%'")[0][0] == 0
    # A login that does not exist is named, and nothing is done.
    error = demo.fails("db", "roles", "--prefix", prefix, "--grant", "cashier", "nobody_here")
    assert "there is no database user nobody_here" in error
    assert demo.sql(f"SELECT count(*) FROM pg_roles WHERE rolname LIKE '{prefix}%'")[0][0] == 0


@sqlite_only
def test_roles_on_sqlite_say_they_are_a_postgresql_feature(cli: Cli) -> None:
    assert "PostgreSQL feature" in cli.fails("db", "roles")
    assert "--prefix" in cli.fails("db", "roles", "--prefix", "Bad-Name", code=2)
    assert "--grant" in cli.fails("db", "roles", "--grant", "boss", "zhang", code=2)


def test_every_table_has_a_writer_role() -> None:
    # A new table must be placed in db/roles.py WRITERS, or no role could write it.
    assert set(roles.writers()) == set(core.metadata.tables)
