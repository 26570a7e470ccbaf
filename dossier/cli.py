"""The ``dossier`` command: thin commands over :class:`dossier.service.Dossier`.

Every command takes ``--json`` for scripts (shapes in CONTRACT.md). Article text is always
printed as text, never parsed as Rich markup. Exit status: 0 done, 1 failed, 2 bad usage or
a malformed query.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import json
import os
import sys
from typing import TYPE_CHECKING, Any, NoReturn

import click

from dossier.display import article_header, concordance_line, one_line, phase_label, plural
from dossier.models import IndexReport
from dossier.service import ArticleNotFound, Dossier, EntityNotFound, IndexBusy, NoIndex, QueryError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

_PROGRESS_MIN_FILES = 25


def _console(stderr: bool = False) -> Console:
    from rich.console import Console

    return Console(stderr=stderr, highlight=False, soft_wrap=False)


def _emit_json(data: Any) -> None:
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")


def _fail(message: str, code: int = 1) -> NoReturn:
    click.echo(f"dossier: {message}", err=True)
    sys.exit(code)


class _ProgressBar:
    """A progress bar on standard error, shown only for long runs in a terminal; or, with
    ``lines``, one plain line per step (``index 3/60``) for logs and scripts to follow."""

    def __init__(self, lines: bool = False) -> None:
        self.bar: Progress | None = None
        self.tasks: dict[str, TaskID] = {}
        self.lines = lines

    def advance(self, phase: str, done: int, total: int) -> None:
        """The indexer's progress callback: ``done`` of ``total`` in ``phase``."""
        if self.lines:
            click.echo(f"{phase} {done}/{total}", err=True)
            return
        if total < _PROGRESS_MIN_FILES or not sys.stderr.isatty():
            return
        if self.bar is None:
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeRemainingColumn
            from rich.progress import Progress as RichProgress

            self.bar = RichProgress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeRemainingColumn(),
                console=_console(stderr=True),
                transient=True,
            )
            self.bar.start()
        if phase not in self.tasks:
            self.tasks[phase] = self.bar.add_task(phase_label(phase), total=total)
        self.bar.update(self.tasks[phase], completed=done)

    def stop(self) -> None:
        """Take the bar off the screen, if it was shown."""
        if self.bar is not None:
            self.bar.stop()


def _run_refresh(
    dossier: Dossier,
    *,
    rebuild: bool = False,
    explicit: bool = False,
    analyse: bool = True,
    progress_lines: bool = False,
    checked: bool = False,
) -> IndexReport | None:
    """Refresh the index with a progress bar on long runs (or progress lines when asked);
    warnings go to stderr. ``checked``: the index was just found not current."""
    bar = _ProgressBar(lines=progress_lines)
    progress = bar.advance
    report: IndexReport | None
    try:
        if explicit:
            report = dossier.refresh(rebuild=rebuild, progress=progress, wait=5.0, analyse=analyse)
        else:
            report = dossier.ensure_index(progress=progress, analyse=analyse, checked=checked)
    except IndexBusy as exc:
        _fail(str(exc))
    except FileNotFoundError as exc:
        _fail(str(exc))
    finally:
        bar.stop()
    if report is not None and (explicit or report.changed):
        for skipped in report.skipped:
            click.echo(f"warning: skipped {one_line(skipped.path)}: {skipped.reason}", err=True)
        for notice in report.notices:
            click.echo(f"note: {one_line(notice.path)}: {notice.message}", err=True)
    if explicit and analyse:
        told = {notice.path for notice in report.notices} if report is not None else set()
        for failed in dossier.not_analysed():
            if failed["path"] not in told:
                click.echo(
                    f"note: {one_line(failed['path'])}: not analysed "
                    f"(still indexed and searchable): {failed['error']}",
                    err=True,
                )
    return report


@click.group(invoke_without_command=True, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--seeds",
    "seeds",
    type=click.Path(file_okay=False),
    envvar="DOSSIER_SEEDS",
    help="Folder of article files [./seeds].",
)
@click.option(
    "--index",
    "index",
    type=click.Path(file_okay=False),
    envvar="DOSSIER_INDEX",
    help="Index folder [./index].",
)
@click.version_option(package_name="dossier")
@click.pass_context
def main(ctx: click.Context, seeds: str | None, index: str | None) -> None:
    """Read, search and compare a folder of news articles about one story."""
    # What is left at exit goes with the process, not one object at a time through a last
    # collection (0.1-0.2 s after a merge of thousands of articles).
    atexit.register(gc.freeze)
    ctx.obj = Dossier.open(seeds, index)
    if ctx.invoked_subcommand is None:
        _open_reader(ctx.obj)


