"""Exception classes, one per failure a user can act on."""

from __future__ import annotations


class NewsledgerError(Exception):
    """Base class: every error newsledger raises on purpose."""


class UnreadableInput(NewsledgerError):
    """An input file cannot be decoded or parsed; the message names file and reason."""


class UnsupportedFormat(NewsledgerError):
    """An input's format is not one newsledger reads."""


class EmptyArticle(NewsledgerError):
    """An input holds no article text after cleaning."""


class BadDate(NewsledgerError):
    """A user-supplied date (e.g. ``--published``) cannot be parsed."""


class ArticleNotFound(NewsledgerError):
    """No article with that id is stored."""


class SchemaTooNew(NewsledgerError):
    """The database was written by a newer newsledger than this one."""
