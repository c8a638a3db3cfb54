"""An indicator's series: a value per year or date, in place of one `value` of a target rule, as a
list (`- {year: 2019, value: 12 %, source: {…}}`) or a mapping (`{2019: 12 %, 2021: 14 %}`). A cell
takes the latest value, or the value at `--at YEAR`; one older than the framework's `max-age` is flagged."""

from __future__ import annotations

import datetime
import itertools
import re
from collections.abc import Callable, Iterator
from decimal import Decimal

from veikart_cli.model.amounts import parse_evidence
from veikart_cli.model.evidence import CompositeEvidence, DataSet, Evidence, Observation, State, TargetEvidence
from veikart_cli.model.reading import Reader
from veikart_cli.model.types import Source, TargetRule, Text
from veikart_cli.syntax.nodes import Mapping, Node

_WHEN_HINT = "write the year as 2021 or the date as 2021-06-30"
_WHEN = re.compile(r"^([0-9]{4})(?:-([0-9]{2})-([0-9]{2}))?$")


def when_time(text: str) -> Decimal | None:
    """'2021' → 2021; '2021-07-02' → 2021.5 (the part of the year gone, to four places)."""
    match = _WHEN.match(text)
    if match is None:
        return None
    year = int(match.group(1))
    if match.group(2) is None:
        return Decimal(year)
    try:
        day = datetime.date(year, int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None
    days = (datetime.date(year + 1, 1, 1) - datetime.date(year, 1, 1)).days
    gone = Decimal(day.timetuple().tm_yday - 1) / days
    return Decimal(year) + gone.quantize(Decimal("0.0001"))


def read_series(
    reader: Reader, node: Node, rule: TargetRule, read_source: Callable[[Reader, Node], Source | None]
) -> tuple[tuple[Observation, ...], Node | None]:
    """(observations oldest first, the latest one's value node), or ((), None) after a problem."""
    read: list[tuple[Observation | None, Node]] = []
    if isinstance(node, Mapping):
        read += [(read_observation(reader, key, value, rule, None), value) for key, value in reader.pairs(node)]
    else:
        for top in reader.mappings(node, "series", "a value of the series"):
            f = reader.fields(top, "a value of the series", ("year", "value"), ("source",))
            source = read_source(reader, f["source"]) if "source" in f else None
            if "year" in f and "value" in f:
                read.append((read_observation(reader, f["year"], f["value"], rule, source), f["value"]))
    found = [(observation, value) for observation, value in read if observation is not None]
    if not found:
        if not reader.problems.has_errors:
            reader.error(node, "bad-series", "the series has no values", "give one value a year or more")
        return (), None
    found.sort(key=lambda pair: pair[0].time)
    for (before, _), (after, _) in itertools.pairwise(found):
        if before.time == after.time:
            reader.problems.error(
                after.loc, "bad-series", f"the series gives {after.when} twice", "keep one value for each year or date"
            )
            return (), None
    return tuple(o for o, _ in found), found[-1][1]


def read_observation(
    reader: Reader, when_node: Node, value_node: Node, rule: TargetRule, source: Source | None
) -> Observation | None:
    when = reader.text(when_node, "year", own_type=True)
    if when is None:
        return None
    time = when_time(when)
    if time is None:
        reader.error(when_node, "bad-series", f"'{when}' is not a year or a date", _WHEN_HINT)
        return None
    amount = reader.amount(value_node, f"the value of {when}", parse_evidence, rule.units)
    return None if amount is None else Observation(when, time, amount, reader.loc(when_node), source)


# -- --at YEAR and max-age: the data set as of a year ---------------------------------------------
def target_values(dataset: DataSet) -> Iterator[tuple[str, TargetEvidence]]:
    """Every target rule's value, a composite's parts' among them, with where it is ('area.driver.part')."""
    for area in dataset.areas:
        for evidence in area.evidence:
            where, value = f"{area.id}.{evidence.driver}", evidence.value
            if isinstance(value, CompositeEvidence):
                yield from ((f"{where}.{n}", v) for n, v in value.parts if isinstance(v, TargetEvidence))
            elif isinstance(value, TargetEvidence):
                yield where, value


class TooEarly(ValueError):
    """--at names a year before some series' first value: those cells have no value then."""

    def __init__(self, year: int, cells: list[str], first: int) -> None:
        shown = ", ".join(cells[:3]) + (f" and {len(cells) - 3} more" if len(cells) > 3 else "")
        super().__init__(f"no value by {year} in {shown}")
        self.hint = (
            f"every series has a value from {first}: choose --at {first} or later, or declare "
            "'series-missing: STATE' in the framework (e.g. a no-data state)"
        )


def as_of(dataset: DataSet, year: int | None) -> DataSet:
    """The data set as of `year` (None: the latest year any series has): every series cut at
    the end of that year, its value the latest left, flagged when older than `max-age` years.
    Raises TooEarly when a series has no value by then (a value from a later year is never used)."""
    series = [(where, value.series) for where, value in target_values(dataset) if value.series]
    if not series:
        return dataset  # nothing to cut: the data set as read
    edition = year if year is not None else max(int(values[-1].time) for _, values in series)
    framework, languages = dataset.framework, dataset.framework.languages
    early = [where for where, values in series if values[0].time >= edition + 1]
    if early and not framework.series_missing:
        raise TooEarly(edition, early, max(int(values[0].time) for _, values in series))

    def cut(value: TargetEvidence) -> TargetEvidence | State:
        kept = tuple(o for o in value.series if o.time < edition + 1)
        if not kept:  # no value yet: the state the framework declares for it, and when the first is from
            first = value.series[0]
            why = tuple((code, framework.language(code).word("series-first", when=first.when)) for code in languages)
            return State(framework.series_missing, Text(why), first.loc)
        last = kept[-1]
        stale = framework.max_age is not None and edition - int(last.time) > framework.max_age
        return value._replace(amount=last.amount, series=kept, when=last.when, stale=stale)

    def cut_evidence(evidence: Evidence) -> Evidence:
        value = evidence.value
        if isinstance(value, CompositeEvidence):
            parts = tuple((n, cut(v) if isinstance(v, TargetEvidence) and v.series else v) for n, v in value.parts)
            return evidence._replace(value=CompositeEvidence(parts))
        if not isinstance(value, TargetEvidence) or not value.series:
            return evidence
        new = cut(value)
        if isinstance(new, State):
            return evidence._replace(value=None, state=new, override=None)
        return evidence._replace(value=new)

    areas = tuple(area._replace(evidence=tuple(map(cut_evidence, area.evidence))) for area in dataset.areas)
    return dataset._replace(areas=areas)
