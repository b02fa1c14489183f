"""The tools a salesperson would otherwise use, set up with data equivalent to crmtui's:

* taskwarrior (Debian package ``taskwarrior``): 10,000 pending tasks, the demo's planned calls
  and visits ("call 上海宏达机械有限公司: 约了下周拜访"), imported as JSON;
* khard (PyPI, in its own virtualenv under ``bench/.cache`` so crmtui's stays clean): 10,000
  vCards, the demo's contacts (every 张伟 among them) with company, role, phone, email, birthday.

Each lives under ``bench/.cache/peers`` with HOME, TASKRC/TASKDATA and the khard config pointing
there, so nothing of the user's own is read or changed. A peer that cannot be installed is
skipped with the reason.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import uuid
from pathlib import Path
from typing import Any

from dataset import CACHE

PEERS = CACHE / "peers"
N = 10_000


def _log_run(argv: list[str], log: Any, **kw: Any) -> bool:
    done = subprocess.run(argv, capture_output=True, text=True, **kw)
    if done.returncode != 0:
        log(f"  {' '.join(argv[:4])} ... failed: {(done.stderr or done.stdout).strip()[-300:]}")
    return done.returncode == 0


# -- taskwarrior ------------------------------------------------------------------------------


def taskwarrior(demo_db: Path, *, install: bool, log: Any = print) -> dict[str, Any]:
    """Returns {"argv", "env", "version", "tasks"} or {"skipped": reason}."""
    task = shutil.which("task")
    if task is None and install:
        log("installing taskwarrior (apt-get install taskwarrior) ...")
        env = os.environ | {"DEBIAN_FRONTEND": "noninteractive"}
        if _log_run(["apt-get", "update", "-qq"], log, env=env):
            _log_run(["apt-get", "install", "-y", "-qq", "taskwarrior"], log, env=env)
        task = shutil.which("task")
    if task is None:
        return {"skipped": "taskwarrior is not installed and could not be installed with apt-get"}
    home = PEERS / "taskwarrior"
    data = home / "data"
    rc = home / "taskrc"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TASK", "CRM_"))}
    env |= {
        "HOME": str(home),
        "TASKRC": str(rc),
        "TASKDATA": str(data),
        "COLUMNS": "120",
        "LINES": "40",
    }
    version = subprocess.run([task, "--version"], capture_output=True, text=True, env=env).stdout
    marker = home / f"imported-{N}-from-{demo_db.stem}"
    if not marker.exists():
        shutil.rmtree(home, ignore_errors=True)
        data.mkdir(parents=True)
        # Only what keeps it quiet and local; reports stay at their defaults.
        rc.write_text(f"data.location={data}\nconfirmation=off\nnews.version={version.strip()}\n")
        tasks = _tasks(demo_db)
        source = home / "tasks.json"
        source.write_text(json.dumps(tasks, ensure_ascii=False))
        log(f"importing {len(tasks):,} tasks into taskwarrior ...")
        if not _log_run([task, "rc.verbose=nothing", "import", str(source)], log, env=env):
            return {"skipped": "task import failed"}
        marker.write_text(str(len(tasks)))
    return {
        "argv": [task, "list"],
        "env": env,
        "version": f"taskwarrior {version.strip()}",
        "tasks": int(marker.read_text()),
    }


def _tasks(demo_db: Path) -> list[dict[str, Any]]:
    conn = sqlite3.connect(f"file:{demo_db}?mode=ro", uri=True)
    rows = conn.execute(
        "SELECT a.id, a.kind, a.due_at, a.note, c.name, c.stage FROM activity a "
        "JOIN customer c ON c.id = a.customer_id WHERE a.done_at IS NULL "
        "ORDER BY a.id LIMIT ?",
        (N,),
    ).fetchall()
    if len(rows) < N:  # top up with done activities turned into follow-ups
        rows += conn.execute(
            "SELECT a.id, a.kind, a.done_at, a.note, c.name, c.stage FROM activity a "
            "JOIN customer c ON c.id = a.customer_id WHERE a.done_at IS NOT NULL "
            "ORDER BY a.id LIMIT ?",
            (N - len(rows),),
        ).fetchall()
    conn.close()

    def stamp(text: str) -> str:
        return text[:19].replace("-", "").replace(":", "").replace(" ", "T") + "Z"

    return [
        {
            "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"crm-activity-{aid}")),
            "description": f"{kind} {customer}: {note or ''}".strip(),
            "status": "pending",
            "entry": "20261101T000000Z",
            "due": stamp(due),
            "project": stage,
            "tags": [kind],
        }
        for aid, kind, due, note, customer, stage in rows
    ]


# -- khard ---------------------------------------------------------------------------------------


def khard(demo_db: Path, *, install: bool, log: Any = print) -> dict[str, Any]:
    venv = PEERS / "khard-venv"
    exe = venv / "bin" / "khard"
    if not exe.exists() and install:
        log("installing khard into bench/.cache/peers/khard-venv (pip install khard) ...")
        shutil.rmtree(venv, ignore_errors=True)
        base = getattr(sys, "_base_executable", sys.executable)
        if _log_run([base, "-m", "venv", str(venv)], log):
            _log_run([str(venv / "bin" / "pip"), "install", "-q", "khard"], log)
    if not exe.exists():
        return {"skipped": "khard is not installed and could not be installed with pip"}
    home = PEERS / "khard"
    book = home / "book"
    conf = home / "khard.conf"
    marker = home / f"cards-{N}-from-{demo_db.stem}"
    if not marker.exists():
        shutil.rmtree(home, ignore_errors=True)
        book.mkdir(parents=True)
        conf.write_text(KHARD_CONF.format(book=book))
        log(f"writing {N:,} vCards for khard ...")
        written = _vcards(demo_db, book)
        marker.write_text(str(written))
    env = {k: v for k, v in os.environ.items() if not k.startswith("CRM_")}
    env |= {"HOME": str(home), "XDG_CONFIG_HOME": str(home), "COLUMNS": "120", "LINES": "40"}
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True, env=env)
    return {
        "argv": [str(exe), "-c", str(conf), "list"],
        "env": env,
        "version": (version.stdout or version.stderr).strip(),
        "cards": int(marker.read_text()),
    }


KHARD_CONF = """[addressbooks]
[[crm]]
path = {book}

