"""Team mode on PostgreSQL: the roles, grants, row-level security policies and functions that
``crm team init`` installs (idempotent: running it again, e.g. after an upgrade, refreshes them).

- ``crm_sales`` (every salesperson) and ``crm_manager`` (a member of ``crm_sales``) are group
  roles without login; ``crm team add-user`` makes login roles in them.
- A salesperson sees and changes the customers they own, those shared with them
  (``customer_share``) and those of the shared pool (owner NULL, 公海); a manager sees all.
  Every table under a customer follows its customer through ``crm_can_see`` (which reads
  ``customer`` under the same policy). The table owner (the admin who ran the migrations)
  is not subject to the policies.
- ``crm_owner_conflict`` and ``crm_assign`` are ``SECURITY DEFINER``: the duplicate check must
  see customers the caller may not, and reveals only the owner's name and since when;
  assigning checks the caller (its login role, ``session_user``) is a manager or the owner.
"""

from __future__ import annotations

SALES, MANAGER = "crm_sales", "crm_manager"
# Tables with a customer_id column: their rows are visible with their customer.
UNDER_CUSTOMER = (
    "contact",
    "activity",
    "opportunity",
    "customertag",
    "timeslot",
    "search_doc",
    "ownership_change",
)
# Added by the money, after-sale and office migrations (0007-0010): treated alike in 0015.
UNDER_CUSTOMER_LATER = (
    "sales_order",
    "payment",
    "credit_review",
    "complaint",
    "service_plan",
    "service_record",
    "satisfaction",
    "referral",
    "event_invitee",
)
# Rows with no customer of their own follow their parent row, which its own policy filters.
UNDER_PARENT = (
    ("order_line", "sales_order", "order_id"),
    ("payment_allocation", "payment", "payment_id"),
    ("complaint_step", "complaint", "complaint_id"),
    ("expense_line", "expense_claim", "claim_id"),
    ("opportunity_competitor", "opportunity", "opportunity_id"),
)
# A salesperson's own: expense claims and saved queries belong to the role that made them
# (``owner``, stamped by the database); a manager sees all (he approves the claims). Rows
# from before 0015 have no owner and stay visible to the whole team, as they were.
PERSONAL = ("expense_claim", "saved_query")
# Products, competitors, announcements and events are the team's common reference: no policy.
READ_ONLY = ("alembic_version", "change_counter")

# Roles belong to the cluster: two databases initialised at once may race to create them.
_ROLES = f"""
DO $$ BEGIN
  BEGIN
    CREATE ROLE {SALES} NOLOGIN;
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END;
  BEGIN
    CREATE ROLE {MANAGER} NOLOGIN IN ROLE {SALES};
  EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
  END;
END $$"""

_FUNCTIONS = (
    f"""CREATE OR REPLACE FUNCTION crm_is_manager() RETURNS boolean LANGUAGE sql STABLE AS
    $$ SELECT pg_has_role(current_user, '{MANAGER}', 'MEMBER') $$""",
    """CREATE OR REPLACE FUNCTION crm_can_see(cid integer) RETURNS boolean LANGUAGE sql STABLE
    AS $$ SELECT EXISTS (SELECT 1 FROM customer WHERE id = cid) $$""",
    # The owner of any customer, for the policy on customer_share: reading customer there
    # under its own policy (which reads customer_share) would recurse without end.
    """CREATE OR REPLACE FUNCTION crm_owner_of(cid integer) RETURNS text LANGUAGE sql STABLE
    SECURITY DEFINER SET search_path = public AS
    $$ SELECT owner::text FROM customer WHERE id = cid $$""",
    """CREATE OR REPLACE FUNCTION crm_owner_conflict(
        p_name text, p_phones text[], p_email text, p_credit text)
    RETURNS TABLE (owner text, since timestamptz)
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
      SELECT c.owner::text, coalesce(c.owned_since, c.created_at) FROM customer c
      WHERE c.deleted_at IS NULL AND c.owner IS NOT NULL AND c.owner <> session_user AND (
        (p_name <> '' AND c.name_key = p_name)
        OR (p_email <> '' AND lower(c.email) = p_email)
        OR (p_credit <> '' AND c.credit_code = p_credit)
        OR (cardinality(p_phones) > 0 AND c.phone_keys LIKE ANY (p_phones)))
      ORDER BY 2 LIMIT 1 $$""",
    f"""CREATE OR REPLACE FUNCTION crm_assign(p_customer integer, p_to text, p_at timestamptz)
    RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
    DECLARE v_from text;
    BEGIN
      SELECT owner INTO v_from FROM customer
        WHERE id = p_customer AND deleted_at IS NULL FOR UPDATE;
      IF NOT FOUND OR NOT (pg_has_role(session_user, '{MANAGER}', 'MEMBER')
          OR v_from = session_user OR v_from IS NULL) THEN
        RAISE EXCEPTION 'crm:not-found' USING ERRCODE = 'P0002';
      END IF;
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = p_to)
          OR NOT pg_has_role(p_to, '{SALES}', 'MEMBER') THEN
        RAISE EXCEPTION 'crm:no-such-user' USING ERRCODE = 'P0001';
      END IF;
      UPDATE customer SET owner = p_to, owned_since = p_at, updated_at = p_at
        WHERE id = p_customer;
      INSERT INTO ownership_change (customer_id, from_owner, to_owner, at, by)
        VALUES (p_customer, v_from, p_to, p_at, session_user);
      RETURN v_from;
    END $$""",
)

