"""Numbers, margins and words a reader understands, and documents that say what they are (issue 23, §2 and §5).

Each test here failed before the change it names."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from datetime import datetime, timezone
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from pathlib import Path

import pytest
from conftest import ROOT, Run

from veikart_cli.model.vocabulary import BUILTIN, language

ENERGY = str(ROOT / "examples" / "energiomstilling")
KPI = str(ROOT / "examples" / "kpi-mal")
STATUS = str(ROOT / "examples" / "prosjektstatus")
NB, NN, EN = (language(code, {"percentage-points": "prosentpoeng"}) for code in ("nb", "nn", "en"))


def margins(text: str) -> list[str]:
    return [line.split("Margin: ", 1)[1] for line in text.splitlines() if line.startswith("  Margin: ")]


def explain_all(run: Run, data: str, *extra: str) -> str:
    """Every cell and overall of a data folder (or of the shipped example, "--example") explained."""
    import json

    where = ("--example",) if data == "--example" else ("--data", data)
    areas = json.loads(run("score", *where[-1:], "-f", "json").stdout)["areas"]
    return "\n".join(run("explain", a["id"], *where, *extra).stdout for a in areas)


@pytest.fixture
def energy_nn(tmp_path: Path) -> str:
    """The energy example with nynorsk added: its texts are plain strings, the same in every language."""
    target = tmp_path / "energi"
    shutil.copytree(ENERGY, target)
    framework = target / "criteria" / "energiomstilling.yaml"
    framework.write_text(
        framework.read_text(encoding="utf-8").replace("languages: [nb]", "languages: [nb, nn]"), encoding="utf-8"
    )
    return str(target)


# -- §2: one phrasing for a margin, in every language -------------------------------------------
PHRASING = {
    "nb": re.compile(r"^(over )?[\d  ,]+ \S+( \S+)? (mer|mindre|til|færre|nærmere målet|lenger fra målet) gir \S+ \S+"),
    "nn": re.compile(r"^(over )?[\d  ,]+ \S+( \S+)? (meir|mindre|til|færre|nærare målet|lenger frå målet) gir \S+ \S+"),
    "en": re.compile(
        r"^(more than )?[\d  ,.]+ \S+( \S+)? (more|less|fewer|closer to the target) would make it \S+ \S+"
    ),
}


def test_every_margin_has_one_phrasing_in_nb_nn_and_en(run: Run, energy_nn: str) -> None:
    texts = {
        "nb": explain_all(run, ENERGY) + explain_all(run, KPI) + explain_all(run, "--example"),
        "nn": explain_all(run, energy_nn, "--lang", "nn"),
        "en": explain_all(run, "--example", "--lang", "en"),
    }
    for lang, text in texts.items():
        found = [m for m in margins(text) if not re.search("av vekt|of the weight", m)]  # the overall: below
        assert found, lang
        for margin in found:
            assert PHRASING[lang].match(margin), (lang, margin)
    old = ("+", " til 🟢", " over ", "for å nå", "før det faller", "mindre for å")
    assert not [m for m in margins(texts["nb"]) if m.startswith("+") or any(o in m for o in old[2:])]


def test_at_an_edge_the_unit_stays_and_the_change_moves_the_colour(run: Run) -> None:
    edge = margins(run("explain", "datasenter", "verdiskaping", "--data", ENERGY).stdout)
    assert edge == ["over 0 NOK mindre gir 🟡 Gul"]  # green from 1 mrd, inclusive: any less is yellow


def test_a_count_says_how_many_elements_change_the_colour(run: Run) -> None:
    report = run("report").stdout
    assert "0 elementer over" not in report and "elementer over" not in report
    assert "**Margin:** 1 element færre gir 🔴 Rød" in report  # 2 of 5, yellow from 2
    en = margins(run("explain", "grunnforskning", "lokale-fortrinn", "--lang", "en").stdout)
    assert en == ["1 element more would make it 🟢 Green", "3 elements fewer would make it 🔴 Red"]


def test_a_margin_is_rounded_outwards_to_a_figure_that_moves_the_colour() -> None:
    from veikart_cli.render.explain import outward

    assert outward(Decimal("0.028787")) == Decimal("0.029")  # was shown cut: 0.028787
    assert outward(Decimal("43.333333")) == Decimal("43.34")
    assert outward(Decimal(700)) == Decimal(700)
    assert outward(Decimal("0.5")) == Decimal("0.5")


def test_a_margin_on_a_value_in_per_cent_is_in_percentage_points(run: Run) -> None:
    text = run("explain", "nordbyen", "--data", KPI).stdout
    assert "0,7 prosentpoeng mindre gir 🟢 Nådd" in text and "25 prosentpoeng mer gir 🟢 Nådd" in text
    assert not [m for m in margins(text) if " % " in m + " "]


# -- §2: the weighted overall ---------------------------------------------------------------------
def test_shares_are_rounded_to_what_the_weights_support_and_outwards() -> None:
    from veikart_cli.render.phrases import percent

    third = Decimal(13) / 30  # was printed 43,333333 %
    assert percent(third, NB, ROUND_CEILING, NB.word("percentage-points")) == "44 prosentpoeng"
    assert percent(third, NB, ROUND_FLOOR) == "43 %"
    assert percent(Decimal("0.875"), NB, ROUND_FLOOR) == "87,5 %"


def test_a_weighted_overall_says_percentage_points_and_never_the_trivially_true(run: Run) -> None:
    text = explain_all(run, ENERGY)
    assert "100 % av vekten er på denne fargen" not in text
    red = run("explain", "havvind", "--data", ENERGY).stdout.split("– Samlet\n", 1)[1]
    assert "  Farge: 🔴 Rød" in red and "av vekten er på" not in red  # every driver is red or better
    assert "  Margin: 22,5 prosentpoeng mer av vekten på 🟡 Gul eller bedre gir 🟡 Gul samlet" in red
    green = run("explain", "solcelle", "--data", ENERGY).stdout
    assert "  Vekt: 87,5 % av vekten er på 🟢 Grønn eller bedre (minst 60 % trengs)" in green


def test_margin_never_labels_a_list_of_drivers(run: Run) -> None:
    text = explain_all(run, ENERGY)
    assert "  Løftes av: Utslippskutt, Modenhet (én farge bedre her alene gir bedre samlet farge)" in text
    assert not [m for m in margins(text) if "løfter" in m or "Utslippskutt" in m]


def test_the_weighted_sentence_reads(run: Run) -> None:
    text = run("criteria", ENERGY, "-f", "markdown").stdout
    assert "Samlet farge: den beste fargen som drivere med til sammen minst 60 % av vekten når opp til." in text
    assert "av vekten er på, eller bedre" not in text


# -- §2: judgement notes, questions, criteria, dates, spans ---------------------------------------
def test_a_judgement_note_ends_with_the_rule_s_colour_only_when_it_gives_one(run: Run) -> None:
    report = run("report").stdout
    assert "(beregnet: –)" not in report and "(beregnet:" not in report
    assert "(regelen alene gir 🟢 Grønn / 🟡 Gul)" in report


def test_sporsmal_only_on_questions(run: Run) -> None:
    from veikart_cli.render.phrases import is_question

    trondheim = run("report").stdout
    assert "**Spørsmål:**" not in trondheim and "**Vurderes:** Norske muligheter i et globalt marked" in trondheim
    assert "  Spørsmål: Hvor stor årlig verdiskaping ventes i regionen?" in explain_all(run, ENERGY)
    assert is_question("Er teknologien klar?") and not is_question("Norske muligheter i et globalt marked")


def test_evidence_does_not_repeat_the_criterion_word_for_word(run: Run) -> None:
    for text in (run("explain", "foregangskommune").stdout, explain_all(run, ENERGY)):
        for block in text.split("\n\n"):
            lines = block.splitlines()
            evidence = [line.split(": ", 1)[1] for line in lines if line.startswith("  Grunnlag: ")]
            criteria = [
                line.split(": ", 1)[1].rsplit(" → ", 1)[0] for line in lines if line.startswith("  Kriterium: ")
            ]
            assert not set(evidence) & set(criteria), block


def test_the_overall_override_is_said_plainly() -> None:
    for lang, words in BUILTIN.items():
        assert "{drivers}" in str(words["overall-override"]), lang
    assert NB.word("overall-override", drivers="Verdiskaping") == (
        "fargen for Verdiskaping er satt ved skjønn og teller med"
    )
    assert "skjøn " not in str(BUILTIN["nn"]) and 'skjøn"' not in str(BUILTIN["nn"])


def test_iso_dates_are_written_as_dates(run: Run) -> None:
    from veikart_cli.render.phrases import long_date

    assert long_date("2021-06-04", NB) == "4. juni 2021" == long_date("2021-06-04", NN)
    assert long_date("2021-06-04", EN) == "4 June 2021"
    assert long_date("2021", NB) == "2021" and long_date("juni 2021", NB) == "juni 2021"
    assert "(4. juni 2021)" in run("report").stdout and "2021-06-04" not in run("report").stdout
    assert "(4 June 2021)" in run("report", "--lang", "en").stdout


def test_a_span_is_not_called_two_colours(run: Run) -> None:
    for words in BUILTIN.values():
        assert "two" not in str(words["uncertain"]) and " to " not in str(words["uncertain"])
    assert "spenner over mer enn én farge" in run("score", "-f", "markdown").stdout


def test_the_english_conventions_say_per_one_per_cent() -> None:
    text = (ROOT / "criteria" / "trondheim-helse-2021.yaml").read_text(encoding="utf-8")
    assert "per per cent" not in text and "per one per cent" in text


# -- §5: say what it is, everywhere ---------------------------------------------------------------
RECONSTRUCTION = "Dette er ikke SINTEF 2021:00617 «Veikart for Trondheim kommune på helseområdet» selv"


def test_the_report_says_at_the_top_that_it_is_a_reconstruction(run: Run) -> None:
    markdown = run("report").stdout.splitlines()
    assert markdown[0].startswith("# ") and markdown[2].startswith(RECONSTRUCTION)
    html = run("report", "-f", "html").stdout
    assert html.index(RECONSTRUCTION) < html.index("<h2")
    english = run("report", "--lang", "en").stdout.splitlines()
    assert english[2].startswith("This is not SINTEF 2021:00617") and "reconstruction made with veikart" in english[2]


def test_explain_and_csv_carry_the_provenance(run: Run) -> None:
    explained = run("explain", "grunnforskning", "verdiskaping").stdout.rstrip("\n").split("\n\n")
    assert explained[-1].startswith(RECONSTRUCTION) and "«Oppsummering»-tabellen" in explained[-1]
    import csv

    rows = list(csv.DictReader(io.StringIO(run("score", "-f", "csv").stdout)))
    assert len(rows) == 28 and all(r["provenance"].startswith(RECONSTRUCTION) for r in rows)
    plain = run("score", ENERGY, "-f", "csv").stdout  # no source, no provenance: no column
    assert "provenance" not in plain.splitlines()[0]


def test_word_says_who_made_it_and_when_the_same_on_every_run(run: Run, tmp_path: Path) -> None:
    docx = pytest.importorskip("docx")
    target = tmp_path / "rapport.docx"
    assert run("report", "-o", str(target)).exit_code == 0
    data = target.read_bytes()
    core = docx.Document(io.BytesIO(data)).core_properties
    assert core.title == "Veikart for Trondheim kommune på helseområdet"
    assert core.subject == "Rapport – SINTEF 2021:00617 «Veikart for Trondheim kommune på helseområdet»"
    assert core.author == "veikart (trondheim-helse-2021)" and core.comments == ""
    assert core.created == core.modified == datetime(2021, 6, 4, tzinfo=timezone.utc)
    assert not [n for n in zipfile.ZipFile(io.BytesIO(data)).namelist() if "thumbnail" in n]
    assert b"python-docx" not in zipfile.ZipFile(io.BytesIO(data)).read("docProps/core.xml")
    again = tmp_path / "igjen.docx"
    run("report", "-o", str(again))
    assert again.read_bytes() == data
    epoch = tmp_path / "epoch.docx"
    run("score", "-o", str(epoch), env={"SOURCE_DATE_EPOCH": "1700000000"})
    assert docx.Document(str(epoch)).core_properties.created == datetime(2023, 11, 14, 22, 13, 20, tzinfo=timezone.utc)


def word_list() -> str:
    """The README's table of the words a framework may override, in each built-in language."""

    def cell(value: str | tuple[str, str]) -> str:
        text = value if isinstance(value, str) else " / ".join(value)
        return text.replace("|", "\\|")

    codes = list(BUILTIN)
    lines = ["| key | " + " | ".join(f"`{code}`" for code in codes) + " |", "|---" * (len(codes) + 1) + "|"]
    lines += [f"| `{key}` | " + " | ".join(cell(BUILTIN[c][key]) for c in codes) + " |" for key in BUILTIN["en"]]
    return "\n".join(lines) + "\n"


