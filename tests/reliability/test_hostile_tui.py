"""Item 6 for the TUI, with the full hostile set (C1 controls, OSC 52, titles, 20,000-character
values, NUL): every screen renders, what it draws holds no control character, no title carries
one to the terminal, and no text acts as markup or an action.

(tests/tui/test_tui_safety.py checks the same for a smaller set, panel by panel.)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.reliability.hostile import ESCAPES, MARKUP, bad_characters

pytestmark = pytest.mark.slow


def _titles(app: Any) -> list[str]:
    values = [app.title, app.sub_title, app.screen.title or "", app.screen.sub_title or ""]
    return [str(v) for v in values]


async def test_every_screen_survives_hostile_data(hostile: Any, tmp_path: Path) -> None:
    from crmtui.app import CrmApp
    from crmtui.screens.card import CardScreen
    from tests.tui.tui_helpers import settle

    stored = hostile
    app = CrmApp()
    shots: list[str] = []
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        shots.append(app.export_screenshot())
        await pilot.press("slash")
        await settle(pilot)
        shots.append(app.export_screenshot())
        await pilot.press("p")
        await settle(pilot)
        shots.append(app.export_screenshot())
        for customer_id in [stored["long_id"], *sorted(stored["customers"])[:4]]:
            app.open_card(customer_id)
            await settle(pilot)
            assert isinstance(app.screen, CardScreen)
            shots.append(app.export_screenshot())
            for title in _titles(app):
                assert bad_characters(title) == [], repr(title)
            await pilot.click("#card-header")
            await pilot.press("escape")
            await settle(pilot)
        assert app.is_running, "no [@click=...] text may act"
        for title in _titles(app):
            assert bad_characters(title) == []
    for shot in shots:
        assert bad_characters(shot) == [], bad_characters(shot)
    everything = "\n".join(shots)
    # shown literally (the SVG escapes &, < and >)
    assert "␛]0;PWNED-TITLE␇" in everything
    assert "&lt;U+202E&gt;" in everything or "<U+202E>" in everything
    for markup in MARKUP[:3]:
        assert markup.replace("&", "&amp;") in everything.replace("\u00a0", " "), markup
    assert ESCAPES["clipboard"] not in everything
