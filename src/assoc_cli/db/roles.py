"""Least privilege on a shared PostgreSQL server (``assoc db roles``).

Four group roles (NOLOGIN), named ``PREFIX_reader``, ``PREFIX_cashier``,
``PREFIX_secretary`` and ``PREFIX_admin`` so that several associations can share a server;
staff log in as themselves and are made members of one of them:

- **reader** reads every table (reports, lists, statements, the audit log);
- **cashier** is a reader who also records dues: payments, waivers, voids, notices;
- **secretary** is a reader who also keeps the roster, terms, offices, tiers, meetings,
  action items, the association profile, and the dues rates and policy (what the
  assembly decided; the one who records the money does not also set what is owed);
- **admin** owns every table: schema upgrades, restore, copy, and the only role that
  may change or empty the audit log.

Both writing roles may append to the audit log (INSERT only) and keep the stored dues
balances (``dues_balance`` and its notes ``ledger_dirty``, which the ledger's triggers
write whoever changes a member, an office or a rate). The grants are derived from the
tables of ``db/core.py``: every table is read by the reader, and every table must be
named in ``WRITERS`` (a test checks), so a new table is never forgotten.

The script is idempotent (it revokes what it grants before granting it again, in one
transaction) and is re-applied to the tables by the admin's ``assoc db upgrade``
(``migrate.upgrade``), which runs the migrations as the admin role so that new tables
belong to it too. Nothing here opens a database: the caller hands in a connection.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from sqlalchemy import Connection, Table, text

from assoc_cli.db import core
from assoc_cli.errors import DatabaseError, InvalidValueError


class StaffRole(StrEnum):
    """The four group roles, by what their members do."""

    reader = "reader"
    cashier = "cashier"
    secretary = "secretary"
    admin = "admin"


# Which writing role changes each table (INSERT; the secretary also UPDATE and DELETE).
# "upkeep": derived tables every writing role keeps (INSERT, DELETE); "audit": append-only.
CASHIER, SECRETARY, UPKEEP, AUDIT = "cashier", "secretary", "upkeep", "audit"
WRITERS: dict[str, str] = {
    "dues_entry": CASHIER,
    "dues_notice": CASHIER,
    # Closing a year is append-only too (and the close-after policy closes it in any command).
    "dues_year_close": CASHIER,
    "dues_year_due": CASHIER,
    "association": SECRETARY,
    "tier": SECRETARY,
    "office": SECRETARY,
    "term": SECRETARY,
    "member": SECRETARY,
    "membership_period": SECRETARY,
    "office_holding": SECRETARY,
    "setting": SECRETARY,
    "dues_rate": SECRETARY,
    "meeting_kind": SECRETARY,
    "meeting": SECRETARY,
    "agenda_item": SECRETARY,
    "attendance": SECRETARY,
    "resolution": SECRETARY,
    "action_item": SECRETARY,
    # Member services (issue 18): the secretariat's ledgers of requests and services.
    "service_choice": SECRETARY,
    "service_setting": SECRETARY,
    "service_request": SECRETARY,
    # Events and training classes (issue 17): the programme is the secretariat's; the
    # class fees are money, entered by whoever takes money (as dues are).
    "event_certificate": SECRETARY,
    "event_class": SECRETARY,
    "event_guest": SECRETARY,
    "event_item": SECRETARY,
    "event_occurrence": SECRETARY,
    "event_organiser": SECRETARY,
    "event_person": SECRETARY,
    "event_registration": SECRETARY,
    "event_series": SECRETARY,
    "event_session": SECRETARY,
    "event_signin": SECRETARY,
    "event_speaker": SECRETARY,
    "event_fee": CASHIER,
    # Industry statistics and the party register (issue 19): the secretariat's records.
    "party_count": SECRETARY,
    "party_group": SECRETARY,
    "party_group_member": SECRETARY,
    "party_meeting": SECRETARY,
    "party_org": SECRETARY,
    "party_org_unit": SECRETARY,
    "party_pairing": SECRETARY,
    "stat_contact": SECRETARY,
    "stat_indicator": SECRETARY,
    "stat_plan": SECRETARY,
    "stat_reporter": SECRETARY,
    "stat_scale": SECRETARY,
    "stat_value": SECRETARY,
    "service": SECRETARY,
    "service_member": SECRETARY,
    "dues_balance": UPKEEP,
    "ledger_dirty": UPKEEP,
    "audit_log": AUDIT,
}
# Alembic's own table: read by everyone (each command checks the schema revision first).
VERSION_TABLE = "alembic_version"
DEFAULT_PREFIX = "assoc"
_PREFIX = re.compile(r"[a-z][a-z0-9_]{0,39}")
_SIMPLE = re.compile(r"[a-z_][a-z0-9_]*")

# What each role may do, for people (``assoc db roles`` prints it).
DUTIES = {
    StaffRole.reader: "reads every table: reports, lists, statements, the audit log",
    StaffRole.cashier: "a reader who records dues: pay, waive, void, notices",
    StaffRole.secretary: (
        "a reader who keeps the roster, terms, offices, meetings, action items, "
        "requests and services, the profile, dues rates and policy"
    ),
    StaffRole.admin: "owns every table: upgrade, restore, copy; alone may change the audit log",
}


@dataclass(frozen=True)
class RoleNames:
    """The four role names of one association on the server."""

    prefix: str

    def __getitem__(self, role: StaffRole) -> str:
        return f"{self.prefix}_{role.value}"

    def all(self) -> list[str]:
        """Every role name, reader first."""
        return [self[role] for role in StaffRole]


def role_names(prefix: str) -> RoleNames:
    """The roles for *prefix* (lower-case letters, digits and _, starting with a letter,
    so each name is a plain SQL identifier)."""
    if not _PREFIX.fullmatch(prefix):
        raise InvalidValueError(
            f'"{prefix}" cannot start a role name; use lower-case letters, digits and _, '
            "starting with a letter (e.g. zbzx)",
            zh=f"“{prefix}”不能作为角色名的开头;请用小写字母、数字和 _,并以字母开头(例如 zbzx)",
        )
    return RoleNames(prefix)


def require_postgresql(url: str) -> None:
    """Roles exist only on a database server; a SQLite file is protected by its file mode."""
    if not url.startswith("postgresql"):
        raise DatabaseError(
            "database roles are a PostgreSQL feature; a SQLite database is protected by its "
            "file's permissions (readable by its owner only)",
            zh="数据库角色是 PostgreSQL 的功能;SQLite 数据库靠文件权限保护(仅所有者可读)",
        )


def quote(name: str) -> str:
    """*name* as an SQL identifier (quoted unless it is plain lower-case)."""
    if _SIMPLE.fullmatch(name):
        return name
    return '"' + name.replace('"', '""') + '"'


def tables() -> list[Table]:
    """Every assoc table (``db/core.py``), in a stable order."""
    return sorted(core.metadata.tables.values(), key=lambda table: table.name)


def writers() -> dict[str, str]:
    """``WRITERS``, checked against the tables: a table nobody is named for is an error
    (a test fails first), never a table silently left out of the grants."""
    names = {table.name for table in tables()}
    missing, unknown = names - WRITERS.keys(), WRITERS.keys() - names
    if missing or unknown:
        raise DatabaseError(
            f"db/roles.py does not match the schema: name a writer for {sorted(missing)}, "
            f"drop {sorted(unknown)}"
        )
    return WRITERS


def _sequence(table: Table) -> str | None:
    """The sequence behind *table*'s integer key (PostgreSQL's SERIAL: TABLE_COLUMN_seq)."""
    column = table.autoincrement_column
    return None if column is None else f"{table.name}_{column.name}_seq"


def _tables_of(*kinds: str) -> list[Table]:
    chosen = writers()
    return [table for table in tables() if chosen[table.name] in kinds]


def _sequences(tables_: Iterable[Table]) -> list[str]:
    return [seq for seq in (_sequence(table) for table in tables_) if seq is not None]


def _list(names: Sequence[str]) -> str:
    return ", ".join(quote(name) for name in names)


def table_grants(names: RoleNames) -> list[str]:
    """The table and sequence privileges of the four roles, from a clean slate: whatever
    the staff roles or PUBLIC held is revoked first, so running it again changes nothing
    and a table that moved to another role loses its old grants. The admin role owns the
    tables and needs no grant."""
    reader, cashier, secretary = (
        names[StaffRole.reader],
        names[StaffRole.cashier],
        names[StaffRole.secretary],
    )
    every = [table.name for table in tables()]
    sequences = _sequences(tables())
    staff = f"PUBLIC, {reader}, {cashier}, {secretary}"
    statements = [
        f"REVOKE ALL ON TABLE {_list([*every, VERSION_TABLE])} FROM {staff}",
        f"REVOKE ALL ON SEQUENCE {_list(sequences)} FROM {staff}",
        f"GRANT SELECT ON TABLE {_list([*every, VERSION_TABLE])} TO {reader}",
    ]
    cashier_tables = [t.name for t in _tables_of(CASHIER)]
    secretary_tables = [t.name for t in _tables_of(SECRETARY)]
    upkeep = [t.name for t in _tables_of(UPKEEP)]
    audit = [t.name for t in _tables_of(AUDIT)]
    statements += [
        f"GRANT INSERT ON TABLE {_list(cashier_tables)} TO {cashier}",
        f"GRANT INSERT, UPDATE, DELETE ON TABLE {_list(secretary_tables)} TO {secretary}",
        # The stored balances: the ledger's triggers note, the refresh recomputes.
        f"GRANT INSERT, DELETE ON TABLE {_list(upkeep)} TO {cashier}, {secretary}",
        # Append-only: no UPDATE, DELETE or TRUNCATE for anyone but the owner.
        f"GRANT INSERT ON TABLE {_list(audit)} TO {cashier}, {secretary}",
        "GRANT USAGE ON SEQUENCE "
        f"{_list(_sequences(_tables_of(CASHIER, UPKEEP, AUDIT)))} TO {cashier}",
        "GRANT USAGE ON SEQUENCE "
        f"{_list(_sequences(_tables_of(SECRETARY, UPKEEP, AUDIT)))} TO {secretary}",
    ]
    return statements


@dataclass
class Server:
    """What the script needs to know of the server and database it runs on."""

    database: str
    schema: str
    existing_roles: set[str]
    trigger_functions: list[str]
    memberships: set[tuple[str, str]]  # (group role, member)


def inspect_server(connection: Connection, names: RoleNames) -> Server:
    """Read the database's name, schema, the roles already there, and the functions its
    triggers call (owned by the admin role like the tables)."""
    database, schema = connection.execute(text("SELECT current_database(), current_schema()")).one()
    existing = set(
        connection.execute(
            text("SELECT rolname FROM pg_roles WHERE rolname LIKE :pattern"),
            {"pattern": names.prefix.replace("_", r"\_") + r"\_%"},
        ).scalars()
    )
    functions = list(
        connection.execute(
            text(
                "SELECT DISTINCT p.oid::regprocedure::text FROM pg_trigger t "
                "JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_class c ON c.oid = t.tgrelid "
                "WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace "
                "ORDER BY 1"
            )
        ).scalars()
    )
    memberships = {
        (str(group), str(member))
        for group, member in connection.execute(
            text(
                "SELECT g.rolname, m.rolname FROM pg_auth_members a "
                "JOIN pg_roles g ON g.oid = a.roleid JOIN pg_roles m ON m.oid = a.member"
            )
        )
    }
    return Server(str(database), str(schema), existing, functions, memberships)


def installed_prefix(connection: Connection) -> str | None:
    """The prefix of the roles this database was set up with, or None: the owner of its
    ``alembic_version`` table is ``PREFIX_admin`` (a NOLOGIN role) and the other three
    roles exist. Only the owner can change that, so no staff member can redirect it."""
    if connection.dialect.name != "postgresql":
        return None
    owner = connection.execute(
        text(
            "SELECT r.rolname FROM pg_tables t JOIN pg_roles r ON r.rolname = t.tableowner "
            "WHERE t.schemaname = current_schema() AND t.tablename = :table "
            "AND NOT r.rolcanlogin"
        ),
        {"table": VERSION_TABLE},
    ).scalar()
    suffix = f"_{StaffRole.admin.value}"
    if owner is None or not owner.endswith(suffix):
        return None
    prefix = owner[: -len(suffix)]
    if not _PREFIX.fullmatch(prefix):
        return None
    wanted = role_names(prefix).all()
    found = connection.execute(
        text("SELECT count(*) FROM pg_roles WHERE rolname = ANY(:names)"), {"names": wanted}
    ).scalar()
    return prefix if found == len(wanted) else None


def setup_script(
    names: RoleNames, server: Server, grant: tuple[StaffRole, str] | None = None
) -> list[str]:
    """Every statement of ``assoc db roles``, in order; each is harmless to run again."""
    reader, cashier, secretary, admin = (names[role] for role in StaffRole)
    statements = [
        "DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = "
        f"'{name}') THEN CREATE ROLE {name} NOLOGIN; END IF; END $$"
        for name in names.all()
    ]
    database, schema = quote(server.database), quote(server.schema)
    statements += [
        # Cashier and secretary are readers too.
        f"GRANT {reader} TO {cashier}, {secretary}",
        # Only these roles (and their members) may connect to this database at all.
        f"REVOKE CONNECT, TEMPORARY ON DATABASE {database} FROM PUBLIC",
        f"GRANT CONNECT ON DATABASE {database} TO {reader}, {admin}",
        f"GRANT USAGE ON SCHEMA {schema} TO {reader}",
        f"GRANT USAGE, CREATE ON SCHEMA {schema} TO {admin}",
        # Whoever runs this hands the tables to the admin role, and must be in it to do so.
        f"GRANT {admin} TO CURRENT_USER",
        *(
            f"ALTER TABLE {quote(name)} OWNER TO {admin}"
            for name in [*(t.name for t in tables()), VERSION_TABLE]
        ),
        *(f"ALTER FUNCTION {function} OWNER TO {admin}" for function in server.trigger_functions),
        *table_grants(names),
    ]
    if grant is not None:
        role, user = grant
        statements.append(f"GRANT {names[role]} TO {quote(user)}")
    return statements


def setup_roles(
    connection: Connection, names: RoleNames, grant: tuple[StaffRole, str] | None = None
) -> list[str]:
    """Create or bring up to date the roles and their grants, in the caller's
    transaction; what was done, one line each, for people."""
    installed = installed_prefix(connection)
    if installed is not None and installed != names.prefix:
        raise InvalidValueError(
            f"this database's roles are named {installed}_…; use --prefix {installed}",
            zh=f"本数据库的角色名为 {installed}_…;请用 --prefix {installed}",
        )
    server = inspect_server(connection, names)
    if grant is not None:
        exists = connection.execute(
            text("SELECT 1 FROM pg_roles WHERE rolname = :name"), {"name": grant[1]}
        ).first()
        if exists is None:
            raise InvalidValueError(
                f"there is no database user {grant[1]}; create it first "
                f"(CREATE ROLE {quote(grant[1])} LOGIN) and give it a password in psql "
                f"(\\password {quote(grant[1])})",
                zh=f"没有数据库用户 {grant[1]};请先在 psql 中建立(CREATE ROLE "
                f"{quote(grant[1])} LOGIN)并设置密码(\\password {quote(grant[1])})",
            )
    for statement in setup_script(names, server, grant):
        connection.execute(text(statement))
    done = []
    new = [name for name in names.all() if name not in server.existing_roles]
    if new:
        done.append(f"created roles {', '.join(new)}")
    else:
        done.append(f"roles {', '.join(names.all())} were there already: grants re-applied")
    done.append(
        f"{names[StaffRole.admin]} owns the {len(tables()) + 1} tables; only members of "
        f"these roles may connect to {server.database}:"
    )
    done += [f"  {names[role]:<{len(names.prefix) + 11}} {DUTIES[role]}" for role in StaffRole]
    if grant is not None:
        group, user = names[grant[0]], grant[1]
        already = (group, user) in server.memberships
        done.append(f"{user} {'was already' if already else 'is now'} a member of {group}")
    return done


def reapply_table_grants(connection: Connection, prefix: str) -> None:
    """The roles' table privileges again, after the migrations (run as the admin role)
    have added or changed tables."""
    for statement in table_grants(role_names(prefix)):
        connection.execute(text(statement))


def act_as_admin(connection: Connection) -> str | None:
    """Before migrating a database set up with roles: become its admin role for the rest
    of the transaction (SET LOCAL ROLE), so new tables belong to it like the others.
    Returns the prefix, or None when the database has no roles (or this user is not in
    the admin role: then the migration is refused by the server, and says so)."""
    prefix = installed_prefix(connection)
    if prefix is None:
        return None
    admin = role_names(prefix)[StaffRole.admin]
    allowed = connection.execute(
        text("SELECT pg_has_role(current_user, :admin, 'MEMBER')"), {"admin": admin}
    ).scalar()
    if not allowed:
        return None
    connection.execute(text(f"SET LOCAL ROLE {admin}"))
    return prefix


def login_name(url: str) -> str | None:
    """The database user a URL logs in as (libpq's PGUSER when the URL names none)."""
    from sqlalchemy.engine import make_url

    try:
        user = make_url(url).username
    except Exception:
        return None
    return user or os.environ.get("PGUSER") or None


_DENIED = re.compile(r"permission denied for (?:table|sequence|relation) (\w+)")
# What a writing role is for, in the refusal's words.
_TAKES = {CASHIER: "recording dues", SECRETARY: "changing the roster, meetings or rates"}
_TAKES_ZH = {CASHIER: "登记会费", SECRETARY: "修改会员名册、会议或会费标准"}


def refusal(reason: str, user: str | None) -> DatabaseError:
    """The one line for a change the server refused this user (SQLSTATE 42501): what
    was refused, and which role to ask the administrator for."""
    who = f"the database user {user}" if user else "your database user"
    who_zh = f"数据库用户 {user}" if user else "你的数据库用户"
    first = reason.strip().splitlines()[0] if reason.strip() else "permission denied"
    found = _DENIED.search(first)
    table = found.group(1) if found else None
    if table is not None and table.endswith("_id_seq"):
        table = table[: -len("_id_seq")]
    writer = WRITERS.get(table or "")
    if writer in _TAKES:
        return DatabaseError(
            f"{who} may not change {table} ({first}): {_TAKES[writer]} takes the {writer} "
            f"role; ask the administrator to run `assoc db roles --grant {writer} "
            f"{user or 'USER'}`",
            zh=f"{who_zh}无权修改 {table}(服务器报告:{first}):{_TAKES_ZH[writer]}需要 {writer} "
            f"角色;请管理员运行 assoc db roles --grant {writer} {user or '用户名'}",
        )
    return DatabaseError(
        f"{who} may not do this ({first}); ask the administrator for a role that allows it",
        zh=f"{who_zh}无权执行此操作(服务器报告:{first});请管理员授予允许此操作的角色",
    )
