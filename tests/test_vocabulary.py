"""Every word of a document in its language (issue 13): veikart's words in nb, nn and en, a
framework's own words on top, a clear error for a language with none, marked gaps."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, Run

from veikart_cli.model import vocabulary as words
from veikart_cli.model.types import Text
from veikart_cli.model.vocabulary import BUILTIN, KEYS, Language, language


def copy_data(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "criteria", tmp_path / "criteria")
    shutil.copytree(ROOT / "areas", tmp_path / "areas")
    return tmp_path


def edit(path: Path, old: str, new: str, count: int = -1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, count), encoding="utf-8")


FRAMEWORK = "criteria/trondheim-helse-2021.yaml"


def rename_language(root: Path, old: str, new: str) -> None:
    """The shipped data with every `old:` text key, and the declared language, renamed."""
    for file in [root / FRAMEWORK, *(root / "areas").glob("*.yaml")]:
        text = file.read_text(encoding="utf-8")
        text = text.replace(f"{{{old}: ", f"{{{new}: ").replace(f"  {old}: ", f"  {new}: ")
        text = text.replace(f"- {old}: ", f"- {new}: ")  # a list of texts: '- nb: …' then '  en: …'
        file.write_text(text.replace(f"languages: [{old}, en]", f"languages: [{new}, en]"), encoding="utf-8")


def add_to_framework(root: Path, yaml: str) -> None:
    path = root / FRAMEWORK
    path.write_text(path.read_text(encoding="utf-8") + "\n" + yaml, encoding="utf-8")


# -- the built-in words ---------------------------------------------------------------


def test_every_built_in_language_has_every_word_with_the_same_forms_and_fields() -> None:
    for lang, table in BUILTIN.items():
        assert tuple(table) == KEYS, lang  # same keys, same order: easy to read side by side
        for key, value in table.items():
            english = BUILTIN["en"][key]
            assert isinstance(value, tuple) == isinstance(english, tuple), (lang, key)
            forms = value if isinstance(value, tuple) else (value,)
            assert all(words.fields(form) == words.word_fields(key) for form in forms), (lang, key)


def test_counts_take_the_form_that_goes_with_the_number() -> None:
    nb, nn, en = (language(code) for code in ("nb", "nn", "en"))
    assert [nb.counted("cells", n) for n in (0, 1, 2)] == ["0 celler", "1 celle", "2 celler"]
    assert [nb.counted("areas", n) for n in (1, 2)] == ["1 område", "2 områder"]
    assert [nn.counted("areas", n) for n in (1, 2)] == ["1 område", "2 område"]
    assert [en.counted("elements", n) for n in (1, 3)] == ["1 element", "3 elements"]


def test_no_label_repeats_its_own_text() -> None:
    """'Utledet: utledet: …' and 'Usikker: to farger: …' read as stutter."""
    for lang, table in BUILTIN.items():
        for label, text in (
            ("inferred-label", "inferred"),
            ("uncertain-label", "uncertain"),
            ("override-label", "override"),
        ):
            first = str(table[text]).split()[0].strip(":").casefold()
            assert first != str(table[label]).casefold(), (lang, label)
            assert ":" not in str(table[text]), (lang, text)


def test_a_language_without_words_is_written_in_english_and_a_framework_can_supply_them() -> None:
    assert language("de").word("area") == "Opportunity area"  # validation warns: missing-vocabulary
    german = language("de", {key: f"<{key}>" for key in KEYS})
    assert german.word("area") == "<area>" and german.counted("cells", 2) == "2 <cells>"


def test_a_text_without_the_language_asked_for_is_marked_not_silently_replaced() -> None:
    summary = Text((("en", "Homes"),))
    assert summary.get(language("nb")) == "[ikke oversatt: en] Homes"
    assert summary.get(language("en")) == "Homes"
    assert Text.of("NTNU").get(language("nn")) == "NTNU"  # a plain string is the same in every language
    assert "nb" not in dict(summary.values) and Text.of("x").neutral


# -- through the commands -------------------------------------------------------------


def test_a_nynorsk_framework_gets_nynorsk_words(run: Run, tmp_path: Path) -> None:
    root = copy_data(tmp_path)
    rename_language(root, "nb", "nn")
    result = run("score", str(root), "-f", "markdown")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("| Mogelegheitsområde ")
    assert "‡ Utleidd: kjelda har ingen eigen omtale av drivaren for dette området." in result.stdout
    assert "Opportunity" not in result.stdout and "Mulighetsområde" not in result.stdout


def test_a_framework_may_call_its_areas_tiltak_in_every_output(run: Run, tmp_path: Path) -> None:
    root = copy_data(tmp_path)
    add_to_framework(root, "vocabulary:\n  nb:\n    area: Tiltak\n    cells: {one: rute, other: ruter}\n")
    for args in (("score", "-f", "markdown"), ("score", "-f", "html"), ("score", "-f", "svg"), ("report",)):
        result = run(*args, str(root))
        assert result.exit_code == 0, result.stderr
        assert "Tiltak" in result.stdout and "Mulighetsområde" not in result.stdout, args
    gate = run("score", str(root), "-f", "csv", "--fail-on", "red")
    assert "7 av 28 ruter treffer --fail-on red" in gate.stderr
    english = run("score", str(root), "-f", "markdown", "--lang", "en")
    assert english.stdout.startswith("| Opportunity area ")  # the override is for nb only


def test_a_declared_language_without_words_is_written_in_english_with_a_warning(run: Run, tmp_path: Path) -> None:
    root = copy_data(tmp_path)
    rename_language(root, "nb", "de")
    validated = run("validate", str(root))
    assert validated.exit_code == 0 and "[missing-vocabulary]" in validated.stderr
    result = run("score", str(root), "-f", "markdown")
    assert result.exit_code == 0 and "Opportunity area" in result.stdout
    assert run("score", str(root), "-f", "markdown", "--lang", "en").exit_code == 0
    table = "".join(
        f"    {key}: {json.dumps('x {' + '} {'.join(sorted(words.word_fields(key))) + '}' if words.word_fields(key) else 'x')}\n"
        for key in KEYS
    )
    add_to_framework(root, "vocabulary:\n  de:\n" + table)
    result = run("score", str(root), "-f", "markdown")
    assert result.exit_code == 0, result.stderr


def test_the_vocabulary_section_is_checked(run: Run, tmp_path: Path) -> None:
    root = copy_data(tmp_path)
    add_to_framework(
        root,
        "vocabulary:\n"
        "  nb:\n"
        "    aera: Tiltak\n"  # a typo
        "    area: {one: tiltak, other: tiltak}\n"  # never follows a count
        "    lists-from: Listene bygger på kapittel\n"  # loses {section}
        "  sv:\n"
        "    area: Åtgärd\n",
    )
    result = run("validate", str(root))
    assert result.exit_code == 1
    assert "[unknown-word]" in result.stderr and "did you mean 'area'" in result.stderr
    assert "[bad-word]" in result.stderr and "{section}" in result.stderr
    assert "language 'sv' is not declared" in result.stderr


def test_diff_summary_in_the_documents_language(run: Run, tmp_path: Path) -> None:
    old = copy_data(tmp_path / "old")
    new = copy_data(tmp_path / "new")
    edit(new / "areas/1-foregangskommune.yaml", "amount: 200–300 MNOK", "amount: 1,2 mrd")
    nb = run("diff", str(old), str(new)).stdout.splitlines()[0]
    assert nb.endswith(": 1 celle endret farge, 0 områder lagt til, 0 fjernet")
    en = run("diff", str(old), str(new), "--lang", "en").stdout.splitlines()[0]
    assert en.endswith(": 1 cell changed colour, 0 areas added, 0 removed")


def test_what_if_without_a_move_says_so_in_the_documents_language(run: Run) -> None:
    result = run("score", "-f", "csv", "--set", "foregangskommune.verdiskaping=200 MNOK")
    assert "hva om: ingen celle endrer farge" in result.stderr
    result = run("score", "-f", "csv", "--lang", "en", "--set", "foregangskommune.verdiskaping=200 MNOK")
    assert "what-if: no cell changes colour" in result.stderr


def test_language_is_a_str_that_carries_its_words() -> None:
    nb = language("nb")
    assert isinstance(nb, Language) and nb == "nb" and {nb: 1}["nb"] == 1


# -- what the framework says about its colours, its criteria and its methods (points 3, 5, 6, 7)

PROVENANCE = """provenance:
  nb: Fargene er dette datasettets rekonstruksjon.
  en: The colours are this data set's reconstruction.
