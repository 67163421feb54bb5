"""Supply units and the staff who log in."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, ForeignKey, Integer, String, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from console.models.base import Base, UTCDateTime, Versioned, digits_check, enum_check, utcnow
from console.models.enums import Role, ServiceDuty, UnitKind, values


class Unit(Base):
    """A supply unit (供电所/营业厅) in the tree under a county company."""

    __tablename__ = "unit"
    __table_args__ = (
        *digits_check("code", 5, "code_digits"),
        enum_check("kind", values(UnitKind), "kind"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    code: Mapped[str] = mapped_column(String(5), unique=True)
    name: Mapped[str] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(12))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("unit.id"), index=True)
    address: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(32), default="")

    parent: Mapped[Unit | None] = relationship(remote_side=[id])


class User(Versioned, Base):
    """A staff login. Passwords are argon2id hashes; never stored in clear."""

    __tablename__ = "app_user"
    __table_args__ = (enum_check("role", values(Role), "role"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(40), unique=True)
    full_name: Mapped[str] = mapped_column(String(60))
    role: Mapped[str] = mapped_column(String(12))
    unit_id: Mapped[int] = mapped_column(ForeignKey("unit.id"), index=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False)
    # Raised when the account is disabled, its password reset or changed: every session
    # that logged in before sees the difference at its next action and ends.
    session_stamp: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    unit: Mapped[Unit] = relationship()


class Setting(Base):
    """Site-wide key/value settings (company name, demo flag, schema facts)."""

    __tablename__ = "setting"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(String(2000))


class PasswordHistory(Base):
    """The argon2 hashes of a user's last passwords (never the passwords), so a new one
    cannot be an old one again; trimmed to the policy's count on every change."""

    __tablename__ = "password_history"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("app_user.id"), index=True)
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ServiceAccount(Base):
    """A program that acts without a person at the keyboard (the collector, later the channel
    gateway), signing in with a token file instead of a password (issue 17 item 6).

    Only the SHA-256 of the token's secret is kept: the secret is 256 random bits, so a
    slow password hash would add nothing but start-up time. No token (token_hash NULL) is
    a revoked or never-issued account; issuing a new token ends the old one."""

    __tablename__ = "service_account"
    __table_args__ = (enum_check("duty", values(ServiceDuty), "duty"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    duty: Mapped[str] = mapped_column(String(12))
    token_hash: Mapped[str | None] = mapped_column(String(64))
    token_id: Mapped[str] = mapped_column(String(16), default="")  # says which token, not it
    token_issued_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    token_revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
