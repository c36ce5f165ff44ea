"""Personal data in text to publish (LGPD / RGPD): CPF, NIF, phones, e-mails, dates of birth;
and images of minors without recorded consent."""

import re

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from approvals.compliance.documents import digits, is_personal_nif, is_valid_cpf
from approvals.compliance.models import AllowedDomain, Severity
from approvals.compliance.registry import Rule, register

BASIS = gettext_lazy(
    "Lei 13.709/2018 (LGPD) arts. 6º and 7º; Regulamento (UE) 2016/679 (RGPD) arts. 5.º "
    "and 6.º: publish only the personal data the purpose needs.")
CPF = re.compile(r"(?<![\d.-])\d{3}\.?\d{3}\.?\d{3}-?\d{2}(?![\d-])")
NIF = re.compile(r"(?<!\d)(?<!\d )\d{3} ?\d{3} ?\d{3}(?![\d])")
NIF_CONTEXT = re.compile(  # "NIF 2…", "contribuinte n.º 2…", "NIF nº: 2…"
    r"(?i)\b(?:nif|contribuinte|nipc)(?:\W{1,3}(?:n\.?\s?º|n\.?\s?o\.|número|numero))?\W{0,5}$")
PHONE = re.compile(
    r"(?<![\w+])(?:\+?55\s?)?(?:\(?0?\d{2}\)?[\s.-]?)?9?\d{4}[\s.-]?\d{4}(?!\d)"
    r"|(?<![\w+])(?:\+351\s?)?[29]\d{2}[\s.]?\d{3}[\s.]?\d{3}(?!\d)")
YEARS = re.compile(r"(?:19|20)\d{2}\s?[-–]\s?(?:19|20)\d{2}")
EMAIL = re.compile(r"(?i)(?<![\w.+-])[\w.+-]+@([a-z0-9-]+(?:\.[a-z0-9-]+)+)")
MONTHS = ("janeiro|fevereiro|março|marco|abril|maio|junho|julho|agosto|setembro|outubro|"
          "novembro|dezembro")
DATE = rf"(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{1,2}}º?\s+de\s+(?:{MONTHS})\s+de\s+\d{{4}})"
BIRTH = re.compile(
    rf"(?i)(?:nascid[oa]s?\s+(?:em|a|no dia)\s+|data\s+de\s+nascimento\s*:?\s*|"
    rf"\bd\.?\s?n\.?\s*:\s*|\bnasc\.\s*:?\s*|\bborn\s+(?:on\s+)?)({DATE})")


def _allowed(domain: str, allowed: list[str]) -> bool:
    domain = domain.lower()
    return any(domain == a or domain.endswith("." + a) for a in allowed)


class _TextRule(Rule):
    family = "personal_data"
    basis = BASIS

    def matches(self, ctx, cfg, unit):
        raise NotImplementedError

    def check(self, ctx, cfg):
        for unit in ctx.units:
            yield from self.matches(ctx, cfg, unit)


@register
class Cpf(_TextRule):
    code = "personal_data.cpf"
    title = gettext_lazy("CPF in the text")
    default_severity = Severity.BLOCKER

    def matches(self, ctx, cfg, unit):
        for m in CPF.finditer(unit.text):
            if is_valid_cpf(m.group()):
                yield self.finding(ctx, cfg, unit=unit, span=m.span(), key=digits(m.group()),
                                   message=_("The text shows a CPF number (%(n)s).")
                                   % {"n": m.group()},
                                   suggestion=_("Remove the CPF from the text."))


@register
class Nif(_TextRule):
    code = "personal_data.nif"
    title = gettext_lazy("NIF in the text")
    default_severity = Severity.BLOCKER

    def matches(self, ctx, cfg, unit):
        for m in NIF.finditer(unit.text):
            value = m.group()
            looks_like_phone = digits(value)[0] in "29"
            if not is_personal_nif(value):
                continue
            if looks_like_phone and not NIF_CONTEXT.search(unit.text[:m.start()]):
                continue  # a Portuguese phone number: the phone rule reports it
            yield self.finding(ctx, cfg, unit=unit, span=m.span(), key=digits(value),
                               message=_("The text shows a Portuguese tax number (NIF %(n)s).")
                               % {"n": value},
                               suggestion=_("Remove the NIF from the text."))


@register
class Phone(_TextRule):
    code = "personal_data.phone"
    title = gettext_lazy("Phone number in the text")
    default_severity = Severity.WARNING
    default_params = {"allowed_numbers": ["156", "190", "192", "193", "199", "112"]}
    yields_to = ("personal_data.cpf", "personal_data.nif")  # the tax number is what matters

    def matches(self, ctx, cfg, unit):
        allowed = {digits(n) for n in cfg.param("allowed_numbers")}
        for m in PHONE.finditer(unit.text):
            number = digits(m.group())
            if len(number) < 8 or number in allowed or any(
                    number.endswith(a) and len(a) >= 8 for a in allowed):
                continue
            if is_valid_cpf(number) and len(number) == 11 and "." in m.group():
                continue
            if YEARS.fullmatch(m.group().strip()):
                continue  # a range of years (2025-2026), not a phone
            yield self.finding(ctx, cfg, unit=unit, span=m.span(), key=number,
                               message=_("The text shows a phone number (%(n)s).")
                               % {"n": m.group().strip()},
                               suggestion=_("Keep it only if it is an institutional number; "
                                            "add it to the rule's allowed numbers then."))


@register
class Email(_TextRule):
    code = "personal_data.email"
    title = gettext_lazy("E-mail address in the text")
    default_severity = Severity.WARNING

    def matches(self, ctx, cfg, unit):
        allowed = ctx.once("domains", lambda: list(
            AllowedDomain.objects.values_list("domain", flat=True)))
        for m in EMAIL.finditer(unit.text):
            if _allowed(m.group(1), allowed):
                continue
            yield self.finding(ctx, cfg, unit=unit, span=m.span(),
                               message=_("The text shows a personal e-mail address (%(e)s).")
                               % {"e": m.group()},
                               suggestion=_("Use the institutional address of the service."))


@register
class BirthDate(_TextRule):
    code = "personal_data.birth_date"
    title = gettext_lazy("Date of birth in the text")
    default_severity = Severity.WARNING

    def matches(self, ctx, cfg, unit):
        for m in BIRTH.finditer(unit.text):
            yield self.finding(ctx, cfg, unit=unit, span=m.span(),
                               message=_("The text shows a date of birth (%(d)s).")
                               % {"d": m.group(1)},
                               suggestion=_("Remove the date of birth; give the age only if "
                                            "the story needs it."))


@register
class MinorsConsent(Rule):
    code = "personal_data.minors"
    family = "personal_data"
    title = gettext_lazy("Images of minors without consent")
    basis = gettext_lazy(
        "Lei 8.069/1990 (ECA) arts. 17 and 100; LGPD art. 14; RGPD art. 8.º: images of "
        "children and adolescents need the consent of a parent or guardian.")
    default_severity = Severity.BLOCKER

    def check(self, ctx, cfg):
        for attachment in ctx.media:
            if attachment.shows_minors and not attachment.consent_recorded:
                yield self.finding(
                    ctx, cfg, field_name="attachment", key=f"minors:{attachment.pk}",
                    message=_("“%(name)s” shows minors and no consent is recorded.")
                    % {"name": attachment.original_name},
                    suggestion=_("Record the guardians' consent, or blur the faces."))
