"""Bytes to text: UTF-8 first, then a logged single-byte fallback; binary files refused."""

from __future__ import annotations

import codecs
import re

#: C0 and C1 control characters other than tab and newline. Article text is data: an ESC
#: or another control byte must never reach the terminal, so each becomes its visible
#: Unicode "control picture" (ESC -> U+241B) with the same length, keeping offsets stable.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
#: The bytes counted as signs of a binary file: controls other than tab, the line breaks
#: and ESC (escape sequences pasted into text are text). Counted in C, with bytes.translate.
_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or (13 < b < 32 and b != 27))


class Unreadable(Exception):
    """The file is not text we can read as an article; the message says why."""


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x20:
        return chr(0x2400 + code)
    if code == 0x7F:
        return "\u2421"
    return "\ufffd"


def neutralise_controls(text: str) -> str:
    """Replace control characters (escape sequences' ESC among them) by visible symbols."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub(_visible, text)


def decode(data: bytes) -> tuple[str, str]:
    """Decode a file's bytes.

    Returns:
        ``(text, encoding)``; encoding is ``utf-8`` unless a fallback was needed.

    Raises:
        Unreadable: the file is empty, binary, or no encoding fits.
    """
    if not data.strip():
        raise Unreadable("empty file")
    for bom, name in ((codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError as exc:
                raise Unreadable(f"broken {name} text ({exc.reason})") from None
    head = data[:8192]
    if b"\x00" in head:
        raise Unreadable("binary file (contains NUL bytes)")
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if controls > len(head) * 0.1:
        raise Unreadable("binary file (too many control bytes)")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"