def test_the_readme_lists_every_word_a_framework_may_override() -> None:
    """Issue 23 §6: the tool words are listed in the README, generated from vocabulary.py;
    VEIKART_UPDATE_GOLDEN=1 writes the list again."""
    import os

    from veikart_cli.model.vocabulary import KEYS

    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    start, end = "<!-- vocabulary:start -->\n", "<!-- vocabulary:end -->"
    assert start in text and end in text
    before, rest = text.split(start, 1)
    listed, after = rest.split(end, 1)
    if os.environ.get("VEIKART_UPDATE_GOLDEN"):
        readme.write_text(before + start + word_list() + end + after, encoding="utf-8")
        listed = word_list()
    assert listed == word_list()
    assert all(f"| `{key}` |" in listed for key in KEYS)


def test_a_cell_says_each_thing_once_under_its_own_label(run: Run) -> None:
    # An editor's read: a state's reason was printed as Grunnlag and as Begrunnelse, the state as Status
    # and as Farge, the overall's left-out drivers under 'Status: … :'; two levels' criteria as Grunnlag and
    # again as Kriterium; a question ending in a remark in brackets was labelled 'Vurderes'.
    report = run("report", str(ROOT / "examples" / "prosjektstatus"), "-f", "markdown").stdout
    p3 = report[report.index("## P3") : report.index("## P4")]
    assert p3.count("Systemet ble satt i drift 1. september; prosjektet er avsluttet.") == 1
    assert "**Status:**" not in p3
    assert "**Ikke med i den samlede fargen:** Fremdrift, Budsjettavvik, Risiko" in p3
    assert "**Spørsmål:** Hvor mange uker er prosjektet forsinket mot godkjent plan?" in report
    explained = run("explain", "grunnforskning", "terskel").stdout
    assert "Grunnlag:" not in explained and explained.count("Må ta aktive, men ikke uoverkommelige valg") == 1


def test_an_open_amount_is_said_in_words_as_its_file_writes_it(run: Run) -> None:
    # '≥ 1 mrd' and '\> 1 mrd' (escaped in Markdown) where the area file and a report say 'minst' and 'over'.
    report = run("report", str(ROOT / "examples" / "energiomstilling"), "-f", "markdown").stdout
    assert "**Grunnlag:** minst 1 mrd" in report and "**Grunnlag:** over 1 mrd" in report
    assert "≥" not in report and "\\>" not in report
