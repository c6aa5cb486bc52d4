"""newsledger: turn news articles into a sourced, structured ledger of events.

>>> from newsledger import process
>>> result = process(open("samples/000_dee408f9bab61627.txt").read())
>>> [e.type for e in result.events]  # doctest: +SKIP
"""

from __future__ import annotations

import logging

from .model import ArticleResult, to_json
from .pipeline import PIPELINE_VERSION, process

__all__ = ["process", "ArticleResult", "to_json", "PIPELINE_VERSION", "__version__"]
__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
