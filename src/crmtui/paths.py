"""Where crmtui keeps its files, each location one small function with an override for tests.

Nothing here runs at import time; folders are created (0700) only when something is written.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "crmtui"


def data_dir() -> Path:
    """The data folder (``CRM_DATA_DIR`` overrides the platform default)."""
    override = os.environ.get("CRM_DATA_DIR")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def config_file() -> Path:
    """``CRM_CONFIG`` or the platform's config folder ``/crmtui/config.toml``."""
    override = os.environ.get("CRM_CONFIG")
    if override:
        return Path(override).expanduser()
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False) / "config.toml"


def default_db_file() -> Path:
    """The embedded default database, ``crm.db`` in the data folder."""
    return data_dir() / "crm.db"


def backup_dir() -> Path:
    """Where ``crm backup`` and pre-migration copies go by default."""
    return data_dir() / "backups"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed and make it 0700: it holds personal data."""
    path.mkdir(parents=True, exist_ok=True)
    os.chmod(path, 0o700)
    return path
