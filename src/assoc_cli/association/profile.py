"""The association profile (协会信息)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, select

from assoc_cli.db.models import Association
from assoc_cli.errors import InvalidValueError, NotFoundError


def get_association(session: Session) -> Association | None:
    """The profile, or None before ``assoc init``."""
    return session.exec(select(Association).order_by(Association.id)).first()  # type: ignore[arg-type]


def require_association(session: Session) -> Association:
    """The profile, or an error telling the user to run ``assoc init``."""
    association = get_association(session)
    if association is None:
        raise NotFoundError(
            "no association is set up in this database; run: assoc init --name …",
            zh="本数据库尚未建立协会信息;请运行:assoc init --name …",
        )
    return association


def setup_association(
    *,
    session: Session,
    name: str | None,
    short_name: str | None = None,
    address: str | None = None,
    phone: str | None = None,
    email: str | None = None,
    language: str | None = None,
    bank_name: str | None = None,
    bank_account: str | None = None,
    account_name: str | None = None,
) -> tuple[Association, bool]:
    """Create the profile, or update the fields given; returns (profile, created)."""
    association = get_association(session)
    created = association is None
    if association is None:
        if not name or not name.strip():
            raise InvalidValueError(
                "the association needs a name: assoc init --name 淄博市装备制造业协会",
                zh="协会需要名称:assoc init --name 淄博市装备制造业协会",
            )
        association = Association(name=name.strip(), created_at=datetime.now(UTC))
    elif name is not None:
        if not name.strip():
            raise InvalidValueError("the association name cannot be empty", zh="协会名称不能为空")
        association.name = name.strip()
    for attribute, value in (
        ("short_name", short_name),
        ("address", address),
        ("phone", phone),
        ("email", email),
        ("language", language),
        ("bank_name", bank_name),
        ("bank_account", bank_account),
        ("account_name", account_name),
    ):
        if value is not None:
            setattr(association, attribute, value.strip() or None)
    if association.language is None:
        association.language = "zh-Hans"
    session.add(association)
    session.flush()
    return association, created