#: Whether this process opened the reader or the web server (they end the usual way).
_interactive = False


def run() -> None:
    """The ``dossier`` command: :func:`main`, then, unless it opened the reader, an exit that
    leaves the memory to the operating system instead of freeing a merge's millions of objects
    one by one (0.2-0.3 s after adding one article to a dossier of 2,000).

    Output is flushed first and the exit status is click's; nothing registered to run at exit
    is needed by a command (the files it writes are complete and closed when it returns).
    """
    from dossier import derive

    derive.keep_until_exit()
    try:
        main.main(prog_name="dossier")
    except SystemExit as done:
        code = done.code
    else:
        code = 0
    if _interactive:
        raise SystemExit(code)
    if isinstance(code, str):
        print(code, file=sys.stderr)
        code = 1
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe ("... | head")
            stream.flush()
    os._exit(0 if code is None else int(code))


def _stays_open() -> None:
    """This process runs the reader or the web server: it ends the usual way, and what each
    merge builds is freed when the merge returns (the reader refreshes the index many times)."""
    from dossier import derive

    global _interactive
    _interactive = True
    derive.keep_until_exit(False)


def _open_reader(dossier: Dossier) -> None:
    """Open the terminal reader (a summary table when there is no terminal to draw on)."""
    if not sys.stdout.isatty() or not sys.stdin.isatty():
        _summary(dossier)
        return
    if not dossier.seeds.is_dir():
        _fail(f"seeds folder not found: {dossier.seeds}")
    from dossier.tui import make_app

    _stays_open()
    make_app(dossier).run()


def _summary(dossier: Dossier) -> None:
    """What `dossier` prints when it is not opening the reader."""
    from rich.table import Table
    from rich.text import Text

    _run_refresh(dossier, analyse=False)
    articles = dossier.articles()
    table = Table(title=f"{len(articles)} articles in {dossier.seeds}", title_justify="left")
    for column in ("path", "title", "source", "published", "words"):
        table.add_column(column, justify="right" if column == "words" else "left")
    for a in articles:
        table.add_row(
            Text(one_line(a["path"])),
            Text(a["title"]),
            Text((a["source"] or "—") + (" (guessed)" if a.get("source_guessed") else "")),
            Text(a["published"] or "—"),
            str(a["words"]),
        )
    _console().print(table)


@main.command("index")
@click.option("--rebuild", is_flag=True, help="Rebuild the whole index from the seeds.")
@click.option(
    "--text-only",
    is_flag=True,
    help="Only the search index (fast); people and discrepancies on a later run.",
)
@click.option("--json", "as_json", is_flag=True, help="Print the run's report as JSON.")
@click.option(
    "--progress",
    "progress_lines",
    is_flag=True,
    help="Print each step as a line on stderr ('index 3/60', 'analyse 1/5'), for logs.",
)
@click.pass_obj
def index_command(
    dossier: Dossier, rebuild: bool, text_only: bool, as_json: bool, progress_lines: bool
) -> None:
    """Index new and changed articles; remove deleted ones."""
    report = _run_refresh(
        dossier,
        rebuild=rebuild,
        explicit=True,
        analyse=not text_only,
        progress_lines=progress_lines,
    )
    assert report is not None  # an explicit refresh always reports (or fails with IndexBusy)
    if as_json:
        _emit_json({**report.to_json(), "not_analysed": dossier.not_analysed()})
        return
    parts = [
        f"{len(report.added)} added",
        f"{len(report.updated)} updated",
        f"{len(report.removed)} removed",
        f"{report.unchanged} unchanged",
        f"{len(report.skipped)} skipped",
    ]
    if report.analysed:
        parts.append(f"{report.analysed} analysed")
    prefix = f"rebuilt ({report.reason}): " if report.rebuilt else ""
    click.echo(
        f"{prefix}{', '.join(parts)} in {report.seconds:.2f} s"
        + ("" if report.changed else " (nothing to do)")
    )


