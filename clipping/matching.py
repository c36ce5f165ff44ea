"""Search terms: which articles are clips (case- and accent-insensitive, with exclusions),
and the tone the analyst is offered (a suggestion, confirmed in triage)."""

import re
from dataclasses import dataclass, field

from clipping.models import SearchTerm, Tone
from clipping.text import fold

# Word beginnings that lean a news item one way (Portuguese; the analyst confirms the tone).
POSITIVE = ("inaugur", "amplia", "premi", "conquist", "avanc", "melhor", "benefici",
            "reconhec", "sucesso", "recorde", "entreg", "investiment", "celebr", "aprova")
NEGATIVE = ("denunci", "reclama", "falta", "atras", "crise", "irregular", "problema",
            "prejuiz", "protest", "critic", "fila", "abandon", "precari", "suspens", "investiga",
            "desvio", "caos", "buraco", "greve", "multa")


def _pattern(text: str) -> re.Pattern:
    return re.compile(r"(?<![\w#])" + re.escape(fold(text).strip()) + r"(?!\w)")


@dataclass
class Match:
    terms: list = field(default_factory=list)  # the SearchTerm objects found
    excluded: list = field(default_factory=list)

    @property
    def matched(self) -> bool:
        return bool(self.terms) and not self.excluded

    @property
    def label(self) -> str:
        return ", ".join(term.text for term in self.terms)[:500]


class Matcher:
    """The active terms, compiled once (one fetch run reads them once)."""

    def __init__(self, terms=None):
        terms = list(SearchTerm.objects.filter(active=True).select_related("campaign")
                     if terms is None else terms)
        self.compiled = [(term, _pattern(term.text)) for term in terms if term.text.strip()]

    def match(self, *texts: str) -> Match:
        folded = fold(" ".join(texts))
        result = Match()
        for term, pattern in self.compiled:
            if pattern.search(folded):
                (result.excluded if term.exclude else result.terms).append(term)
        return result


def suggest_tone(*texts: str) -> str:
    folded = fold(" ".join(texts))
    found = re.findall(r"\w+", folded)
    positive = sum(1 for w in found if w.startswith(POSITIVE))
    negative = sum(1 for w in found if w.startswith(NEGATIVE))
    if negative > positive:
        return Tone.NEGATIVE
    if positive > negative:
        return Tone.POSITIVE
    return Tone.NEUTRAL
