"""The English words of every error, by code: the one place they are written.

Codes are stable kebab-case names (a translated catalogue uses them as its keys); each template
is filled in with ``str.format`` from the values the error carries. ``{x:list}`` joins a list with
commas, ``{x:and}`` with "and" (see :mod:`crmtui.errors`).
"""

from __future__ import annotations

from crmtui.i18n import N_
from crmtui.messages_en_aftersale import AFTERSALE_MESSAGES
from crmtui.messages_en_money import MONEY_MESSAGES
from crmtui.messages_en_office import OFFICE_MESSAGES
from crmtui.messages_en_reports import REPORTS_MESSAGES

MESSAGES: dict[str, str] = {
    "db-cannot-read": N_("cannot read the database: {reason}"),
    "db-read-damaged": N_(
        "the database file is damaged ({reason}); run crm doctor, or restore a backup"
    ),
    "phone-scientific": N_(
        "{value!r} is a number in scientific notation, not a phone number: the spreadsheet "
        "rounded it and its last digits are lost; format the column as text and type it again"
    ),
    "action-already-done": N_("action {id} is already done"),
    "action-not-of-customer": N_("action {id} is not one of {name}'s actions"),
    "action-other-kind": N_("action {id} is a {planned}, not a {kind}"),
    "activity-is-planned": N_("activity {id} is planned, not done: complete it with `crm done`"),
    "amount-blank": N_("{label} must not be blank; write it like 12000"),
    "amount-cannot-be-negative": N_("an amount cannot be negative"),
    "amount-negative": N_("an {label} cannot be negative: {text}"),
    "amount-too-large": N_("{label} too large: {text} (at most {most:,.0f})"),
    "amount-unreadable": N_(
        "not an {label}: {value!r}; write it like 12000 or 12,000.50 (two decimals at most)"
    ),
    "backup-check-failed": N_("the backup copy failed its check ({check}); run crm doctor"),
    "backup-exists": N_("{out} exists; choose another name or use --force"),
    "backup-failed": N_("the backup failed: {reason}; nothing was kept"),
    "backup-no-database": N_("there is no database at {source} to back up"),
    "backup-over-database": N_("a backup cannot overwrite the database itself"),
    "backup-sqlite-only": N_(
        "crm backup works on SQLite files; back up a server database with its own tools (pg_dump)"
    ),
    "bad-birthday": N_("cannot read the birthday {text!r}; use MM-DD or YYYY-MM-DD"),
    "bad-crm-now": N_("not an ISO 8601 date-time: {text!r}"),
    "bad-csv": N_("line {line}: the CSV cannot be read ({reason})"),
    "bad-email": N_("not an email address: {value!r}"),
    "bad-email-detail": N_("not an email address: {value!r} ({reason})"),
    "bad-month": N_("not a month: {raw!r} (use e.g. 2026-11)"),
    "bad-phone": N_("not a phone number: {value!r}"),
    "bad-satisfaction": N_("satisfaction is 1 (very dissatisfied) to 5 (very satisfied)"),
    "bad-slot": N_("cannot read the slot {text!r}; use e.g. 'Mon 10:00-11:00'"),
    "bad-time-of-day": N_("not a time of day: {text!r}"),
    "bad-time-of-day-hint": N_("not a time of day: {text!r} (use HH:MM)"),
    "bad-week": N_("not a week: {raw!r} (use e.g. 2026-W48, or a date)"),
    "bad-when": N_("cannot read the date/time {text!r}; {hint}"),
    "bad-xlsx": N_("not a readable .xlsx workbook ({reason})"),
    "birthday-in-future": N_("the birthday {text!r} is in the future; check the year"),
    "birthday-too-early": N_(
        "the birthday {text!r} is before 1900, which is not plausible; give MM-DD alone "
        "if the year is unknown"
    ),
    "busy-needs-customer": N_("name a customer, e.g. crm busy 宏达 'Mon 10:00-11:00'"),
    "cannot-read-file": N_("cannot read {path}: {reason}"),
    "folder-without-cards": N_(
        "{path} is a folder without .vcf files; name a file, or a folder of vCards (a vdir)"
    ),
    "cannot-write-file": N_("cannot write {path}: {reason}"),
    "cannot-write-in": N_("cannot write in {folder}: {reason}"),
    "company-birthday": N_(
        "a company has no birthday; birthdays belong to people: add it to a contact: crm "
        "add-contact CUSTOMER NAME --birthday MM-DD"
    ),
    "config-file-invalid-value": N_(
        "{path}: invalid value for {key}: {reason}; run crm config set {key} VALUE or "
        "crm config unset {key}"
    ),
    "config-invalid-value": N_("invalid value for {key}: {reason}"),
    "config-not-month": N_("{text!r} is not a month; write YYYY-MM, e.g. 2026-11"),
    "config-not-bool": N_("expected true or false, got {text!r}"),
    "config-unreadable": N_("cannot read {path}: {reason}; fix or remove the file"),
    "config-window-invalid": N_("not a valid time window: {text!r}"),
    "config-window-shape": N_("expected a time window like 09:00-18:00, got {text!r}"),
    "confirm-needs-yes": N_("{retry_hint}; there is no terminal to confirm on, so add --yes"),
    "contact-deleted": N_("contact {id} ({name}) was deleted"),
    "contact-duplicate": N_(
        "{name} is already a contact of {customer_name} (contact {id}, phone {phone}); "
        "add them anyway with --force"
    ),
    "contact-not-of-customer": N_("contact {contact} does not belong to {name}"),
    "contact-of-other-customer": N_("contact {id} ({name}) belongs to another customer"),
    "contact-or-no-contact": N_("give either --contact or --no-contact, not both"),
    "contacts-ambiguous": N_("{count} contacts match {ref!r}:"),
    "customer-already-trashed": N_(
        "customer {id} ({name}) is already in the trash; bring it back with crm undelete {id}"
    ),
    "customer-not-trashed": N_("customer {id} ({name}) is not in the trash"),
    "customer-ref-empty": N_("name a customer by id or by part of its name"),
    "customer-trashed": N_(
        "customer {id} ({name}) is in the trash; bring it back with crm undelete {id}"
    ),
    "customers-ambiguous": N_("{count} customers match {ref!r}; name one by id:"),
    "date-out-of-range": N_("the date {text!r} is out of range ({first}–{last})"),
    "db-busy": N_("the database is busy in another crm window; try again"),
    "db-cannot-create": N_(
        "cannot create a database in {parent}: {reason}; choose a folder you can write "
        "with --db PATH"
    ),
    "db-cannot-write": N_(
        "cannot write the database ({text}); nothing was saved. Check the disk and free "
        "space, then retry"
    ),
    "db-damaged": N_(
        "the database file is damaged ({text}); nothing was saved. Run crm doctor, or "
        "restore a backup"
    ),
    "db-disk-full": N_("the disk is full; nothing was saved. Free some space and retry"),
    "db-empty-file": N_("{path} is an empty file, not a crmtui database; {restore_hint}"),
    "db-error": N_("database error: {text}; nothing was saved"),
    "db-file-damaged": N_("{path} is damaged ({reason}); run crm doctor, or {restore_hint}"),
    "db-foreign-sqlite": N_(
        "{path} is an SQLite database of another program; crmtui will not change it. "
        "Point --db (or CRM_DB) at a crmtui database or a new file"
    ),
    "db-is-folder": N_("{path} is a folder, not a database file; {restore_hint}"),
    "db-missing": N_(
        "the database file {path} does not exist; create it with crm init (or crm demo, "
        "or by adding a customer), or check --db / CRM_DB"
    ),
    "db-missing-blocked": N_(
        "the database file {path} does not exist, and crm cannot create one there: "
        "{blocker} is a file, not a folder; choose another path with --db"
    ),
    "db-not-on-backend": N_(
        "{concern} on {backend} databases is not supported yet; use an SQLite file"
    ),
    "db-newer-schema": N_(
        "{path} was written by a newer crmtui (schema {revision}); upgrade crmtui to open it"
    ),
    "db-no-schema-version": N_("{path} has no schema version; {restore_hint}"),
    "db-not-sqlite-hint": N_("{path} is not an SQLite database; {restore_hint}"),
    "db-read-only": N_("the database file is read-only; nothing was saved"),
    # a server database (team mode): what the server refused, and what to do (db/server_errors.py)
    "db-server-busy": N_(
        "the database server is busy ({reason}); nothing was saved. Try again in a moment"
    ),
    "db-server-denied": N_(
        "the database server refused this user ({reason}); nothing was saved. Ask your manager "
        "to add you to the team (crm team add-user) or to share the customer (crm share)"
    ),
    "db-server-down": N_(
        "cannot reach the database server ({reason}); check that PostgreSQL is running and "
        "that the host and port in the database URL are right"
    ),
    "db-server-upgrade-by-owner": N_(
        "the team database has schema {revision} and this crmtui needs {head}; ask whoever "
        "owns the tables to upgrade them (crm team init with their own database URL)"
    ),
    "db-server-lost": N_(
        "the connection to the database server was lost ({reason}); what was not confirmed "
        "was not saved. Check that the server is running, then try again"
    ),
    "db-server-no-database": N_(
        "the database server has no database {database!r}; check the name in the database "
        "URL, or create it (createdb {database}, then crm team init)"
    ),
    "db-server-no-role": N_(
        "the database server has no user {user!r}; check the user in the database URL, or "
        "ask your manager to add you (crm team add-user {user})"
    ),
    "db-server-not-yours": N_(
        "that record is not yours to change ({reason}); nothing was saved. Ask its owner or "
        "your manager to share it with you (crm share)"
    ),
    "db-server-password": N_(
        "the database server refused the password of {user!r}; check the password in the "
        "database URL (or in ~/.pgpass)"
    ),
    "db-server-read-only": N_(
        "the database server only reads ({reason}); nothing was saved. Connect to the "
        "primary server"
    ),
    "demo-database-not-empty": N_(
        "the database already holds {existing} customers; use --force to add demo data "
        "anyway, or --db for another file"
    ),
    "doctor-sqlite-only": N_(
        "crm doctor checks SQLite files; a PostgreSQL server checks its own data (see its log)"
    ),
    "done-in-future": N_("a done activity cannot be in the future"),
    "edit-customer-nothing": N_(
        "nothing to change; give at least one option (see crm edit-customer -h)"
    ),
    "empty-when": N_("empty date/time; {hint}"),
    "encoding-unknown-guess": N_("cannot tell which text encoding this file uses; {hint}"),
    "file-is-binary": N_("the file holds binary data, not {name} text; {hint}"),
    "file-looks-like": N_("the file starts like {name} but is not; {hint}"),
    "file-no-rows": N_("the file has no rows"),
    "file-not-in-encoding": N_("the file is not {encoding} text (byte {start})"),
    "follow-up-in-past": N_(
        "{shown} is in the past: plan a follow-up from now on, or log what happened with crm log"
    ),
    "json-does-not-fit": N_(
        "the export does not fit the database ({detail}); nothing was imported"
    ),
    "json-expected-list": N_("{key}: expected a list"),
    "json-expected-object": N_("{where}: expected an object"),
    "json-newer-schema": N_(
        "the export comes from a newer crmtui (schema {schema}); upgrade crmtui to import it"
    ),
    "json-not-export": N_(
        "this JSON file is not a crmtui export (crm export contacts --format json writes one)"
    ),
    "json-newer-version": N_(
        "the export comes from a newer crmtui (version {version}); upgrade crmtui to import it"
    ),
    "json-unknown-field": N_("{where}: unknown field {name!r}"),
    "json-unknown-version": N_("this crmtui export has an unknown version {version!r}"),
    "json-unreadable": N_("not a readable JSON file ({reason})"),
    "json-value-does-not-fit": N_("{where}: {name} {value!r} does not fit ({reason})"),
    "logged-in-future": N_("a logged activity cannot be in the future; use follow-up to plan one"),
    "lost-needs-reason": N_("say why the opportunity was lost (--reason)"),
    "lost-reason-missing": N_("say why the opportunity was lost"),
    "map-bad-pair": N_("--map wants Column=field, got {pair!r}"),
    "map-no-such-column": N_(
        "--map names a column {column!r} that the file does not have ({shown})"
    ),
    "map-not-for-json": N_("--map is for CSV and XLSX columns, not for a JSON export"),
    "map-not-for-vcard": N_("--map is for CSV and XLSX columns; vCard fields are fixed"),
    "merge-into-itself": N_("a customer cannot be merged into itself: give two different ids"),
    "minutes-not-whole": N_("minutes: a whole number from 0 to 1440"),
    "minutes-range": N_("minutes must be between 0 and 1440"),
    "no-action-id": N_("no action with id {id}"),
    "no-activity-id": N_("no activity with id {id} (see `crm show CUSTOMER`)"),
    "no-contact-has-id": N_("no contact has id {id}; see crm contacts"),
    "no-contact-id": N_("no contact with id {id}"),
    "no-contact-matches": N_("no contact {ref!r} at this customer"),
    "no-customer-has-id": N_(
        "no customer has id {id}; see crm customers, or add --name if {id} is a name"
    ),
    "no-customer-id": N_("no customer with id {id}"),
    "no-customer-matches": N_("no customer matches {ref!r}; try crm customers --search"),
    "no-name-column": N_(
        "no column looks like a name or a company ({choices:list}); say which one is "
        "with --map 'Column=name'"
    ),
    "no-note-id": N_("no note with id {id}"),
    "no-note-id-hint": N_("no note with id {id} (see `crm note list`)"),
    "no-opportunity-id": N_("no opportunity with id {id}"),
    "no-slot-id": N_("no slot with id {id}"),
    "no-such-date": N_("no such date: {text!r}"),
    "no-such-folder": N_("the folder {folder} does not exist"),
    "no-such-sheet": N_("the workbook has no sheet {sheet!r} ({choices:list})"),
    "no-such-week": N_("no such week: {raw!r}"),
    "no-vcard": N_("no vCard (BEGIN:VCARD … END:VCARD) in this file"),
    "not-a-date": N_("not a date: {text!r} (use YYYY-MM-DD)"),
    "not-a-file": N_("{path} is not a file"),
    "not-sqlite": N_("{path} is not an SQLite database"),
    "not-trashed": N_("{name} is not in the trash"),
    "note-empty": N_("a note must not be empty"),
    "note-empty-delete": N_("a note must not be empty; Delete removes it"),
    "note-empty-hint": N_("a note must not be empty; to remove it use `crm note delete ID`"),
    "note-has-nul": N_("the note contains a NUL byte, which cannot be stored"),
    "nothing-to-change": N_("nothing to change: give at least one option (see --help)"),
    "number-blank": N_("{label} must not be blank; give a whole number from {low} to {high}"),
    "number-negative": N_("{label} cannot be negative; give a number from {low} to {high}"),
    "number-not-whole": N_("{label} must be a whole number from {low} to {high}"),
    "number-not-whole-value": N_(
        "{label} must be a whole number from {low} to {high}, not {value!r}"
    ),
    "number-out-of-range": N_("{label} must be from {low} to {high}, not {number}"),
    "old-xls": N_("this is an old Excel .xls file; save it as .xlsx or CSV UTF-8 first"),
    "only-one-range": N_("give only one of --today, --week, --overdue, --all (not {chosen:and})"),
    "path-is-folder": N_("{path} is a folder; give a file name"),
    "phone-empty": N_("phone must not be empty"),
    "purge-needs-yes": N_(
        "purge deletes {name} (#{id}) for good; there is no terminal to confirm on, so "
        "run it again with --yes"
    ),
    "purge-not-trashed": N_(
        "{name} is not in the trash; move it there first (crm delete-customer {id}), then purge it"
    ),
    "reflection-empty": N_("the reflection is empty; to remove it use --clear"),
    "restore-busy": N_(
        "the database is busy in another crm window; close it and retry; nothing was changed"
    ),
    "restore-check-failed": N_(
        "the restored database fails its check ({check}); the replaced one is kept at {kept}"
    ),
    "restore-damaged": N_("{source} is damaged ({integrity}); nothing was changed"),
    "restore-failed": N_("the restore failed ({text}); nothing was changed"),
    "restore-from-database": N_("that file is the database itself"),
    "restore-needs-yes": N_(
        "restore replaces a database that holds data; there is no terminal to confirm "
        "on, so run it again with --yes"
    ),
    "restore-newer-schema": N_(
        "{source} was written by a newer crmtui (schema {revision}); upgrade crmtui to restore it"
    ),
    "restore-not-crmtui": N_("{source} is not a crmtui database; nothing was changed"),
    "restore-orphan-rows": N_(
        "{source} has {count} rows without their parent; nothing was changed"
    ),
    "restore-sqlite-only": N_(
        "crm restore works on SQLite files; on a server database use crm import with a JSON "
        "export, or the server's own tools"
    ),
    "slot-ends-before-start": N_("the slot must end after it starts: {text!r}"),
    "slot-exists": N_("that {kind} slot is already recorded (slot {ids}); see crm busy --list"),
    "text-empty": N_("{label} must not be empty"),
    "text-has-nul": N_("{label} contains a NUL byte, which cannot be stored"),
    "text-not-utf8": N_("{label} is not valid text (bytes that are not UTF-8); retype it"),
    "text-too-long": N_("{label} is too long ({count} characters; at most {limit})"),
    "unknown-activity-field": N_("unknown activity field {name!r}"),
    "unknown-choice": N_("unknown {label} {value!r}; choose one of: {choices:list}"),
    "unknown-contact-field": N_("unknown contact field {name!r}"),
    "unknown-country": N_(
        "unknown country {value!r}; use an ISO 3166 two-letter code such as CN, US or DE"
    ),
    "unknown-currency": N_(
        "unknown currency {value!r}; use an ISO 4217 code such as CNY, USD, EUR or JPY"
    ),
    "unknown-customer-field": N_("unknown customer field {name!r}"),
    "unknown-day": N_("unknown day {days!r}; use Mon..Sun, Mon-Fri, daily"),
    "unknown-days": N_("unknown days {days!r}"),
    "unknown-encoding": N_("unknown text encoding {encoding!r}"),
    "split-vcard-only": N_(
        "--split writes one vCard per file: use it with --format vcard and without --output"
    ),
    "unknown-format": N_("unknown format {fmt!r}; choose one of: {choices:list}"),
    "unknown-on-duplicate": N_("--on-duplicate is one of: {choices:list}"),
    "unknown-scope": N_("unknown scope {scope!r}"),
    "unknown-setting": N_("unknown setting {key!r}; known: {choices:list}"),
    "unknown-sort": N_("unknown sort {sort!r}; choose one of: {choices:list}"),
    "unknown-language": N_("unknown language {text!r}; choose one of: {choices:list}"),
    "unknown-theme": N_("unknown theme {text!r}; choose one of: {choices:list}"),
    "unknown-zone": N_("unknown time zone {name!r} (use an IANA name such as Asia/Shanghai)"),
    "bad-credit-code": N_(
        "{value!r} is not a unified social credit code (18 letters and digits, e.g. "
        "91310000MA1FL0000X)"
    ),
    "bad-user-name": N_(
        "{name!r} cannot be a user name: lower-case letters, digits and _, starting with a "
        "letter, at most 63"
    ),
    "no-such-user": N_("{name!r} is not a user of this team database (crm team add-user)"),
    "owned-by-other": N_("owned by {owner} since {since} — ask them or your manager"),
    "team-needs-server": N_(
        "team mode needs a PostgreSQL database; give --db postgresql+psycopg://... or set "
        "CRM_DATABASE_URL"
    ),
    "team-not-initialised": N_("this database is not a team database yet; run crm team init"),
    "user-exists": N_("there is already a user or role named {name!r}"),
    "week-or-month": N_("give --week or --month, not both"),
    "when-in-future": N_("when: that is in the future; press f on the card to plan a follow-up"),
    "when-unreadable": N_("when: a date and time, e.g. 2026-03-10 14:00"),
    # each business area keeps its words in its own module
    **OFFICE_MESSAGES,
    **MONEY_MESSAGES,
    **AFTERSALE_MESSAGES,
    **REPORTS_MESSAGES,
}