@main.command("search")
@click.argument("query", nargs=-1, required=True)
@click.option(
    "--limit",
    "-n",
    default=10,
    show_default=True,
    type=click.IntRange(1, 10000),
    help="Most hits to show.",
)
@click.option("--json", "as_json", is_flag=True, help="Print results as JSON (CONTRACT.md).")
@click.pass_obj
def search_command(dossier: Dossier, query: tuple[str, ...], limit: int, as_json: bool) -> None:
    """Search the dossier: words, "phrases", AND/OR/NOT, title:word, outlet:name, fuzzy~, wild*.

    New and changed files are indexed first; people, places and discrepancies are updated by
    `dossier index`, `entities`, `discrepancies` or the reader (search stays fast).
    """
    text = " ".join(query)
    try:
        # Searched while the folder is checked; searched again after a refresh if it changed.
        result = dossier.answer_if_current(lambda: dossier.search(text, limit=limit))
        if result is None:
            _run_refresh(dossier, analyse=False, checked=True)
            result = dossier.search(text, limit=limit)
    except QueryError as exc:
        _fail(f"bad query: {exc}", code=2)
    except NoIndex as exc:
        _fail(str(exc))
    if as_json:
        _emit_json(result.to_json())
        return
    from rich.text import Text

    console = _console()
    if not result.total:
        message = Text(f"No articles match {text!r}.")
        if result.corrected:
            message.append(" Did you mean: ")
            message.append(result.corrected, style="bold")
            message.append("?")
        console.print(message)
        return
    console.print(
        Text(f"{plural(result.total, 'article matches', 'articles match')} {text!r}", style="dim")
    )
    for hit in result.hits:
        line = Text()
        line.append(hit.title, style="bold")
        line.append(f"  {hit.source or ''}  {one_line(hit.path)}", style="dim")
        console.print(line)
        snippet = Text("  ")
        for fragment in hit.snippet:
            snippet.append(fragment.text, style="reverse" if fragment.match else "")
        console.print(snippet)


@main.command("articles")
@click.option("--json", "as_json", is_flag=True, help="Print the list as JSON (CONTRACT.md).")
@click.pass_obj
def articles_command(dossier: Dossier, as_json: bool) -> None:
    """List the articles in the dossier."""
    if as_json:
        _run_refresh(dossier, analyse=False)
        keys = (
            "id",
            "path",
            "title",
            "source",
            "author",
            "published",
            "words",
            "url",
            "title_derived",
            "source_guessed",
        )
        _emit_json({"articles": [{k: a.get(k) for k in keys} for a in dossier.articles()]})
        return
    _summary(dossier)


@main.command("show")
@click.argument("ref")
@click.option("--json", "as_json", is_flag=True, help="Print the article as JSON, with its body.")
@click.pass_obj
def show_command(dossier: Dossier, ref: str, as_json: bool) -> None:
    """Print one article (by id, path, or a unique prefix of either)."""
    _run_refresh(dossier, analyse=False)
    try:
        article = dossier.article(ref)
    except ArticleNotFound as exc:
        _fail(str(exc), code=2)
    if as_json:
        _emit_json(article.to_json(with_body=True))
        return
    from rich.text import Text

    console = _console()
    console.print(article_header(article))
    console.print()
    for paragraph in article.body.split("\n\n"):
        console.print(Text(paragraph))
        console.print()


#: The kinds as queries spell them (``org:``) and as they are stored; each maps to the stored one.
_KINDS = {
    "person": "person",
    "people": "person",
    "place": "place",
    "places": "place",
    "org": "organisation",
    "orgs": "organisation",
    "organisation": "organisation",
    "organisations": "organisation",
    "organization": "organisation",
}
_KIND_CHOICES = click.Choice(sorted(_KINDS), case_sensitive=False)
#: Table titles by kind: (one, many).
_KIND_WORDS = {
    "person": ("person", "people"),
    "place": ("place", "places"),
    "organisation": ("organisation", "organisations"),
}


