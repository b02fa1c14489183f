"""The goals of the second performance round (issue 18), checked against one run's results:
the morning commands against taskwarrior in the same run, ``crm plan`` before and after a write,
``crm --help`` against a one-command Typer app, the TUI in a real terminal."""

from __future__ import annotations

from typing import Any

from report_format import NA, ms, verdict


def _spread(e: dict[str, Any]) -> str:
    if not e.get("median"):
        return "–"
    return f"{ms(e['median'])} ({ms(e['min'])}–{ms(e['max'])})"


def rows(r: dict[str, Any]) -> list[list[Any]]:
    cmds, ref = r["cli"]["commands"], r.get("reference", {})
    out: list[list[Any]] = []
    tw = r.get("peers", {}).get("taskwarrior", {})
    paired = tw.get("paired", {})
    today = paired.get("median") or cmds.get("crm today", {}).get("median")
    if tw.get("ratio") is not None:
        pairs = tw.get("pair_ratios") or [tw["ratio"]]
        out.append(
            [
                "`crm today` ≤ 1.0× `task list` (alternating runs, same run)",
                f"{tw['ratio']:.2f}× ({_spread(paired)} / {_spread(tw)}; "
                f"per pair {min(pairs):.2f}–{max(pairs):.2f})",
                verdict(tw["ratio"], 1.0, ""),
            ]
        )
    else:
        out.append(["`crm today` ≤ 1.0× `task list`", "–", tw.get("skipped", NA)])
    out.append(["`crm today` ≤ 250 ms", ms(today), verdict(today, 0.25)])
    plan = cmds.get("crm plan", {})
    out.append(["`crm plan` ≤ 300 ms", _spread(plan), verdict(plan.get("median"), 0.3)])
    after = cmds.get("crm plan after crm log", {})
    out.append(
        [
            "`crm plan` right after a `crm log` (computed again; no goal set)",
            _spread(after) if after.get("median") else after.get("error") or "–",
            "–",
        ]
    )
    help_, one = cmds.get("crm --help", {}), ref.get("one-command Typer app --help", {})
    if help_.get("median") and one.get("median"):
        ratio = help_["median"] / one["median"]
        out.append(
            [
                "`crm --help` ≤ 1.2× a one-command Typer app's `--help`",
                f"{ratio:.2f}× ({ms(help_['median'])} / {ms(one['median'])})",
                verdict(ratio, 1.2, ""),
            ]
        )
    term = r.get("terminal", {})
    out.append(
        [
            "TUI desktop filled in a real terminal (tmux 160×50, from launch) ≤ 0.8 s",
            _spread(term) if term.get("median") else term.get("error") or term.get("skipped", NA),
            verdict(term.get("median"), 0.8) if term.get("median") else NA,
        ]
    )
    return out
