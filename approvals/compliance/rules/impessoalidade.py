"""Impessoalidade: institutional publicity names no public official and carries no personal
slogan or symbol (Constituição Federal art. 37 §1º).

An official's name is also found in its usual short forms (``text.name_forms``: first and
last name, middle names as initials, particles dropped), besides the variants typed in the
admin."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from approvals.compliance.models import PublicOfficial, Severity
from approvals.compliance.registry import Rule, register
from approvals.compliance.text import name_forms, phrase_pattern


def _patterns():
    rows = []
    for official in PublicOfficial.objects.filter(active=True):
        names = [*name_forms(official.name), *official.names()[1:]]  # + the admin's variants
        for name in dict.fromkeys(names):
            rows.append((official, "name", phrase_pattern(name)))
        for slogan in official.slogan_list():
            rows.append((official, "slogan", phrase_pattern(slogan)))
    return [r for r in rows if r[2] is not None]


@register
class Impessoalidade(Rule):
    code = "impessoalidade.officials"
    family = "impessoalidade"
    title = gettext_lazy("Impessoalidade (no personal promotion)")
    basis = gettext_lazy("Constituição Federal, art. 37, § 1º: institutional publicity must be "
               "educational, informative or of social guidance, with no names, symbols or "
               "images that promote public officials.")
    default_severity = Severity.BLOCKER
    legal_override = True

    def check(self, ctx, cfg):
        patterns = ctx.once("officials", _patterns)
        for unit in ctx.units:
            for official, what, pattern in patterns:
                for match in pattern.finditer(unit.folded):
                    found = unit.text[match.start():match.end()]
                    if what == "name":
                        message = _("“%(found)s” names %(official)s.") % {
                            "found": found, "official": official}
                        suggestion = _("Name the institution instead (e.g. “a Prefeitura”, "
                                       "“a Secretaria”).")
                    else:
                        message = _("“%(found)s” is a personal slogan or symbol of "
                                    "%(official)s.") % {"found": found, "official": official}
                        suggestion = _("Remove the slogan; use the institutional signature.")
                    yield self.finding(ctx, cfg, unit=unit, span=match.span(),
                                       message=message, suggestion=suggestion)
