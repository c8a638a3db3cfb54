"""Checks of meaning on the typed model: things each file can be right about alone
but wrong about together (ids, bands that overlap or leave gaps, missing evidence)."""

from __future__ import annotations

import itertools
from collections.abc import Iterable

from veikart_cli.model.types import Area, Band, ChecklistRule, Framework, LevelRule
from veikart_cli.problems import Location, Problems


def check_framework(framework: Framework, problems: Problems) -> None:
    top = Location(framework.path, 1, 1)
    unique(((c.id, top) for c in framework.scale), "colour", problems)
    unique(((d.id, d.loc) for d in framework.drivers), "driver", problems)
    for driver in framework.drivers:
        rule = driver.rule
        if isinstance(rule, LevelRule):
            unique(((level.id, level.loc) for level in rule.levels), "level", problems)
            continue
        check_bands(driver.id, rule.bands, problems)
        if isinstance(rule, ChecklistRule):
            unique(((e.id, driver.loc) for e in rule.elements), "element", problems)
            for band in rule.bands:
                if band.minimum is not None and band.minimum > len(rule.elements):
                    problems.error(
                        band.loc,
                        "band-unreachable",
                        f"band '{band.colour}' of '{driver.id}' starts at {band.minimum}, "
                        f"but there are only {len(rule.elements)} elements",
                    )


def check_bands(driver_id: str, bands: tuple[Band, ...], problems: Problems) -> None:
    """Bands are given by lower bound, lowest first: the first must have none (else the
    values below it get no colour), and each bound must be above the one before."""
    if bands and bands[0].minimum is not None:
        problems.error(
            bands[0].loc,
            "band-gap",
            f"values of '{driver_id}' below the first band's 'from' have no colour",
            "remove 'from' from the first band so it covers everything below the next one",
        )
    for before, band in itertools.pairwise(bands):
        if band.minimum is None:
            problems.error(band.loc, "band-overlap", f"only the first band of '{driver_id}' may omit 'from'")
        elif before.minimum is not None and band.minimum <= before.minimum:
            problems.error(
                band.loc,
                "band-overlap",
                f"band '{band.colour}' of '{driver_id}' does not start above the band before it",
                "list bands from the lowest bound to the highest, each 'from' above the last",
            )


def check_areas(framework: Framework, areas: Iterable[Area], problems: Problems) -> None:
    areas = list(areas)
    unique(((a.id, a.loc) for a in areas), "area", problems)
    names = [(name.casefold(), a.loc) for a in areas for name in {*(v for _, v in a.name.values), *a.aliases}]
    unique(names, "area name or alias", problems, code="duplicate-name", severity="warning")
    known_documents = {framework.source.id} if framework.source else set()
    for area in areas:
        for evidence in area.evidence:
            for source in evidence.sources:
                if source.document and source.document not in known_documents:
                    problems.warning(
                        source.loc,
                        "unknown-document",
                        f"document '{source.document}' is not the framework's source; quotes cannot be checked",
                    )


def unique(
    items: Iterable[tuple[str, Location]], what: str, problems: Problems, code: str = "", severity: str = "error"
) -> None:
    seen: dict[str, Location] = {}
    for key, loc in items:
        if key in seen:
            report = problems.error if severity == "error" else problems.warning
            where = f"line {seen[key].line}" if seen[key].path == loc.path else str(seen[key])
            report(loc, code or f"duplicate-{what}", f"{what} '{key}' is already used ({where})")
        else:
            seen[key] = loc


def check_overrides(areas: Iterable[Area], problems: Problems) -> None:
    """For --strict: a colour set by judgement, not by the rule, is a problem to look at."""
    for area in areas:
        for evidence in area.evidence:
            if evidence.override:
                problems.warning(
                    evidence.override.loc,
                    "override",
                    f"'{area.id}' sets the colour of '{evidence.driver}' by judgement",
                    "--strict allows no overrides: give evidence the rule can score, or run without --strict",
                )
