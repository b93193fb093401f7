"""Feeds, sitemaps and start pages (bytes) → article URLs; XML parsed without entities or DTD fetches."""

from __future__ import annotations

import gzip
import io
import logging
import xml.etree.ElementTree as ET
from dataclasses import dataclass

import defusedxml.ElementTree as SafeET
import lxml.html
from defusedxml import DefusedXmlException
from lxml.etree import ParserError

log = logging.getLogger(__name__)

GZIP_MAGIC = b"\x1f\x8b"


class BadDocument(ValueError):
    """A feed or sitemap that cannot be parsed (or is refused: entities, too large)."""


@dataclass(frozen=True)
class Links:
    """What one discovery document points at: article URLs and, for a sitemap index, more sitemaps."""

    urls: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Gzip bytes → decompressed bytes, refusing more than `max_bytes`; other bytes pass through."""
    if not data.startswith(GZIP_MAGIC):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as fh:
            out = fh.read(max_bytes + 1)
    except (OSError, EOFError) as err:
        raise BadDocument(f"corrupt gzip: {err}") from err
    if len(out) > max_bytes:
        raise BadDocument(f"decompressed document larger than {max_bytes} bytes")
    return out


def parse_xml(data: bytes) -> ET.Element:
    """XML bytes → root element; entity declarations and external references are refused."""
    try:
        return SafeET.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as err:
        raise BadDocument(f"refused XML: {type(err).__name__}") from err
    except ET.ParseError as err:
        raise BadDocument(f"invalid XML: {err}") from err


def _local(tag: object) -> str:
    return str(tag).rsplit("}", 1)[-1].lower()


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


def _text(element: ET.Element, name: str) -> str | None:
    found = [(child.text or "").strip() for child in _children(element, name)]
    return next((text for text in found if text), None)


def feed_links(data: bytes, max_bytes: int) -> Links:
    """RSS 2.0, RSS 1.0 or Atom bytes → the item links, in document order."""
    root = parse_xml(gunzip(data, max_bytes))
    urls = [link for item in root.iter() if _local(item.tag) in ("item", "entry") if (link := _item_link(item))]
    return Links(urls=tuple(urls))


def _item_link(item: ET.Element) -> str | None:
    for link in _children(item, "link"):
        href = link.get("href")
        if href and link.get("rel", "alternate") == "alternate":
            return href.strip()
        if not href and (link.text or "").strip():
            return (link.text or "").strip()
    guid = _children(item, "guid")
    if guid and guid[0].get("isPermaLink", "true") == "true":
        return (guid[0].text or "").strip() or None
    return None


def sitemap_links(data: bytes, max_bytes: int) -> Links:
    """A sitemap, news sitemap or sitemap index (optionally gzipped) → its <loc> URLs."""
    root = parse_xml(gunzip(data, max_bytes))
    kind = _local(root.tag)
    if kind == "sitemapindex":
        return Links(sitemaps=tuple(loc for s in _children(root, "sitemap") if (loc := _text(s, "loc"))))
    if kind == "urlset":
        return Links(urls=tuple(loc for u in _children(root, "url") if (loc := _text(u, "loc"))))
    raise BadDocument(f"not a sitemap: root element <{kind}>")


def page_links(data: bytes, base: str) -> Links:
    """An HTML start page → the absolute URLs of its <a href> links, in document order."""
    try:
        tree = lxml.html.document_fromstring(data, base_url=base)
    except (ParserError, ValueError) as err:
        raise BadDocument(f"invalid HTML: {err}") from err
    tree.make_links_absolute(base, resolve_base_href=True, handle_failures="discard")
    return Links(urls=tuple(str(href) for href in tree.xpath("//a/@href")))