@main.command("entities")
@click.option("--kind", type=_KIND_CHOICES, help="Only people, places or organisations.")
@click.option("--json", "as_json", is_flag=True, help="Print the entities as JSON (CONTRACT.md).")
@click.pass_obj
def entities_command(dossier: Dossier, kind: str | None, as_json: bool) -> None:
    """People, places and organisations, one entry per real-world name."""
    _run_refresh(dossier)
    kind = _KINDS[kind.lower()] if kind else None
    found = dossier.entities(kind)
    if as_json:
        keys = ("id", "name", "kind", "aliases", "descriptions", "mentions", "paths", "ambiguous")
        _emit_json({"entities": [{k: e.get(k) for k in keys} for e in found]})
        return
    from rich.table import Table
    from rich.text import Text

    one, many = _KIND_WORDS.get(kind or "", ("entity", "entities"))
    table = Table(title=plural(len(found), one, many), title_justify="left")
    for column in ("name", "kind", "mentions", "articles", "also written", "described as"):
        table.add_column(column, justify="right" if column in ("mentions", "articles") else "left")
    for e in found:
        name = Text(e["name"])
        if e.get("ambiguous"):
            name.append(" (ambiguous)", style="dim")
        table.add_row(
            name,
            e["kind"],
            str(e["mentions"]),
            str(len(e["paths"])),
            Text(", ".join(e["aliases"][:4]) + (" …" if len(e["aliases"]) > 4 else "")),
            Text("; ".join(e["descriptions"][:2])),
        )
    _console().print(table)


@main.command("entity")
@click.argument("name", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the entity and its mentions as JSON.")
@click.pass_obj
def entity_command(dossier: Dossier, name: tuple[str, ...], as_json: bool) -> None:
    """Every mention of one person, place or organisation, in context, by source."""
    _run_refresh(dossier)
    try:
        entity = dossier.entity(" ".join(name))
    except EntityNotFound as exc:
        _fail(str(exc), code=2)
    lines = dossier.concordance(entity)
    if as_json:
        data = {k: v for k, v in entity.items() if k != "occurrences"}
        data["concordance"] = lines
        _emit_json(data)
        return
    from rich.text import Text

    console = _console()
    header = Text(entity["name"], style="bold")
    header.append(
        f"  {entity['kind']} · {plural(entity['mentions'], 'mention')} "
        f"in {plural(len(entity['paths']), 'article')}",
        style="dim",
    )
    console.print(header)
    if entity["aliases"]:
        console.print(Text("also: " + ", ".join(entity["aliases"]), style="dim"))
    for text in entity["descriptions"]:
        console.print(Text(f"  · {text}"))
    current = None
    for line in lines:
        if line["path"] != current:
            current = line["path"]
            console.print()
            console.print(
                Text(f"{line['title']}  ({line['source'] or line['path']})", style="bold")
            )
        console.print(concordance_line(line))


@main.command("discrepancies")
@click.option("--kind", help="Only one kind: number, denial, date, place, name, quote.")
@click.option(
    "--severity",
    type=click.Choice(["conflict", "variation"]),
    help="Only conflicts, or only variations.",
)
@click.option(
    "--json", "as_json", is_flag=True, help="Print the discrepancies as JSON (CONTRACT.md)."
)
@click.pass_obj
def discrepancies_command(
    dossier: Dossier, kind: str | None, severity: str | None, as_json: bool
) -> None:
    """Claims that differ across sources, with the quotes and who said them; conflicts first."""
    _run_refresh(dossier)
    found = dossier.discrepancies(kind=kind, severity=severity)
    if as_json:
        _emit_json({"discrepancies": found})
        return
    from rich.text import Text

    console = _console()
    if not found:
        console.print(Text("The sources do not differ on anything the engine can compare."))
        return
    sources = {a["path"]: a.get("source") or a["path"] for a in dossier.articles()}
    for item in found:
        header = Text()
        header.append(
            f"{item['severity'].upper():9}",
            style="bold red" if item["severity"] == "conflict" else "yellow",
        )
        header.append(f" {item['topic']}", style="bold")
        header.append(f"  ({item['kind']}; {item['summary']})", style="dim")
        console.print(header)
        for claim in item["claims"]:
            line = Text("  ")
            line.append(sources.get(claim["path"], claim["path"]), style="bold")
            line.append(
                f" [{claim['polarity']}]", style="red" if claim["polarity"] == "denies" else "green"
            )
            if claim.get("attribution"):
                line.append(f" according to {claim['attribution']}", style="dim")
            console.print(line)
            # The source's own sentence, as a block: wrapped lines stay indented, and its own
            # quotation marks are not doubled by ours.
            console.print(Text(_indented(one_line(claim["quote"]), console.width)))
        console.print()


def _indented(text: str, width: int) -> str:
    """A sentence wrapped as a block four spaces in, so a wrapped line never starts at the
    margin where the next source's name goes."""
    import textwrap

    return textwrap.fill(
        text,
        width=max(width, 24),
        initial_indent="    ",
        subsequent_indent="    ",
        break_on_hyphens=False,
    )


@main.command("quotes")
@click.option("--speaker", help="Only the speakers whose name contains this.")
@click.option(
    "--json", "as_json", is_flag=True, help="Print the quotations by speaker as JSON (README)."
)
@click.pass_obj
def quotes_command(dossier: Dossier, speaker: str | None, as_json: bool) -> None:
    """Who said what: every direct quotation by speaker (most quoted first), with its outlet."""
    _run_refresh(dossier)
    speakers = dossier.quotes(speaker=speaker)
    if as_json:
        _emit_json({"speakers": speakers})
        return
    from rich.text import Text

    console = _console()
    if not speakers:
        console.print(
            Text(f"No quotations{f' by {speaker!r}' if speaker else ''} found in the articles.")
        )
        return
    for group in speakers:
        header = Text(group["name"], style="bold")
        header.append(f"  {plural(len(group['quotes']), 'quotation')}", style="dim")
        console.print(header)
        for quote in group["quotes"]:
            outlet = one_line(quote["source"] or quote["path"]) + (
                " (guessed)" if quote["source_guessed"] else ""
            )
            where = (
                outlet
                if quote["source"] == quote["path"]
                else f"{outlet} ({one_line(quote['path'])})"
            )
            line = Text(f"  {where}", style="dim")
            if quote["differs"]:
                line.append("  ≠ another outlet quotes this differently", style="yellow")
            console.print(line)
            console.print(Text(_indented(f"“{one_line(quote['quote'])}”", console.width)))
        console.print()


# -- briefings (issue 15): brief, timeline, sources, pins, serve ------------------------------
@main.command("brief")
@click.option(
    "-o",
    "--output",
    "output",
    type=click.Path(dir_okay=False),
    help="File to write ('-' for standard output) [INDEX/brief.FORMAT].",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["md", "html"]),
    default=None,
    help="Markdown or a self-contained HTML page [from the file name, else md].",
)
@click.pass_obj
def brief_command(dossier: Dossier, output: str | None, fmt: str | None) -> None:
    """Write a one-page briefing: who said what, sources, key people, timeline, pinned notes."""
    _run_refresh(dossier)
    fmt = fmt or ("html" if output and output.lower().endswith((".html", ".htm")) else "md")
    if output == "-":
        from dossier.brief import render_html, render_markdown

        sys.stdout.write((render_html if fmt == "html" else render_markdown)(dossier.briefing()))
        return
    path = dossier.write_brief(output, fmt)
    click.echo(f"brief written to {path}")


