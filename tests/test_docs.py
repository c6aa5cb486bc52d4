"""Documentation stays in step with the code: commands, settings and the JSON contract."""

import json
import re
from pathlib import Path

import pytest

from newsledger.cli import main
from newsledger.settings import SETTINGS

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")
SCHEMA_DOC = (ROOT / "docs" / "schema.md").read_text(encoding="utf-8")
SCHEMA = json.loads((ROOT / "src" / "newsledger" / "schema" / "article_result.schema.json").read_text())


def test_readme_starts_with_the_two_setup_commands():
    first_block = re.search(r"```sh\n(.*?)```", README, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines() if line.strip()]
    assert commands == ["make run", "make test"]


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help_with_an_example_and_is_in_the_readme(name):
    command = main.commands[name]
    assert command.help and "Example:" in command.help
    assert f"newsledger {name}" in README


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_documented(setting):
    assert setting.help
    assert f"| `{setting.name}` |" in README


def _schema_fields():
    names = set(SCHEMA["properties"]) | set(SCHEMA["properties"]["article"]["properties"])
    for definition in SCHEMA["$defs"].values():
        names |= set(definition.get("properties", {}))
    return sorted(names)


@pytest.mark.parametrize("field", _schema_fields())
def test_every_json_field_is_documented(field):
    assert f"`{field}`" in SCHEMA_DOC or re.search(rf"\b{field}\b", SCHEMA_DOC)


def test_model_fields_and_schema_agree():
    """Every dataclass field serialised by to_json is declared in the JSON Schema (and nothing extra is required)."""
    from dataclasses import fields

    from newsledger import model

    pairs = {"entity": model.Entity, "time": model.TimeExpr, "place": model.Place, "quote": model.Quote,
             "count": model.Count, "event": model.Event, "removal": model.Removal}
    for name, cls in pairs.items():
        declared = set(SCHEMA["$defs"][name]["properties"])
        assert {f.name for f in fields(cls)} == declared, name
    article_declared = set(SCHEMA["properties"]["article"]["properties"])
    assert {f.name for f in fields(model.Article)} - {"raw_text"} == article_declared
