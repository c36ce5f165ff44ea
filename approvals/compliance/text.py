"""Text helpers for the rules: HTML to plain text, accent- and case-folding with stable offsets,
whole-word search and excerpts."""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from html import unescape
from html.parser import HTMLParser

BLOCK_TAGS = {"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
              "blockquote", "section", "article", "table"}


@dataclass
class Anchor:
    href: str
    text: str
    start: int
    end: int


@dataclass
class Plain:
    """The text a reader sees, plus the links it carries (href and anchor text)."""

    text: str
    anchors: list[Anchor] = field(default_factory=list)


class _Extractor(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.anchors: list[Anchor] = []
        self._open: tuple[str, int] | None = None

    @property
    def length(self) -> int:
        return sum(len(p) for p in self.parts)

    def handle_starttag(self, tag, attrs):
        if tag in BLOCK_TAGS and self.parts and not self.parts[-1].endswith("\n"):
            self.parts.append("\n")
        if tag == "a":
            self._open = (dict(attrs).get("href") or "", self.length)

    def handle_endtag(self, tag):
        if tag == "a" and self._open:
            href, start = self._open
            text = "".join(self.parts)[start:]
            self.anchors.append(Anchor(href=href, text=text, start=start, end=self.length))
            self._open = None
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        self.parts.append(data)


_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")


def to_plain(value: str) -> Plain:
    """Plain text of a field that may hold HTML (tags out, entities decoded, blocks as lines)."""
    value = value or ""
    if not _TAG.search(value):
        return Plain(unescape(value))
    parser = _Extractor()
    parser.feed(value)
    parser.close()
    return Plain("".join(parser.parts).strip("\n"), parser.anchors)


@lru_cache(maxsize=4096)  # a page's rules fold the same few hundred characters many times
def _fold_char(ch: str) -> str:
    base = "".join(c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c))
    return (base.casefold() or ch)[:1] or ch


def fold(text: str) -> str:
    """Lower case without accents, same length as ``text`` (offsets stay valid)."""
    return "".join(_fold_char(ch) for ch in text)


@lru_cache(maxsize=8192)  # the officials' names and the word lists: the same on every run
def phrase_pattern(phrase: str) -> re.Pattern | None:
    """A whole-word, accent- and case-insensitive pattern for a word or phrase (on folded text)."""
    words = fold(phrase).split()
    if not words:
        return None
    body = r"\s+".join(re.escape(w) for w in words)
    return re.compile(rf"(?<![\w#@]){body}(?!\w)")


PARTICLES = {"de", "da", "do", "das", "dos", "e", "d'"}
SUFFIXES = {"filho", "filha", "neto", "neta", "junior", "jr", "jr.", "sobrinho", "sobrinha",
            "segundo", "terceiro"}


def name_forms(name: str) -> list[str]:
    """The usual ways a text writes a person's full name, the name itself first.

    "Carlos Alberto Mendes" → also "Carlos Mendes" and "Carlos A. Mendes"; particles
    ("de", "da", "dos"…) are dropped or kept before the surname ("Ana Paula de Souza" →
    "Ana Souza", "Ana de Souza"); a generational suffix stays with the surname before it
    ("Joaquim Albuquerque Neto" → "Joaquim Neto", "Joaquim Albuquerque",
    "Joaquim Albuquerque Neto"); with several middle names, each one alone between first
    and last name ("Ana Paula de Souza Araújo" → "Ana Paula Araújo"). Never a lone word:
    a first name alone names many people.
    """
    return list(_name_forms(name))  # a list of its own: the forms are kept per name


@lru_cache(maxsize=4096)
def _name_forms(name: str) -> tuple[str, ...]:
    tokens = name.split()
    forms = [" ".join(tokens)] if tokens else []
    names = [t for t in tokens if fold(t) not in PARTICLES]
    if len(names) < 2:
        return tuple(forms)
    first, *middle, last = names
    surnames = [last]
    if fold(last) in SUFFIXES and middle:
        surnames = [f"{middle[-1]} {last}", middle[-1], last]
        middle = middle[:-1]
    candidates = [f"{first} {surname}" for surname in surnames]
    particle = tokens[-2] if len(tokens) > 2 and fold(tokens[-2]) in PARTICLES else ""
    if particle:
        candidates.append(f"{first} {particle} {last}")
    if middle:
        initials = " ".join(f"{m[0]}." for m in middle)
        candidates.append(f"{first} {initials} {surnames[0]}")
        if len(middle) > 1:  # "Ana Paula de Souza Araújo" → "Ana Paula Araújo"
            candidates += [f"{first} {m} {surnames[0]}" for m in middle]
    for form in candidates:
        if fold(form) not in {fold(f) for f in forms}:
            forms.append(form)
    return tuple(forms)


def excerpt(text: str, start: int, end: int, around: int = 40) -> str:
    """The matched text with some context, on one line, with ellipses where cut."""
    left = max(0, start - around)
    right = min(len(text), end + around)
    snippet = text[left:right]
    snippet = " ".join(snippet.split())
    return ("…" if left else "") + snippet + ("…" if right < len(text) else "")


def words(text: str) -> list[str]:
    return re.findall(r"[^\W\d_]+(?:[-'][^\W\d_]+)*", text)


URL = re.compile(r"(?i)\b((?:https?://|www\.)[^\s<>\"'()\[\]]+)")


def urls_in(plain: Plain) -> list[tuple[str, int, int]]:
    """(url, start, end) of every link: written in the text or carried by an anchor's href."""
    found = []
    for m in URL.finditer(plain.text):
        url = m.group(1).rstrip(".,;:!?")
        found.append((url, m.start(1), m.start(1) + len(url)))
    for anchor in plain.anchors:
        if anchor.href and not anchor.href.startswith(("#", "mailto:", "tel:")):
            found.append((anchor.href, anchor.start, anchor.end))
    return found
