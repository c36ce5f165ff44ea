"""Text helpers of clipping: accent- and case-insensitive forms, canonical URLs, fingerprints,
excerpts and the plain text of an HTML fragment."""

import hashlib
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import lxml.html

TRACKING = re.compile(r"^(utm_.*|fbclid|gclid|mc_cid|mc_eid|igshid|ref|amp|output)$", re.I)
WORD = re.compile(r"[\w#]+")
EXCERPT_CHARS = 500
FINGERPRINT_WORDS = 12  # fewer words than this: too little text to call two items the same


def fold(text: str) -> str:
    """Lower case without accents: "Saúde" and "SAUDE" fold the same."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    return WORD.findall(fold(text))


def canonical_url(url: str) -> str:
    """The same article under its variants: scheme, www., tracking parameters, fragment,
    trailing slash and an ``/amp`` suffix do not make another article."""
    if not url:
        return ""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower().removeprefix("www.")
    if parts.port and parts.port not in (80, 443):
        host = f"{host}:{parts.port}"
    path = re.sub(r"/+", "/", parts.path or "/")
    path = re.sub(r"/amp/?$", "/", path).rstrip("/") or "/"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not TRACKING.match(k)))
    return urlunsplit(("", host, path, query, ""))[2:]  # no scheme: http and https alike


def fingerprint(*texts: str) -> str:
    """A hash of the words of the text (not the headline alone), "" when there are too few."""
    found = words(" ".join(texts))
    if len(found) < FINGERPRINT_WORDS:
        return ""
    return hashlib.sha256(" ".join(found[:400]).encode()).hexdigest()


def html_text(fragment: str) -> tuple[str, list[str]]:
    """The plain text of an HTML fragment and the links it holds."""
    if not fragment or not fragment.strip():
        return "", []
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return fragment, []
    for bad in root.xpath("//script|//style"):
        bad.drop_tree()
    links = [href for href in root.xpath("//a/@href") if href.startswith(("http:", "https:"))]
    for block in root.xpath("//p|//br|//li|//h1|//h2|//h3|//div"):
        block.tail = "\n" + (block.tail or "")
    text = re.sub(r"[ \t\r\f\v]+", " ", root.text_content())
    text = re.sub(r"\s*\n\s*", "\n", text).strip()
    return text, links


def excerpt(text: str, near: str = "", limit: int = EXCERPT_CHARS) -> str:
    """At most ``limit`` characters of ``text``, around the first place ``near`` occurs."""
    text = re.sub(r"\s+", " ", text or "").strip()
    if len(text) <= limit:
        return text
    start = 0
    if near:
        at = fold(text).find(fold(near))
        if at > limit // 3:
            start = text.rfind(" ", 0, at - limit // 3) + 1
    cut = text[start:start + limit]
    cut = cut[:cut.rfind(" ")] if " " in cut else cut
    return ("… " if start else "") + cut + " …"
