"""Accessibility and plain language: readability (Flesch adapted to Portuguese), CamelCase
hashtags, meaningful link text, emoji in moderation."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from approvals.compliance.models import Severity
from approvals.compliance.registry import Rule, register
from approvals.compliance.text import fold, phrase_pattern, words

VOWELS = re.compile(r"[aeiouyáéíóúâêôãõàü]+", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?…;:]+(?:\s|$)|\n+")
HASHTAG = re.compile(r"(?<![\w&])#([^\W\d_][\w]*)")
EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F]")
EMOJI_ONLY = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF]")
A11Y_BASIS = gettext_lazy("Lei 13.146/2015 (Lei Brasileira de Inclusão) art. 63; eMAG; WCAG 2.1.")
PLAIN_BASIS = gettext_lazy(
    "Lei 15.263/2025 (Política Nacional de Linguagem Simples); plain-language "
    "guide of the municipality.")


def syllables(word: str) -> int:
    """Portuguese syllables, approximately: vowel groups, with 3+ vowels in a row as two."""
    groups = VOWELS.findall(word)
    return max(1, sum(2 if len(g) >= 3 else 1 for g in groups))


def flesch_pt(text: str) -> tuple[float, int]:
    """(score, words) of the Flesch reading ease adapted to Portuguese (Martins et al., 1996):
    248.835 − 1.015 × words per sentence − 84.6 × syllables per word."""
    text = re.sub(r"(?i)\bhttps?://\S+|www\.\S+|[#@]\w+", " ", text)
    sentences = [s for s in SENTENCE_END.split(text) if words(s)]
    all_words = words(text)
    if not sentences or not all_words:
        return 100.0, 0
    per_sentence = len(all_words) / len(sentences)
    per_word = sum(syllables(w) for w in all_words) / len(all_words)
    return 248.835 - 1.015 * per_sentence - 84.6 * per_word, len(all_words)


@register
class Readability(Rule):
    code = "plain_language.readability"
    family = "accessibility"
    title = gettext_lazy("Plain language (readability)")
    basis = PLAIN_BASIS
    default_severity = Severity.WARNING
    default_params = {"threshold": 40, "min_words": 30}

    def check(self, ctx, cfg):
        for unit in ctx.units:
            if unit.field != "body":
                continue
            score, count = flesch_pt(unit.text)
            if count >= cfg.param("min_words") and score < cfg.param("threshold"):
                yield self.finding(
                    ctx, cfg, unit=unit, key="readability",
                    message=_("The text is hard to read: readability %(score).0f, the minimum "
                              "is %(min)s.") % {"score": score, "min": cfg.param("threshold")},
                    suggestion=_("Use shorter sentences and everyday words."))


@register
class CamelCaseHashtags(Rule):
    code = "accessibility.hashtags"
    family = "accessibility"
    title = gettext_lazy("Hashtags in CamelCase")
    basis = A11Y_BASIS
    default_severity = Severity.WARNING
    default_params = {"min_length": 12}

    def check(self, ctx, cfg):
        for unit in ctx.units:
            for m in HASHTAG.finditer(unit.text):
                tag = m.group(1)
                if len(tag) < cfg.param("min_length") or tag[1:] not in (tag[1:].lower(),
                                                                        tag[1:].upper()):
                    continue
                yield self.finding(
                    ctx, cfg, unit=unit, span=m.span(),
                    message=_("Screen readers cannot split “#%(tag)s” into words.")
                    % {"tag": tag},
                    suggestion=_("Capitalise each word, e.g. #VacinaçãoInfantil."))


@register
class LinkText(Rule):
    code = "accessibility.link_text"
    family = "accessibility"
    title = gettext_lazy("Meaningful link text")
    basis = A11Y_BASIS
    default_severity = Severity.WARNING
    default_params = {"phrases": ["clique aqui", "saiba mais", "leia mais", "acesse aqui",
                                  "clique neste link", "aqui", "link"],
                      "plain_phrases": ["clique aqui", "clique neste link"]}

    def check(self, ctx, cfg):
        phrases = {fold(p).strip() for p in cfg.param("phrases")}
        plain = [p for p in (phrase_pattern(x) for x in cfg.param("plain_phrases")) if p]
        for unit in ctx.units:
            reported = set()
            for anchor in unit.plain.anchors:
                label = " ".join(fold(anchor.text).split()).strip(" .:!")
                if label in phrases:
                    reported.add(anchor.start)
                    yield self._found(ctx, cfg, unit, (anchor.start, anchor.end))
            for pattern in plain:
                for m in pattern.finditer(unit.folded):
                    if not any(a.start <= m.start() < a.end for a in unit.plain.anchors):
                        yield self._found(ctx, cfg, unit, m.span())

    def _found(self, ctx, cfg, unit, span):
        return self.finding(
            ctx, cfg, unit=unit, span=span,
            message=_("“%(text)s” does not say where the link leads.")
            % {"text": unit.text[span[0]:span[1]].strip()},
            suggestion=_("Describe the destination, e.g. “calendário de vacinação”."))


@register
class Emoji(Rule):
    code = "accessibility.emoji"
    family = "accessibility"
    title = gettext_lazy("Emoji in moderation")
    basis = A11Y_BASIS
    default_severity = Severity.WARNING
    default_params = {"max_total": 5, "max_in_row": 3}

    def check(self, ctx, cfg):
        for unit in ctx.units:
            count = len(EMOJI_ONLY.findall(unit.text))
            runs = [m for m in re.finditer(f"(?:{EMOJI.pattern}\\s?)+", unit.text)
                    if len(EMOJI_ONLY.findall(m.group())) > cfg.param("max_in_row")]
            if count <= cfg.param("max_total") and not runs:
                continue
            span = runs[0].span() if runs else None
            yield self.finding(
                ctx, cfg, unit=unit, span=span, key="emoji",
                message=_("The text has %(n)d emoji; screen readers read each one aloud.")
                % {"n": count},
                suggestion=_("Keep at most %(max)d emoji, never more than %(row)d in a row.")
                % {"max": cfg.param("max_total"), "row": cfg.param("max_in_row")})
