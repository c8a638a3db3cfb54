"""An area file (areas/*.yaml) → Area, its evidence typed by each driver's rule kind."""

from __future__ import annotations

from functools import cache

from veikart_cli.model.amounts import parse_evidence, parse_single
from veikart_cli.model.evidence import (
    CHECK_STATUSES,
    AmountEvidence,
    Area,
    ChecklistEvidence,
    CompositeEvidence,
    ElementStatus,
    Evidence,
    LevelEvidence,
    Override,
    PartValue,
    State,
    TargetEvidence,
    Value,
)
from veikart_cli.model.reading import Reader, suggest
from veikart_cli.model.series import read_series
from veikart_cli.model.types import (
    RELATIVE_MEASURES,
    AmountRule,
    ChecklistRule,
    CompositeRule,
    Driver,
    Framework,
    LevelRule,
    SimpleRule,
    Source,
    TargetRule,
)
from veikart_cli.problems import Problems
from veikart_cli.syntax.nodes import Mapping, Node, Scalar, Sequence

_VALUE_KEY = {"amount": "amount", "checklist": "elements", "level": "level", "target": "value", "composite": "parts"}
_VALUE_KEYS = frozenset(_VALUE_KEY.values())
_COMMON = ("because", "sources", "override", "inferred")


def read_area(root: Node, path: str, framework: Framework, problems: Problems) -> Area | None:
    reader = Reader(problems, framework.languages, path)
    top = reader.mapping(root, "an area file")
    if top is None:
        return None
    f = reader.fields(
        top,
        "an area",
        ("id", "name", "section", "summary", "evidence"),
        ("aliases", "recommendations", "actors", "research_groups", "projects", "lists_section"),
    )
    area_id = reader.ident(f.get("id"), "area id")
    name = reader.local(f.get("name"), "area name")
    section = reader.text(f.get("section"), "section")
    summary = reader.local(f.get("summary"), "summary", prose=True)
    evidence = read_evidence_map(reader, f.get("evidence"), framework)
    if area_id is None or name is None or section is None or summary is None:
        return None
    return Area(
        id=area_id,
        name=name,
        section=section,
        summary=summary,
        evidence=evidence,
        path=path,
        loc=reader.loc(top),
        aliases=reader.texts(f.get("aliases"), "alias"),
        recommendations=reader.locals(f.get("recommendations"), "recommendation"),
        actors=reader.texts(f.get("actors"), "actor"),
        research_groups=reader.texts(f.get("research_groups"), "research group"),
        projects=reader.texts(f.get("projects"), "project"),
        lists_section=reader.text(f.get("lists_section"), "lists_section") or "",
    )


def read_evidence_map(reader: Reader, node: Node | None, framework: Framework) -> tuple[Evidence, ...]:
    top = reader.mapping(node, "evidence")
    if top is None:
        return ()
    drivers = {d.id: d for d in framework.drivers}
    pairs = reader.pairs(top)
    given = {key.value for key, _ in pairs}
    missing = [d for d in drivers if d not in given]
    if missing:
        reader.error(
            top,
            "missing-evidence",
            "no evidence for " + ", ".join(f"'{d}'" for d in missing),
            "add it; if the source is silent on a driver, infer it from the text and set 'inferred: true'",
        )
    result = []
    for key, value in pairs:
        driver = drivers.get(key.value)
        if driver is None:
            if key.value not in framework.unread:  # else the framework's own error says why it cannot be judged
                reader.error(
                    key,
                    "unknown-driver",
                    f"no driver '{key.value}' in {framework.path}",
                    suggest(key.value, tuple(drivers)),
                )
        elif (evidence := read_evidence(reader, value, driver, framework)) is not None:
            result.append(evidence)
    return tuple(result)