@main.command("timeline")
@click.option("--json", "as_json", is_flag=True, help="Print the events as JSON.")
@click.pass_obj
def timeline_command(dossier: Dossier, as_json: bool) -> None:
    """Every dated event in order with its sources; those the sources date differently marked."""
    _run_refresh(dossier)
    events = dossier.timeline()
    if as_json:
        _emit_json({"events": events})
        return
    from rich.text import Text

    console = _console()
    topics = {d["id"]: d["topic"] for d in dossier.discrepancies(kind="date")}
    for event in events:
        header = Text(event["label"], style="bold")
        if event["undated"]:
            header.append(" (undated)", style="dim")
        if event["year_inferred"]:
            header.append(" (year inferred)", style="dim")
        if event["discrepancy"]:
            header.append(
                f"  ⚠ sources differ: {topics.get(event['discrepancy'], event['discrepancy'])}",
                style="red",
            )
        console.print(header)
        for mention in event["mentions"]:
            console.print(
                Text(f"  {mention['source'] or one_line(mention['path'])}: ", style="dim")
                + Text(mention["sentence"])
            )


@main.command("sources")
@click.option(
    "--json", "as_json", is_flag=True, help="Print the outlets and the entity matrix as JSON."
)
@click.pass_obj
def sources_command(dossier: Dossier, as_json: bool) -> None:
    """One row per outlet (articles, words, dates, what only it reports); key entities by outlet."""
    _run_refresh(dossier)
    data = dossier.sources()
    if as_json:
        _emit_json(data)
        return
    from rich.table import Table
    from rich.text import Text

    table = Table(title="sources", title_justify="left")
    for column in ("outlet", "articles", "words", "dates", "only this source reports"):
        table.add_column(column, justify="right" if column in ("articles", "words") else "left")
    for row in data["sources"]:
        outlet = Text(one_line(row["outlet"]) + (" (guessed)" if row["guessed"] else ""))
        dates = (
            " to ".join(sorted({d for d in (row["first"], row["last"]) if d is not None})) or "—"
        )
        only = [e["name"] for e in row["only_entities"]] + [e["label"] for e in row["only_events"]]
        table.add_row(
            outlet,
            str(len(row["articles"])),
            str(row["words"]),
            dates,
            Text(", ".join(only) or "—"),
        )
    matrix = Table(title="key entities by outlet (mentions)", title_justify="left")
    matrix.add_column("entity")
    for name in data["matrix"]["outlets"]:
        matrix.add_column(Text(one_line(name)), justify="right")
    for entity_row in data["matrix"]["rows"]:
        counts = [str(n) if n else "·" for n in entity_row["counts"]]
        matrix.add_row(Text(entity_row["name"]), *counts)
    console = _console()
    console.print(table)
    console.print(matrix)