"""
CAVEAT_QUOTE = "Vår evaluering og våre vurderinger er gjort ut fra SINTEF sitt ståsted og etter beste skjønn."


def with_provenance(root: Path) -> Path:
    path = root / FRAMEWORK
    text = path.read_text(encoding="utf-8")
    start, end = text.index("caveat:"), text.index("horizon:")
    caveat = f'caveat:\n  section: "4.1.2"\n  quote: {CAVEAT_QUOTE}\n'
    path.write_text(text[:start] + caveat + PROVENANCE + text[end:], encoding="utf-8")
    return root


def test_every_output_that_shows_the_matrix_says_where_its_colours_come_from(run: Run, tmp_path: Path) -> None:
    root = with_provenance(copy_data(tmp_path))
    by = "Rapportens forfattere om sin egen vurdering (avsnitt 4.1.2): «" + CAVEAT_QUOTE + "»"
    for args in (("score", "--color", "never"), ("score", "-f", "markdown"), ("score", "-f", "html"), ("report",)):
        result = run(*args, str(root), env={"COLUMNS": "400"})
        assert result.exit_code == 0, result.stderr
        text = " ".join(result.stdout.split())
        assert "Fargene er dette datasettets rekonstruksjon." in text, args
        assert by in text, args
    svg = run("score", str(root), "-f", "svg").stdout
    assert "Fargene er dette datasettets rekonstruksjon." in svg and "(avsnitt 4.1.2): «" in svg
    data = json.loads(run("score", str(root), "-f", "json", "--lang", "en").stdout)
    assert data["provenance"] == "The colours are this data set's reconstruction."
    assert data["caveat"]["quote"] == CAVEAT_QUOTE and data["caveat"]["section"] == "4.1.2"
    assert data["caveat"]["text"].startswith("The report's authors on their own assessment (section 4.1.2): «Vår")


def test_each_checklist_element_is_listed_with_status_actors_and_note(run: Run) -> None:
    explained = run("explain", "digitale-hjemmetjenester", "lokale-fortrinn").stdout
    assert "    - Kapital: mangler\n" in explained
    assert "    - Kompetanse/FoU: til stede (NTNU, SINTEF)\n" in explained
    assert "    - Industri: delvis (Checkware, Infiniwell, Mode Sensors, Noen AS). " in explained
    report = run("report").stdout
    assert "- Kompetanse/FoU: til stede (NTNU, SINTEF)\n" in report
    html = run("report", "-f", "html").stdout
    assert "<li>Kompetanse/FoU: til stede (NTNU, SINTEF)</li>" in html
    data = json.loads(run("score", "-f", "json").stdout)
    cell = next(
        c for a in data["areas"] if a["id"] == "digitale-hjemmetjenester" for c in a["cells"] if "elements" in c
    )
    assert [(e["id"], e["status"]) for e in cell["elements"]][:2] == [("kapital", "missing"), ("grundere", "partial")]
    assert cell["elements"][3]["actors"] == ["NTNU", "SINTEF"]


def test_the_sources_own_sentences_are_quoted_in_an_english_report(run: Run) -> None:
    report = run("report", "--lang", "en").stdout
    assert "> «En kraftig satsing på innføring og bruk av digital avstandsoppfølging" in report
    assert "\n- En kraftig satsing" not in report


def test_a_corrected_criterion_is_marked_with_what_the_source_prints(run: Run, tmp_path: Path) -> None:
    result = run("criteria", "-f", "markdown")  # the shipped framework corrects Tabell 2's typo
    assert result.exit_code == 0, result.stderr
    assert "samfunnsmessig, men uten politiske vedtak eller i planverk \\*" in result.stdout
    assert "- \\* Lokale behov, gul: kilden skriver «Har fokus både politisk og samfunnmessig," in result.stdout
    root = copy_data(tmp_path)
    edit(
        root / FRAMEWORK,
        "          printed: Har fokus både politisk og samfunnmessig, men uten politiske vedtak eller i planverk\n",
        "",
    )
    unmarked = run("criteria", str(root), "-f", "markdown").stdout
    assert "i planverk |" in unmarked and "samfunnmessig" not in unmarked


METHODS = """working_methods:
  section: "5"
  title: {nb: Arbeidsformer og metoder, en: Working methods}
  groups:
    - id: kunnskap
      section: "5.2"
      name: {nb: Kunnskapsbygging og rekruttering, en: Knowledge and recruitment}
      about: {nb: Rekruttering og kunnskap., en: Recruitment and knowledge.}
      methods:
        - name: {nb: Skoleelever, en: School pupils}
          description: {nb: Rekruttering må starte tidlig., en: Recruitment must start early.}
          quote: Sommerskole, skolebesøk og forbildeprosjekter bør støttes.
