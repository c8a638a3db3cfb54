"""Write N realistic area files for the Trondheim framework: Norwegian text with æøå, every
rule kind (amounts and ranges, levels and level pairs, checklists with detailed elements),
overrides, inferred flags and quoted sources. Seeded: the same N gives the same files.

    python benchmarks/generate.py 1000 /tmp/veikart-1000
"""

from __future__ import annotations

import random
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WORDS = [
    "kommunen",
    "helsetjenester",
    "innbyggere",
    "omsorg",
    "velferdsteknologi",
    "hjemmetjenester",
    "sykehjem",
    "pasienter",
    "legevakt",
    "næringsliv",
    "gründere",
    "forskning",
    "kompetanse",
    "samhandling",
    "digitalisering",
    "plattform",
    "fylkeskommunen",
    "prioritering",
    "økonomi",
    "bærekraft",
    "satsing",
    "tjenesteinnovasjon",
    "pårørende",
    "frivillige",
    "spesialisthelsetjenesten",
    "sårbare",
    "grupper",
    "livskvalitet",
    "folkehelse",
    "investering",
    "ressurser",
    "år",
]
PLACES = [
    "Trondheim",
    "Tromsø",
    "Bodø",
    "Ålesund",
    "Førde",
    "Kristiansand",
    "Hønefoss",
    "Lørenskog",
    "Målselv",
    "Ørsta",
    "Tynset",
    "Værøy",
]
LEVELS = {
    "lokale-behov": ("prioritert", "fokus", "ikke-i-plan"),
    "terskel": ("mindre-tiltak", "aktive-valg", "tunge-initiativer"),
}
ELEMENTS = ("kapital", "grundere", "industri", "kompetanse-fou", "offentlige-aktorer")


def sentence(rng: random.Random, n: int) -> str:
    words = [rng.choice(WORDS) for _ in range(n)]
    return (" ".join(words) + ".").capitalize()


def block(rng: random.Random, indent: int, n: int = 3) -> str:
    pad = " " * indent
    return ">-\n" + "".join(f"{pad}{sentence(rng, 12)}\n" for _ in range(n)).rstrip("\n")


def sources(rng: random.Random, section: str) -> str:
    return "".join(
        f'      - section: "{section}"\n        quote: {block(rng, 10, 1)}\n' for _ in range(rng.randint(1, 2))
    )


def evidence(rng: random.Random, driver: str, section: str) -> str:
    lines = [f"  {driver}:\n"]
    if driver == "verdiskaping":
        low = rng.choice([20, 80, 100, 150, 250, 400, 700, 999])
        amount = (
            f"{low}–{low * 3} MNOK"
            if rng.random() < 0.3
            else rng.choice([f"{low} MNOK", f"{low / 100:.1f} mrd".replace(".", ",")])
        )
        if rng.random() < 0.1:
            lines.append(
                f"    override:\n      colour: {rng.choice(['green', 'yellow', 'red'])}\n      reason: {block(rng, 8, 2)}\n"
            )
        lines.append(f"    amount: {amount}\n")
    elif driver == "lokale-fortrinn":
        lines.append("    elements:\n")
        for element in ELEMENTS:
            status = rng.choice(["present", "partial", "missing"])
            if rng.random() < 0.4:
                lines.append(
                    f"      {element}:\n        status: {status}\n        actors: [{rng.choice(PLACES)} kommune, NTNU]\n"
                )
            else:
                lines.append(f"      {element}: {status}\n")
    else:
        options = LEVELS[driver]
        level = f"[{options[0]}, {options[1]}]" if rng.random() < 0.2 else rng.choice(options)
        lines.append(f"    level: {level}\n")
    if rng.random() < 0.15:
        lines.append("    inferred: true\n")
    lines.append(f"    because: {block(rng, 6, 2)}\n    sources:\n{sources(rng, section)}")
    return "".join(lines)


def area(i: int) -> str:
    rng = random.Random(i)
    place = rng.choice(PLACES)
    section = f"{i // 100 + 1}.{i % 100 + 1}"
    drivers = ("verdiskaping", "lokale-behov", "lokale-fortrinn", "terskel")
    return (
        f"# Syntetisk område {i} for ytelsestester.\n"
        f"id: omrade-{i:05d}\n"
        f"name:\n  nb: {place} – {sentence(rng, 4)[:-1]} {i}\n  en: Area {i} in {place}\n"
        f'section: "{section}"\n'
        f"summary: {block(rng, 2, 4)}\n"
        "evidence:\n"
        + "".join(evidence(rng, d, section) for d in drivers)
        + f"recommendations:\n  - {sentence(rng, 14)}\n  - {sentence(rng, 10)}\n"
        f"actors: [{place} kommune, St. Olavs hospital, Søsterselskapet AS]\n"
    )


def generate(n: int, target: Path) -> Path:
    """A data folder with the shipped criteria/ and N areas/ files."""
    if target.exists():
        shutil.rmtree(target)
    (target / "areas").mkdir(parents=True)
    shutil.copytree(ROOT / "criteria", target / "criteria")
    for i in range(n):
        (target / "areas" / f"omrade-{i:05d}.yaml").write_text(area(i), encoding="utf-8")
    return target


if __name__ == "__main__":
    generate(int(sys.argv[1]), Path(sys.argv[2]))
