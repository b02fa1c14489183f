"""The English words of every error, by code: the one place they are written.

Codes are stable kebab-case names (a translated catalogue uses them as its keys); each template
is filled in with ``str.format`` from the values the error carries. ``{x:list}`` joins a list with
commas, ``{x:and}`` with "and" (see :mod:`crmtui.errors`).
"""

from __future__ import annotations

MESSAGES: dict[str, str] = {
    "db-cannot-read": "cannot read the database: {reason}",
    "db-read-damaged": (
        "the database file is damaged ({reason}); run crm doctor, or restore a backup"
    ),
    "phone-scientific": (
        "{value!r} is a number in scientific notation, not a phone number: the spreadsheet "
        "rounded it and its last digits are lost; format the column as text and type it again"
    ),
    "action-already-done": "action {id} is already done",
    "action-not-of-customer": "action {id} is not one of {name}'s actions",
    "action-other-kind": "action {id} is a {planned}, not a {kind}",
    "activity-is-planned": "activity {id} is planned, not done: complete it with `crm done`",
    "amount-blank": "{label} must not be blank; write it like 12000",
    "amount-cannot-be-negative": "an amount cannot be negative",
    "amount-negative": "an {label} cannot be negative: {text}",
    "amount-too-large": "{label} too large: {text} (at most {most:,.0f})",
    "amount-unreadable": (
        "not an {label}: {value!r}; write it like 12000 or 12,000.50 (two decimals at most)"
    ),
    "backup-check-failed": "the backup copy failed its check ({check}); run crm doctor",
    "backup-exists": "{out} exists; choose another name or use --force",
    "backup-failed": "the backup failed: {reason}; nothing was kept",
    "backup-no-database": "there is no database at {source} to back up",
    "backup-over-database": "a backup cannot overwrite the database itself",
    "backup-sqlite-only": (
        "crm backup works on SQLite files; back up a server database with its own tools (pg_dump)"
    ),
    "bad-birthday": "cannot read the birthday {text!r}; use MM-DD or YYYY-MM-DD",
    "bad-crm-now": "not an ISO 8601 date-time: {text!r}",
    "bad-csv": "line {line}: the CSV cannot be read ({reason})",
    "bad-email": "not an email address: {value!r}",
    "bad-email-detail": "not an email address: {value!r} ({reason})",
    "bad-month": "not a month: {raw!r} (use e.g. 2026-11)",
    "bad-phone": "not a phone number: {value!r}",
    "bad-satisfaction": "satisfaction is 1 (very dissatisfied) to 5 (very satisfied)",
    "bad-slot": "cannot read the slot {text!r}; use e.g. 'Mon 10:00-11:00'",
    "bad-time-of-day": "not a time of day: {text!r}",
    "bad-time-of-day-hint": "not a time of day: {text!r} (use HH:MM)",
    "bad-week": "not a week: {raw!r} (use e.g. 2026-W48, or a date)",
    "bad-when": "cannot read the date/time {text!r}; {hint}",
    "bad-xlsx": "not a readable .xlsx workbook ({reason})",
    "birthday-in-future": "the birthday {text!r} is in the future; check the year",
    "birthday-too-early": (
        "the birthday {text!r} is before 1900, which is not plausible; give MM-DD alone "
        "if the year is unknown"
    ),
    "busy-needs-customer": "name a customer, e.g. crm busy 宏达 'Mon 10:00-11:00'",
    "cannot-read-file": "cannot read {path}: {reason}",
    "cannot-write-file": "cannot write {path}: {reason}",
    "cannot-write-in": "cannot write in {folder}: {reason}",
    "company-birthday": (
        "a company has no birthday; birthdays belong to people: add it to a contact: crm "
        "add-contact CUSTOMER NAME --birthday MM-DD"
    ),
    "config-file-invalid-value": (
        "{path}: invalid value for {key}: {reason}; run crm config set {key} VALUE or "
        "crm config unset {key}"
    ),
    "config-invalid-value": "invalid value for {key}: {reason}",
    "config-not-bool": "expected true or false, got {text!r}",
    "config-unreadable": "cannot read {path}: {reason}; fix or remove the file",
    "config-window-invalid": "not a valid time window: {text!r}",
    "config-window-shape": "expected a time window like 09:00-18:00, got {text!r}",
    "confirm-needs-yes": "{retry_hint}; there is no terminal to confirm on, so add --yes",
    "contact-deleted": "contact {id} ({name}) was deleted",
    "contact-duplicate": (
        "{name} is already a contact of {customer_name} (contact {id}, phone {phone}); "
        "add them anyway with --force"
    ),
    "contact-not-of-customer": "contact {contact} does not belong to {name}",
    "contact-of-other-customer": "contact {id} ({name}) belongs to another customer",
    "contact-or-no-contact": "give either --contact or --no-contact, not both",
    "contacts-ambiguous": "{count} contacts match {ref!r}:",
    "customer-already-trashed": (
        "customer {id} ({name}) is already in the trash; bring it back with crm undelete {id}"
    ),
    "customer-not-trashed": "customer {id} ({name}) is not in the trash",
    "customer-ref-empty": "name a customer by id or by part of its name",
    "customer-trashed": (
        "customer {id} ({name}) is in the trash; bring it back with crm undelete {id}"
    ),
    "customers-ambiguous": "{count} customers match {ref!r}; name one by id:",
    "date-out-of-range": "the date {text!r} is out of range ({first}–{last})",
    "db-busy": "the database is busy in another crm window; try again",
    "db-cannot-create": (
        "cannot create a database in {parent}: {reason}; choose a folder you can write "
        "with --db PATH"
    ),
    "db-cannot-write": (
        "cannot write the database ({text}); nothing was saved. Check the disk and free "
        "space, then retry"
    ),
    "db-damaged": (
        "the database file is damaged ({text}); nothing was saved. Run crm doctor, or "
        "restore a backup"
    ),
    "db-disk-full": "the disk is full; nothing was saved. Free some space and retry",
    "db-empty-file": "{path} is an empty file, not a crmtui database; {restore_hint}",
    "db-error": "database error: {text}; nothing was saved",
    "db-file-damaged": "{path} is damaged ({reason}); run crm doctor, or {restore_hint}",
    "db-foreign-sqlite": (
        "{path} is an SQLite database of another program; crmtui will not change it. "
        "Point --db (or CRM_DB) at a crmtui database or a new file"
    ),
    "db-is-folder": "{path} is a folder, not a database file; {restore_hint}",
    "db-missing": (
        "the database file {path} does not exist; create it with crm init (or crm demo, "
        "or by adding a customer), or check --db / CRM_DB"
    ),
    "db-missing-blocked": (
        "the database file {path} does not exist, and crm cannot create one there: "
        "{blocker} is a file, not a folder; choose another path with --db"
    ),
    "db-not-on-backend": (
        "{concern} on {backend} databases is not supported yet; use an SQLite file"
    ),
    "db-newer-schema": (
        "{path} was written by a newer crmtui (schema {revision}); upgrade crmtui to open it"
    ),
    "db-no-schema-version": "{path} has no schema version; {restore_hint}",
    "db-not-sqlite-hint": "{path} is not an SQLite database; {restore_hint}",
    "db-read-only": "the database file is read-only; nothing was saved",
    "demo-database-not-empty": (
        "the database already holds {existing} customers; use --force to add demo data "
        "anyway, or --db for another file"
    ),
    "demo-sqlite-only": "demo data is written to SQLite databases only",
    "done-in-future": "a done activity cannot be in the future",
    "edit-customer-nothing": (
        "nothing to change; give at least one option (see crm edit-customer -h)"
    ),
    "empty-when": "empty date/time; {hint}",
    "encoding-unknown-guess": "cannot tell which text encoding this file uses; {hint}",
    "file-is-binary": "the file holds binary data, not {name} text; {hint}",
    "file-looks-like": "the file starts like {name} but is not; {hint}",
    "file-no-rows": "the file has no rows",
    "file-not-in-encoding": "the file is not {encoding} text (byte {start})",
    "follow-up-in-past": (
        "{shown} is in the past: plan a follow-up from now on, or log what happened with crm log"
    ),
    "json-does-not-fit": "the export does not fit the database ({detail}); nothing was imported",
    "json-expected-list": "{key}: expected a list",
    "json-expected-object": "{where}: expected an object",
    "json-newer-schema": (
        "the export comes from a newer crmtui (schema {schema}); upgrade crmtui to import it"
    ),
    "json-not-export": (
        "this JSON file is not a crmtui export (crm export contacts --format json writes one)"
    ),
    "json-newer-version": (
        "the export comes from a newer crmtui (version {version}); upgrade crmtui to import it"
    ),
    "json-unknown-field": "{where}: unknown field {name!r}",
    "json-unknown-version": "this crmtui export has an unknown version {version!r}",
    "json-unreadable": "not a readable JSON file ({reason})",
    "json-value-does-not-fit": "{where}: {name} {value!r} does not fit ({reason})",
    "logged-in-future": "a logged activity cannot be in the future; use follow-up to plan one",
    "lost-needs-reason": "say why the opportunity was lost (--reason)",
    "lost-reason-missing": "say why the opportunity was lost",
    "map-bad-pair": "--map wants Column=field, got {pair!r}",
    "map-no-such-column": "--map names a column {column!r} that the file does not have ({shown})",
    "map-not-for-json": "--map is for CSV and XLSX columns, not for a JSON export",
    "map-not-for-vcard": "--map is for CSV and XLSX columns; vCard fields are fixed",
    "merge-into-itself": "a customer cannot be merged into itself: give two different ids",
    "minutes-not-whole": "minutes: a whole number from 0 to 1440",
    "minutes-range": "minutes must be between 0 and 1440",
    "no-action-id": "no action with id {id}",
    "no-activity-id": "no activity with id {id} (see `crm show CUSTOMER`)",
    "no-contact-has-id": "no contact has id {id}; see crm contacts",
    "no-contact-id": "no contact with id {id}",
    "no-contact-matches": "no contact {ref!r} at this customer",
    "no-customer-has-id": (
        "no customer has id {id}; see crm customers, or add --name if {id} is a name"
    ),
    "no-customer-id": "no customer with id {id}",
    "no-customer-matches": "no customer matches {ref!r}; try crm customers --search",
    "no-name-column": (
        "no column looks like a name or a company ({choices:list}); say which one is "
        "with --map 'Column=name'"
    ),
    "no-note-id": "no note with id {id}",
    "no-note-id-hint": "no note with id {id} (see `crm note list`)",
    "no-opportunity-id": "no opportunity with id {id}",
    "no-slot-id": "no slot with id {id}",
    "no-such-date": "no such date: {text!r}",
    "no-such-folder": "the folder {folder} does not exist",
    "no-such-sheet": "the workbook has no sheet {sheet!r} ({choices:list})",
    "no-such-week": "no such week: {raw!r}",
    "no-vcard": "no vCard (BEGIN:VCARD … END:VCARD) in this file",
    "not-a-date": "not a date: {text!r} (use YYYY-MM-DD)",
    "not-a-file": "{path} is not a file",
    "not-sqlite": "{path} is not an SQLite database",
    "not-trashed": "{name} is not in the trash",
    "note-empty": "a note must not be empty",
    "note-empty-delete": "a note must not be empty; Delete removes it",
    "note-empty-hint": "a note must not be empty; to remove it use `crm note delete ID`",
    "note-has-nul": "the note contains a NUL byte, which cannot be stored",
    "nothing-to-change": "nothing to change: give at least one option (see --help)",
    "number-blank": "{label} must not be blank; give a whole number from {low} to {high}",
    "number-negative": "{label} cannot be negative; give a number from {low} to {high}",
    "number-not-whole": "{label} must be a whole number from {low} to {high}",
    "number-not-whole-value": "{label} must be a whole number from {low} to {high}, not {value!r}",
    "number-out-of-range": "{label} must be from {low} to {high}, not {number}",
    "old-xls": "this is an old Excel .xls file; save it as .xlsx or CSV UTF-8 first",
    "only-one-range": "give only one of --today, --week, --overdue, --all (not {chosen:and})",
    "path-is-folder": "{path} is a folder; give a file name",
    "phone-empty": "phone must not be empty",
    "purge-needs-yes": (
        "purge deletes {name} (#{id}) for good; there is no terminal to confirm on, so "
        "run it again with --yes"
    ),
    "purge-not-trashed": (
        "{name} is not in the trash; move it there first (crm delete-customer {id}), then purge it"
    ),
    "reflection-empty": "the reflection is empty; to remove it use --clear",
    "restore-busy": (
        "the database is busy in another crm window; close it and retry; nothing was changed"
    ),
    "restore-check-failed": (
        "the restored database fails its check ({check}); the replaced one is kept at {kept}"
    ),
    "restore-damaged": "{source} is damaged ({integrity}); nothing was changed",
    "restore-failed": "the restore failed ({text}); nothing was changed",
    "restore-from-database": "that file is the database itself",
    "restore-needs-yes": (
        "restore replaces a database that holds data; there is no terminal to confirm "
        "on, so run it again with --yes"
    ),
    "restore-newer-schema": (
        "{source} was written by a newer crmtui (schema {revision}); upgrade crmtui to restore it"
    ),
    "restore-not-crmtui": "{source} is not a crmtui database; nothing was changed",
    "restore-orphan-rows": "{source} has {count} rows without their parent; nothing was changed",
    "slot-ends-before-start": "the slot must end after it starts: {text!r}",
    "slot-exists": "that {kind} slot is already recorded (slot {ids}); see crm busy --list",
    "text-empty": "{label} must not be empty",
    "text-has-nul": "{label} contains a NUL byte, which cannot be stored",
    "text-not-utf8": "{label} is not valid text (bytes that are not UTF-8); retype it",
    "text-too-long": "{label} is too long ({count} characters; at most {limit})",
    "unknown-activity-field": "unknown activity field {name!r}",
    "unknown-choice": "unknown {label} {value!r}; choose one of: {choices:list}",
    "unknown-contact-field": "unknown contact field {name!r}",
    "unknown-country": (
        "unknown country {value!r}; use an ISO 3166 two-letter code such as CN, US or DE"
    ),
    "unknown-currency": (
        "unknown currency {value!r}; use an ISO 4217 code such as CNY, USD, EUR or JPY"
    ),
    "unknown-customer-field": "unknown customer field {name!r}",
    "unknown-day": "unknown day {days!r}; use Mon..Sun, Mon-Fri, daily",
    "unknown-days": "unknown days {days!r}",
    "unknown-encoding": "unknown text encoding {encoding!r}",
    "split-vcard-only": "--split writes one vCard per file: use it with --format vcard and "
    "without --output",
    "unknown-format": "unknown format {fmt!r}; choose one of: {choices:list}",
    "unknown-on-duplicate": "--on-duplicate is one of: {choices:list}",
    "unknown-scope": "unknown scope {scope!r}",
    "unknown-setting": "unknown setting {key!r}; known: {choices:list}",
    "unknown-sort": "unknown sort {sort!r}; choose one of: {choices:list}",
    "unknown-theme": "unknown theme {text!r}; choose one of: {choices:list}",
    "unknown-zone": "unknown time zone {name!r} (use an IANA name such as Asia/Shanghai)",
    "week-or-month": "give --week or --month, not both",
    "when-in-future": "when: that is in the future; press f on the card to plan a follow-up",
    "when-unreadable": "when: a date and time, e.g. 2026-03-10 14:00",
}
