"""The benchmark's data: the 100,000-customer demo database (cached), a customer with 50
activities for ``crm show``, an empty database for imports, and a 100,000-row CSV.

The cache lives in ``bench/.cache``. A cached database is reused only when it was built from the
same demo code, word lists and migrations, with the same size, seed and pinned clock; otherwise
it is built again (and how long that took is recorded).
"""

from __future__ import annotations

import csv
import hashlib
import json
import random
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Mapping
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
PINNED_NOW = "2026-11-23T10:00:00+08:00"  # a Monday morning in Shanghai
ZONE = "Asia/Shanghai"
SEED = 7
CARD_ACTIVITIES = 50
INPROC = HERE / "inproc.py"


def source_root() -> Path:
    """``src/crmtui`` of the checkout being measured (found without importing it)."""
    code = "import crmtui, os; print(os.path.dirname(crmtui.__file__))"
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return Path(found.stdout.strip())


def crm_env(db: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment every measured crm process gets: pinned clock and zone, private folders."""
    import os

    # A shell may forbid writing bytecode (PYTHONDONTWRITEBYTECODE): every run would then
    # compile crmtui's sources again, which no installed crmtui does.
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith("CRM_") and k != "PYTHONDONTWRITEBYTECODE"
    }
    env |= {
        "CRM_NOW": PINNED_NOW,
        "CRM_TZ": ZONE,
        "CRM_CONFIG": str(CACHE / "config.toml"),
        "CRM_DATA_DIR": str(CACHE / "data"),
        "COLUMNS": "120",
        "LINES": "40",
        "PYTHONIOENCODING": "utf-8",
    }
    if db is not None:
        env["CRM_DB"] = str(db)
    return env | extra


def crm_bin() -> str:
    found = Path(sys.executable).with_name("crm")
    return str(found) if found.exists() else shutil.which("crm") or "crm"


def _fingerprint(size: int) -> str:
    root = source_root()
    h = hashlib.sha256(f"{size}|{SEED}|{PINNED_NOW}|{ZONE}|{CARD_ACTIVITIES}".encode())
    files = [
        *sorted((root / "services" / "demo").glob("*.py")),
        *sorted((root / "db" / "migrations" / "versions").glob("*.py")),
    ]
    for f in files:
        if f.exists():
            h.update(f.name.encode() + f.read_bytes())
    return h.hexdigest()[:16]


def demo_database(size: int, *, rebuild: bool = False, log: Any = print) -> dict[str, Any]:
    """The cached demo database of ``size`` customers; built (and timed) when missing or stale.

    Returns its metadata: path, build seconds and when measured, row counts, the card customer.
    """
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"crm-{size}.db"
    meta_path = path.with_suffix(".json")
    key = _fingerprint(size)
    if not rebuild and path.exists() and meta_path.exists():
        meta = json.loads(meta_path.read_text())
        if meta.get("key") == key:
            meta["cached"] = True
            return meta
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    log(f"building the {size:,}-customer demo database (crm demo --size {size}) ...")
    argv = [crm_bin(), "--db", str(path), "demo", "--size", str(size), "--seed", str(SEED)]
    start = time.perf_counter()
    done = subprocess.run(argv, env=crm_env(), capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"crm demo failed: {done.stderr.strip()[-500:]}")
    log(f"  built in {seconds:.1f} s")
    card = json.loads(
        subprocess.run(
            [sys.executable, str(INPROC), "topup", str(path), str(CARD_ACTIVITIES)],
            env=crm_env(path),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    meta = {
        "key": key,
        "path": str(path),
        "size": size,
        "seed": SEED,
        "build_seconds": seconds,
        "built_at": time.strftime("%Y-%m-%d %H:%M:%S"),
        "command": " ".join(["crm", "--db", path.name, *argv[3:]]),
        "counts": counts(path),
        "card": card,
        "bytes": path.stat().st_size,
    }
    meta_path.write_text(json.dumps(meta, indent=2, ensure_ascii=False))
    meta["cached"] = False
    return meta


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = ("customer", "contact", "activity", "opportunity", "search_doc")
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    finally:
        conn.close()


def empty_database(log: Any = print) -> Path:
    """An empty, migrated database (the template each import run starts from)."""
    path = CACHE / "empty.db"
    key_path = path.with_suffix(".key")
    key = _fingerprint(0)
    if path.exists() and key_path.exists() and key_path.read_text() == key:
        return path
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    log("creating an empty database for the import runs ...")
    subprocess.run(
        [crm_bin(), "--db", str(path), "init"], env=crm_env(), capture_output=True, check=True
    )
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    key_path.write_text(key)
    return path


def fresh_copy(template: Path, target: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{target}{suffix}").unlink(missing_ok=True)
    shutil.copyfile(template, target)


# -- a 100,000-row CSV as a salesperson's spreadsheet would have it ---------------------------

CSV_VERSION = 2  # bump when the generator changes: the cached file is then written again
CSV_HEADER = [
    "Name",
    "Company",
    "Title",
    "Mobile",
    "Phone",
    "Email",
    "City",
    "Country",
    "Tags",
    "Notes",
]


def import_csv(rows: int, words: Mapping[str, Any]) -> Path:
    """A deterministic CSV of ``rows`` contacts (60 % Chinese), every phone and email unique."""
    path = CACHE / f"import-{rows}-v{CSV_VERSION}.csv"
    if path.exists() and path.stat().st_size > 0:
        return path
    rng = random.Random(SEED)
    tmp = path.with_suffix(".tmp")
    with open(tmp, "w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(CSV_HEADER)
        for i in range(rows):
            if rng.random() < 0.6:
                name = rng.choice(words["SURNAMES"]) + rng.choice(words["GIVEN"])
                city_cn, _city, prefix, _digits = rng.choice(words["CN_CITIES"])
                trade, (industry, _en) = (
                    rng.choice(words["CN_TRADE_NAMES"]),
                    rng.choice(words["CN_INDUSTRIES"]),
                )
                company = f"{city_cn}{trade}{industry}{rng.choice(words['CN_SUFFIX'])}"
                mobile, phone = f"+86 13{i:09d}", f"{prefix}{rng.randrange(10**7, 10**8)}"
                city, country = city_cn, "CN"
            else:
                name = f"{rng.choice(words['FIRST'])} {rng.choice(words['LAST'])}"
                city, country, _zone, prefix = rng.choice(words["WORLD_CITIES"])
                kind, _industry = rng.choice(words["EN_KIND"])
                brand = rng.choice(words["EN_COMPANY"])
                company = f"{brand} {kind} {rng.choice(words['EN_SUFFIX'])}"
                mobile, phone = f"+1 415 {200 + i // 10_000:03d} {i % 10_000:04d}", ""
            tags = ",".join(rng.sample(words["TAGS"], k=rng.choice([0, 0, 1, 2])))
            out.writerow(
                [
                    name,
                    company,
                    rng.choice(words["ROLES"]),
                    mobile,
                    phone,
                    f"c{i}@example.com",
                    city,
                    country,
                    tags,
                    rng.choice(["", "", rng.choice(words["CALL_NOTES"])]),
                ]
            )
    tmp.replace(path)
    return path
