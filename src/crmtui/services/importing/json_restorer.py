"""Writing the rows of a JSON export (``crm import FILE.json``): :class:`Restorer`.

``json_restore`` reads and checks the file, then hands the typed rows here. Into an empty
database every row keeps its id (:meth:`Restorer.exact`); into one with data the rows get new
ids, their links follow, and duplicates are handled as ``--on-duplicate`` says
(:meth:`Restorer.merge`).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from crmtui.services.common.names import sort_key
from crmtui.services.exporting.json_dump import SECTIONS, tables
from crmtui.services.importing.json_links import LINKS, REQUIRED, follow_soft_links
from crmtui.services.importing.json_money import MONEY_LINKS, REQUIRED_LINKS, SAME, same_values
from crmtui.services.importing.matching import Entity, Spec, load_index
from crmtui.services.importing.rows import BulkWriter, contact_doc, customer_doc, pinyin_many
from crmtui.services.team.read import owner_conflict, session_user
from crmtui.services.team.rules import keys_of

if TYPE_CHECKING:
    from crmtui.services.importing.run import ImportResult, Progress

# Links that may point at a customer left out as a duplicate and are then kept unlinked: money
# spent stays money spent.
OPTIONAL_CUSTOMER = ("expense_line",)
# Records with a stable UUID (0011): one already here is the same record, never added twice.
SYNCED = ("customer", "contact", "opportunity", "activity", "note")
# The money tables' links (issue 12) beside the others.
LINKS = {**LINKS, **MONEY_LINKS}


class Restorer:
    """Writes the typed rows of an export: as they were into an empty database, else merged."""

    known: dict[str, dict[str, int]] = {}  # table → uuid → id of the records already here
    added: set[int] = set()  # ids of the customers this import added

    def __init__(
        self,
        conn: Any,
        now: datetime,
        rows: dict[str, list[dict[str, Any]]],
        result: ImportResult,
        progress: Progress | None,
    ):
        self.conn, self.rows, self.result, self.progress = conn, rows, result, progress
        self.writer = BulkWriter(conn, now)
        self.writer.tables.update(tables())
        self.total = sum(len(v) for v in rows.values())
        self.done = 0

    def step(self, n: int) -> None:
        self.done += n
        if self.progress is not None:
            self.progress("writing", self.done, self.total)

    def exact(self) -> None:
        """An empty database: every row as it was, ids included."""
        for _, name in SECTIONS:
            self.writer.insert(name, self.rows[name], stamped=False, progress=self.step)
        tag_names = {t["id"]: t["name"] for t in self.rows["tag"]}
        self._docs(
            {r["id"]: r for r in self.rows["customer"]},
            self.rows["customer"],
            self.rows["contact"],
            _tags_by_customer(self.rows["customertag"], tag_names),
        )
        if self.conn.dialect.name == "postgresql":
            from sqlalchemy import text

            for _, name in SECTIONS:
                if "id" in self.writer.tables[name].c:
                    self.conn.execute(
                        text(
                            f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                            f"coalesce((SELECT max(id) FROM {name}), 1))"
                        )
                    )
        self._count({name: len(self.rows[name]) for _, name in SECTIONS})

    def _count(self, added: dict[str, int]) -> None:
        self.result.restored = {k: v for k, v in added.items() if v}
        self.result.added_customers = added.get("customer", 0)
        self.result.added_contacts = added.get("contact", 0)

    def _docs(
        self,
        customers_by_id: dict[int, dict[str, Any]],
        customers: list[dict[str, Any]],
        contacts: list[dict[str, Any]],
        customer_tags: dict[int, list[str]],
    ) -> None:
        docs = []
        for c in customers:
            c["pinyin"] = pinyin_many(c["name"], c["company_name"])
            c["sort_key"] = sort_key(c["name"])
            docs.append(
                {
                    "customer_id": c["id"],
                    "contact_id": None,
                    "text": customer_doc(c, customer_tags.get(c["id"], [])),
                }
            )
        for p in contacts:
            p["pinyin"] = pinyin_many(p["name"])
            parent = customers_by_id.get(p["customer_id"])
            docs.append(
                {
                    "customer_id": p["customer_id"],
                    "contact_id": p["id"],
                    "text": contact_doc(p, parent["name"] if parent else None),
                }
            )
        self._set_pinyin("customer", customers)
        self._set_pinyin("contact", contacts)
        self.writer.insert("search_doc", docs, stamped=False)

    def _set_pinyin(self, table: str, rows: list[dict[str, Any]]) -> None:
        from sqlalchemy import bindparam, update

        t = self.writer.tables[table]
        changed = [{"b_id": r["id"], "b_pinyin": r["pinyin"]} for r in rows if r["pinyin"]]
        if changed:
            self.conn.execute(
                update(t).where(t.c.id == bindparam("b_id")).values(pinyin=bindparam("b_pinyin")),
                changed,
            )
        if table == "customer" and rows:  # every customer has a sort key, Chinese or not
            keys = [{"b_id": r["id"], "b_key": r["sort_key"]} for r in rows]
            self.conn.execute(
                update(t).where(t.c.id == bindparam("b_id")).values(sort_key=bindparam("b_key")),
                keys,
            )

    def merge(self, session: Any) -> None:
        """A database with data: new ids, links followed, duplicates as the user chose."""
        from crmtui.services.importing.rows import CUSTOMER_DEFAULTS
        from crmtui.services.importing.update import session_rows, update_existing

        index = load_index(session_rows(self.conn))
        maps: dict[str, dict[int, int | None]] = {name: {} for _, name in SECTIONS}
        self.known = {
            name: {
                str(u): int(i)
                for i, u in self.conn.exec_driver_sql(
                    f"SELECT id, uuid FROM {name} WHERE uuid IS NOT NULL"
                )
            }
            for name in SYNCED
        }
        me = session_user(session)
        choice = self.result.on_duplicate
        tag_ids = self.writer.tag_ids(t["name"] for t in self.rows["tag"])
        maps["tag"] = {t["id"]: tag_ids[t["name"]] for t in self.rows["tag"]}
        incoming_tags = _tags_by_customer(
            self.rows["customertag"], {t["id"]: t["name"] for t in self.rows["tag"]}
        )
        fresh: list[dict[str, Any]] = []
        for c in self.rows["customer"]:
            # The same record (by its UUID) is a duplicate whatever became of its name.
            here = self.known["customer"].get(str(c.get("uuid")))
            conflict = owner_conflict(session, _keys(c)) if here is None else None
            if conflict is not None:  # another salesperson's customer (撞单): not ours to add
                maps["customer"][c["id"]] = None
                since = conflict.since.date().isoformat() if conflict.since else "?"
                self.result.skipped.append(
                    {
                        "line": c["id"],
                        "name": c["name"],
                        "reason": f"owned by {conflict.owner} since {since}",
                    }
                )
                continue
            kind = "person" if c["is_person"] else "company"
            spec = Spec(kind, CUSTOMER_DEFAULTS | c, incoming_tags.get(c["id"], []))
            match = index.find(spec, None)
            if here is not None and (match is None or match[0].key != here):
                match = (Entity(here, kind, c["name"]), "the same record")
            if match is not None and choice != "add":
                entity, reason = match
                self.result.duplicates.append(
                    {
                        "line": c["id"],
                        "name": c["name"],
                        "reason": reason,
                        "matches": entity.label(),
                    }
                )
                if choice is None:
                    self.result.needs_choice = True
                elif choice == "skip":
                    maps["customer"][c["id"]] = None
                    self.result.skipped.append(
                        {"line": c["id"], "name": c["name"], "reason": f"duplicate: {reason}"}
                    )
                elif entity.key > 0:  # update
                    update_existing(session, entity, spec, now=self.writer_now(), region=None)
                    maps["customer"][c["id"]] = entity.key
                    self.result.updated += 1
                else:  # a duplicate earlier in the same file: its records join that one
                    maps["customer"][c["id"]] = entity.key
                continue
            if here is not None:
                c.pop("uuid")  # added anyway: a record of its own, with a UUID of its own
            c.update(_keys_columns(c), owner=me, owned_since=self.writer_now())
            fresh.append(c)
            index.add(Entity(-c["id"], kind, c["name"]), c["phones"], c["email"], c["company_name"])
        if self.result.needs_choice:
            return
        added: dict[str, int] = {}
        new_customers = self._insert_mapped("customer", fresh, maps)
        for old, new in list(maps["customer"].items()):  # in-file duplicates → the kept copy
            if new is not None and new < 0:
                maps["customer"][old] = maps["customer"].get(-new)
        added["customer"] = len(new_customers)
        new_ids = self.added = {c["id"] for c in new_customers}
        new_contacts: list[dict[str, Any]] = []
        links: list[dict[str, Any]] = []
        for _, name in SECTIONS[2:]:
            rows = self._follow(name, maps)
            if name == "customertag":
                rows = links = [r for r in rows if r["customer_id"] in new_ids]
            inserted = self._insert_mapped(name, rows, maps)
            added[name] = len(inserted)
            if name == "contact":
                new_contacts = inserted
        parents: dict[int, dict[str, Any]] = {
            int(i): {"name": n}
            for i, n in self.conn.exec_driver_sql("SELECT id, name FROM customer")
        }
        tag_names = {v: k for k, v in tag_ids.items()}
        self._docs(parents, new_customers, new_contacts, _tags_by_customer(links, tag_names))
        self._count(added)

    def _referred(self, customer_id: int) -> bool:
        from sqlalchemy import text

        found = text("SELECT 1 FROM referral WHERE customer_id = :c")
        return self.conn.execute(found, {"c": customer_id}).first() is not None

    def writer_now(self) -> datetime:
        return self.writer.stamp

    def _follow(self, name: str, maps: dict[str, dict[int, int | None]]) -> list[dict[str, Any]]:
        """Rows of ``name`` with their links rewritten; rows whose customer was skipped drop."""
        out = []
        for row in self.rows[name]:
            row = dict(row)
            keep = True
            for column, parent in LINKS.get(name, {}).items():
                if row.get(column) is None:
                    continue
                new = maps[parent].get(row[column])
                if new is None:
                    required = not self.writer.tables[name].c[column].nullable
                    needed = column in REQUIRED or column in REQUIRED_LINKS
                    dropped = needed and name not in OPTIONAL_CUSTOMER
                    keep = keep and not (required or dropped)
                row[column] = new
            follow_soft_links(name, row, maps)
            if name == "change":
                parent = "customer" if row["entity"] == "customer" else "opportunity"
                row["entity_id"] = maps[parent].get(row["entity_id"])
                keep = row["entity_id"] is not None
            if (
                name == "summary_note"
                and self.conn.execute(_summary_exists(), {"p": row["period"]}).first()
            ) or (name == "referral" and keep and self._referred(row["customer_id"])):
                keep = False  # the note already written for that week stays, so does a referrer
            if (
                name == "note"
                and keep
                and self.conn.execute(
                    _note_exists(), {"c": row["customer_id"], "b": row["body"]}
                ).first()
            ):
                keep = False  # the same note is there already (an earlier import of the file)
            here = self.known.get(name, {}).get(str(row.get("uuid")))
            if keep and here is not None:
                if row.get("customer_id") in self.added:
                    row.pop("uuid")  # under a copy added anyway: a copy as well
                else:
                    maps[name][row["id"]] = here  # the same record, imported before
                    keep = False
            if keep and name in SAME:
                same = self.conn.execute(SAME[name](), same_values(name, row)).first()
                if same is not None:
                    # already here (a product by its code, an order by its number, the same
                    # payment): its children link to the one there, never twice
                    maps[name][row["id"]] = None if name == "sales_order" else same[0]
                    keep = False
            if keep:
                out.append(row)
        return out

    def _insert_mapped(
        self, name: str, rows: list[dict[str, Any]], maps: dict[str, dict[int, int | None]]
    ) -> list[dict[str, Any]]:
        if name == "customertag":
            # one row per (customer, tag): a merged export may list a pair twice
            unique: dict[tuple[Any, Any], dict[str, Any]] = {}
            for r in rows:
                unique.setdefault((r["customer_id"], r["tag_id"]), r)
            rows = list(unique.values())
            self.writer.insert(name, rows, stamped=False, progress=self.step)
            return rows
        if name == "tag":
            return []
        if name == "referral":  # keyed by its customer: no id of its own
            self.writer.insert(name, rows, stamped=False, progress=self.step)
            return rows
        if name == "opportunity_competitor":
            pairs: dict[tuple[Any, Any], dict[str, Any]] = {}
            for r in rows:
                pairs.setdefault((r["opportunity_id"], r["competitor_id"]), r)
            rows = list(pairs.values())
            self.writer.insert(name, rows, stamped=False, progress=self.step)
            return rows
        if name == "competitor":
            rows = self._known_competitors(rows, maps)
        old_ids = [r.pop("id") for r in rows]
        new_ids = self.writer.insert(name, rows, stamped=False, progress=self.step)
        for old, new, row in zip(old_ids, new_ids, rows, strict=True):
            maps[name][old] = new
            row["id"] = new
        return rows

    def _known_competitors(
        self, rows: list[dict[str, Any]], maps: dict[str, dict[int, int | None]]
    ) -> list[dict[str, Any]]:
        """Competitors already in the database (by name, which is unique) are reused."""
        known = {
            str(n): int(i) for i, n in self.conn.exec_driver_sql("SELECT id, name FROM competitor")
        }
        fresh = []
        for r in rows:
            if r["name"] in known:
                maps["competitor"][r["id"]] = known[r["name"]]
            else:
                fresh.append(r)
        return fresh


def _keys(c: dict[str, Any]) -> Any:
    return keys_of(
        name=c["name"],
        company_name=c.get("company_name"),
        phones=c.get("phones") or [],
        email=c.get("email"),
        credit_code=c.get("credit_code"),
    )


def _keys_columns(c: dict[str, Any]) -> dict[str, str]:
    keys = _keys(c)
    return {"name_key": keys.name_key, "phone_keys": keys.phone_text}


def _tags_by_customer(links: list[dict[str, Any]], names: dict[int, str]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for link in links:
        out.setdefault(link["customer_id"], []).append(names[link["tag_id"]])
    return out


def _note_exists() -> Any:
    from sqlalchemy import text

    return text(
        "SELECT 1 FROM note WHERE body = :b AND "
        "(customer_id = :c OR (customer_id IS NULL AND :c IS NULL))"
    )


def _summary_exists() -> Any:
    from sqlalchemy import text

    return text("SELECT 1 FROM summary_note WHERE period = :p")