"""


def with_methods(root: Path, methods: str) -> Path:
    """The shipped framework with its own working_methods (the last section) replaced."""
    path = root / FRAMEWORK
    text = path.read_text(encoding="utf-8")
    path.write_text(text[: text.index("working_methods:")] + methods, encoding="utf-8")
    return root


def test_working_methods_are_a_section_of_the_report(run: Run, tmp_path: Path) -> None:
    root = with_methods(copy_data(tmp_path), METHODS)
    report = run("report", str(root)).stdout
    assert (
        "\n## 5 Arbeidsformer og metoder\n\n### 5.2 Kunnskapsbygging og rekruttering\n\nRekruttering og kunnskap.\n"
        in report
    )
    assert "**Skoleelever:** Rekruttering må starte tidlig.\n\n> «Sommerskole, skolebesøk" in report
    assert "- [5 Arbeidsformer og metoder](#5-arbeidsformer-og-metoder)" in report
    english = run("report", str(root), "--lang", "en").stdout
    assert "## 5 Working methods" in english and "**School pupils:** Recruitment must start early." in english


def test_working_methods_are_checked(run: Run, tmp_path: Path) -> None:
    root = with_methods(
        copy_data(tmp_path),
        METHODS.replace("        - name: {nb: Skoleelever, en: School pupils}\n", "        - nmae: x\n"),
    )
    result = run("validate", str(root))
    assert result.exit_code == 1 and "unknown key 'nmae' in a method" in result.stderr


# -- missing translations -------------------------------------------------------------


def test_a_text_missing_in_a_language_is_a_located_warning_and_marked_in_the_output(run: Run, tmp_path: Path) -> None:
    root = copy_data(tmp_path)
    area = root / "areas/2-digitale-hjemmetjenester.yaml"
    text = area.read_text(encoding="utf-8")
    start = text.index("summary:\n  nb: ")
    end = text.index("\n  en: ", start)
    area.write_text(text[:start] + "summary:\n" + text[end + 1 :], encoding="utf-8")  # summary in en only
    result = run("validate", str(root))
    assert result.exit_code == 0  # a warning: the data is usable
    line = next(line for line in result.stderr.splitlines() if "[missing-translation]" in line)
    assert line.startswith(f"{area}:") and "summary of 'digitale-hjemmetjenester' has no text in nb" in line
    assert "hint: add 'nb:' beside 'en:'" in result.stderr
    assert run("validate", "--strict", str(root)).exit_code == 1
    report = run("report", str(root)).stdout
    assert "\n\\[ikke oversatt: en\\] Technology and follow-up" in report  # Markdown escapes the brackets


def test_the_shipped_data_has_every_text_in_every_language(run: Run) -> None:
    result = run("validate", "--strict")
    assert "missing-translation" not in result.stderr and "missing-vocabulary" not in result.stderr


def test_broken_new_sections_are_located_errors_not_crashes(run: Run, tmp_path: Path) -> None:
    root = copy_data(tmp_path)
    path = root / FRAMEWORK
    text = path.read_text(encoding="utf-8")
    start, end = text.index("caveat:"), text.index("horizon:")
    path.write_text(text[:start] + 'caveat:\n  section: "4.1.2"\n' + text[end:], encoding="utf-8")
    with_methods(  # the shipped methods replaced by broken ones, after a broken vocabulary
        root,
        "vocabulary:\n  nb:\n    cells: {one: celle}\n    area: [Tiltak]\n"
        "working_methods:\n  title: Metoder\n  section: '5'\n  groups:\n"
        "    - just text\n"
        "    - id: a\n      name: A\n      section: '5.1'\n      methods: [just text, {name: x}]\n",
    )
    result = run("validate", str(root))
    assert result.exit_code == 1 and "Traceback" not in result.output
    errors = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert any("the caveat needs 'quote'" in line for line in errors)
    assert any("word 'cells' needs 'other'" in line for line in errors)
    assert any("word 'area' must be text" in line for line in errors)
    assert any("a group of methods must be a mapping" in line for line in errors)
    assert any("a method must be a mapping" in line for line in errors)
    assert any("a method needs 'description'" in line for line in errors)
    assert all(line.startswith(f"{path}:") for line in errors)


def test_the_python_api_raises_a_value_error_for_a_language_without_words() -> None:
    import veikart_cli as veikart

    dataset = veikart.load(ROOT).dataset
    assert dataset is not None
    matrix = veikart.score(dataset)
    with pytest.raises(ValueError, match="'de' is not one of the framework's languages"):
        veikart.render_report(matrix, lang="de")
