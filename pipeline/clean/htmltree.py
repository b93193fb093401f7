"""Raw HTML → lxml tree, a copy without comment widgets, and the page's text blocks."""

from __future__ import annotations

import logging
import re

import lxml.html
from lxml import etree

log = logging.getLogger(__name__)

_BLOCKS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "br",
        "dd",
        "div",
        "dl",
        "dt",
        "figcaption",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "td",
        "th",
        "tr",
        "ul",
    ]
)
_SKIP = ("script", "style", "noscript", "template")
_ENCODING_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)


def parse(html: str | bytes) -> lxml.html.HtmlElement | None:
    """HTML → root element, or None when lxml finds no document in it."""
    if isinstance(html, str):
        html = _ENCODING_DECLARATION.sub("", html, count=1)  # lxml refuses str with a declaration
    try:
        return lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError) as err:
        log.debug("unparsable HTML: %s", err)
        return None


def drop_comment_elements(root: lxml.html.HtmlElement, attributes: re.Pattern[str]) -> None:
    """Remove, in place, the elements whose class/id/title names comments (threads, counters)."""
    total = len(root.text_content()) or 1
    doomed = [el for el in _WITH_NAMES(root) if _names(el, attributes)]
    for element in doomed:
        # A site may name its whole article column "...comments..."; keep such big containers.
        if element.getparent() is not None and len(element.text_content()) < total / 2:
            element.drop_tree()


_WITH_NAMES = etree.XPath("//*[@class or @id or @title]")  # in document order, as root.iter()


def _names(element: lxml.html.HtmlElement, attributes: re.Pattern[str]) -> bool:
    return any(attributes.search(element.get(name) or "") for name in ("class", "id", "title"))


def text_blocks(html: str | bytes) -> list[str]:
    """HTML → the visible text of each block element, one string per line of the page."""
    root = parse(html)
    if root is None:
        return []
    etree.strip_elements(root, *_SKIP, etree.Comment, with_tail=False)
    for element in root.iter():
        if isinstance(element.tag, str) and element.tag in _BLOCKS:
            element.tail = "\n" + (element.tail or "")
            element.text = "\n" + (element.text or "")
    return [line.strip() for line in root.text_content().splitlines() if line.strip()]


_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
_VOID = frozenset(
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"]
)
_WRAPPERS = frozenset(
    ["div", "span", "section", "article", "main", "aside", "header", "footer", "nav", "font", "center"]
)
MAX_DEPTH = 200  # lxml stops building the tree at 256 levels: what lies deeper is lost


def flatten_deep(html: str, limit: int = MAX_DEPTH) -> str:
    """Markup nested deeper than `limit` → the same without the wrapper tags (div, span...) past that
    depth; their text stays. Pages nested less deeply come back unchanged."""
    if html.count("<") < limit:
        return html
    parts: list[str] = []
    stack: list[tuple[str, bool]] = []  # the open tags: (name, whether it is dropped)
    last = 0
    for match in _TAG.finditer(html):
        name = match[2].lower()
        if name in _VOID or match[0].endswith("/>"):
            continue
        if not match[1]:
            drop = len(stack) >= limit and name in _WRAPPERS
            stack.append((name, drop))
        elif stack and stack[-1][0] == name:  # most tags close the innermost one
            drop = stack.pop()[1]
        else:
            drop = _closes(stack, name)
        if drop:
            parts.append(html[last : match.start()])
            last = match.end()
    return "".join(parts) + html[last:] if parts else html


def _closes(stack: list[tuple[str, bool]], name: str) -> bool:
    """Close the innermost open `name` (looked for among the last 50 open tags) → whether it was dropped."""
    for depth in range(len(stack) - 1, max(-1, len(stack) - 51), -1):
        if stack[depth][0] == name:
            drop = stack[depth][1]
            del stack[depth:]
            return drop
    return False
