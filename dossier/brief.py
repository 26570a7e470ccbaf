"""A one-page briefing of a dossier, in Markdown or as a self-contained HTML page.

Rendering only: the data comes from :meth:`dossier.service.Dossier.briefing`. Article text
is data: every piece of it is escaped (Markdown punctuation, HTML entities), and sentences
are quoted exactly as they stand, each with its source.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import Any

from dossier.display import plural
from dossier.models import Briefing

__all__ = ["render_html", "render_markdown"]

_KIND_TITLES = {"person": "People", "place": "Places", "organisation": "Organisations"}
#: Quotes shown per timeline event (the other sources are named): the brief stays a page or two.
_EVENT_QUOTES = 1
_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def md(text: Any) -> str:
    """Article text made inert in Markdown (punctuation escaped, one line)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(str(text).split()))


_OPENING_QUOTES = ('"', "“", "«")
_CLOSING_QUOTES = ('"', "”", "»")


def quoted(text: str) -> str:
    """Text between quotation marks, unless it is one quotation already (a sentence that is all
    someone's words keeps its own marks, not two pairs)."""
    bare = text.strip()
    if len(bare) > 1 and bare.startswith(_OPENING_QUOTES) and bare.endswith(_CLOSING_QUOTES):
        inner = bare[1:-1]
        if not any(mark in inner for mark in _OPENING_QUOTES + _CLOSING_QUOTES):
            return bare
    return f"“{text}”"


def _code(text: str) -> str:
    """A file name as inline code (no escaping needed unless it holds a backtick)."""
    fence = "``" if "`" in text else "`"
    return f"{fence}{text}{fence}"


def _source_md(source: Mapping[str, Any], short: bool = False) -> str:
    """'AFP (guessed) `002.txt`' for a claim's or quote's source ('AFP' when short)."""
    if not source.get("outlet"):
        return _code(source["path"]) if short else f"unknown outlet {_code(source['path'])}"
    guessed = " (guessed)" if source.get("guessed") else ""
    return md(source["outlet"]) + guessed + ("" if short else f" {_code(source['path'])}")


def render_markdown(data: Briefing) -> str:
    """The briefing as Markdown.

    Args:
        data: what :meth:`Dossier.briefing` returns (title, articles, discrepancies,
            entities, timeline, pins, sources by path).
    """
    out = [f"# Briefing: {md(data['title'])}", "", f"_{md(data['subtitle'])}_", ""]
    out += _md_discrepancies(data)
    out += ["## Sources", "", "| Outlet | Date | Title | Words | File |", "|---|---|---|---:|---|"]
    for a in data["articles"]:
        outlet = (
            md(a["outlet"]) + (" (guessed)" if a.get("guessed") else "") if a.get("outlet") else "—"
        )
        out.append(
            f"| {outlet} | {a.get('published') or '—'} | {md(a['title'])} "
            f"| {a['words']} | {_code(a['path'])} |"
        )
    out.append("")
    out += _md_entities(data)
    out += _md_timeline(data)
    out += ["## Noted", ""]
    if not data["pins"]:
        out += ["Nothing pinned (press `p` on a sentence in the reader, or `dossier pin`).", ""]
    for pin in data["pins"]:
        out += [f"> {md(pin['quote'])}", ">", f"> — {_source_md(pin)}", ""]
    return "\n".join(out).rstrip() + "\n"


def _md_discrepancies(data: Briefing) -> list[str]:
    out = ["## Who said what", ""]
    if not data["discrepancies"]:
        return out + ["The sources do not differ on anything the engine can compare.", ""]
    for n, item in enumerate(data["discrepancies"], start=1):
        out += [
            f"### {n}. {md(item['topic'])}",
            "",
            f"**{item['severity']}** ({md(item['kind'])}): {md(item['summary'])}",
            "",
        ]
        out += ["| Source | Says | Attributed to | Quote |", "|---|---|---|---|"]
        for claim in item["claims"]:
            who = md(claim.get("attribution") or "—")
            out.append(
                f"| {_source_md(claim)} | {claim.get('polarity', '')} | {who} "
                f"| {quoted(md(claim['quote']))} |"
            )
        out.append("")
    return out


