"""The IPv6/HTTPS check's row (``transport_checks``): TransportFacts to JSON and back, written and read."""

from __future__ import annotations

from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from govcrawl.model.facts import TransportFacts
from govcrawl.storage.models import TransportCheck


def save_transport(session: Session, run_id: int, site: str, facts: TransportFacts, checked_at: datetime) -> None:
    """Store the check of ``site`` (a second check of the run, after a resume, replaces the first)."""
    values = asdict(facts)
    values["cert_expires"] = facts.cert_expires.isoformat() if facts.cert_expires else None
    row = session.scalars(select(TransportCheck).where(TransportCheck.run_id == run_id,
                                                       TransportCheck.site == site)).first()
    if row is None:
        row = TransportCheck(run_id=run_id, site=site)
        session.add(row)
    row.facts, row.checked_at = values, checked_at


def load_transport(session: Session, run_id: int, site: str) -> TransportFacts | None:
    """The check of ``site`` in the run, None when none was made (switched off, a bare-IP address)."""
    values: dict[str, Any] | None = session.scalars(select(TransportCheck.facts).where(
        TransportCheck.run_id == run_id, TransportCheck.site == site)).first()
    if not values:
        return None
    expires = values.get("cert_expires")
    return TransportFacts(**{**values, "aaaa": tuple(values.get("aaaa") or ()),
                             "cert_names": tuple(values.get("cert_names") or ()),
                             "cert_expires": datetime.fromisoformat(expires) if expires else None})
