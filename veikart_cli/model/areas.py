"""An area file (areas/*.yaml) → Area, its evidence typed by each driver's rule kind."""

from __future__ import annotations

from decimal import Decimal
from functools import cache

from veikart_cli.model.amounts import AmountError, parse_evidence, parse_single
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
from veikart_cli.model.series import Readers, read_series_value
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
    given = {key.value for key, _ in reader.pairs(top)}  # once: per driver it was drivers × evidence
    missing = [d for d in drivers if d not in given]
    if missing:
        reader.problems.error(
            reader.loc(top),
            "missing-evidence",
            "no evidence for " + ", ".join(f"'{d}'" for d in missing),
            "add it; if the source is silent on a driver, infer it from the text and set 'inferred: true'",
        )
    result = []
    for key, value in reader.pairs(top):
        driver = drivers.get(key.value)
        if driver is None and key.value in framework.unread:
            continue  # the framework's own error says why this driver cannot be judged
        if driver is None:
            reader.problems.error(
                reader.loc(key),
                "unknown-driver",
                f"no driver '{key.value}' in {framework.path}",
                suggest(key.value, tuple(drivers)),
            )
            continue
        evidence = read_evidence(reader, value, driver, framework)
        if evidence is not None:
            result.append(evidence)
    return tuple(result)


def read_evidence(reader: Reader, node: Node, driver: Driver, framework: Framework) -> Evidence | None:
    # Read for every driver of every area: descriptions are made only for a message, and the
    # keys a driver's evidence takes are worked out once per rule kind (_keys).
    if type(node) is not Mapping:
        reader.mapping(node, f"evidence for '{driver.id}'")
        return None
    top = node
    expected = _VALUE_KEY[driver.rule.kind]
    mismatched = judged = stated = seried = False
    for key, _ in reader.pairs(top):
        if key.value == "override":
            judged = True  # the value may be left out: "no figure; colour set by judgement"
        elif key.value == "state":
            stated = True  # a state outside the colour order: a reason instead of a value
        elif key.value == "series" and isinstance(driver.rule, TargetRule):
            seried = True  # a value per year instead of one value (model/series.py)
        elif key.value != expected and key.value in _VALUE_KEYS:
            mismatched = True
            reader.problems.error(
                reader.loc(key),
                "rule-kind-mismatch",
                f"driver '{driver.id}' is scored by {driver.rule.kind}, so its evidence takes '{expected}', not '{key.value}'",
            )
    if stated:
        return read_state_evidence(reader, top, driver, framework)
    required, optional = _keys(expected, judged or mismatched or seried, isinstance(driver.rule, TargetRule))
    f = reader.fields(top, f"evidence for '{driver.id}'", required, optional)
    value = read_value(reader, f.get(expected), driver, top, framework)
    if "series" in f and isinstance(driver.rule, TargetRule):
        value = read_series_value(reader, f["series"], f.get(expected), driver, driver.rule, top, SERIES_READERS)
    because = reader.local(f.get("because"), "because", prose=True)
    source_nodes = reader.sequence(f.get("sources"), "sources")
    sources = []
    for source_node in source_nodes:
        source = read_source(reader, source_node)
        if source is not None:
            sources.append(source)
    if "sources" in f and not source_nodes:
        reader.problems.error(
            reader.loc(f["sources"]),
            "no-sources",
            f"evidence for '{driver.id}' cites no source",
            "add at least one '- section: … quote: …' so readers can check the colour",
        )
    inferred = reader.flag(f.get("inferred"), "inferred") if "inferred" in f else False
    override = read_override(reader, f.get("override"), framework) if judged else None
    if (value is None and (expected in f or override is None)) or because is None or not sources:
        return None
    return Evidence(driver.id, value, because, tuple(sources), reader.loc(top), inferred, override)


_VALUE_KEYS = frozenset(_VALUE_KEY.values())


@cache
def _keys(expected: str, value_optional: bool, target: bool = False) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(required, optional) keys of evidence whose value is under `expected`; a target rule's
    evidence may give the area's own `target`."""
    required = ("because", "sources") if value_optional else (expected, "because", "sources")
    optional = tuple(k for k in (*_VALUE_KEY.values(), *_COMMON) if k not in required)
    return required, optional + (("target", "series") if target else ())


def read_state_evidence(reader: Reader, top: Mapping, driver: Driver, framework: Framework) -> Evidence | None:
    """A driver in a state outside the colour order: a reason instead of a value."""
    f = reader.fields(top, f"evidence for '{driver.id}'", ("state", "reason"), ("because", "sources", "inferred"))
    states = state_ids(reader, f, framework, f"'{driver.id}'")
    if states is None:
        return None
    state = reader.choice(f.get("state"), "state", states, "unknown-state")
    reason = reader.local(f.get("reason"), "reason", prose=True)
    because = reader.local(f.get("because"), "because", prose=True)
    sources = tuple(s for s in (read_source(reader, n) for n in reader.sequence(f.get("sources"), "sources")) if s)
    if state is None or reason is None:
        return None
    return Evidence(
        driver.id,
        None,
        because or reason,
        sources,
        reader.loc(top),
        reader.flag(f.get("inferred"), "inferred"),
        None,
        State(state, reason, reader.loc(f["state"])),
    )


