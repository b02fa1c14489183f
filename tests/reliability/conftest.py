"""Fixtures of the reliability tests: the hostile-text database is built once and copied."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PINNED_NOW


@pytest.fixture(scope="session")
def hostile_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Any]]:
    from crmtui.db.engine import open_database
    from tests.reliability.hostile import seed

    root = tmp_path_factory.mktemp("hostile")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("CRM_NOW", PINNED_NOW)
        mp.setenv("CRM_TZ", "Asia/Shanghai")
        mp.setenv("CRM_DATA_DIR", str(root))
        mp.setenv("CRM_CONFIG", str(root / "config.toml"))
        db = open_database(str(root / "hostile.db"))
        stored = seed(db)
        db.dispose()
    yield root / "hostile.db", stored


@pytest.fixture
def hostile(isolated: Path, hostile_template: tuple[Path, Any]) -> Any:
    """This test's database (CRM_DB) holds the hostile set; returns what was stored."""
    template, stored = hostile_template
    target = Path(os.environ["CRM_DB"])
    target.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    shutil.copyfile(template, target)
    os.chmod(target, 0o600)
    return stored