[general]
debug = no
default_action = list
editor = /bin/true
merge_editor = /bin/true

[contact table]
display = formatted_name
group_by_addressbook = no
reverse = no
show_nicknames = no
show_uids = yes
sort = last_name
localize_dates = yes
preferred_phone_number_type = pref, cell, home
preferred_email_address_type = pref, work, home

[vcard]
private_objects = Jabber,
preferred_version = 3.0
search_in_source_files = no
skip_unparsable = no
"""


def _esc(text: str | None) -> str:
    value = text or ""
    return value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")


def _vcards(demo_db: Path, book: Path) -> int:
    conn = sqlite3.connect(f"file:{demo_db}?mode=ro", uri=True)
    rows = conn.execute(
        "SELECT p.id, p.name, p.role, p.phones, p.email, p.birthday_month, p.birthday_day, "
        "p.birthday_year, c.name FROM contact p JOIN customer c ON c.id = p.customer_id "
        # every 张伟 of the demo is in the book, so `khard list 张伟` finds what crm finds
        "ORDER BY instr(p.name, '张伟') = 0, p.id LIMIT ?",
        (N,),
    ).fetchall()
    conn.close()
    for pid, name, role, phones, email, month, day, year, company in rows:
        if " " in name:
            given, family = name.split(" ", 1)
        else:  # Chinese: the surname comes first
            family, given = name[:1], name[1:]
        lines = [
            "BEGIN:VCARD",
            "VERSION:3.0",
            f"UID:crm-contact-{pid}",
            f"FN:{_esc(name)}",
            f"N:{_esc(family)};{_esc(given)};;;",
            f"ORG:{_esc(company)}",
        ]
        if role:
            lines.append(f"TITLE:{_esc(role)}")
        lines += [f"TEL;TYPE=CELL:{p}" for p in json.loads(phones or "[]")]
        if email:
            lines.append(f"EMAIL;TYPE=WORK:{email}")
        if month and day:
            lines.append(
                f"BDAY:{year:04d}-{month:02d}-{day:02d}" if year else f"BDAY:--{month:02d}{day:02d}"
            )
        lines.append("END:VCARD")
        (book / f"crm-contact-{pid}.vcf").write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    return len(rows)
