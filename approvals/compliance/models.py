"""Compliance configuration (rules, vocabulary, officials, domains) and what checks left behind
(check runs, findings, overrides, take-downs). Re-exported by ``approvals.models``."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from pauta import clock


class Severity(models.TextChoices):
    BLOCKER = "blocker", _("Blocker")
    WARNING = "warning", _("Warning")
    INFO = "info", _("Information")


class LegalException(models.TextChoices):
    GRAVE_URGENT_NEED = "grave_urgent_need", _(
        "Grave and urgent public need recognised by the electoral authority")
    MARKET_PRODUCTS = "market_products", _(
        "Products or services that compete in the market")


class RuleConfig(models.Model):
    """How one rule of the registry runs: on or off, severity, where, and its parameters."""

    code = models.CharField(_("rule"), max_length=60, unique=True)
    enabled = models.BooleanField(_("enabled"), default=True)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    kinds = models.JSONField(_("request kinds"), default=list, blank=True,
                             help_text=_("Empty: every kind."))
    channels = models.ManyToManyField("plans.Channel", verbose_name=_("channels"), blank=True,
                                      related_name="+", help_text=_("Empty: every channel."))
    params = models.JSONField(_("parameters"), default=dict, blank=True,
                              help_text=_("Limits and lists of this rule; missing keys take "
                                          "the defaults shown in the documentation."))

    class Meta:
        ordering = ["code"]
        verbose_name = _("compliance rule")
        verbose_name_plural = _("compliance rules")

    def __str__(self):
        from approvals.compliance.registry import RULES

        rule = RULES.get(self.code)
        return f"{self.code} — {rule.title}" if rule else self.code


class BrandTerm(models.Model):
    """A forbidden or outdated term and the form the brand manual prefers."""

    term = models.CharField(_("term to avoid"), max_length=120, unique=True)
    preferred = models.CharField(_("preferred form"), max_length=200, blank=True)
    note = models.CharField(_("why"), max_length=300, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["term"]
        verbose_name = _("brand term")
        verbose_name_plural = _("brand vocabulary")

    def __str__(self):
        return f"{self.term} → {self.preferred}" if self.preferred else self.term


class PublicOfficial(models.Model):
    """A public official whose name institutional publicity must not carry (impessoalidade)."""

    name = models.CharField(_("name"), max_length=200)
    office = models.CharField(_("office"), max_length=200, blank=True)
    variants = models.TextField(_("name variants"), blank=True,
                                help_text=_("One per line: nicknames, short names, hashtags."))
    slogans = models.TextField(_("personal slogans and symbols"), blank=True,
                               help_text=_("One per line."))
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("public official")
        verbose_name_plural = _("public officials")

    def __str__(self):
        return f"{self.name} ({self.office})" if self.office else self.name

    def names(self) -> list[str]:
        return [self.name, *[v.strip() for v in self.variants.splitlines() if v.strip()]]

    def slogan_list(self) -> list[str]:
        return [s.strip() for s in self.slogans.splitlines() if s.strip()]


class AllowedDomain(models.Model):
    """An official or trusted domain for links and e-mail addresses (subdomains included)."""

    domain = models.CharField(_("domain"), max_length=200, unique=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        ordering = ["domain"]
        verbose_name = _("allowed link domain")
        verbose_name_plural = _("allowed link domains")

    def __str__(self):
        return self.domain


class CheckRun(models.Model):
    """One run of the checks on a request that was kept (manual, or a gate that let it pass)."""

    class Trigger(models.TextChoices):
        MANUAL = "manual", _("Check pressed")
        SEND_TO_REVIEW = "send_to_review", _("Send to review")
        SCHEDULE = "schedule", _("Scheduling")

    request = models.ForeignKey("workflows.ContentRequest", on_delete=models.CASCADE,
                                related_name="compliance_runs", verbose_name=_("request"))
    trigger = models.CharField(_("trigger"), max_length=20, choices=Trigger.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                           on_delete=models.SET_NULL, related_name="+", verbose_name=_("by"))
    blockers = models.PositiveIntegerField(_("blockers"), default=0)
    warnings = models.PositiveIntegerField(_("warnings"), default=0)
    infos = models.PositiveIntegerField(_("information"), default=0)
    created_at = models.DateTimeField(_("when"), default=clock.now, db_index=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("compliance check")
        verbose_name_plural = _("compliance checks")

    def __str__(self):
        return f"{self.request} · {self.get_trigger_display()} · {self.created_at:%Y-%m-%d %H:%M}"


class FindingRecord(models.Model):
    """A finding as a kept run saw it (the KPIs count these; pages show live findings)."""

    run = models.ForeignKey(CheckRun, on_delete=models.CASCADE, related_name="findings",
                            verbose_name=_("check"))
    request = models.ForeignKey("workflows.ContentRequest", on_delete=models.CASCADE,
                                related_name="+", verbose_name=_("request"))
    rule = models.CharField(_("rule"), max_length=60)  # indexed by approvals_finding_rule
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    fingerprint = models.CharField(_("fingerprint"), max_length=40, db_index=True)
    channel = models.ForeignKey("plans.Channel", null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+", verbose_name=_("channel"))
    field = models.CharField(_("field"), max_length=30, blank=True)
    excerpt = models.TextField(_("excerpt"), blank=True)
    message = models.TextField(_("message"))
    overridden = models.BooleanField(_("overridden"), default=False)

    class Meta:
        ordering = ["run", "pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        # A few rules' findings of a severity (the consent gate's blockers on the dashboard)
        # with the run and the request, without reading the rows: otherwise the database goes
        # through every run of the period and reads all of their findings to keep a few
        # (40 ms at 50,000 requests, for none). Leads with ``rule``, whose own index it
        # replaces.
        indexes = [models.Index(fields=["rule", "severity", "run", "request"],
                                name="approvals_finding_rule")]

    def __str__(self):
        return f"{self.rule} ({self.severity}) {self.excerpt[:40]}"


class FindingOverride(models.Model):
    """A written override of one finding: an approver's (warnings) or a legal reviewer's
    (legal rules)."""

    request = models.ForeignKey("workflows.ContentRequest", on_delete=models.CASCADE,
                                related_name="compliance_overrides", verbose_name=_("request"))
    rule = models.CharField(_("rule"), max_length=60, db_index=True)
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    fingerprint = models.CharField(_("fingerprint"), max_length=40)
    excerpt = models.TextField(_("excerpt"), blank=True)
    reason = models.TextField(_("justification"))
    legal_exception = models.CharField(_("legal exception"), max_length=30, blank=True,
                                       choices=LegalException.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                           verbose_name=_("by"))
    created_at = models.DateTimeField(_("when"), default=clock.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("finding override")
        verbose_name_plural = _("finding overrides")
        # The overrides of a period by rule (the dashboard, the workbook), from one range of
        # this index: without it the database read every override through the rule index.
        indexes = [models.Index(fields=["created_at", "rule"], name="approvals_override_when")]
        constraints = [models.UniqueConstraint(fields=["request", "fingerprint"],
                                               name="approvals_one_override_per_finding")]

    def __str__(self):
        return f"{self.request} · {self.rule} · {self.by}"


class Takedown(models.Model):
    """A scheduled or live piece withdrawn from its channel because of an electoral window."""

    publication = models.ForeignKey("workflows.Publication", on_delete=models.CASCADE,
                                    related_name="takedowns", verbose_name=_("publication"))
    window = models.ForeignKey("calendars.Event", null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+",
                               verbose_name=_("blackout window"))
    was_live = models.BooleanField(_("was live"), default=False)
    reason = models.TextField(_("reason"), blank=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                           verbose_name=_("by"))
    created_at = models.DateTimeField(_("when"), default=clock.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("take-down")
        verbose_name_plural = _("take-downs")

    def __str__(self):
        return f"{self.publication} · {self.created_at:%Y-%m-%d}"
