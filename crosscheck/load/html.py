"""Turn a saved HTML page into article text (with trafilatura) and the page's own metadata.

The text is trafilatura's main-content extraction (boilerplate, navigation and reader
comments removed). Metadata is read only from what the page declares about itself:
Open Graph (ogp.me: ``og:site_name``, ``article:published_time``), schema.org
``NewsArticle`` in JSON-LD or microdata (``datePublished``, ``publisher.name``) and
Dublin Core (``DC.date.issued``). No date is guessed from the URL or the page text here.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from crosscheck.load.metadata import URL

#: Meta tags (``property``, ``name`` or ``itemprop``) that give the publication date,
#: most specific first: Open Graph article, schema.org, Dublin Core, common CMS names.
PUBLISHED_META = (
    "article:published_time",
    "datePublished",
    "DC.date.issued",
    "dcterms.issued",
    "pubdate",
    "publishdate",
    "publish-date",
    "parsely-pub-date",
    "sailthru.date",
)
#: Meta tags that name the site (Open Graph).
OUTLET_META = ("og:site_name",)
#: The date at the head of an ISO 8601 date or date-time ("2023-02-06T04:17:00Z").
ISO_DATE_PREFIX = re.compile(r"\s*(\d{4}-\d{2}-\d{2})(?:$|[T\s])")
#: Elements holding JSON-LD structured data (schema.org).
JSON_LD_XPATH = '//script[@type="application/ld+json"]/text()'


def _iso_date(value: Any) -> date | None:
    if not isinstance(value, str):
        return None
    m = ISO_DATE_PREFIX.match(value)
    if not m:
        return None
    try:
        return date.fromisoformat(m.group(1))
    except ValueError:  # "2023-13-40": the page's own date is broken; ignore it
        return None


def _meta_content(tree, names: tuple[str, ...]) -> list[str]:
    """Content of the meta tags (or ``<time>`` elements) for ``names``, in ``names`` order."""
    found = []
    for name in names:
        for attr in ("property", "name", "itemprop"):
            found.extend(tree.xpath(f'//meta[@{attr}="{name}"]/@content'))
        found.extend(tree.xpath(f'//time[@itemprop="{name}"]/@datetime'))
    return [v.strip() for v in found if v and v.strip()]


def _json_ld_objects(tree) -> list[dict[str, Any]]:
    """Every JSON object in the page's JSON-LD blocks, in document order (``@graph`` flattened)."""
    out: list[dict[str, Any]] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            out.append(node)
            walk(node.get("@graph"))
        elif isinstance(node, list):
            for item in node:
                walk(item)

    for block in tree.xpath(JSON_LD_XPATH):
        try:
            walk(json.loads(block))
        except json.JSONDecodeError:  # broken structured data: the meta tags may still say it
            continue
    return out


def page_metadata(tree) -> dict[str, Any]:
    """``outlet`` and ``published`` as the page's meta tags and JSON-LD declare them (keys absent if not)."""
    meta: dict[str, Any] = {}
    objects = _json_ld_objects(tree)
    for value in _meta_content(tree, PUBLISHED_META) + [o.get("datePublished") for o in objects]:
        published = _iso_date(value)
        if published:
            meta["published"] = published
            break
    publishers = [o.get("publisher") for o in objects if "datePublished" in o]
    names = _meta_content(tree, OUTLET_META) + [p.get("name") for p in publishers if isinstance(p, dict)]
    for name in names:
        if isinstance(name, str) and name.strip():
            meta["outlet"] = " ".join(name.split())
            break
    return meta


def html_to_text(html: str) -> tuple[str, dict[str, Any]]:
    """``(article text, page metadata)`` of an HTML page; ``ValueError`` if it has no article text.

    Metadata keys: ``outlet`` and ``published`` (see ``page_metadata``), ``title`` and
    ``url`` (trafilatura's: the page's title without the site name, its canonical URL).
    """
    import trafilatura  # imported for HTML only (0.4 s): text files never need it

    tree = trafilatura.load_html(html)
    if tree is None:
        raise ValueError("not an HTML page trafilatura can parse")
    meta = page_metadata(tree)
    doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    text = (doc.text or "") if doc is not None else ""
    if not text.strip():
        raise ValueError("no article text found in this HTML page (trafilatura extracted nothing)")
    if doc.title and doc.title.strip():
        meta["title"] = " ".join(doc.title.split())
    if doc.url and URL.fullmatch(doc.url):
        meta["url"] = doc.url
    return text, meta
