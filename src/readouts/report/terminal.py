"""The terminal: colour for the text views and a progress bar over articles, both with rich.

Colour is on only when the stream is a terminal and ``NO_COLOR`` is unset
(https://no-color.org); piped output stays plain text, byte for byte what
the text view renders. The progress bar counts articles (done of total, rate,
time left); when the total is not known ahead (a feed, a WARC file, stdin) it
counts without an end.
"""
from __future__ import annotations

import os
import re
import time
from typing import IO

HEADING = re.compile(r"^[A-Z][A-Z ,()+-]{3,}$")
SIDE_IN_PARENS = re.compile(r"\(([A-Z]{2}|\?)\)")
QUOTED = re.compile(r"\"[^\"\n]{2,}\"|“[^”\n]{2,}”")
LABELS = {"now": "bold green", "earlier": "yellow", "planned": "magenta"}
SIDE_STYLES = ("bright_blue", "bright_red", "bright_green", "bright_magenta", "bright_cyan", "orange3")


def use_colour(stream: IO[str]) -> bool:
    """Colour when ``stream`` is a terminal and NO_COLOR is not set (to anything)."""
    if "NO_COLOR" in os.environ:
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _side_style(code: str) -> str:
    return SIDE_STYLES[sum(map(ord, code)) % len(SIDE_STYLES)] if code != "?" else "dim"


def coloured(text: str):
    """The text view as a rich ``Text``: headings bold, contact labels, side codes and quotes in colour."""
    from rich.text import Text

    out = Text()
    for line in text.split("\n"):
        t = Text(line)
        if HEADING.match(line.strip()):
            t.stylize("bold cyan")
        else:
            m = re.match(r"^\s+(now|earlier|planned)\b", line)
            if m:
                t.stylize(LABELS[m.group(1)], m.start(1), m.end(1))
            for q in QUOTED.finditer(line):
                t.stylize("italic", q.start(), q.end())
            for s in SIDE_IN_PARENS.finditer(line):
                t.stylize(_side_style(s.group(1)), s.start(), s.end())
        out.append(t)
        out.append("\n")
    out.rstrip()
    return out


def write_text(text: str, stream: IO[str]) -> None:
    """Write a text view to ``stream``: coloured on a terminal, plain otherwise."""
    if not use_colour(stream):
        stream.write(text if text.endswith("\n") else text + "\n")
        return
    from rich.console import Console

    Console(file=stream, highlight=False, soft_wrap=True).print(coloured(text))


class ArticleProgress:
    """A rich progress bar over articles on a terminal (count, rate, time left); a log line now and then otherwise."""

    def __init__(self, stream: IO[str], total: int | None, label: str, log=None, every: float = 10.0) -> None:
        self.stream, self.total, self.label, self.log, self.every = stream, total, label, log, every
        self.tty = bool(getattr(stream, "isatty", lambda: False)())
        self.progress = self.task = None
        self.last_log = time.monotonic()
        self.done, self.note = 0, ""
        self.start = time.monotonic()

    def __enter__(self) -> ArticleProgress:  # noqa: PYI034
        if self.tty:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )

            self.progress = Progress(
                TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                TextColumn("articles"), TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                TimeElapsedColumn(), TextColumn("{task.fields[note]}"),
                console=Console(file=self.stream, no_color="NO_COLOR" in os.environ), transient=False)
            self.progress.start()
            self.task = self.progress.add_task(self.label, total=self.total, rate="", note="")
        return self

    def update(self, done: int, note: str = "") -> None:
        """``done`` articles handled so far (analysed, skipped or failed); ``note`` e.g. "12 stored, 1 failed"."""
        self.done, self.note = done, note
        elapsed = time.monotonic() - self.start
        rate = f"{done / elapsed:.1f}/s" if elapsed > 0 else ""
        if self.progress is not None:
            self.progress.update(self.task, completed=done, rate=rate, note=note)
        elif self.log and time.monotonic() - self.last_log >= self.every:
            self._log_line(rate)

    def _log_line(self, rate: str) -> None:
        self.last_log = time.monotonic()
        of = f"/{self.total}" if self.total else ""
        self.log(f"{self.label}: {self.done}{of} article{'' if self.done == 1 and not of else 's'}, {rate}"
                 + (f", {self.note}" if self.note else ""))

    def __exit__(self, *exc) -> None:
        if self.progress is not None:
            if self.total is None:
                self.progress.update(self.task, total=self.done)
            self.progress.stop()
        elif self.log and self.done:
            elapsed = time.monotonic() - self.start
            self._log_line(f"{self.done / elapsed:.1f}/s" if elapsed > 0 else "")
