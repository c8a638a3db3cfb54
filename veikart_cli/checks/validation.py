"""Checks of meaning on the typed model: things each file can be right about alone but wrong about
together (ids, bands that overlap or leave gaps, missing evidence, quotes not in their document)."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterable
from pathlib import Path

from veikart_cli.files import FileProblem, read_regular
from veikart_cli.model import vocabulary
from veikart_cli.model.evidence import Area, ChecklistEvidence
from veikart_cli.model.reading import nfc, skeleton, suggest
from veikart_cli.model.types import (
    ORDERS,
    Band,
    ChecklistRule,
    CompositeRule,
    Document,
    Framework,
    LevelRule,
    SimpleRule,
    TargetRule,
    Text,
    criteria_items,
    simple_rules,
)
from veikart_cli.problems import Location, Problems


def check_framework(framework: Framework, problems: Problems) -> None:
    top = Location(framework.path, 1, 1)
    check_vocabulary(framework, problems)
    check_framework_texts(framework, problems)
    unique(((c.id, top) for c in (*framework.scale, *framework.states)), "colour", problems, "duplicate-colour")
    unique(((d.id, d.loc) for d in framework.drivers), "driver", problems, "duplicate-driver")
    documents = ((d.id, d.loc) for d in framework.all_documents)  # the source's and `documents:` ids
    hint = "give each document its own id; quotes name it with 'document:'"
    unique(documents, "document", problems, "duplicate-document", "declared", hint)
    alias_is_id([(d.id, d.aliases, d.loc) for d in framework.drivers], "driver", problems)
    check_vetoes(framework, problems)
    for driver in framework.drivers:
        if isinstance(driver.rule, CompositeRule):
            unique(((p.id, p.loc) for p in driver.rule.parts), "part", problems, "duplicate-part")
            for part in driver.rule.parts:
                check_rule(f"{driver.id}.{part.id}", part.rule, problems, driver.loc)
        else:
            check_rule(driver.id, driver.rule, problems, driver.loc)


def check_rule(name: str, rule: SimpleRule, problems: Problems, loc: Location) -> None:
    if isinstance(rule, LevelRule):
        unique(((level.id, level.loc) for level in rule.levels), "level", problems, "duplicate-level")
    elif isinstance(rule, TargetRule):
        check_target_bands(name, rule, problems)
    else:
        check_bands(name, rule.bands, problems)
    if isinstance(rule, ChecklistRule):
        unique(((e.id, loc) for e in rule.elements), "element", problems, "duplicate-element")
        for band in rule.bands:
            if band.minimum is not None and band.minimum > len(rule.elements):
                problems.error(
                    band.loc,
                    "band-unreachable",
                    f"band '{band.colour}' of '{name}' starts at {band.minimum}, "
                    f"but there are only {len(rule.elements)} elements",
                )


def check_target_bands(name: str, rule: TargetRule, problems: Problems) -> None:
    """Target bands go from the goal outwards: every band but the last has a limit, and each
    limit lies farther from the goal than the one before (or at it, keeping what that one left out)."""
    bands = rule.bands
    if bands and bands[-1].limit is not None:
        problems.error(
            bands[-1].loc,
            "band-gap",
            f"values of '{name}' beyond the last band's limit have no colour",
            "leave the limit out of the last band so it takes every value beyond the one before",
        )
    for before, band in itertools.pairwise(bands):
        if band.limit is None and band is not bands[-1]:
            problems.error(band.loc, "band-overlap", f"only the last band of '{name}' may omit its limit")
        if band.limit is None or before.limit is None:
            continue
        # On an axis where more is better, each band's edge lies below the one before.
        edge, was = (band.limit, before.limit) if rule.rising else (-band.limit, -before.limit)
        if edge > was or (edge == was and not (band.inclusive and not before.inclusive)):
            problems.error(
                band.loc,
                "band-overlap",
                f"band '{band.colour}' of '{name}' is empty: its limit is not farther from the goal than the band before",
                "list bands from the one that meets the goal outwards, each limit farther away",
            )
    for band in (b for b in bands if rule.direction == "within" and b.limit is not None and b.limit < 0):
        problems.error(band.loc, "band-overlap", f"'{name}' measures a distance either way: a limit is zero or more")


def check_vetoes(framework: Framework, problems: Problems) -> None:
    """A veto that caps at the best colour can never change anything."""
    for rule in (framework.overall, *(d.rule.combine for d in framework.drivers if isinstance(d.rule, CompositeRule))):
        for veto in rule.vetoes if rule else ():
            if framework.rank(veto.caps) == 0:
                problems.warning(
                    veto.loc,
                    "veto-never-caps",
                    f"the veto of '{veto.input}' caps at the best colour, so it never changes anything",
                    "give 'caps' a worse colour",
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
    unique(((a.id, a.loc) for a in areas), "area", problems, "duplicate-area")
    alias_is_id([(a.id, a.aliases, a.loc) for a in areas], "area", problems)
    names = [(name, a.loc) for a in areas for name in {*(v for _, v in a.name.values), *a.aliases}]
    look_alike(names, "area name or alias", problems)
    check_translations(framework, areas, problems)
    ids = {a.id for a in areas}
    for area_id in framework.order if areas else ():  # a framework checked (or a schema made) alone: no areas read
        if area_id not in ids and not (len(framework.order) == 1 and area_id in ORDERS):  # `order: name`
            problems.warning(
                Location(framework.path, 1, 1),
                "unknown-area",
                f"'order' names area '{area_id}', which no area file has",
                "remove it from 'order', or add the area",
            )
    known = [d.id for d in framework.all_documents]
    for source in (s for area in areas for evidence in area.evidence for s in evidence.sources):
        if source.document and source.document not in known:
            hint = suggest(source.document, known)
            problems.warning(
                source.loc,
                "unknown-document",
                f"document '{source.document}' is not declared in the framework; it cannot be named "
                "or its quotes checked",
                hint
                if hint.startswith("did you mean")
                else f"declare it under 'documents:' in {framework.path}, with its id and title",
            )


def unique(
    items: Iterable[tuple[str, Location]], what: str, problems: Problems, code: str, verb: str = "used", hint: str = ""
) -> None:
    seen: dict[str, Location] = {}
    for key, loc in items:
        if key in seen:
            where = f"line {seen[key].line}" if seen[key].path == loc.path else str(seen[key])
            problems.error(loc, code, f"{what} '{key}' is already {verb} ({where})", hint)
        else:
            seen[key] = loc


def alias_is_id(items: list[tuple[str, tuple[str, ...], Location]], what: str, problems: Problems) -> None:
    """An alias that is another item's id: `explain` and `--set` take the id, so the alias could
    never name its own item, and whoever wrote it meant something else."""
    from veikart_cli.engine.whatif import fold

    ids = {fold(item_id): item_id for item_id, _, _ in items}
    for item_id, aliases, loc in items:
        for alias in aliases:
            other = ids.get(fold(alias))
            if other is not None and other != item_id:
                problems.error(
                    loc,
                    "alias-is-id",
                    f"alias '{alias}' of {what} '{item_id}' is the id of {what} '{other}'",
                    f"an id always means its own {what}: remove the alias or choose another",
                )


def look_alike(items: Iterable[tuple[str, Location]], what: str, problems: Problems) -> None:
    """Names that read the same: equal after case folding, or only told apart by zero-width or
    bidi characters, compatibility forms or letters of another script that look Latin."""
    seen: dict[str, tuple[str, Location]] = {}
    for name, loc in items:
        key = skeleton(name)
        if key not in seen:
            seen[key] = (name, loc)
            continue
        first, where = seen[key]
        place = f"line {where.line}" if where.path == loc.path else str(where)
        if first.casefold() == name.casefold():
            problems.warning(loc, "duplicate-name", f"{what} '{name.casefold()}' is already used ({place})")
        else:
            problems.warning(
                loc,
                "look-alike-name",
                f"{what} '{name}' looks the same as '{first}' ({place}) but is different text",
                "look for zero-width or bidi characters, or letters from another script, and retype it",
            )


def check_overrides(areas: Iterable[Area], problems: Problems) -> None:
    """For --strict: a colour set by judgement, not by the rule, is a problem to look at."""
    for area, evidence in ((a, e) for a in areas for e in a.evidence):
        if evidence.override:
            problems.warning(
                evidence.override.loc,
                "override",
                f"'{area.id}' sets the colour of '{evidence.driver}' by judgement",
                "--strict allows no overrides: give evidence the rule can score, or run without --strict",
            )


def check_vocabulary(framework: Framework, problems: Problems) -> None:
    """The framework's own words replace veikart's: same keys, same forms, same {fields}."""
    for term in framework.vocabulary:
        if term.key not in vocabulary.KEYS:
            problems.error(
                term.loc, "unknown-word", f"veikart has no word '{term.key}'", suggest(term.key, vocabulary.KEYS)
            )
            continue
        if isinstance(term.word, tuple) and term.key not in vocabulary.COUNTED:
            problems.error(
                term.loc, "bad-word", f"'{term.key}' never follows a count", "give it as one text, not {one, other}"
            )
            continue
        forms = (term.word,) if isinstance(term.word, str) else term.word
        wanted = vocabulary.word_fields(term.key)
        for form in forms:
            if vocabulary.fields(form) != wanted:
                problems.error(
                    term.loc,
                    "bad-word",
                    f"'{term.key}' must hold exactly the fields "
                    + (", ".join(f"{{{f}}}" for f in sorted(wanted)) or "(none)"),
                    "veikart fills them in; keep them as they are and translate the words around them",
                )
    for lang in framework.languages:
        lacking = vocabulary.missing(lang, framework.words(lang))
        if lacking:
            problems.warning(
                Location(framework.path, 1, 1),
                "missing-vocabulary",
                f"language '{lang}' lacks {len(lacking)} of veikart's own words ({', '.join(lacking[:3])}, …); "
                "they are written in English",
                f"`veikart words {lang}` prints them all, to translate under 'vocabulary: {lang}:' in this file",
            )


def check_framework_texts(framework: Framework, problems: Problems) -> None:
    top = Location(framework.path, 1, 1)
    texts: list[tuple[str, Text | None, Location]] = [
        ("title", framework.title, top),
        ("provenance", framework.provenance, top),
        ("caveat", framework.note, top),
        ("horizon", framework.horizon, top),
    ]
    texts += [("convention", text, top) for text in framework.conventions]
    texts += [(f"label of '{colour.id}'", colour.label, top) for colour in framework.scale]
    for driver in framework.drivers:
        rule = driver.rule
        texts += [("driver name", driver.name, driver.loc), ("question", driver.question, driver.loc)]
        texts += [("criterion", item.criterion, item.loc) for item in criteria_items(rule)]
        if isinstance(rule, CompositeRule):
            texts += [(f"name of part '{p.id}'", p.name, p.loc) for p in rule.parts]
        checklists = [r for r in simple_rules(rule) if isinstance(r, ChecklistRule)]
        texts += [(f"name of element '{e.id}'", e.name, driver.loc) for r in checklists for e in r.elements]
    if framework.methods:
        texts.append(("title of working_methods", framework.methods.title, framework.methods.loc))
        for group in framework.methods.groups:
            texts += [("group name", group.name, group.loc), ("about", group.about, group.loc)]
            for method in group.methods:
                texts += [("method name", method.name, method.loc), ("description", method.description, method.loc)]
    for what, text, loc in texts:
        check_translated(text, framework.languages, what, loc, problems)


def check_translations(framework: Framework, areas: Iterable[Area], problems: Problems) -> None:
    """Every text a reader sees must be there in each of the framework's languages. Runs over every
    text on every run: a description is a template and its values, made a sentence only for a message."""
    langs = framework.languages
    for area in areas:
        check_translated(area.name, langs, ("name of '{}'", area.id), area.loc, problems)
        check_translated(area.summary, langs, ("summary of '{}'", area.id), area.loc, problems)
        for text in area.recommendations:
            check_translated(text, langs, ("recommendation of '{}'", area.id), area.loc, problems)
        for evidence in area.evidence:
            where = (area.id, evidence.driver)
            check_translated(evidence.because, langs, ("because of '{}' / '{}'", *where), evidence.loc, problems)
            if evidence.override:
                reason = ("override reason of '{}' / '{}'", *where)
                check_translated(evidence.override.reason, langs, reason, evidence.override.loc, problems)
            if type(evidence.value) is ChecklistEvidence:
                for item in evidence.value.items:
                    note = ("note on '{}' of '{}' / '{}'", item.element, *where)
                    check_translated(item.note, langs, note, evidence.loc, problems)


def check_translated(
    text: Text | None, langs: tuple[str, ...], what: str | tuple[str, ...], loc: Location, problems: Problems
) -> None:
    """A text given per language ({nb: …, en: …}) must have each of the framework's languages.
    A plain string is written once for all of them on purpose (a name, a verbatim quote).
    `what`: a description, or a template and its values."""
    if text is None:
        return
    codes = dict(text.values)  # as Text.neutral and Text.has, without a generator per call
    if "" in codes or codes.keys() >= set(langs):
        return
    missing = [lang for lang in langs if lang not in codes]
    if not isinstance(what, str):
        what = what[0].format(*what[1:])
    problems.warning(
        loc,
        "missing-translation",
        f"{what} has no text in {', '.join(missing)}; it is shown marked, in {text.values[0][0]}",
        f"add '{missing[0]}:' beside '{text.values[0][0]}:'",
    )


# -- quotes, checked word for word (white space aside) against their document's `text:` file, which is
# read from the roadmap folder and never outside it: a pull request could name /dev/zero or ~/.ssh/id_rsa.
MAX_BYTES = 64 * 1024 * 1024  # a long report as text is a few MB


def words(text: str) -> str:
    """The text as a reader compares it: NFC, every run of white space one space."""
    return " ".join(nfc(text).split())


def check_quotes(framework: Framework, areas: Iterable[Area], framework_file: Path, problems: Problems) -> None:
    """Every quote (each area's sources, the framework's caveat and method descriptions) against its document."""
    folder = framework_file.parent  # text paths are relative to the folder holding criteria/
    root = folder.parent if folder.name == "criteria" else folder
    texts = {d.id: read_document_text(d, root, problems) for d in framework.all_documents if d.text}
    quotes = [s for area in areas for evidence in area.evidence for s in evidence.sources]
    if framework.caveat:
        quotes.append(framework.caveat)
    if framework.methods:
        quotes += [m.quote for g in framework.methods.groups for m in g.methods if m.quote]
    for source in quotes:
        doc = framework.document(source.document)
        text = texts.get(doc.id) if doc is not None else None
        if doc is not None and text is not None and words(source.quote) not in text:
            problems.error(
                source.loc,
                "quote-not-in-document",
                f"the quote is not word for word in '{doc.title}' (text file {doc.text})",
                "copy the words from the document; spaces and line breaks may differ, nothing else",
            )


def read_document_text(doc: Document, root: Path, problems: Problems) -> str | None:
    """The document's text, in the form quotes are compared with; None (and a problem) if it cannot be read."""

    def refuse(why: str, hint: str) -> None:
        problems.error(doc.loc, "bad-document-text", f"text file '{doc.text}' of document '{doc.id}' {why}", hint)

    if os.path.isabs(doc.text) or doc.text.startswith("~"):
        refuse("is not a path inside the roadmap folder", f"give it relative to {root}, e.g. documents/name.txt")
        return None
    real, inside = os.path.realpath(root / doc.text), os.path.realpath(root)
    if os.path.commonpath([inside, real]) != inside:
        refuse("lies outside the roadmap folder", f"copy the text into {root} and give its path from there")
        return None
    try:
        return words(read_regular(Path(real), MAX_BYTES, "a text file (UTF-8)").decode("utf-8-sig"))
    except FileProblem as err:
        said = {
            "not-a-file": ("is not a file", "give the path of a text file (UTF-8)"),
            "file-too-large": (f"is larger than {MAX_BYTES // (1024 * 1024)} MB", "give the document's text only"),
        }
        unsaid = (err.message.replace("cannot read file", "cannot be read"), f"give its path relative to {root}")
        refuse(*said.get(err.code, unsaid))
    except UnicodeDecodeError:
        refuse("is not UTF-8 text", "save it as UTF-8 text (a PDF's text, copied or converted)")
    return None
