"""Hostile text: what a customer file can hold when data comes from imports, e-mails and web forms.

``seed`` writes it into every text field the CLI shows, through the ordinary services, and
returns what was stored so tests can check it comes back exactly.
"""

from __future__ import annotations

import re
import sqlite3
from datetime import timedelta
from typing import Any

from crmtui import clock

# Terminal commands: each would do something if it reached a terminal raw.
ESCAPES = {
    "title": "\x1b]0;PWNED-TITLE\x07",
    "title_st": "\x1b]2;PWNED-TITLE2\x1b\\",
    "clipboard": "\x1b]52;c;cm0gLXJmIH4K\x07",
    "clear": "\x1b[2J\x1b[3J\x1b[H",
    "reset": "\x1bc",
    "c1_csi": "\x9b2J",
    "c1_osc": "\x9d0;C1-TITLE\x9c",
    "hyperlink": "\x1b]8;;https://evil.example/\x1b\\LINK\x1b]8;;\x1b\\",
    "dcs": '\x1bP$q"p\x1b\\',
    "sgr": "\x1b[31;5;7mRED",
    "report": "\x1b[6n\x1b[21t",
    "altscreen": "\x1b[?1049h\x1b[?1000h",
    "bell": "DING\x07\x07",
    "backspace": "abc\x08\x08\x08XYZ",
    "carriage": "shown\rHIDDEN",
    "vtab": "v\x0bf\x0cs\x1fend",
    "bidi": "\u202egnp.exe\u202c \u2066iso\u2069\u200f\u200e\u061c",
    "delete": "del\x7f",
    "nel": "nel\x85line",
}
# Rich and Textual markup look-alikes: must show as typed, never style or act.
MARKUP = [
    "[bold]B[/bold]",
    "a[/]b",
    "[@click=app.quit]Q[/]",
    "[link=https://evil.example]L[/link]",
    "[red",
    "\\[esc]",
    "[on red]x[/]",
    "[$accent]v",
    ":warning: :smile:",
    "[b][i]unclosed",
]
# Characters that must never reach a terminal from user data.
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
FORBIDDEN = re.compile("[\x00-\x08\x0b-\x0c\x0e-\x1f\x7f\x80-\x9f" + BIDI + "]")
SGR = re.compile(rb"\x1b\[[0-9;]*m")


def bad_characters(text: str) -> list[str]:
    """Every control or bidi character in ``text`` (CR, LF and tab are fine)."""
    return sorted({repr(ch) for ch in FORBIDDEN.findall(text)})


def seed(db: Any) -> dict[str, Any]:
    """Customers, contacts, actions, opportunities, notes and tags made of hostile text."""
    from crmtui.services.activities.write import log_activity, plan_activity
    from crmtui.services.common.timeparse import Birthday
    from crmtui.services.contacts.write import create_contact
    from crmtui.services.customers.write import create_customer, trash_customer
    from crmtui.services.notes.write import add_note
    from crmtui.services.sales.write import create_opportunity, move_opportunity

    now = clock.now()
    stored: dict[str, Any] = {"customers": {}, "contacts": {}, "notes": [], "opps": []}
    with db.session() as s:
        for i, (label, esc) in enumerate(ESCAPES.items()):
            name = f"E{i:02d}-{label}:{esc}"
            c = create_customer(
                s,
                now=now,
                name=name,
                company_name=f"co{esc}",
                city=f"city{esc}",
                email=f"m{i}{esc}@example.com".replace(" ", ""),
                phones=[f"+1 212 555 01{i:02d}{esc}"[:64]],
                tags=[f"t{i}{esc}"[:100], MARKUP[i % len(MARKUP)]],
                notes=f"notes {esc} end",
                industry=f"ind{esc}",
                source=f"src{esc}",
                personality=f"p{esc}",
            )
            assert c.id is not None
            stored["customers"][c.id] = name
            p = create_contact(
                s,
                now=now,
                customer_id=c.id,
                name=f"P{i:02d}{esc}",
                role=f"role{esc}",
                phones=[f"+1 646 555 01{i:02d}{esc}"[:64]],
                email=f"p{i}{esc}@example.com".replace(" ", ""),
                birthday=Birthday(11, 25, 1980, False),
                notes=f"cn{esc}",
            )
            assert p.id is not None
            stored["contacts"][p.id] = p.name
            log_activity(
                s,
                now=now,
                customer_id=c.id,
                contact_id=p.id,
                outcome="reached",
                at=now - timedelta(hours=1),
                note=f"log{esc}",
            )
            plan_activity(
                s,
                now=now,
                customer_id=c.id,
                contact_id=p.id,
                due_at=now + timedelta(hours=2 + i),
                note=f"plan{esc}",
            )
            opp = create_opportunity(
                s,
                now=now,
                customer_id=c.id,
                title=f"deal{esc}",
                next_step=f"next{esc}",
                amount=100 * (i + 1),
            )
            stored["opps"].append(opp.title)
            if i % 3 == 0:
                assert opp.id is not None
                move_opportunity(
                    s,
                    now=now,
                    opportunity_id=opp.id,
                    stage="lost",
                    lost_reason=f"why{esc}",
                    competitor=f"rival{esc}",
                )
            body = f"pinned{esc}" if i % 2 else f"body{esc}"
            add_note(s, now=now, body=body, customer_id=c.id, pinned=bool(i % 2))
            stored["notes"].append(body)
        for j, markup in enumerate(MARKUP):
            c = create_customer(
                s, now=now, name=markup, notes=markup, tags=[f"m{j}"], company_name=markup
            )
            assert c.id is not None
            stored["customers"][c.id] = markup
        long_name = ("L" + "".join(ESCAPES.values()))[:200]
        long_notes = ("".join(ESCAPES.values()) + "".join(MARKUP) + "长文本") * 60
        # (the card shows ``needs``; its ``notes`` key is taken by the customer's note list)
        c = create_customer(s, now=now, name=long_name, needs=long_notes[:20_000])
        stored["long_text"] = long_notes[:20_000]
        assert c.id is not None
        stored["customers"][c.id] = long_name
        stored["long_id"] = c.id
        gone = create_customer(s, now=now, name=f"trashed{ESCAPES['title']}")
        assert gone.id is not None
        stored["trashed_id"] = gone.id
        trash_customer(s, customer_id=gone.id, now=now)
    # Names are trimmed of surrounding white space when stored; keep what was stored.
    conn = sqlite3.connect(db.location.path)
    for cid in stored["customers"]:
        stored["customers"][cid] = conn.execute(
            "SELECT name FROM customer WHERE id = ?", (cid,)
        ).fetchone()[0]
    conn.close()
    # NUL cannot be typed on a command line; put some in directly, as other tools might.
    conn = sqlite3.connect(db.location.path)
    with conn:
        conn.execute(
            "UPDATE customer SET personality = :v WHERE id = :id",
            {"v": "nul\x00here", "id": stored["long_id"]},
        )
        conn.execute(
            "UPDATE contact SET role = :v WHERE id = (SELECT min(id) FROM contact)",
            {"v": "r\x00le"},
        )
    conn.close()
    return stored
