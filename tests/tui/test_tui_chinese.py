"""The app in Chinese at 80×24: the desktop, the card and the planner as text, and the palette
entry that switches the language while the app runs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from rich.cells import cell_len
from textual.pilot import Pilot

from crmtui import i18n
from crmtui.app import CrmApp
from crmtui.config import SETTINGS
from crmtui.screens.card import CardScreen
from crmtui.screens.customers import CustomersScreen
from crmtui.screens.planner import PlannerScreen
from crmtui.screens.today import TodayScreen
from tests.tui.tui_helpers import settle, wait_for

# English words the interface may still show: the product, MAN (the practice's own acronym), zone
# names, setting names and currency codes (typed as they are: crm config set ..., CNY) and the
# names of keys (Esc, Ctrl).
ALLOWED = {"crmtui", "MAN", "Asia/Shanghai", "Esc", "Ctrl", "CNY", *SETTINGS}
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]{2,}")


def screen_text(pilot: Pilot[Any]) -> list[str]:
    """What the terminal shows, one string per row (the text of a screenshot)."""
    return [strip.text for strip in pilot.app.screen._compositor.render_strips()]


def interface_words(lines: list[str], data: set[str]) -> set[str]:
    """English words on screen that are neither user data nor allowed (a value cut to fit a
    column, or wrapped in it, shows as part of a word: any part of data or allowed words counts)."""
    known = "\n".join([*data, *ALLOWED])
    return {w for w in WORD.findall("\n".join(lines)) if w not in known}


def data_words(app: CrmApp) -> set[str]:
    """Every text value of the demo database (names, notes, titles...): user data, any language."""
    values: set[str] = set()
    with app.readers.reader() as reader:
        for table, columns in {
            "customer": ("name", "city", "timezone", "source", "industry", "notes"),
            "contact": ("name", "role", "email"),
            "activity": ("note",),
            "opportunity": ("title", "next_step", "lost_reason"),
            "note": ("body",),
        }.items():
            for row in reader.rows(f"SELECT {', '.join(columns)} FROM {table}", {}):
                values.update(str(v) for v in dict(row).values() if v)
    return values


async def test_desktop_card_and_planner_speak_chinese_at_80x24(demo_db: Path) -> None:
    i18n.set_language("zh")
    app = CrmApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, TodayScreen)
        await wait_for(pilot, lambda: {"main", "plan"} <= app.screen.parts)  # type: ignore[attr-defined]
        data = data_words(app)
        desk = screen_text(pilot)
        assert "今日桌面" in desk[0]
        assert any("今天的电话" in line for line in desk)
        assert any("本周行动" in line for line in desk)
        assert any("记录电话" in line for line in desk), "the footer's keys"
        assert all(cell_len(line) == 80 for line in desk), "every row exactly fills the width"
        assert interface_words(desk, data) == set()

        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, CardScreen))
        await settle(pilot)
        card = screen_text(pilot)
        assert "客户档案" in card[0]
        assert any("购买能力" in line and "决定权" in line and "需求" in line for line in card)
        assert any("资料" in line and "联系记录" in line for line in card), "the tabs"
        assert interface_words(card, data) == set()

        await pilot.press("l")
        await settle(pilot)
        form = screen_text(pilot)
        assert any("结果  1-8" in line for line in form), "the log form"
        assert any("现在" in line for line in form)
        assert interface_words(form, data) == set()
        await pilot.press("escape")
        await settle(pilot)
        for key in ("f", "c", "n", "o"):  # follow-up, contact, note and opportunity forms
            await pilot.press(key)
            await settle(pilot)
            assert interface_words(screen_text(pilot), data) == set(), key
            await pilot.press("escape")
            await settle(pilot)

        await pilot.press("escape", "p")
        await wait_for(pilot, lambda: isinstance(app.screen, PlannerScreen))
        await settle(pilot)
        plan = screen_text(pilot)
        assert any("电话跟进计划" in line for line in plan)
        assert interface_words(plan, data) == set()

        await pilot.press("slash")
        await wait_for(pilot, lambda: isinstance(app.screen, CustomersScreen))
        await settle(pilot)
        listing = screen_text(pilot)
        assert any("名称" in line and "阶段" in line for line in listing), "the column headers"
        assert interface_words(listing, data) == set()


async def test_the_palette_switches_the_language_without_a_restart(demo_db: Path) -> None:
    app = CrmApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert any("Today's calls" in line for line in screen_text(pilot))
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "语言：中文 (Language: Chinese)" in titles
        app.action_switch_language()
        await settle(pilot)
        await wait_for(pilot, lambda: any("今天的电话" in ln for ln in screen_text(pilot)))
        assert i18n.language() == "zh"
        assert 'language = "zh"' in Path(app.config.path).read_text(encoding="utf-8")
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Language: English" in titles and "今天的电话" in titles
        app.action_switch_language()
        await settle(pilot)
        await wait_for(pilot, lambda: any("Today's calls" in ln for ln in screen_text(pilot)))


async def test_the_palette_and_textual_own_words_speak_chinese(demo_db: Path) -> None:
    i18n.set_language("zh")
    app = CrmApp()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        footer = screen_text(pilot)[-1]
        assert "面板" in footer and "palette" not in footer, "the footer's palette key"
        commands = list(app.get_system_commands(app.screen))
        titles = {c.title for c in commands}
        assert {"主题", "截图", "光标下移", "到底部"} <= titles
        assert not {"Theme", "Screenshot", "Cursor down", "Bottom", "Quit"} & titles
        keyed = [c.help for c in commands if c.help.startswith("按键 ")]
        assert keyed and not any(c.help.startswith("key ") for c in commands)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert any("搜索命令" in line for line in screen_text(pilot))
