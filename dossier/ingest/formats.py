"""Markdown with front matter, and JSON articles (one object, a list, or BASIL's shape)."""

from __future__ import annotations

import json
import re
import tomllib
from typing import Any

from dossier.ingest.decode import Unreadable

_FRONT_MATTER_RE = re.compile(
    r"\A(?P<fence>---|\+\+\+)[ \t]*\n(?P<head>.*?)\n(?P=fence)[ \t]*(?:\n|\Z)", re.S
)
_YAML_LINE_RE = re.compile(r"^(?P<key>[A-Za-z_][\w-]*)\s*:\s*(?P<value>.*)$")
_H1_RE = re.compile(r"^#\s+(?P<title>.+?)\s*#*\s*$")

#: Metadata keys as articles spell them -> the dossier's names.
_KEYS = {
    "title": "title",
    "headline": "title",
    "source": "source",
    "outlet": "source",
    "publisher": "source",
    "site": "source",
    "site_name": "source",
    "author": "author",
    "authors": "author",
    "byline": "author",
    "date": "published",
    "published": "published",
    "published_at": "published",
    "publishedat": "published",
    "date_published": "published",
    "datepublished": "published",
    "pubdate": "published",
    "url": "url",
    "link": "url",
    "canonical_url": "url",
}
_BODY_KEYS = ("body", "text", "content", "article", "maintext", "body-paragraphs", "paragraphs")


def metadata_from(raw: dict[str, Any]) -> dict[str, Any]:
    """Pick the known metadata keys out of a mapping and give them the dossier's names."""
    meta: dict[str, Any] = {}
    for key, value in raw.items():
        name = _KEYS.get(str(key).lower().replace("-", "_"))
        if name is None or value in (None, "", []):
            continue
        if isinstance(value, dict):
            value = value.get("name") or value.get("title")
        elif isinstance(value, list):
            value = ", ".join(
                str(v.get("name", "")) if isinstance(v, dict) else str(v) for v in value
            )
        meta.setdefault(name, value)
    return meta


def _yaml_scalar(value: str) -> Any:
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        return value[1:-1]
    if value.startswith("[") and value.endswith("]"):
        return [_yaml_scalar(v) for v in value[1:-1].split(",") if v.strip()]
    return value


def split_front_matter(text: str) -> tuple[dict[str, Any], str, str | None]:
    """Separate front matter from a Markdown text.

    Returns:
        ``(metadata, body, problem)``; ``problem`` explains front matter that could not be
        read, in which case the whole text is kept as the body.
    """
    match = _FRONT_MATTER_RE.match(text)
    if not match:
        if text.startswith(("---\n", "+++\n")):
            return {}, text, "front matter is not closed; read as text"
        return {}, text, None
    head, body = match.group("head"), text[match.end() :]
    if match.group("fence") == "+++":
        try:
            return metadata_from(tomllib.loads(head)), body, None
        except tomllib.TOMLDecodeError as exc:
            return {}, text, f"front matter is not valid TOML ({exc}); read as text"
    raw: dict[str, Any] = {}
    for line in head.splitlines():
        if not line.strip() or line.lstrip().startswith("#") or line.startswith((" ", "\t", "- ")):
            continue
        found = _YAML_LINE_RE.match(line)
        if not found:
            return {}, text, f"front matter line not understood: {line[:60]!r}; read as text"
        raw[found.group("key")] = _yaml_scalar(found.group("value"))
    return metadata_from(raw), body, None


def markdown_title(body: str) -> tuple[str | None, str]:
    """Take a leading '# Heading' as the title; returns (title, rest of the body)."""
    lines = body.lstrip("\n").split("\n")
    if lines and (match := _H1_RE.match(lines[0].strip())):
        return match.group("title"), "\n".join(lines[1:])
    return None, body


def _paragraphs(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        parts = []
        for item in value:
            if isinstance(item, list):  # BASIL: a paragraph is a list of sentences
                parts.append(" ".join(str(s).strip() for s in item if str(s).strip()))
            elif isinstance(item, dict):
                parts.append(str(item.get("text", "")).strip())
            elif item is not None:
                parts.append(str(item).strip())
        return "\n\n".join(p for p in parts if p)
    return None


def json_articles(text: str) -> list[tuple[dict[str, Any], str]]:
    """Read a JSON file holding one article object or a list of them.

    Returns:
        ``(metadata, body)`` per article, in file order.

    Raises:
        Unreadable: not JSON, or no article in the expected shape.
    """
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Unreadable(f"malformed JSON ({exc.msg} at line {exc.lineno})") from None
    if isinstance(data, dict) and isinstance(data.get("articles"), list):
        data = data["articles"]
    items = data if isinstance(data, list) else [data]
    found = []
    for item in items:
        if not isinstance(item, dict):
            continue
        body = next((b for key in _BODY_KEYS if (b := _paragraphs(item.get(key)))), None)
        if body and body.strip():
            found.append((metadata_from(item), body))
    if not found:
        raise Unreadable(
            "JSON holds no article (expected an object with a 'body' or 'text', or a list of them)"
        )
    return found
