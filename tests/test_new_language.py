"""A language veikart has no words for needs no code: its tool words are written in English
with a located warning until the framework gives them, and `veikart words` prints the template."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, Run

from veikart_cli.model.vocabulary import BUILTIN, KEYS


@pytest.fixture
def french(tmp_path: Path) -> Path:
    """kpi-mal's method written for a French-speaking city: data texts in one language, 'fr'."""
    shutil.copytree(ROOT / "examples" / "kpi-mal", tmp_path / "ville")
    framework = tmp_path / "ville" / "criteria" / "kpi-mal.yaml"
    text = framework.read_text(encoding="utf-8").replace("languages: [nb]", "languages: [fr]")
    framework.write_text(text.replace("vocabulary:\n  nb:", "vocabulary:\n  fr:"), encoding="utf-8")
    return tmp_path / "ville"


def test_a_language_without_words_scores_with_a_located_warning(run: Run, french: Path) -> None:
    checked = run("validate", str(french))
    assert checked.exit_code == 0 and "missing-vocabulary" in checked.stderr
    assert "kpi-mal.yaml:1:1: warning: language 'fr' lacks" in checked.stderr and "veikart words fr" in checked.stderr
    for fmt in ("table", "markdown", "html", "csv", "json", "svg"):
        result = run("score", str(french), "-f", fmt)
        assert result.exit_code == 0, (fmt, result.output)
    assert run("report", str(french)).exit_code == 0
    assert run("validate", "--strict", str(french)).exit_code == 1  # a warning, counted when strict


def test_the_template_gives_every_word_and_a_filled_one_is_used(run: Run, french: Path) -> None:
    result = run("words", "fr")
    assert result.exit_code == 0
    section = yaml.safe_load(result.stdout)["vocabulary"]["fr"]
    assert list(section) == list(KEYS)
    assert section["area"] == BUILTIN["en"]["area"] and section["cells"] == {"one": "cell", "other": "cells"}
    translated = {
        key: value if isinstance(value, dict) else value.replace("Opportunity area", "Quartier")
        for key, value in section.items()
    }
    framework = french / "criteria" / "kpi-mal.yaml"
    text = framework.read_text(encoding="utf-8")
    start = text.index("vocabulary:")
    end = next(at for at in range(start + 1, len(text)) if text[at - 1] == "\n" and text[at] not in " \n#")
    framework.write_text(
        text[:start] + yaml.safe_dump({"vocabulary": {"fr": translated}}, allow_unicode=True) + text[end:],
        encoding="utf-8",
    )
    checked = run("validate", "--strict", str(french))
    assert checked.exit_code == 0, checked.output
    assert "Quartier" in run("score", str(french), "-f", "markdown").stdout


def test_words_refuses_what_is_not_a_language_code(run: Run) -> None:
    assert run("words", "../../etc").exit_code == 2
    assert run("words", "fr", "--from", "xx").exit_code == 2