def read_value(
    reader: Reader, node: Node | None, driver: Driver, parent: Mapping | None = None, framework: Framework | None = None
) -> Value | None:
    """The evidence's value, typed by the driver's rule. `parent`: the evidence mapping, for a
    target rule's `target` beside its `value`."""
    if node is None:
        return None
    if isinstance(driver.rule, CompositeRule):
        return read_parts(reader, node, driver, driver.rule, framework=framework)
    return read_rule_value(reader, node, driver, driver.rule, parent)


def read_parts(
    reader: Reader,
    node: Node,
    driver: Driver,
    rule: CompositeRule,
    partial: bool = False,
    framework: Framework | None = None,
) -> Value | None:
    """`parts: {kostnad: {value: …}, trl: {level: …}}`: each part's value by its own rule."""
    top = reader.mapping(node, "parts")
    if top is None:
        return None
    values: dict[str, PartValue] = {}
    for key, value in reader.pairs(top):
        part = rule.part(key.value)
        if part is None:
            reader.problems.error(
                reader.loc(key),
                "unknown-part",
                f"no part '{key.value}' in driver '{driver.id}'",
                suggest(key.value, tuple(p.id for p in rule.parts)),
            )
            continue
        entry = reader.mapping(value, f"part '{part.id}'")
        if entry is None:
            continue
        if any(k.value == "state" for k, _ in reader.pairs(entry)):  # a part in a state: a reason, no value
            state = read_part_state(reader, entry, part.id, framework)
            if state is not None:
                values[part.id] = state
            continue
        wanted = _VALUE_KEY[part.rule.kind]
        optional = ("target", "series") if isinstance(part.rule, TargetRule) else ()
        seried = bool(optional) and any(k.value == "series" for k, _ in reader.pairs(entry))
        required = () if seried else (wanted,)
        f = reader.fields(entry, f"part '{part.id}'", required, optional + ((wanted,) if seried else ()))
        typed = read_rule_value(reader, f.get(wanted), driver, part.rule, entry)
        if seried and isinstance(part.rule, TargetRule):
            typed = read_series_value(reader, f["series"], f.get(wanted), driver, part.rule, entry, SERIES_READERS)
        if typed is not None:
            values[part.id] = typed
    missing = [p.id for p in rule.parts if p.id not in {k.value for k, _ in reader.pairs(top)}]
    if missing and not partial:
        reader.problems.error(
            reader.loc(top),
            "missing-part",
            "no value for " + ", ".join(f"'{m}'" for m in missing),
            "give every part a value",
        )
    if not partial and len(values) < len(rule.parts):
        return None
    return CompositeEvidence(tuple((p.id, values[p.id]) for p in rule.parts if p.id in values))


def read_part_state(reader: Reader, entry: Mapping, part_id: str, framework: Framework | None) -> State | None:
    """`kostnad: {state: no-data, reason: …}`: a composite's part in one of the framework's states."""
    f = reader.fields(entry, f"part '{part_id}'", ("state", "reason"))
    states = state_ids(reader, f, framework, f"part '{part_id}'")
    if states is None:
        return None
    state = reader.choice(f.get("state"), "state", states, "unknown-state")
    reason = reader.local(f.get("reason"), "reason", prose=True)
    if state is None or reason is None:
        return None
    return State(state, reason, reader.loc(f["state"]))


def state_ids(reader: Reader, f: dict[str, Node], framework: Framework | None, what: str) -> tuple[str, ...] | None:
    """The states `what` may be in; None, said, when a state is named and the framework declares none."""
    states = tuple(s.id for s in framework.states) if framework else ()
    if not states and "state" in f:
        reader.problems.error(
            reader.loc(f["state"]),
            "unknown-state",
            f"the framework declares no states, so {what} cannot be in one",
            "declare them under 'states:' beside 'scale:' in the framework",
        )
        return None
    return states


