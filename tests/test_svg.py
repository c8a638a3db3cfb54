"""score --format svg: a well-formed figure whose cells, rasterised, have their colours (issue 7)."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET

import pytest
from conftest import FIXTURES, ROOT, Run

NS = {"svg": "http://www.w3.org/2000/svg"}


def cells(svg: str) -> dict[str, ET.Element]:
    root = ET.fromstring(svg)
    return {r.get("id", ""): r for r in root.iterfind(".//svg:rect", NS) if r.get("id", "").startswith("cell-")}


def test_the_committed_figure_is_what_score_draws(run: Run) -> None:
    result = run("score", "-f", "svg")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (ROOT / "docs" / "trondheim-matrise.svg").read_text(encoding="utf-8")
    assert result.stdout == run("score", "-f", "svg").stdout  # deterministic bytes


def test_every_cell_is_drawn_with_its_colour_symbol_and_word(run: Run) -> None:
    svg = run("score", "-f", "svg").stdout
    found = cells(svg)
    assert found["cell-foregangskommune-verdiskaping"].get("fill") == "#f2c94c"
    assert found["cell-helsedata-persontilpasset-medisin-lokale-behov"].get("fill") == "#cf222e"
    # an uncertain cell is split: one rectangle per colour
    assert found["cell-digitale-hjemmetjenester-lokale-behov-0"].get("fill") == "#2da44e"
    assert found["cell-digitale-hjemmetjenester-lokale-behov-1"].get("fill") == "#f2c94c"
    assert len(found) == 28 + 8  # 28 cells, 8 of them in two colours
    text = "".join(ET.fromstring(svg).itertext())
    assert "🟡 Gul" in text and "🔴 Rød ‡†" in text and "† farge satt ved skjønn." in text


def test_other_frameworks_draw_too(run: Run) -> None:
    svg = run("score", str(FIXTURES / "four-colours"), "-f", "svg").stdout
    assert len(cells(svg)) >= 6


def test_the_rasterised_figure_has_the_cell_colours_at_known_points(run: Run) -> None:
    try:
        import cairosvg  # type: ignore[import-untyped]
        from PIL import Image
    except (ImportError, OSError) as err:  # OSError: the cairo library itself is missing
        pytest.skip(f"no SVG rasteriser here: {err}")
    svg = run("score", "-f", "svg").stdout
    image = Image.open(io.BytesIO(cairosvg.svg2png(bytestring=svg.encode()))).convert("RGB")
    for rect in cells(svg).values():
        x, y = float(rect.get("x", 0)) + 5, float(rect.get("y", 0)) + 5  # a corner, clear of the text
        expected = tuple(int(rect.get("fill", "")[i : i + 2], 16) for i in (1, 3, 5))
        assert image.getpixel((int(x), int(y))) == expected, rect.get("id")
