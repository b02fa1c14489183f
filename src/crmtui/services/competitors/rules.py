"""How a deal's competitors read in one line (the card in the terminal and in the app)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from crmtui.i18n import _


def deal_text(opportunity: Mapping[str, Any]) -> str:
    """The next step (or the lost reason) and who competes for it or won it:
    ``price · lost to 大隈机床``, ``send the quote · vs Contoso, 华强``."""
    lost = opportunity["stage"] == "lost"
    text = (opportunity["lost_reason"] if lost else opportunity["next_step"]) or ""
    rivals = opportunity.get("competitors") or []
    winners = [c["name"] for c in rivals if c["role"] == "lost-to"]
    others = [c["name"] for c in rivals if c["role"] != "lost-to"]
    parts = [text] if text else []
    if winners:
        parts.append(_("lost to {names}").format(names=", ".join(winners)))
    if others:
        parts.append(_("vs {names}").format(names=", ".join(others)))
    return " · ".join(parts)
