"""Links: https only, allowed domains, no unknown URL shorteners."""

from urllib.parse import urlsplit

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from approvals.compliance.models import AllowedDomain, Severity
from approvals.compliance.registry import Rule, register
from approvals.compliance.text import urls_in

BASIS = gettext_lazy("Security and brand policy of the municipality (official domains, HTTPS).")
SHORTENERS = ["bit.ly", "tinyurl.com", "goo.gl", "ow.ly", "t.co", "is.gd", "buff.ly",
              "cutt.ly", "rebrand.ly", "shorturl.at", "encurtador.com.br", "tiny.cc", "rb.gy"]


def host_of(url: str) -> str:
    if url.lower().startswith("www."):
        url = "http://" + url
    return (urlsplit(url).hostname or "").lower()


def _in(host: str, domains) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


class _LinkRule(Rule):
    family = "links"
    basis = BASIS

    def links(self, ctx):
        for unit in ctx.units:
            for url, start, end in urls_in(unit.plain):
                yield unit, url, (start, end)


@register
class Https(_LinkRule):
    code = "links.https"
    title = gettext_lazy("HTTPS only")
    default_severity = Severity.WARNING

    def check(self, ctx, cfg):
        for unit, url, span in self.links(ctx):
            if url.lower().startswith("https://"):
                continue
            yield self.finding(ctx, cfg, unit=unit, span=span, key=url,
                               message=_("The link %(url)s is not HTTPS.") % {"url": url},
                               suggestion=_("Use the https:// address."))


@register
class Domains(_LinkRule):
    code = "links.domains"
    title = gettext_lazy("Allowed link domains")
    default_severity = Severity.WARNING
    default_params = {"shorteners": SHORTENERS}

    def check(self, ctx, cfg):
        allowed = ctx.once("domains", lambda: list(
            AllowedDomain.objects.values_list("domain", flat=True)))
        if not allowed:
            return  # no allow-list configured: nothing to compare with
        for unit, url, span in self.links(ctx):
            host = host_of(url)
            if not host or _in(host, allowed) or _in(host, cfg.param("shorteners")):
                continue
            yield self.finding(ctx, cfg, unit=unit, span=span, key=url,
                               message=_("%(host)s is not an allowed domain.") % {"host": host},
                               suggestion=_("Link to an official page, or ask the "
                                            "administrator to allow the domain."))


@register
class Shorteners(_LinkRule):
    code = "links.shorteners"
    title = gettext_lazy("No unknown URL shorteners")
    default_severity = Severity.WARNING
    default_params = {"shorteners": SHORTENERS}

    def check(self, ctx, cfg):
        allowed = ctx.once("domains", lambda: list(
            AllowedDomain.objects.values_list("domain", flat=True)))
        for unit, url, span in self.links(ctx):
            host = host_of(url)
            if _in(host, cfg.param("shorteners")) and not _in(host, allowed):
                yield self.finding(ctx, cfg, unit=unit, span=span, key=url,
                                   message=_("%(url)s hides its destination behind a "
                                             "shortener.") % {"url": url},
                                   suggestion=_("Use the full address, or the municipality's "
                                                "own shortener."))
