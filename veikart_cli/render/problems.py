"""Problems → text for people, workflow commands for GitHub, JSON for programs, Markdown for
a GitHub step summary. The JSON field names are a stable interface."""

from __future__ import annotations

from veikart_cli.problems import Problem
from veikart_cli.render.document import Cell, Table, markdown_table
from veikart_cli.render.sanitize import github_data, github_property, json_text, terminal


def problems_text(problems: list[Problem]) -> str:
    """`path:line:col: error: message [code]` and the hint, each part shown as plain text:
    a file name or a YAML value cannot move the cursor, colour the terminal or start a line."""
    lines = []
    for p in problems:
        lines.append(f"{terminal(str(p.location))}: {p.severity.value}: {terminal(p.message)} [{p.code}]\n")
        if p.hint:
            lines.append(f"  hint: {terminal(p.hint)}\n")
    return "".join(lines)


def problems_github(problems: list[Problem]) -> str:
    """`::error file=…,line=…,col=…,title=…::message`, shown on the pull request's diff."""
    lines = []
    for p in problems:
        where = [f"file={github_property(p.location.path)}"]
        if p.location.line:
            where += [f"line={p.location.line}", f"col={p.location.column}"]
        where.append(f"title={github_property(p.code)}")
        message = f"{p.message}\nhint: {p.hint}" if p.hint else p.message
        command = "notice" if p.severity.value == "note" else p.severity.value  # GitHub's word for a note
        lines.append(f"::{command} {','.join(where)}::{github_data(message)}\n")
    return "".join(lines)


FIELDS = ("path", "line", "column", "severity", "code", "message", "hint")  # a stable interface


def problems_json(problems: list[Problem]) -> str:
    """Each problem as FIELDS (zip's strict: a Location with another field fails rather than changes them)."""
    values = ((*p.location, p.severity.value, p.code, p.message, p.hint) for p in problems)
    return json_text([dict(zip(FIELDS, value, strict=True)) for value in values])


def problems_summary(problems: list[Problem], verdict: str) -> str:
    """The whole list as Markdown: GitHub shows only the first annotations of a step."""
    rows = tuple(
        tuple(Cell(text) for text in (str(p.location), p.severity.value, p.code, p.message, p.hint)) for p in problems
    )
    body = markdown_table(Table(("where", "severity", "code", "message", "hint"), rows)) + "\n" if rows else ""
    return f"### veikart: {verdict}\n\n{body}"
