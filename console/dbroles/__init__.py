"""PostgreSQL roles and row-level security: the database holds the application's lines.

Opt-in. `python -m console db roles` (apply.py) creates an owner role for migrations, a
`signin` role and one NOLOGIN role per duty, grants each the least it needs (grants.py)
and puts row-level security keyed by `griddesk.units` on the tables that carry a unit
(policies.py). A workstation with GRIDDESK_PG_ROLES=1 then switches every connection to
the logged-in user's duty and units (seat.py). SQLite knows none of this.
"""

from console.dbroles.apply import DEFAULT_PREFIX, RolesApplied, RolesRefused, apply_roles
from console.dbroles.grants import DUTIES

__all__ = ["DEFAULT_PREFIX", "DUTIES", "RolesApplied", "RolesRefused", "apply_roles"]
