"""The fixed vocabularies of the domain: stages, grades, outcomes ...

Kept apart from the tables so that the CLI and the app can offer them without importing
SQLModel (a few hundred milliseconds at start-up).
"""

from __future__ import annotations

STAGES = ("potential", "prospect", "customer", "dormant", "lost")
GRADES = ("A", "B", "C")
MAN_VALUES = ("yes", "no", "unknown")
MOTIVES = ("consumer", "manufacturer", "trade", "representative")
ACTIVITY_KINDS = ("call", "visit", "email", "sms", "meeting", "letter", "task")
OUTCOMES = (
    "reached",
    "no-answer",
    "busy",
    "voicemail",
    "appointment",
    "call-back",
    "not-interested",
    "wrong-number",
)
OPP_STAGES = ("lead", "qualified", "proposal", "negotiation", "won", "lost")
SLOT_KINDS = ("busy", "preferred", "do-not-call")
NAME_MAX = 200  # characters in a name or title
TEXT_MAX = 20_000  # characters in a note or profile text
BUSY_TIMEOUT_MS = 5000  # how long a connection waits for another's lock before giving up
