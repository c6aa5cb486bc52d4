"""The package type-checks: mypy with the project's configuration (pyproject.toml, [tool.mypy]) reports nothing.

mypy is pinned with the test dependencies (requirements.lock, the ``test`` extra). Without it the test is
skipped, except under CI (``CI=true``), where a missing checker is a failure. Its cache stays in .mypy_cache
(gitignored): the first run takes about half a minute, later runs about a second.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_reports_no_errors():
    if importlib.util.find_spec("mypy") is None:
        message = ("mypy is not installed: `pip install -r requirements.lock` (or `make install`) installs the "
                   "pinned version")
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"), "--no-color-output"],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, f"mypy found type errors (exit {proc.returncode}):\n{proc.stdout}{proc.stderr}"