def read_evidence(reader: Reader, node: Node, driver: Driver, framework: Framework) -> Evidence | None:
    what = f"evidence for '{driver.id}'"
    if type(node) is not Mapping:
        reader.mapping(node, what)
        return None
    rule = driver.rule
    expected = _VALUE_KEY[rule.kind]
    keys = reader.keys(node)
    mismatched = [key for key, _ in node.value if key.value in _VALUE_KEYS and key.value != expected]
    for key in mismatched:
        reader.error(
            key,
            "rule-kind-mismatch",
            f"driver '{driver.id}' is scored by {rule.kind}, so its evidence takes '{expected}', not '{key.value}'",
        )
    if "state" in keys:  # a state outside the colour order: a reason instead of a value
        found = read_state(reader, node, what, f"'{driver.id}'", framework, ("because", "sources", "inferred"))
        if found is None:
            return None
        f, state = found
        because = reader.local(f.get("because"), "because", prose=True)
        sources = tuple(s for s in (read_source(reader, n) for n in reader.sequence(f.get("sources"), "sources")) if s)
        if state is None:
            return None
        inferred = reader.flag(f.get("inferred"), "inferred")
        return Evidence(driver.id, None, because or state.reason, sources, reader.loc(node), inferred, None, state)
    # `override`: no figure, the colour set by judgement; `series`: a value per year (model/series.py)
    target = isinstance(rule, TargetRule)
    value_optional = "override" in keys or bool(mismatched) or (target and "series" in keys)
    f = reader.fields(node, what, *_keys(expected, value_optional, target))
    if isinstance(rule, CompositeRule):
        value: Value | None = read_parts(reader, f.get(expected), driver, rule, framework)
    else:
        value = read_measured(reader, f, expected, driver, rule)
    because = reader.local(f.get("because"), "because", prose=True)
    source_nodes = reader.sequence(f.get("sources"), "sources")
    sources = tuple(s for s in (read_source(reader, n) for n in source_nodes) if s is not None)
    if "sources" in f and not source_nodes:
        reader.error(
            f["sources"],
            "no-sources",
            f"{what} cites no source",
            "add at least one '- section: … quote: …' so readers can check the colour",
        )
    inferred = reader.flag(f.get("inferred"), "inferred")
    override = read_override(reader, f.get("override"), framework)
    if (value is None and (expected in f or override is None)) or because is None or not sources:
        return None
    return Evidence(driver.id, value, because, sources, reader.loc(node), inferred, override)


@cache
def _keys(expected: str, value_optional: bool, target: bool) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(required, optional) keys of evidence whose value is under `expected`; a target rule's
    evidence may give the area's own `target`."""
    required = ("because", "sources") if value_optional else (expected, "because", "sources")
    optional = tuple(k for k in (*_VALUE_KEY.values(), *_COMMON) if k not in required)
    return required, optional + (("target", "series") if target else ())


def read_state(
    reader: Reader, top: Mapping, what: str, who: str, framework: Framework | None, optional: tuple[str, ...] = ()
) -> tuple[dict[str, Node], State | None] | None:
    """`top`'s fields and the state they name, with its reason; None, said, when a state is named
    and the framework declares none."""
    f = reader.fields(top, what, ("state", "reason"), optional)
    states = tuple(s.id for s in framework.states) if framework else ()
    if not states and "state" in f:
        reader.error(
            f["state"],
            "unknown-state",
            f"the framework declares no states, so {who} cannot be in one",
            "declare them under 'states:' beside 'scale:' in the framework",
        )
        return None
    state = reader.choice(f.get("state"), "state", states, "unknown-state")
    reason = reader.local(f.get("reason"), "reason", prose=True)
    return f, None if state is None or reason is None else State(state, reason, reader.loc(f["state"]))


def read_value(reader: Reader, node: Node, driver: Driver) -> Value | None:
    """A value given on its own (a what-if's), typed by the driver's rule."""
    if isinstance(driver.rule, CompositeRule):
        return read_parts(reader, node, driver, driver.rule, None)
    return read_rule_value(reader, node, driver, driver.rule)


