"""What each record of an import becomes: a new customer or contact, an update of one that
exists, a duplicate to report, or a row skipped, decided before anything is written."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, cast

from crmtui.errors import CrmError
from crmtui.services.formats import ContactRecord, RowError
from crmtui.services.importing.matching import Entity, Index, Spec, convert, merge, norm_name
from crmtui.services.importing.salvage import plain, salvage
from crmtui.services.importing.types import FilePreview, RowWarning

if TYPE_CHECKING:
    from crmtui.services.importing.run import ImportResult, Progress


@dataclass
class Plan:
    new: list[Entity] = field(default_factory=list)  # in file order; companies before contacts
    updates: list[tuple[Entity, Spec]] = field(default_factory=list)  # existing records


def own_export(data: bytes, fmt: str, preview: FilePreview | None) -> bool:
    """Whether the file is crmtui's own contacts export (its record type column or property).

    Its rows are distinct records by construction (two companies may share a name or a phone)
    and each contact follows the customer it belongs to.
    """
    from crmtui.services.exporting.contacts import TYPE_PROPERTY

    if fmt == "vcard":
        return TYPE_PROPERTY.encode() in data
    columns = (preview["columns"] if preview else None) or []
    return any(str(c).strip().casefold() == "extra:type" for c in columns)


def plan_records(
    rows: list[tuple[int, ContactRecord | RowError]],
    index: Index,
    result: ImportResult,
    region: str | None,
    on_duplicate: str | None,
    progress: Progress | None,
    *,
    own: bool = False,
) -> Plan:
    plan = Plan()
    next_key = -1
    last_customer: Entity | None = None  # in our own export, the customer a contact row follows
    # The company columns each planned company was last filled from. Rows naming the same
    # company share one dict of its columns (``convert``), and filling blanks from the same
    # columns again changes nothing (what was blank is filled, phones are all there), so only
    # the tags of such a row are added.
    filled: dict[int, dict[str, Any]] = {}

    def planned(
        kind: str,
        spec_values: dict[str, Any],
        tags: list[str],
        line: int,
        customer_key: int | None = None,
        placeholder: bool = False,
    ) -> Entity:
        nonlocal next_key
        entity = Entity(
            next_key,
            kind,
            spec_values["name"],
            customer_key,
            spec_values,
            list(dict.fromkeys(tags)),
            line,
            placeholder,
        )
        next_key -= 1
        plan.new.append(entity)
        index.add(
            entity, spec_values["phones"], spec_values["email"], spec_values.get("company_name")
        )
        return entity

    total = len(rows)
    for done, (line, item) in enumerate(rows, start=1):
        if progress is not None and done % 1000 == 0:
            progress("checking", done, total)
        if isinstance(item, RowError):
            result.errors.append({"line": line, "message": item.message})
            continue
        try:
            spec = checked(item, region)
        except CrmError as exc:
            result.errors.append({"line": line, "message": str(exc)})
            continue
        # a reader's warning is {"column", "value", "message"} (formats.ContactRecord)
        result.warnings += [cast(RowWarning, {"line": line, **w}) for w in item.warnings]
        if item.warnings:
            result.row_names[line] = spec.values["name"]
        company = None
        if spec.kind == "contact":
            assert spec.company is not None
            follows = (
                own
                and last_customer is not None
                and norm_name(last_customer.name) == norm_name(spec.company["name"])
            )
            company = (
                last_customer if follows else index.companies.get(norm_name(spec.company["name"]))
            )
            if company is None or company.trashed:  # people are not added to the trash
                company = planned("company", dict(spec.company), spec.tags, line, placeholder=True)
                filled[company.key] = spec.company
            elif company.values is not None:  # planned earlier in this file: fill its blanks
                if filled.get(company.key) is not spec.company:
                    _fill(company, spec.company, spec.tags)
                    filled[company.key] = spec.company
                elif spec.tags:
                    company.tags = list(dict.fromkeys(company.tags + spec.tags))
        elif spec.kind == "company":
            found = index.companies.get(norm_name(spec.values["name"]))
            if found is not None and found.placeholder:
                _fill(found, spec.values, spec.tags, overwrite=True)
                found.placeholder = False
                index.add(found, spec.values["phones"], spec.values["email"])
                continue
        match = index.find(spec, company)
        if own and match is not None and match[0].key < 0:
            match = None  # rows of our own export are different records, however alike
        if match is not None:
            entity, reason = match
            if spec.kind != "contact":
                last_customer = entity
            in_file = entity.key < 0  # like an earlier row of this file, not a stored record
            result.duplicates.append(
                {
                    "line": line,
                    "name": spec.values["name"],
                    "reason": reason,
                    "matches": entity.label(),
                    "in_file": in_file,
                    "matches_line": entity.line if in_file else None,
                    "kind": "contact" if spec.kind == "contact" else "customer",
                }
            )
            if on_duplicate is None:
                result.needs_choice = True
                continue
            if on_duplicate == "skip":
                result.skipped.append(
                    {"line": line, "name": spec.values["name"], "reason": f"duplicate: {reason}"}
                )
                continue
            if on_duplicate == "update":
                if entity.key < 0:
                    _fill(entity, spec.values, spec.tags, overwrite=True)
                else:
                    plan.updates.append((entity, spec))
                    result.updated += 1
                continue
        if spec.kind == "contact":
            assert company is not None
            planned("contact", spec.values, [], line, customer_key=company.key)
            if spec.tags and company.values is not None:
                company.tags = list(dict.fromkeys(company.tags + spec.tags))
        else:
            last_customer = planned(spec.kind, spec.values, spec.tags, line)
    result.added_customers = sum(e.kind != "contact" for e in plan.new)
    result.added_contacts = sum(e.kind == "contact" for e in plan.new)
    return plan


def checked(record: ContactRecord, region: str | None) -> Spec:
    """``convert(salvage(record), region)``; a plain record (``salvage.plain``) that converts
    as it is needs no salvage. Raises what ``convert`` raises."""
    if plain(record):
        try:
            return convert(record, region)
        except (CrmError, ValueError):
            pass  # salvage moves what was refused, with a warning
    return convert(salvage(record), region)


def _fill(
    entity: Entity, values: dict[str, Any], tags: list[str], *, overwrite: bool = False
) -> None:
    """Merge values into a planned record: blanks only, or every non-empty value."""
    assert entity.values is not None
    changes = merge(entity.values, values)
    for key, value in changes.items():
        if overwrite or key == "phones" or entity.values.get(key) in (None, "", False):
            entity.values[key] = value
    entity.tags = list(dict.fromkeys(entity.tags + tags))
