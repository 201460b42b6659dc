"""Bytes → str: rejects empty, binary and oversized input; detects the encoding.

Each rejection is an ``InputError`` whose message names the problem and, where
there is one, the fix, because batch users read these lines to triage a folder.
"""

from __future__ import annotations

from dataclasses import dataclass

from frontlines.errors import InputError

DEFAULT_MAX_BYTES = 5 * 1024 * 1024

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


@dataclass(slots=True)
class Decoded:
    text: str
    encoding: str
    warning: str | None = None


def human_size(n: int) -> str:
    for unit in ("bytes", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n} {unit}" if unit == "bytes" else f"{n:.1f} {unit}"
        n /= 1024  # type: ignore[assignment]
    return f"{n} bytes"  # pragma: no cover


def check_size(size: int, *, source: str | None, max_bytes: int = DEFAULT_MAX_BYTES) -> None:
    if size > max_bytes:
        raise InputError(
            f"too large ({human_size(size)}; the limit is {human_size(max_bytes)}, raise it with --max-bytes)",
            source=source,
        )


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control characters in the first 8 KB mean 'not text'."""
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS[1:]):
        return False
    if b"\x00" in head:
        return True
    control = sum(1 for b in head if b < 9 or 13 < b < 32)
    return control > max(8, len(head) // 100)


def decode(data: bytes, *, source: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    """Decode document bytes, preferring UTF-8 and falling back to detection."""
    check_size(len(data), source=source, max_bytes=max_bytes)
    if not data.strip():
        raise InputError("empty (no text to read)", source=source)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(encoding, errors="replace"), encoding)
    if looks_binary(data):
        raise InputError(f"not text (binary, {human_size(len(data))})", source=source)
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    return _detect(data, source=source)


def _detect(data: bytes, *, source: str | None) -> Decoded:
    from charset_normalizer import from_bytes

    results = list(from_bytes(data[:200_000]))
    best = _prefer_common(results)
    if best is None or best.encoding is None:
        raise InputError("not UTF-8 and no other text encoding fits (pass --encoding NAME)", source=source)
    text = data.decode(best.encoding, errors="replace")
    return Decoded(text, best.encoding, f"not UTF-8: decoded as {best.encoding}")


# When candidates fit equally well (short Western text fits cp1250 and cp1252 alike),
# the encoding news files most often use wins.
COMMON_ENCODINGS = ("cp1252", "latin_1", "cp1256", "cp1251", "iso8859_15", "cp1250", "iso8859_6", "koi8_r")


def _prefer_common(results: list) -> object | None:
    if not results:
        return None
    top = results[0]
    tied = [r for r in results if abs(r.chaos - top.chaos) < 0.01 and abs(r.coherence - top.coherence) < 0.01]
    for name in COMMON_ENCODINGS:
        for r in tied:
            if r.encoding == name:
                return r
    return top


def decode_as(data: bytes, encoding: str, *, source: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Decoded:
    """Decode with an encoding the user named (``--encoding``)."""
    check_size(len(data), source=source, max_bytes=max_bytes)
    try:
        text = data.decode(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}", source=source) from None
    except UnicodeDecodeError as e:
        raise InputError(f"not valid {encoding} at byte {e.start}", source=source) from None
    if not text.strip():
        raise InputError("empty (no text to read)", source=source)
    return Decoded(text, encoding)
