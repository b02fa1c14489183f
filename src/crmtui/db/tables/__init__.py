"""The tables, one module per business area; importing this package registers all of them.

Code that needs a table imports it from its area module (``crmtui.db.tables.customers``);
this package only makes sure ``SQLModel.metadata`` holds every table (Alembic, exports).
"""

from crmtui.db.tables import (  # noqa: F401  (registers the tables)
    activities,
    aftersale,
    announcements,
    changes,
    competitors,
    contacts,
    customers,
    events,
    expenses,
    money,
    notes,
    planning,
    queries,
    sales,
    search,
    summaries,
    team,
)
