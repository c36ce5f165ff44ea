"""The consent gate: four rules of the compliance engine, registered from ``MediaConfig.ready``.

They plug into ``approvals.compliance.registry`` like any rule (``register``), so the engine
runs them on every check and on the gated transitions (``send_to_review``, ``schedule``)
without importing ``media``. Each reads the assets attached to the request (``AssetUse``),
the people tagged on them and their consents, once per run (``ctx.once``):

- ``media.consent`` (blocker): a person shown has no consent in force for the use's purpose;
- ``media.minor_guardian`` (blocker): a minor shown has no consent by a parent or guardian;
- ``media.consent_expiry`` (warning): the consent ends before the publication date;
- ``media.third_party_rights`` (blocker): third-party material used outside its terms.
"""

from datetime import date

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from approvals.compliance.models import Severity
from approvals.compliance.registry import RULES, Rule, register

BASIS = gettext_lazy("LGPD (Lei 13.709/2018) art. 7 and 14; RGPD art. 6 and 8; Código Civil "
                     "art. 20 (image rights).")
RIGHTS_BASIS = gettext_lazy("Lei 9.610/1998 (copyright) and the terms agreed with the author.")


def _subject(ctx):
    """The request the engine checks (``ctx.request``; ``ctx.obj`` once it is a protocol)."""
    return getattr(ctx, "request", None) or getattr(ctx, "obj", None)


def _uses(ctx) -> list:
    def load():
        from media.models import AssetUse

        request = _subject(ctx)
        if request is None or getattr(request, "pk", None) is None:
            return []
        return list(AssetUse.objects.filter(request_id=request.pk)
                    .select_related("asset").prefetch_related("asset__people__consents"))
    return ctx.once("media.uses", load)


def publication_day(ctx) -> date:
    """The latest publication date of the request (or its desired date, or today)."""
    from pauta import clock

    moments = [moment for _c, moment, _p in ctx.moments()] if hasattr(ctx, "moments") else []
    if moments:
        from django.utils import timezone

        return max(timezone.localtime(m).date() for m in moments)
    request = _subject(ctx)
    return getattr(request, "desired_date", None) or clock.today()


def _in_force(person, purpose, on, guardian_needed):
    return [c for c in person.consents.all() if c.covers(purpose, on)
            and (not guardian_needed or c.by_guardian)]


def person_cleared(person, purpose, on) -> bool:
    """A consent in force on ``on`` covers ``purpose`` (a parent's or guardian's for a minor):
    what ``media.consent`` and ``media.minor_guardian`` ask of each person shown."""
    return bool(_in_force(person, purpose, on, person.is_minor(on)))


def public_use_problems(asset, on: date | None = None) -> list[str]:
    """Why ``asset`` is not cleared for public use (the public gallery, an institutional
    publication on ``on``, today by default), by the gate's own tests: each person shown needs
    a consent in force for institutional publication (a minor's signed by a parent or
    guardian), and third-party material must be within its terms. Empty: cleared. Read at
    every request, so a consent withdrawn or expired takes the asset out at once."""
    from media.models import Purpose
    from pauta import clock

    on = on or clock.today()
    purpose = Purpose.INSTITUTIONAL
    problems = []
    for person in asset.people.all():
        if person_cleared(person, purpose, on):
            continue
        if person.is_minor(on):
            problems.append(_("%(person)s, a minor, has no consent signed by a parent or "
                              "guardian for institutional publication.") % {"person": person.name})
        else:
            problems.append(_("%(person)s has no consent in force for institutional "
                              "publication.") % {"person": person.name})
    if not asset.rights_allow(purpose, on):
        problems.append(_("Its third-party terms do not allow institutional publication."))
    return problems


class _MediaRule(Rule):
    family = "personal_data"
    basis = BASIS

    def _finding(self, ctx, cfg, use, person, message, suggestion, key):
        return self.finding(ctx, cfg, message=message, suggestion=suggestion,
                            field_name="attachment", key=f"{use.pk}|{person.pk}|{key}")


class ConsentRequired(_MediaRule):
    code = "media.consent"
    title = gettext_lazy("Consent of the people shown")
    default_severity = Severity.BLOCKER

    def check(self, ctx, cfg):
        from pauta import clock

        today = clock.today()
        for use in _uses(ctx):
            for person in use.asset.people.all():
                if person.is_minor(today):
                    continue  # the guardian rule speaks for minors
                if not _in_force(person, use.purpose, today, False):
                    yield self._finding(
                        ctx, cfg, use, person,
                        _("“%(asset)s” shows %(person)s, who has no consent in force for "
                          "“%(purpose)s”.") % {"asset": use.asset.title, "person": person.name,
                                               "purpose": use.get_purpose_display()},
                        _("Record the person's signed consent for this purpose, or use "
                          "another asset."), "consent")


class MinorGuardian(_MediaRule):
    code = "media.minor_guardian"
    title = gettext_lazy("Minors: consent of a parent or guardian")
    default_severity = Severity.BLOCKER

    def check(self, ctx, cfg):
        from pauta import clock

        today = clock.today()
        for use in _uses(ctx):
            for person in use.asset.people.all():
                if person.is_minor(today) and not _in_force(person, use.purpose, today, True):
                    yield self._finding(
                        ctx, cfg, use, person,
                        _("“%(asset)s” shows %(person)s, a minor, without a consent signed by "
                          "a parent or guardian for “%(purpose)s”.") % {
                            "asset": use.asset.title, "person": person.name,
                            "purpose": use.get_purpose_display()},
                        _("Record the guardian's signed consent, or use another asset."),
                        "guardian")


class ConsentExpiry(_MediaRule):
    code = "media.consent_expiry"
    title = gettext_lazy("Consent ending before publication")
    default_severity = Severity.WARNING

    def check(self, ctx, cfg):
        from pauta import clock

        today = clock.today()
        day = publication_day(ctx)
        if day <= today:
            return
        for use in _uses(ctx):
            for person in use.asset.people.all():
                now = _in_force(person, use.purpose, today, person.is_minor(today))
                if now and not _in_force(person, use.purpose, day, person.is_minor(day)):
                    ends = max(c.expires_on for c in now if c.expires_on)
                    yield self._finding(
                        ctx, cfg, use, person,
                        _("The consent of %(person)s for “%(asset)s” ends on %(date)s, before "
                          "the publication.") % {"person": person.name,
                                                 "asset": use.asset.title,
                                                 "date": date_format(ends, "SHORT_DATE_FORMAT")},
                        _("Renew the consent or publish before it ends."), "expiry")


class ThirdPartyRights(_MediaRule):
    code = "media.third_party_rights"
    title = gettext_lazy("Third-party rights within their terms")
    basis = RIGHTS_BASIS
    default_severity = Severity.BLOCKER

    def check(self, ctx, cfg):
        day = publication_day(ctx)
        for use in _uses(ctx):
            asset = use.asset
            if not asset.rights_allow(use.purpose, day):
                yield self.finding(
                    ctx, cfg, field_name="attachment", key=f"{use.pk}|rights",
                    message=_("“%(asset)s” is third-party material whose terms do not allow "
                              "“%(purpose)s” on that date.") % {
                        "asset": asset.title, "purpose": use.get_purpose_display()},
                    suggestion=_("Agree new terms with the author, or use another asset."))


def register_rules() -> None:
    for rule in (ConsentRequired, MinorGuardian, ConsentExpiry, ThirdPartyRights):
        if rule.code not in RULES:
            register(rule)
