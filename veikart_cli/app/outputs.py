"""Where output lands decides how it looks: `-o matrix.html` writes HTML, `-o -` is stdout.

With no --format, a known extension of --output chooses the format; a --format that
contradicts the extension is a usage error rather than, say, Markdown in a file named .html.
"""

from __future__ import annotations

from pathlib import Path

from veikart_cli.app.settings import UsageError

# What each extension means; "table" is the terminal table as plain text.
EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".svg": "svg",
    ".json": "json",
    ".csv": "csv",
    ".docx": "docx",
    ".txt": "table",
}
STDOUT = Path("-")


def is_stdout(path: Path | None) -> bool:
    """No --output, or `-o -`."""
    return path is None or path == STDOUT


def by_extension(flag: str | None, output: Path | None, allowed: tuple[str, ...]) -> str | None:
    """The format asked for: --format, else the extension of --output; None leaves it to the settings."""
    if is_stdout(output):
        return flag
    assert output is not None
    suffix = output.suffix.lower()
    implied = EXTENSIONS.get(suffix)
    if implied is None:
        return flag
    if flag is not None and flag != implied:
        raise UsageError(
            f"--format {flag} contradicts the extension of {output} ({suffix} is {implied})",
            f"leave out --format, or name the file for {flag}",
            option="--format",
        )
    if implied not in allowed:
        raise UsageError(
            f"this command cannot write {implied} ({output})",
            f"its formats: {', '.join(allowed)}; name the file for one of them",
            option="--output",
        )
    return implied