def read_rule_value(
    reader: Reader, node: Node | None, driver: Driver, rule: SimpleRule, parent: Mapping | None = None
) -> AmountEvidence | ChecklistEvidence | LevelEvidence | TargetEvidence | None:
    if node is None:
        return None
    if isinstance(rule, (AmountRule, TargetRule)):
        amount = read_amount(reader, node, rule)
        if amount is None or isinstance(rule, AmountRule):
            return amount
        target_node = next((v for k, v in reader.pairs(parent) if k.value == "target"), None) if parent else None
        target = read_target(reader, target_node, rule) if target_node is not None else None
        if target_node is not None and target is None:
            return None
        if target is None and rule.target is None and parent is not None:  # a --set keeps the area's own
            reader.problems.error(
                reader.loc(node),
                "missing-target",
                f"driver '{driver.id}' has no target in the framework, so this area needs its own",
                "add 'target: …' beside 'value'",
            )
            return None
        return TargetEvidence(amount, target, reader.text(target_node, "target") or "" if target_node else "")
    if isinstance(rule, ChecklistRule):
        return read_checklist(reader, node, driver, rule)
    assert isinstance(rule, LevelRule)
    ids = tuple(level.id for level in rule.levels)
    nodes = reader.sequence(node, "level") if not isinstance(node, Scalar) else (node,)
    if isinstance(node, Sequence) and not node.value:  # `level: []`: nothing chosen, and no override
        reader.problems.error(reader.loc(node), "empty-value", "level is empty", f"give one of: {', '.join(ids)}")
        return None
    levels = tuple(v for v in (reader.choice(n, "level", ids, "unknown-level") for n in nodes) if v)
    return LevelEvidence(levels) if levels and len(levels) == len(nodes) else None


def read_amount(reader: Reader, node: Node, rule: AmountRule | TargetRule) -> AmountEvidence | None:
    text = reader.text(node, "amount", own_type=True)
    if text is None:
        return None
    try:
        return parse_evidence(text, rule.units)
    except AmountError as err:
        reader.problems.error(reader.loc(node), "bad-amount", str(err), err.hint)
        return None


def read_target(reader: Reader, node: Node, rule: TargetRule) -> Decimal | None:
    text = reader.text(node, "target", own_type=True)
    if text is None:
        return None
    try:
        target = parse_single(text, rule.units)
    except AmountError as err:
        reader.problems.error(reader.loc(node), "bad-amount", str(err), err.hint)
        return None
    if rule.measure in RELATIVE_MEASURES and target <= 0:
        reader.problems.error(
            reader.loc(node),
            "bad-target",
            "a target of zero or less cannot be scored in percent of itself",
            "give a target above zero, or score the distance from it with 'measure: distance' in the framework",
        )
        return None
    return target


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
            reader.problems.error(
                reader.loc(key),
                "unknown-element",
                f"no element '{key.value}' in driver '{driver.id}'",
                suggest(key.value, tuple(by_name)),
            )
        elif element in given:  # e.g. both 'grundere' and its alias 'gründere'
            reader.problems.error(reader.loc(key), "duplicate-element", f"element '{element}' is given twice")
        else:
            given.add(element)
            status = read_status(reader, value, element)
            if status is not None:
                items[element] = status
    if partial:
        return ChecklistEvidence(tuple(items[e.id] for e in rule.elements if e.id in items))
    missing = [e.id for e in rule.elements if e.id not in given]
    if missing:
        reader.problems.error(
            reader.loc(top),
            "missing-element",
            "no status for " + ", ".join(missing),
            "give every element a status: " + ", ".join(CHECK_STATUSES),
        )
    if len(items) < len(rule.elements):
        return None
    return ChecklistEvidence(tuple(items[e.id] for e in rule.elements))


# A checklist status in the framework's languages too: `kapital: nei` as `kapital: missing`.
_JA_NEI = {"ja": "present", "delvis": "partial", "nei": "missing"}
STATUS_WORDS = {"nb": _JA_NEI, "nn": _JA_NEI, "en": {"yes": "present", "no": "missing"}}


def read_check_status(reader: Reader, node: Node | None) -> str | None:
    words = {word: status for lang in reader.languages for word, status in STATUS_WORDS.get(lang, {}).items()}
    status = reader.choice(node, "status", (*CHECK_STATUSES, *words), "unknown-status")
    return words.get(status, status) if status is not None else None


def read_status(reader: Reader, node: Node, element: str) -> ElementStatus | None:
    """`kapital: missing` (or `nei`, in the framework's language), or a mapping with status, actors and a note."""
    if not isinstance(node, Mapping):
        status = read_check_status(reader, node)
        return ElementStatus(element, status) if status else None
    f = reader.fields(node, f"element '{element}'", ("status",), ("actors", "note"))
    status = read_check_status(reader, f.get("status"))
    if status is None:
        return None
    return ElementStatus(
        element, status, reader.texts(f.get("actors"), "actor"), reader.local(f.get("note"), "note", prose=True)
    )


def read_source(reader: Reader, node: Node) -> Source | None:
    top = reader.mapping(node, "a source")
    if top is None:
        return None
    f = reader.fields(top, "a source", ("section", "quote"), ("document", "page"))
    section = reader.text(f.get("section"), "section")
    quote = reader.text(f.get("quote"), "quote", prose=True)
    if section is None or quote is None:
        return None
    document = reader.text(f["document"], "document") or "" if "document" in f else ""
    page = reader.text(f["page"], "page") or "" if "page" in f else ""
    return Source(section, " ".join(quote.split()), reader.loc(top), document, page)


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


SERIES_READERS = Readers(read_source, read_rule_value)  # what a series reads each of its values with
