"""`veikart schema`: draft-07 schemas a real validator (jsonschema) applies both ways."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import FIXTURES, ROOT, Run

jsonschema = pytest.importorskip("jsonschema")

# Codes for shape errors a schema can see in one file alone; the rest need veikart
# (YAML-level traps, amounts' grammar, checks across files, band arithmetic).
SHAPE_CODES = {
    "wrong-type",
    "missing-key",
    "unknown-key",
    "bad-id",
    "bad-flag",
    "unknown-driver",
    "missing-evidence",
    "unknown-level",
    "unknown-element",
    "missing-element",
    "unknown-status",
    "unknown-colour",
    "rule-kind-mismatch",
    "no-sources",
    "unknown-rule-kind",
    "empty-value",
}


def schema(run: Run, *args: str) -> dict[str, Any]:
    result = run("schema", *args)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    jsonschema.Draft7Validator.check_schema(document)
    assert document["$schema"] == "http://json-schema.org/draft-07/schema#"
    return document


class Yaml12Loader(yaml.SafeLoader):
    """YAML 1.2's core schema, as editors' language servers and check-jsonschema read files:
    only true/false are booleans, so `yes` and `NO` stay text."""


Yaml12Loader.yaml_implicit_resolvers = {}
for tag, pattern, first in (
    ("bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("int", r"^[-+]?[0-9]+$|^0o[0-7]+$|^0x[0-9a-fA-F]+$", "-+0123456789"),
    ("float", r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$", "-+.0123456789"),
    ("null", r"^(?:~|null|Null|NULL|)$", "~nN"),
):
    Yaml12Loader.add_implicit_resolver(f"tag:yaml.org,2002:{tag}", re.compile(pattern), list(first) or None)


def errors(document: dict[str, Any], path: Path) -> list[str]:
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=Yaml12Loader)
    return [e.message for e in jsonschema.Draft7Validator(document).iter_errors(data)]


def test_the_shipped_files_are_valid_under_both_schemas(run: Run) -> None:
    area, criteria = schema(run, "area"), schema(run, "criteria")
    for path in sorted((ROOT / "areas").glob("*.yaml")):
        assert errors(area, path) == [], path
    for path in sorted((ROOT / "criteria").glob("*.yaml")):
        assert errors(criteria, path) == [], path


def test_the_area_schema_names_the_frameworks_vocabulary(run: Run) -> None:
    area = schema(run)
    evidence = area["properties"]["evidence"]
    assert evidence["required"] == ["verdiskaping", "lokale-behov", "lokale-fortrinn", "terskel"]
    level = evidence["properties"]["lokale-behov"]["properties"]["level"]["oneOf"][0]
    assert level == {"enum": ["prioritert", "fokus", "ikke-i-plan"]}


def shape_problems() -> list[tuple[Path, str]]:
    """(case, file) for every expected problem a schema can see in that file alone."""
    found = []
    for case in sorted((FIXTURES / "invalid").iterdir()):
        problems = []
        for line in (case / "expected.txt").read_text().splitlines():
            file, code = line.split(":", 1)[0], line.rsplit("[", 1)[1].rstrip("]")
            in_criteria = file.startswith("criteria/")
            if code in SHAPE_CODES and not (in_criteria and code == "unknown-colour"):  # colours: a cross-reference
                problems.append((case, file))
        if any(file.startswith("criteria/") for _, file in problems):  # the areas' problems follow from it
            problems = [(case, file) for case, file in problems if file.startswith("criteria/")]
        found += problems
    return sorted(set(found))


@pytest.mark.parametrize("case, file", shape_problems(), ids=lambda v: v.name if isinstance(v, Path) else v)
def test_the_schemas_reject_the_shape_errors_of_the_invalid_corpus(run: Run, case: Path, file: str) -> None:
    if file.startswith("criteria/"):
        document = schema(run, "criteria")
    elif (case / "criteria").is_dir():
        document = schema(run, "area", "--criteria", str(case / "criteria"))
    else:
        document = schema(run, "area")
    assert errors(document, case / file), f"{case.name}/{file} passed the schema"


def test_schema_is_written_like_any_output(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "area.schema.json"
    assert run("schema", "-o", str(target)).exit_code == 0
    assert json.loads(target.read_text())["title"].startswith("veikart area")


def every_property(node: Any, path: str = "") -> list[tuple[str, Any]]:
    found = []
    if isinstance(node, dict):
        for name, value in node.get("properties", {}).items():
            found.append((f"{path}/{name}", value))
        for key, value in node.items():
            found += every_property(value, f"{path}/{key}")
    elif isinstance(node, list):
        for i, item in enumerate(node):
            found += every_property(item, f"{path}/{i}")
    return found


@pytest.mark.parametrize("folder", ["", "examples/energiomstilling", "examples/prosjektstatus", "examples/kpi-mal"])
def test_every_property_of_both_schemas_has_a_description(run: Run, folder: str) -> None:
    """Editors show descriptions on hover: none may be missing, in either schema."""
    documents = [schema(run, "criteria"), schema(run, "area", *([folder] if folder else []))]
    for document in documents:
        missing = [path for path, value in every_property(document) if "description" not in value]
        assert not missing, missing


def test_a_key_named_alike_in_two_places_is_described_for_each(run: Run) -> None:
    """'by' is who set an override, and the target year of a trend: an editor must not mix them up."""
    area = dict(every_property(schema(run, "area")))
    criteria = [value for path, value in every_property(schema(run, "criteria")) if path.endswith("/trend/by")]
    assert area["/definitions/override/by"]["description"] == "Who set the colour by judgement."
    assert criteria and all("year" in value["description"] for value in criteria)