def _md_entities(data: Briefing) -> list[str]:
    out = ["## Key people, places and organisations", ""]
    for kind, title in _KIND_TITLES.items():
        chosen = [e for e in data["entities"] if e["kind"] == kind]
        if not chosen:
            continue
        out += [f"### {title}", ""]
        for e in chosen:
            roles = f" ({md('; '.join(e['descriptions'][:3]))})" if e.get("descriptions") else ""
            named = ", ".join(_source_md(s, short=True) for s in e["sources"])
            out.append(
                f"- **{md(e['name'])}**{roles}: "
                f"{plural(e['mentions'], 'mention')}; named by {named}"
            )
        out.append("")
    return out


def _md_timeline(data: Briefing) -> list[str]:
    out = ["## Timeline", ""]
    if not data["timeline"]:
        return out + ["No dated events found.", ""]
    for event in data["timeline"]:
        label = (
            md(event["label"])
            + (" (undated)" if event["undated"] else "")
            + (" (year inferred)" if event["year_inferred"] else "")
        )
        flag = (
            f" ⚠ sources differ: see “{md(event['discrepancy_topic'])}”"
            if event.get("discrepancy_topic")
            else ""
        )
        out.append(f"- **{label}**{flag}")
        for m in event["mentions"][:_EVENT_QUOTES]:
            out.append(f"  - {quoted(md(m['sentence']))} ({_source_md(m)})")
        rest = event["mentions"][_EVENT_QUOTES:]
        if rest:
            out.append("  - also: " + ", ".join(_source_md(m) for m in rest))
    return out + [""]


# -- HTML -------------------------------------------------------------------------------------
_CSS = """
body{font:15px/1.45 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;
color:#1b1b1b}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:2px solid #ddd;margin-top:2rem}
.sub{color:#555}.topic{margin:1.2rem 0}
.sev{font-size:.8rem;padding:.1rem .4rem;border-radius:3px;background:#eee}
.sev.conflict{background:#fbd5d5;color:#8a1111}.sev.variation{background:#fdf0c4;color:#6b5200}
.claims{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:.6rem;align-items:start}
.claim{border:1px solid #ddd;border-left:4px solid #6a8caf;padding:.5rem .7rem;border-radius:4px}
.claim.denies{border-left-color:#c0392b}.who{font-size:.85rem;color:#444}
blockquote{margin:.3rem 0;font-style:italic}table{border-collapse:collapse;width:100%}
td,th{border-bottom:1px solid #eee;padding:.3rem .4rem;text-align:left;vertical-align:top}
code{font-size:.8rem;color:#555}.differs{color:#8a1111;font-weight:600}
@media print{body{margin:0}h2{break-after:avoid}}
"""


def _e(text: Any) -> str:
    return html.escape(str(text), quote=True)


def _source_html(source: Mapping[str, Any], short: bool = False) -> str:
    if not source.get("outlet"):
        return (
            f"<code>{_e(source['path'])}</code>"
            if short
            else f"unknown outlet <code>{_e(source['path'])}</code>"
        )
    guessed = " (guessed)" if source.get("guessed") else ""
    return _e(source["outlet"]) + guessed + ("" if short else f" <code>{_e(source['path'])}</code>")