def read_parts(
    reader: Reader, node: Node | None, driver: Driver, rule: CompositeRule, framework: Framework | None
) -> Value | None:
    """`parts: {kostnad: {value: …}, trl: {level: …}}`: each part's value by its own rule."""
    top = reader.mapping(node, "parts")
    if top is None:
        return None
    values: dict[str, PartValue] = {}
    pairs = reader.pairs(top)
    for key, value in pairs:
        part = rule.part(key.value)
        if part is None:
            reader.error(
                key,
                "unknown-part",
                f"no part '{key.value}' in driver '{driver.id}'",
                suggest(key.value, tuple(p.id for p in rule.parts)),
            )
            continue
        what = f"part '{part.id}'"
        entry = reader.mapping(value, what)
        if entry is None:
            continue
        keys = reader.keys(entry)
        typed: PartValue | None
        if "state" in keys:  # a part in a state: a reason, no value
            found = read_state(reader, entry, what, what, framework)
            typed = None if found is None else found[1]
        else:
            wanted = _VALUE_KEY[part.rule.kind]
            target = isinstance(part.rule, TargetRule)
            seried = target and "series" in keys
            optional = (("target", "series") if target else ()) + ((wanted,) if seried else ())
            f = reader.fields(entry, what, () if seried else (wanted,), optional)
            typed = read_measured(reader, f, wanted, driver, part.rule)
        if typed is not None:
            values[part.id] = typed
    given = {k.value for k, _ in pairs}
    missing = [p.id for p in rule.parts if p.id not in given]
    if missing:
        reader.error(
            top, "missing-part", "no value for " + ", ".join(f"'{m}'" for m in missing), "give every part a value"
        )
    if len(values) < len(rule.parts):
        return None
    return CompositeEvidence(tuple((p.id, values[p.id]) for p in rule.parts))


def read_measured(
    reader: Reader, f: dict[str, Node], key: str, driver: Driver, rule: SimpleRule
) -> AmountEvidence | ChecklistEvidence | LevelEvidence | TargetEvidence | None:
    """The value under `key`, or a target rule's `series:` in its place: the latest value, with the series."""
    value = read_rule_value(reader, f.get(key), driver, rule, f)
    if "series" not in f or not isinstance(rule, TargetRule):
        return value
    if key in f:
        reader.error(
            f[key], "bad-series", "give 'value' or 'series', not both", "the series' latest value is the value"
        )
        return None
    series, latest = read_series(reader, f["series"], rule, read_source)
    value = read_rule_value(reader, latest, driver, rule, f)
    if not isinstance(value, TargetEvidence):
        return None
    return value._replace(amount=series[-1].amount, series=series, when=series[-1].when)


def read_rule_value(
    reader: Reader, node: Node | None, driver: Driver, rule: SimpleRule, beside: dict[str, Node] | None = None
) -> AmountEvidence | ChecklistEvidence | LevelEvidence | TargetEvidence | None:
    """The value by a simple rule; `beside`: the fields around it in an area file (a target rule's
    `target`), None for a what-if's."""
    if node is None:
        return None
    if isinstance(rule, (AmountRule, TargetRule)):
        amount = reader.amount(node, "amount", parse_evidence, rule.units)
        if amount is None or isinstance(rule, AmountRule):
            return amount
        target_node = beside.get("target") if beside else None
        target = None
        if target_node is not None:
            target = reader.amount(target_node, "target", parse_single, rule.units)
            if target is None:
                return None
            if rule.measure in RELATIVE_MEASURES and target <= 0:
                reader.error(
                    target_node,
                    "bad-target",
                    "a target of zero or less cannot be scored in percent of itself",
                    "give a target above zero, or score the distance from it with 'measure: distance' in the framework",
                )
                return None
        if target is None and rule.target is None and beside is not None:  # a --set keeps the area's own
            reader.error(
                node,
                "missing-target",
                f"driver '{driver.id}' has no target in the framework, so this area needs its own",
                "add 'target: …' beside 'value'",
            )
            return None
        return TargetEvidence(amount, target, reader.text(target_node, "target") or "")
    if isinstance(rule, ChecklistRule):
        return read_checklist(reader, node, driver, rule)
    assert isinstance(rule, LevelRule)
    ids = tuple(level.id for level in rule.levels)
    nodes = reader.sequence(node, "level") if not isinstance(node, Scalar) else (node,)
    if isinstance(node, Sequence) and not node.value:  # `level: []`: nothing chosen, and no override
        reader.error(node, "empty-value", "level is empty", f"give one of: {', '.join(ids)}")
        return None
    levels = tuple(v for v in (reader.choice(n, "level", ids, "unknown-level") for n in nodes) if v)
    return _level_evidence(levels) if levels and len(levels) == len(nodes) else None


