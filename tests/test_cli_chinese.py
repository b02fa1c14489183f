"""The command line in Chinese: help, messages and tables, laid out in terminal cells."""

from __future__ import annotations

import re
from typing import Any

from rich.cells import cell_len
from typer.testing import CliRunner

from crmtui import i18n
from crmtui.cli import build_app
from crmtui.cli.helptext import first_sentence, wrap

_runner = CliRunner()
HAN = re.compile(r"[\u4e00-\u9fff]")


def zh(*args: str, ok: bool = True) -> Any:
    """Run crm in Chinese, as ``crm --lang zh ...`` does (the app is built after the switch)."""
    i18n.set_language("zh")
    result = _runner.invoke(build_app(), list(args))
    if ok:
        assert result.exit_code == 0, f"crm {' '.join(args)} → {result.exit_code}\n{result.output}"
    return result


def test_main_help_is_chinese_and_fits_80_columns() -> None:
    out = zh("--help").output
    assert out.startswith("用法：root [选项] 命令 [参数]...")  # CliRunner names it root
    assert "选项：" in out and "命令：" in out
    assert "显示此帮助并退出。" in out
    assert "今日桌面：生日、本周行动" in out
    commands = out.split("命令：", 1)[1].strip().splitlines()
    # every command is described in Chinese (the command names themselves are typed, so English)
    described = [line for line in commands if line.startswith("  ") and not line.startswith("    ")]
    assert len(described) > 30
    assert all(HAN.search(line) for line in described), described
    assert max(cell_len(line) for line in out.splitlines()) <= 80


def test_command_help_translates_options_defaults_and_required() -> None:
    out = zh("log", "--help").output
    assert "记录已发生的电话、拜访或其他联系" in out
    assert "参数：" in out and "[必填]" in out and "[默认：call]" in out
    assert "接通|未接|占线|语音信箱" in out
    assert "Show this message" not in out
    assert max(cell_len(line) for line in out.splitlines()) <= 80


def test_english_help_is_untouched_by_the_chinese_run() -> None:
    zh("--help")
    i18n.set_language("en")
    out = _runner.invoke(build_app(), ["log", "--help"]).output
    assert out.startswith("Usage: root log [OPTIONS] {customer}")
    assert "Show this message and exit." in out


def test_wrapping_counts_wide_characters_twice() -> None:
    lines = wrap("今日桌面：生日、本周行动、今天的电话、最近工作、本月概况", 20)
    assert all(cell_len(line) <= 20 for line in lines)
    assert "".join(lines) == "今日桌面：生日、本周行动、今天的电话、最近工作、本月概况"
    # punctuation stays with the character before it, latin words stay whole
    assert not any(line.startswith(("，", "、", "。")) for line in lines)
    assert wrap("call|visit|email 电话", 12) == ["call|visit|", "email 电话"]


def test_the_command_list_shows_the_first_sentence_outside_brackets() -> None:
    assert (
        first_sentence("备份数据库（即使运行；权限 0600）。其余")
        == "备份数据库（即使运行；权限 0600）"
    )
    assert first_sentence("导入客户；单一事务") == "导入客户"


def test_usage_errors_are_chinese_and_english_stays_as_click_writes_it() -> None:
    out = zh("show", ok=False)
    assert out.exit_code == 2
    assert "运行 'root show -h' 查看帮助。" in out.output
    assert "错误：缺少参数 'customer'。" in out.output
    assert "Error" not in out.output and "Try" not in out.output
    extra = zh("customers", "--limt", "3", ok=False).output
    assert "错误：没有选项 --limt（您是不是要用 --limit？）" in extra
    i18n.set_language("en")
    english = _runner.invoke(build_app(), ["show"]).output
    assert "Try 'root show -h' for help." in english
    assert "Error: Missing argument 'customer'." in english


def test_click_messages_not_recognised_pass_through() -> None:
    from crmtui.cli.usage_errors import message_text

    i18n.set_language("zh")
    assert message_text("Got unexpected extra argument(s) (2 3)") == "多出的参数：2 3"
    assert message_text("Option '--limit' requires an argument.") == "选项 '--limit' 需要一个值。"
    assert message_text("金额不能为负数：-5") == "金额不能为负数：-5"


def test_input_names_in_error_lines_are_translated() -> None:
    out = zh("pay", "1", "-5", ok=False)
    assert out.exit_code == 1
    assert "金额不能为负数：-5" in out.output
    i18n.set_language("en")
    english = _runner.invoke(build_app(), ["pay", "1", "-5"]).output
    assert "an amount cannot be negative: -5" in english


def test_an_event_that_is_open_is_not_a_complaint_that_is_open() -> None:
    from crmtui.services.aftersale.rules import word
    from crmtui.services.events.rules import status_word

    i18n.set_language("zh")
    assert status_word("open") == "报名中"
    assert status_word("closed") == "已结束"
    assert word("open") == "已受理"  # the complaint's own words are unchanged
    i18n.set_language("en")
    assert status_word("open") == "open"


def test_import_report_is_chinese(tmp_path: Any) -> None:
    sheet = tmp_path / "客户.csv"
    sheet.write_text("姓名,手机\n张三,13800138000\n李四,13900139000\n", encoding="utf-8")
    out = zh("import", str(sheet), "--dry-run").output
    assert "将添加 2 个客户" in out and "试运行：没有写入任何内容" in out
    assert "would add" not in out and "dry run" not in out
