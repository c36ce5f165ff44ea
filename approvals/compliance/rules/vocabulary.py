"""Brand vocabulary: forbidden or outdated terms and the preferred form."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from approvals.compliance.models import BrandTerm, Severity
from approvals.compliance.registry import Rule, register
from approvals.compliance.text import phrase_pattern


@register
class Vocabulary(Rule):
    code = "vocabulary.terms"
    family = "vocabulary"
    title = gettext_lazy("Brand vocabulary")
    basis = gettext_lazy("Brand and writing manual of the municipality.")
    default_severity = Severity.WARNING

    def check(self, ctx, cfg):
        terms = ctx.once("brand_terms", lambda: [
            (t, phrase_pattern(t.term)) for t in BrandTerm.objects.filter(active=True)])
        for unit in ctx.units:
            for term, pattern in terms:
                if pattern is None:
                    continue
                for match in pattern.finditer(unit.folded):
                    found = unit.text[match.start():match.end()]
                    if term.preferred:
                        suggestion = _("Write “%(preferred)s” instead of “%(found)s”.") % {
                            "preferred": term.preferred, "found": found}
                    else:
                        suggestion = _("Remove “%(found)s”.") % {"found": found}
                    message = _("“%(found)s” is not in the brand vocabulary.") % {"found": found}
                    if term.note:
                        message = f"{message} {term.note}"
                    yield self.finding(ctx, cfg, unit=unit, span=match.span(),
                                       message=message, suggestion=suggestion)