def render_html(data: Briefing) -> str:
    """The briefing as one self-contained HTML page (inline CSS, no scripts, no external assets)."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        '<head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Briefing: {_e(data['title'])}</title><style>{_CSS}</style></head>",
        "<body>",
        f"<h1>Briefing: {_e(data['title'])}</h1>",
        f'<p class="sub">{_e(data["subtitle"])}</p>',
        "<h2>Who said what</h2>",
    ]
    if not data["discrepancies"]:
        out.append("<p>The sources do not differ on anything the engine can compare.</p>")
    for item in data["discrepancies"]:
        out.append(
            f'<section class="topic"><h3>{_e(item["topic"])} '
            f'<span class="sev {_e(item["severity"])}">{_e(item["severity"])}</span></h3>'
        )
        out.append(f'<p>{_e(item["kind"])}: {_e(item["summary"])}</p><div class="claims">')
        for claim in item["claims"]:
            who = (
                f"according to {_e(claim['attribution'])}"
                if claim.get("attribution")
                else "no attribution"
            )
            out.append(
                f'<div class="claim {_e(claim.get("polarity", ""))}">'
                f'<div class="who">{_source_html(claim)} · '
                f"{_e(claim.get('polarity', ''))} · {who}</div>"
                f"<blockquote>{_e(quoted(claim['quote']))}</blockquote></div>"
            )
        out.append("</div></section>")
    out += _html_sources(data) + _html_entities(data) + _html_timeline(data) + _html_pins(data)
    out += ["</body>", "</html>"]
    return "\n".join(out) + "\n"


def _html_sources(data: Briefing) -> list[str]:
    out = [
        "<h2>Sources</h2>",
        "<table><thead><tr><th>Outlet</th><th>Date</th><th>Title</th><th>Words</th><th>File</th></tr></thead><tbody>",
    ]
    for a in data["articles"]:
        outlet = (
            (_e(a["outlet"]) + (" (guessed)" if a.get("guessed") else ""))
            if a.get("outlet")
            else "—"
        )
        out.append(
            f"<tr><td>{outlet}</td><td>{_e(a.get('published') or '—')}</td>"
            f"<td>{_e(a['title'])}</td>"
            f"<td>{a['words']}</td><td><code>{_e(a['path'])}</code></td></tr>"
        )
    return out + ["</tbody></table>"]


def _html_entities(data: Briefing) -> list[str]:
    out = ["<h2>Key people, places and organisations</h2>"]
    for kind, title in _KIND_TITLES.items():
        chosen = [e for e in data["entities"] if e["kind"] == kind]
        if not chosen:
            continue
        out.append(f"<h3>{title}</h3><ul>")
        for e in chosen:
            roles = f" ({_e('; '.join(e['descriptions'][:3]))})" if e.get("descriptions") else ""
            named = ", ".join(_source_html(s, short=True) for s in e["sources"])
            out.append(
                f"<li><strong>{_e(e['name'])}</strong>{roles}: "
                f"{plural(e['mentions'], 'mention')}; named by {named}</li>"
            )
        out.append("</ul>")
    return out


def _html_timeline(data: Briefing) -> list[str]:
    out = ["<h2>Timeline</h2>"]
    if not data["timeline"]:
        return out + ["<p>No dated events found.</p>"]
    out.append("<ul>")
    for event in data["timeline"]:
        label = (
            _e(event["label"])
            + (" (undated)" if event["undated"] else "")
            + (" (year inferred)" if event["year_inferred"] else "")
        )
        flag = (
            f' <span class="differs">sources differ: see “{_e(event["discrepancy_topic"])}”</span>'
            if event.get("discrepancy_topic")
            else ""
        )
        out.append(f"<li><strong>{label}</strong>{flag}<ul>")
        for m in event["mentions"][:_EVENT_QUOTES]:
            out.append(f"<li>{_e(quoted(m['sentence']))} ({_source_html(m)})</li>")
        rest = event["mentions"][_EVENT_QUOTES:]
        if rest:
            out.append(f"<li>also: {', '.join(_source_html(m) for m in rest)}</li>")
        out.append("</ul></li>")
    return out + ["</ul>"]


def _html_pins(data: Briefing) -> list[str]:
    out = ["<h2>Noted</h2>"]
    if not data["pins"]:
        return out + ["<p>Nothing pinned.</p>"]
    for pin in data["pins"]:
        out.append(
            f"<blockquote>{_e(quoted(pin['quote']))}</blockquote>"
            f'<p class="who">— {_source_html(pin)}</p>'
        )
    return out
