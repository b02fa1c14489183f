"""What the team services return."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class WhoAmI:
    user: str
    manager: bool
    backend: str  # "sqlite" or "postgresql"
    team: bool  # whether `crm team init` has made this a team database
    admin: bool = False  # owns the tables (or is a superuser): row-level security does not apply


@dataclass(frozen=True)
class CustomerKeys:
    """The normalised keys of one customer (``crmtui.db.dedupe_keys``)."""

    name_key: str
    phone_keys: tuple[str, ...]
    email: str
    credit_code: str

    @property
    def phone_text(self) -> str:
        """As stored in ``customer.phone_keys``: space-separated, a space at each end."""
        return f" {' '.join(self.phone_keys)} " if self.phone_keys else ""


@dataclass(frozen=True)
class OwnerConflict:
    owner: str
    since: datetime | None


@dataclass(frozen=True)
class Assignment:
    customer_id: int
    customer: str
    from_owner: str | None
    to_owner: str


@dataclass(frozen=True)
class TeamUser:
    name: str
    manager: bool
