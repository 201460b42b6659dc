"""Markdown → plain text, keeping front-matter title and date.

Only the markup that would disturb sentence splitting and spans is removed
(headings, emphasis, links, images, code fences); the words stay in order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
_HEADING = re.compile(r"^#{1,6}\s*", re.M)
_EMPH = re.compile(r"(\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1")
_FENCE = re.compile(r"^```.*?$", re.M)
_QUOTE = re.compile(r"^>\s?", re.M)
_BULLET = re.compile(r"^\s*[-*+]\s+", re.M)
_FIELD = re.compile(r"^(\w+):\s*[\"']?(.*?)[\"']?\s*$", re.M)


@dataclass(slots=True)
class Converted:
    text: str
    title: str | None = None
    published: str | None = None


def markdown_to_text(md: str) -> Converted:
    title = published = None
    front = _FRONT.match(md)
    if front:
        fields = {k.lower(): v for k, v in _FIELD.findall(front.group(1))}
        title = fields.get("title") or None
        date = fields.get("date") or fields.get("published") or ""
        published = date[:10] if re.match(r"\d{4}-\d{2}-\d{2}", date) else None
        md = md[front.end() :]
    text = _FENCE.sub("", md)
    text = _IMAGE.sub(r"\1", text)
    text = _LINK.sub(r"\1", text)
    text = _HEADING.sub("", text)
    text = _QUOTE.sub("", text)
    text = _BULLET.sub("", text)
    text = _EMPH.sub(r"\2", text)
    if title is None:
        first = text.strip().split("\n", 1)[0].strip()
        title = first if 0 < len(first) < 200 else None
    return Converted(text=text, title=title, published=published)


def looks_like_markdown(text: str) -> bool:
    head = text[:4000]
    return bool(_FRONT.match(head) or re.search(r"^#{1,6} \S", head, re.M))
