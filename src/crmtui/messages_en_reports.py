"""English error words: the query language, saved queries and reports.

Part of :data:`crmtui.messages_en.MESSAGES`; the same conventions apply there.
"""

from __future__ import annotations

from crmtui.i18n import N_

REPORTS_MESSAGES: dict[str, str] = {
    "query-bad-choice": N_("{term}: {name} takes one of {allowed:list}"),
    "query-bad-date": N_(
        "{term}: {value!r} is not a date; use 2026-11-03, 2026-11, 2026, today "
        "or an age such as 14d, 2w, 3m"
    ),
    "query-bad-man": N_(
        "{term}: write MAN as three letters, upper case yes, lower case no, "
        "? unknown, * either: MAN, MAn, m?N"
    ),
    "query-bad-number": N_(
        "{term}: {value!r} is not a number; use 12, 1.5k, 3w (30000) or 10k..50k"
    ),
    "query-bad-sort": N_("{term}: sort by one of {allowed:list} (- before it for descending)"),
    "query-bad-target": N_("a query runs over one of {allowed:list}, not {name!r}"),
    "query-dash-alone": N_("a '-' must stand right before the term or group it leaves out"),
    "query-empty-group": N_("empty parentheses: put terms between them"),
    "query-never-empty": N_("{term}: {name} is never empty; drop 'none'"),
    "query-with-filters": N_(
        "--query holds every condition: write --search, --stage, --grade, --tag and --sort "
        "in it (stage:customer grade:A tag:vip sort:-created)"
    ),
    "query-no-value": N_("{term}: give a value after the ':'"),
    "query-or-alone": N_("'{term}' needs a term on each side"),
    "query-shape-nested": N_(
        "{term}: sort: and limit: go at the top level, not in a group or after -"
    ),
    "query-too-deep": N_("the query nests groups more than {limit} deep"),
    "query-too-long": N_("the query is too long ({count} characters; at most {limit})"),
    "query-unbalanced": N_("unbalanced '{term}': every '(' needs its ')'"),
    "query-unclosed-quote": N_("{term}: a '\"' is not closed"),
    "query-unknown-field": N_("{term}: unknown field; fields are {allowed:list}"),
    "no-saved-query": N_("no saved query is called {name!r}; save one with crm query save"),
    "no-saved-query-known": N_("no saved query is called {name!r}; saved queries: {known:list}"),
    "query-name-digits": N_("a query name cannot be all digits: {name!r}"),
    "query-name-taken": N_("a query called {name!r} exists; use --replace to change it"),
    "unknown-column": N_("unknown column {value!r}; columns: {allowed:list}"),
    "bad-cut": N_("--cut takes two percents, the first below the second, e.g. 80,95: not {text!r}"),
    "unknown-report": N_("unknown report {name!r}; choose one of: {choices:list}"),
    "report-bad-date": N_("{label}: not a date {text!r}; use YYYY-MM-DD"),
    "report-empty-period": N_("--from {start} is after --to {end}"),
}