def read_checklist(
    reader: Reader, node: Node, driver: Driver, rule: ChecklistRule, partial: bool = False
) -> ChecklistEvidence | None:
    """Every element's status; with `partial` (a what-if), just the elements given."""
    top = reader.mapping(node, "elements")
    if top is None:
        return None
    by_name = {name: e.id for e in rule.elements for name in (e.id, *e.aliases)}
    items: dict[str, ElementStatus] = {}
    given: set[str] = set()
    for key, value in reader.pairs(top):
        element = by_name.get(key.value)
        if element is None:
            reader.error(
                key,
                "unknown-element",
                f"no element '{key.value}' in driver '{driver.id}'",
                suggest(key.value, tuple(by_name)),
            )
        elif element in given:  # e.g. both 'grundere' and its alias 'gründere'
            reader.error(key, "duplicate-element", f"element '{element}' is given twice")
        else:
            given.add(element)
            status = read_status(reader, value, element)
            if status is not None:
                items[element] = status
    missing = [e.id for e in rule.elements if e.id not in given]
    if missing and not partial:
        reader.error(
            top,
            "missing-element",
            "no status for " + ", ".join(missing),
            "give every element a status: " + ", ".join(CHECK_STATUSES),
        )
    if len(items) < len(rule.elements) and not partial:
        return None
    return ChecklistEvidence(tuple(items[e.id] for e in rule.elements if e.id in items))


@cache
def _status_words(languages: tuple[str, ...]) -> dict[str, str]:
    """A checklist status in the framework's languages too: `kapital: nei` as `kapital: missing`."""
    ja_nei = {"ja": "present", "delvis": "partial", "nei": "missing"}
    words = {"nb": ja_nei, "nn": ja_nei, "en": {"yes": "present", "no": "missing"}}
    return {word: status for lang in languages for word, status in words.get(lang, {}).items()}


def read_status(reader: Reader, node: Node, element: str) -> ElementStatus | None:
    """`kapital: missing` (or `nei`, in the framework's language), or a mapping with status, actors and a note."""
    f = {"status": node}
    if isinstance(node, Mapping):
        f = reader.fields(node, f"element '{element}'", ("status",), ("actors", "note"))
    words = _status_words(reader.languages)
    status = reader.choice(f.get("status"), "status", (*CHECK_STATUSES, *words), "unknown-status")
    if status is None:
        return None
    actors, note = reader.texts(f.get("actors"), "actor"), reader.local(f.get("note"), "note", prose=True)
    if not actors and note is None:
        return _bare_status(element, words.get(status, status))
    return ElementStatus(element, words.get(status, status), actors, note)


# Values many areas give alike are made once and shared: every named tuple an area keeps is walked
# by each of the garbage collector's full passes, and a load of many areas makes several.
@cache
def _level_evidence(levels: tuple[str, ...]) -> LevelEvidence:
    return LevelEvidence(levels)


@cache
def _bare_status(element: str, status: str) -> ElementStatus:
    return ElementStatus(element, status)


def read_source(reader: Reader, node: Node) -> Source | None:
    top = reader.mapping(node, "a source")
    if top is None:
        return None
    f = reader.fields(top, "a source", ("section", "quote"), ("document", "page"))
    section = reader.text(f.get("section"), "section")
    quote = reader.text(f.get("quote"), "quote", prose=True)
    if section is None or quote is None:
        return None
    document, page = reader.text(f.get("document"), "document"), reader.text(f.get("page"), "page")
    return Source(section, " ".join(quote.split()), reader.loc(top), document or "", page or "")


def read_override(reader: Reader, node: Node | None, framework: Framework) -> Override | None:
    top = reader.mapping(node, "override")
    if top is None:
        return None
    f = reader.fields(top, "an override", ("colour", "reason"), ("by",))
    colour = reader.choice(f.get("colour"), "colour", tuple(c.id for c in framework.scale), "unknown-colour")
    reason = reader.local(f.get("reason"), "reason", prose=True)
    if colour is None or reason is None:
        return None
    return Override(colour, reason, reader.loc(top), reader.text(f.get("by"), "by") or "")
