"""Site signing keys (Ed25519): seal QR codes, signed notices, field packages."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from console.models.base import Base, UTCDateTime, utcnow


class SiteKey(Base):
    """One Ed25519 key pair of the site; the active one is the newest not retired or revoked.

    Retired keys stay: what they signed (labels on meters for years) must still verify.
    """

    __tablename__ = "site_key"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key_id: Mapped[str] = mapped_column(String(16), unique=True)
    public_key: Mapped[bytes] = mapped_column(LargeBinary(32))
    # Wrapped with the site's key-encryption key (console/keywrap.py); a raw 32-byte key is
    # a row from before wrapping, wrapped on first use by a workstation holding the key file.
    private_key: Mapped[bytes] = mapped_column(LargeBinary(80))
    created_by: Mapped[int | None] = mapped_column(ForeignKey("app_user.id"))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    retired_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
    # Compromised: what it signed reports "revoked", never "genuine". A revoked key is retired.
    revoked_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)