_VISIBLE_CUSTOMER = (
    "owner = current_user OR owner IS NULL OR crm_is_manager() OR EXISTS "
    "(SELECT 1 FROM customer_share s WHERE s.customer_id = customer.id "
    "AND s.username = current_user)"
)


def _policy(table: str, condition: str) -> list[str]:
    return [
        f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
        f"DROP POLICY IF EXISTS crm_team ON {table}",
        f"CREATE POLICY crm_team ON {table} TO {SALES} USING ({condition}) "
        f"WITH CHECK ({condition})",
    ]


# 公海: customers nobody touched (nor took) since ``p_before`` go back to the shared pool. Any
# salesperson may run it, for every owner: protection lapses whoever notices first.
_RELEASE_STALE = """CREATE OR REPLACE FUNCTION crm_release_stale(p_before timestamptz,
    p_at timestamptz) RETURNS integer LANGUAGE plpgsql SECURITY DEFINER
    SET search_path = public AS $$
    DECLARE v_count integer;
    BEGIN
      WITH stale AS (
        UPDATE customer c SET owner = NULL, owned_since = p_at, updated_at = p_at
        FROM customer old  -- the row as it was: its owner before the release
        WHERE old.id = c.id AND c.owner IS NOT NULL AND c.deleted_at IS NULL
          AND coalesce(c.last_contact_at, c.created_at) < p_before
          AND coalesce(c.owned_since, c.created_at) < p_before
        RETURNING c.id, old.owner AS was)
      INSERT INTO ownership_change (customer_id, from_owner, to_owner, at, by)
        SELECT id, was, NULL, p_at, session_user FROM stale;
      GET DIAGNOSTICS v_count = ROW_COUNT;
      RETURN v_count;
    END $$"""


def later_policies() -> list[str]:
    """The policies of the tables added after team mode's first release, and the pool's
    function (migration 0015 runs them on a database already initialised; ``crm team init``
    on any)."""
    out: list[str] = [_RELEASE_STALE]
    for table in UNDER_CUSTOMER_LATER:
        out += _policy(table, "crm_can_see(customer_id)")
    for table, parent, column in UNDER_PARENT:
        out += _policy(table, f"EXISTS (SELECT 1 FROM {parent} p WHERE p.id = {column})")
    for table in PERSONAL:
        out += _policy(table, "owner IS NULL OR owner = current_user OR crm_is_manager()")
    return out


def init_statements() -> list[str]:
    """Everything ``crm team init`` runs, in order, in one transaction."""
    out = [_ROLES, *_FUNCTIONS]
    out += [
        f"GRANT USAGE ON SCHEMA public TO {SALES}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {SALES}",
        f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {SALES}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE "
        f"ON TABLES TO {SALES}",
        f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {SALES}",
    ]
    out += [f"REVOKE INSERT, UPDATE, DELETE ON {t} FROM {SALES}" for t in READ_ONLY]
    out += _policy("customer", _VISIBLE_CUSTOMER)
    for table in UNDER_CUSTOMER:
        out += _policy(table, "crm_can_see(customer_id)")
    # Shares: the colleague sees their own; only the owner (or a manager) gives or takes them.
    out += [
        "ALTER TABLE customer_share ENABLE ROW LEVEL SECURITY",
        "DROP POLICY IF EXISTS crm_team ON customer_share",
        "CREATE POLICY crm_team ON customer_share TO crm_sales USING (username = current_user "
        "OR crm_is_manager() OR crm_owner_of(customer_id) = current_user) "
        "WITH CHECK (crm_is_manager() OR crm_owner_of(customer_id) = current_user)",
    ]
    out += _policy("note", "customer_id IS NULL OR crm_can_see(customer_id)")
    # The log of field changes names its record: customers' follow their customer.
    out += _policy("change", "entity <> 'customer' OR crm_can_see(entity_id)")
    return out + later_policies()


def add_user_statement(name: str, *, manager: bool, password: str | None) -> str:
    """``name`` is checked by the caller (lower-case letters, digits, _): no quoting needed."""
    groups = f"{SALES}, {MANAGER}" if manager else SALES
    secret = ""
    if password is not None:
        secret = " PASSWORD '" + password.replace("'", "''") + "'"
    return f"CREATE ROLE {name} LOGIN{secret} IN ROLE {groups}"


INITIALISED_SQL = (
    f"SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{SALES}') AND "
    "to_regprocedure('crm_owner_conflict(text,text[],text,text)') IS NOT NULL"
)