@main.command("pin")
@click.argument("ref")
@click.argument("text", nargs=-1, required=True)
@click.pass_obj
def pin_command(dossier: Dossier, ref: str, text: tuple[str, ...]) -> None:
    """Pin the sentence of article REF that contains TEXT, for the brief's "Noted" section."""
    _run_refresh(dossier, analyse=False)
    try:
        article = dossier.article(ref)
    except ArticleNotFound as exc:
        _fail(str(exc), code=2)
    wanted = " ".join(text)
    at = article.body.casefold().find(wanted.casefold())
    if at < 0:
        _fail(f"{wanted!r} is not in {article.path}", code=2)
    start, end, _ = dossier.sentence_at(article.path, at)
    pin, added = dossier.pin(article.path, start, max(end, at + len(wanted)))
    click.echo(
        ("pinned" if added else "already pinned")
        + f": “{one_line(pin['quote'])}” ({one_line(article.path)})"
    )


@main.command("pins")
@click.option("--json", "as_json", is_flag=True, help="Print the pins as JSON.")
@click.pass_obj
def pins_command(dossier: Dossier, as_json: bool) -> None:
    """List the pinned sentences (numbered, for `dossier unpin N`)."""
    pins = dossier.pins()
    if as_json:
        _emit_json({"pins": pins})
        return
    if not pins:
        click.echo("nothing pinned")
    for n, pin in enumerate(pins, start=1):
        click.echo(
            f"{n}. “{one_line(pin['quote'])}” ({one_line(pin.get('source') or pin['path'])})"
        )


@main.command("unpin")
@click.argument("number", type=click.IntRange(1))
@click.pass_obj
def unpin_command(dossier: Dossier, number: int) -> None:
    """Remove pin NUMBER (as listed by `dossier pins`)."""
    removed = dossier.unpin(number)
    if removed is None:
        _fail(f"no pin {number} (see `dossier pins`)", code=2)
    click.echo(f"unpinned: “{one_line(removed['quote'])}”")


@main.command("serve")
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="Address to listen on (0.0.0.0 lets the room's network in).",
)
@click.option(
    "--port",
    default=8000,
    show_default=True,
    type=click.IntRange(1, 65535),
    help="Port to listen on.",
)
@click.pass_obj
def serve_command(dossier: Dossier, host: str, port: int) -> None:
    """Serve the reader in a web browser (textual-serve), e.g. for a room with a projector."""
    _stays_open()
    import shlex

    from textual_serve.server import Server

    _run_refresh(dossier)  # each browser tab starts a reader: let it find the index ready
    command = " ".join(
        shlex.quote(part)
        for part in (
            sys.executable,
            "-m",
            "dossier",
            "--seeds",
            str(dossier.seeds.resolve()),
            "--index",
            str(dossier.index.resolve()),
            "reader",
        )
    )
    url = f"http://{host}:{port}"
    click.echo(f"dossier: serving the reader at {url} (ctrl+c stops)", err=False)
    sys.stdout.flush()
    Server(
        command, host=host, port=port, title=f"dossier: {dossier.seeds.name}", public_url=url
    ).serve()


@main.command("reader", hidden=True)
@click.pass_obj
def reader_command(dossier: Dossier) -> None:
    """Open the reader whatever the output is (for `dossier serve`: its terminal is a browser)."""
    from dossier.tui import make_app

    _stays_open()
    make_app(dossier).run()
