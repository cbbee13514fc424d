"""Rendered charts kept on disk, keyed by what makes them differ, so a chart seen again costs no ``dot`` run.

The key holds the chart's parameters, the format, the language, the day, and what the viewer may see (role,
their person, the site's ``visitor_names`` setting, the accounts' privacy choices and people, their last visit);
charts live in one folder per data version, and writing into the current version's folder removes the folders of
older versions.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
from pathlib import Path
from typing import Any

_UNSAFE = re.compile(r"[^0-9A-Za-z_.-]")


def cache_key(parts: dict[str, Any]) -> str:
    """A short, stable file name for ``parts`` (JSON-able)."""
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str).encode()).hexdigest()[:40]


def version_folder(root: Path, version: str) -> Path:
    """The folder of the charts of one data version."""
    return root / ("v" + _UNSAFE.sub("_", version))


def read(root: Path, version: str, key: str, fmt: str) -> tuple[bytes, dict[str, Any]] | None:
    """The cached drawing and its facts, or None when not cached."""
    folder = version_folder(root, version)
    try:
        meta = json.loads((folder / f"{key}.json").read_text("utf-8"))
        data = (folder / f"{key}.{fmt}").read_bytes() if meta.get("status") == "ready" else b""
    except (OSError, ValueError):
        return None
    return data, meta


def _replace(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + f".{os.getpid()}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)  # readers never see half a file


def write(root: Path, version: str, key: str, fmt: str, data: bytes, meta: dict[str, Any]) -> None:
    """Keep a drawing (written before its facts, which mark it complete) and forget older versions."""
    folder = version_folder(root, version)
    folder.mkdir(parents=True, exist_ok=True)
    if data:
        _replace(folder / f"{key}.{fmt}", data)
    _replace(folder / f"{key}.json", json.dumps(meta, default=str).encode("utf-8"))
    for other in root.iterdir():
        if other.is_dir() and other != folder:
            shutil.rmtree(other, ignore_errors=True)


def job_marker(root: Path, version: str, key: str) -> int | None:
    """The id of the job drawing this chart, if one was started."""
    try:
        return int((version_folder(root, version) / f"{key}.job").read_text())
    except (OSError, ValueError):
        return None


def mark_job(root: Path, version: str, key: str, job_id: int) -> None:
    """Remember which job draws this chart (so that reloading the page does not start another)."""
    folder = version_folder(root, version)
    folder.mkdir(parents=True, exist_ok=True)
    _replace(folder / f"{key}.job", str(job_id).encode())
