"""The press desk: media contacts (outlets, journalists) and journalists' inquiries.

Contacts are personal data (LGPD/RGPD): each journalist records the legal basis and the
source of the data; ``forgotten_at`` marks a contact erased on request (the row stays so the
history of its inquiries keeps its shape, anonymised); ``opted_out_at`` keeps the contact out
of distributions. An inquiry's lifecycle is the ``state`` field (the kernel's
``pauta.lifecycle.move`` runs every transition).
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, FSMModelMixin, transition

from pauta import clock


class OutletType(models.TextChoices):
    NEWSPAPER = "newspaper", _("Newspaper")
    RADIO = "radio", _("Radio")
    TV = "tv", _("TV")
    PORTAL = "portal", _("News portal")
    AGENCY = "agency", _("News agency")


class Reach(models.TextChoices):
    LOCAL = "local", _("Local")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")


class Outlet(models.Model):
    """A newspaper, radio, TV station, portal or agency."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    type = models.CharField(_("type"), max_length=20, choices=OutletType.choices)
    reach = models.CharField(_("reach"), max_length=20, choices=Reach.choices,
                             default=Reach.LOCAL)
    city = models.CharField(_("city"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    audience = models.PositiveIntegerField(
        _("estimated audience"), default=0,
        help_text=_("Readers, listeners or viewers per edition or item, as estimated by the "
                    "team (0: not estimated)."))
    active = models.BooleanField(
        _("active"), default=True,
        help_text=_("Inactive outlets are no longer offered for new contacts, inquiries or "
                    "clipping sources, and their journalists get no new release "
                    "distributions; what they already have stays."))

    class Meta:
        ordering = ["name"]
        verbose_name = _("media outlet")
        verbose_name_plural = _("media outlets")

    def __str__(self):
        return self.name


class LegalBasis(models.TextChoices):
    # LGPD art. 7 (RGPD art. 6): the bases a press office can rely on for journalists' data.
    LEGITIMATE_INTEREST = "legitimate_interest", _("Legitimate interest")
    CONSENT = "consent", _("Consent")
    PUBLIC_INTEREST = "public_interest", _("Exercise of a public function")


class PreferredChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    PHONE = "phone", _("Phone")
    WHATSAPP = "whatsapp", _("WhatsApp")


class Journalist(models.Model):
    """A journalist (a media contact). Personal data: erased by ``journalist_forget``."""

    name = models.CharField(_("name"), max_length=200)
    outlet = models.ForeignKey(Outlet, verbose_name=_("outlet"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="journalists")
    beats = models.CharField(_("beats"), max_length=300, blank=True,
                             help_text=_("Themes the journalist covers, separated by commas."))
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    mobile = models.CharField(_("mobile phone"), max_length=40, blank=True)
    preferred_channel = models.CharField(_("preferred channel"), max_length=20,
                                         choices=PreferredChannel.choices,
                                         default=PreferredChannel.EMAIL)
    legal_basis = models.CharField(_("legal basis"), max_length=30, choices=LegalBasis.choices,
                                   default=LegalBasis.LEGITIMATE_INTEREST)
    source = models.CharField(_("source of the data"), max_length=200,
                              help_text=_("Where the contact came from (a business card, the "
                                          "outlet's site, a spreadsheet…)."))
    opted_out_at = models.DateTimeField(_("opted out of distributions at"), null=True,
                                        blank=True)
    forgotten_at = models.DateTimeField(_("forgotten at"), null=True, blank=True)
    # SHA-256 of the lower-cased e-mail of a forgotten contact: an import does not bring the
    # person back (the address itself is erased).
    forgotten_email_hash = models.CharField(max_length=64, blank=True, editable=False,
                                            db_index=True)
    created_at = models.DateTimeField(_("created at"), default=clock.now)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("journalist")
        verbose_name_plural = _("journalists")
        constraints = [models.UniqueConstraint(
            Lower("email"), condition=~models.Q(email=""), name="press_journalist_email_unique",
            violation_error_message=_("Another contact already has this e-mail address."))]

    def __str__(self):
        if self.forgotten_at:
            return str(_("Forgotten contact #%(pk)s") % {"pk": self.pk})
        return self.name

    @property
    def beat_list(self) -> list[str]:
        return [b.strip() for b in self.beats.split(",") if b.strip()]


class InquiryState(models.TextChoices):
    RECEIVED = "received", pgettext_lazy("inquiry state", "Received")
    WITH_SECRETARIAT = "with_secretariat", pgettext_lazy("inquiry state", "With the secretariat")
    DRAFTED = "drafted", pgettext_lazy("inquiry state", "Answer drafted")
    IN_APPROVAL = "in_approval", pgettext_lazy("inquiry state", "In approval")
    APPROVED = "approved", pgettext_lazy("inquiry state", "Approved")
    SENT = "sent", pgettext_lazy("inquiry state", "Sent")
    CLOSED = "closed", pgettext_lazy("inquiry state", "Closed")
    DECLINED = "declined", pgettext_lazy("inquiry state", "Declined")
    NO_POSITION = "no_position", pgettext_lazy("inquiry state", "No position")


S = InquiryState
OPEN_STATES = [S.RECEIVED, S.WITH_SECRETARIAT, S.DRAFTED, S.IN_APPROVAL, S.APPROVED]
DECLINABLE = [S.RECEIVED, S.WITH_SECRETARIAT, S.DRAFTED]


class ReceivedVia(models.TextChoices):
    PHONE = "phone", _("Phone call")
    EMAIL = "email", _("E-mail")
    FORM = "form", _("Web form")


class InquiryKind(models.TextChoices):
    QUESTIONS = "questions", _("Questions")
    INTERVIEW = "interview", _("Interview request")


def has_answer(inquiry) -> bool:
    return bool(inquiry.answer.strip())


class Inquiry(FSMModelMixin, models.Model):
    """A journalist's inquiry (*demanda de imprensa*) against a deadline to the hour."""

    journalist = models.ForeignKey(Journalist, verbose_name=_("journalist"),
                                   on_delete=models.PROTECT, related_name="inquiries")
    outlet = models.ForeignKey(Outlet, verbose_name=_("outlet"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="inquiries")
    secretariat = models.ForeignKey("org.Secretariat", verbose_name=_("secretariat concerned"),
                                    on_delete=models.PROTECT, related_name="press_inquiries")
    received_via = models.CharField(_("received by"), max_length=10, choices=ReceivedVia.choices,
                                    default=ReceivedVia.PHONE)
    kind = models.CharField(_("kind"), max_length=10, choices=InquiryKind.choices,
                            default=InquiryKind.QUESTIONS,
                            help_text=_("An interview request also gets a spokesperson, a time "
                                        "and a place (an event on the calendar)."))
    theme = models.CharField(_("theme"), max_length=200)
    questions = models.TextField(_("questions"))
    deadline = models.DateTimeField(_("deadline"), db_index=True,
                                    help_text=_("Date and hour the journalist needs the answer."))
    sensitive = models.BooleanField(_("sensitive theme"), default=False,
                                    help_text=_("Sensitive themes also go to legal review."))
    facts = models.TextField(_("the secretariat's information"), blank=True)
    facts_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+",
                                 verbose_name=_("information given by"))
    answer = models.TextField(_("answer"), blank=True)
    decline_reason = models.TextField(_("reason"), blank=True)
    on_record = models.BooleanField(_("published as an answer to the press"), default=False)
    state = FSMField(_("state"), default=S.RECEIVED, choices=InquiryState.choices,
                     protected=True, db_index=True)
    review_round = models.PositiveSmallIntegerField(_("review round"), default=0)
    registered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                      related_name="+", verbose_name=_("registered by"))
    created_at = models.DateTimeField(_("received at"), default=clock.now, db_index=True)
    forwarded_at = models.DateTimeField(_("sent to the secretariat at"), null=True, blank=True)
    facts_at = models.DateTimeField(_("information given at"), null=True, blank=True)
    drafted_at = models.DateTimeField(_("drafted at"), null=True, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    escalated_at = models.DateTimeField(_("escalated at"), null=True, blank=True)
    # Interview requests (``press.interviews``): the spokesperson proposed, then confirmed; the
    # time and place are also an event on the calendar (``event``); the briefing notes are
    # for the spokesperson and the desk only.
    spokesperson = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="press_interviews",
                                     verbose_name=_("spokesperson"))
    spokesperson_confirmed_at = models.DateTimeField(_("spokesperson confirmed at"), null=True,
                                                     blank=True)
    interview_at = models.DateTimeField(_("interview at"), null=True, blank=True)
    interview_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=30)
    interview_place = models.CharField(_("place"), max_length=255, blank=True)
    briefing = models.TextField(_("briefing notes"), blank=True)
    event = models.ForeignKey("calendars.Event", null=True, blank=True,
                              on_delete=models.SET_NULL, related_name="+",
                              verbose_name=_("calendar event"))

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("press inquiry")
        verbose_name_plural = _("press inquiries")
        permissions = [("work_on_press", "Work on the press desk (press officer)")]
        indexes = [models.Index(fields=["state", "deadline"], name="press_inq_state_deadline")]

    def __str__(self):
        return str(_("Inquiry #%(pk)s: %(theme)s") % {"pk": self.pk, "theme": self.theme})

    @property
    def title(self) -> str:
        """What the shared pages (the decision page) call the object."""
        return str(self)

    @property
    def is_interview(self) -> bool:
        return self.kind == InquiryKind.INTERVIEW

    @property
    def is_open(self) -> bool:
        return self.state in OPEN_STATES

    @property
    def overdue(self) -> bool:
        """Still open past its deadline, or answered after it."""
        if self.is_open:
            return self.deadline < clock.now()
        return bool(self.sent_at and self.sent_at > self.deadline)

    # Transitions only set fields; services lock, check, audit and act.
    @transition(field=state, source=S.RECEIVED, target=S.WITH_SECRETARIAT)
    def forward(self):
        self.forwarded_at = clock.now()

    @transition(field=state, source=[S.RECEIVED, S.WITH_SECRETARIAT], target=S.DRAFTED,
                conditions=[has_answer])
    def draft(self):
        self.drafted_at = clock.now()

    @transition(field=state, source=S.DRAFTED, target=S.IN_APPROVAL, conditions=[has_answer])
    def send_to_approval(self):
        self.review_round += 1

    @transition(field=state, source=S.IN_APPROVAL, target=S.APPROVED)
    def approve(self):
        self.approved_at = clock.now()

    @transition(field=state, source=S.IN_APPROVAL, target=S.DRAFTED)
    def request_changes(self):
        pass

    @transition(field=state, source=S.IN_APPROVAL, target=S.DRAFTED)
    def reject(self, reason: str = ""):
        pass

    @transition(field=state, source=S.APPROVED, target=S.SENT)
    def send(self):
        self.sent_at = clock.now()

    @transition(field=state, source=S.SENT, target=S.CLOSED)
    def close(self):
        self.closed_at = clock.now()

    @transition(field=state, source=DECLINABLE, target=S.DECLINED)
    def decline(self, reason: str):
        self.decline_reason = reason
        self.closed_at = clock.now()

    @transition(field=state, source=DECLINABLE, target=S.NO_POSITION)
    def no_position(self, reason: str):
        self.decline_reason = reason
        self.closed_at = clock.now()


class AnswerMail(models.Model):
    """The copy of the answer e-mailed to the journalist, as it went out."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    inquiry = models.ForeignKey(Inquiry, on_delete=models.PROTECT, related_name="mails",
                                verbose_name=_("inquiry"))
    to_address = models.EmailField(_("to"), blank=True)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    message_id = models.CharField(max_length=200, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), default=clock.now)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("answer e-mail")
        verbose_name_plural = _("answer e-mails")

    def __str__(self):
        return self.subject


class Distribution(models.Model):
    """A published press release e-mailed to a list of media contacts (a background job).

    Not a lifecycle: its ``status`` follows the job (draft → sending → sent). Each recipient
    has its own row and status; the job claims a row before sending it, so a retry sends
    nobody twice.
    """

    class Status(models.TextChoices):
        DRAFT = "draft", _("Not sent yet")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    request = models.ForeignKey("workflows.ContentRequest", on_delete=models.PROTECT,
                                related_name="distributions", verbose_name=_("press release"))
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"))
    link = models.URLField(_("link to the release"), max_length=500, blank=True)
    beats = models.CharField(_("beats"), max_length=300, blank=True,
                             help_text=_("Only contacts covering one of these beats (commas)."))
    outlet_types = models.JSONField(_("outlet types"), default=list, blank=True)
    reaches = models.JSONField(_("reach"), default=list, blank=True)
    cities = models.JSONField(_("cities"), default=list, blank=True,
                              help_text=_("Only contacts of outlets in these cities."))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.DRAFT, db_index=True)
    total = models.PositiveIntegerField(_("recipients"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), default=clock.now)
    test_sent_at = models.DateTimeField(_("test sent at"), null=True, blank=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("distribution")
        verbose_name_plural = _("distributions")

    def __str__(self):
        return self.subject

    @property
    def title(self) -> str:
        return self.subject


class Delivery(models.Model):
    """One recipient of a distribution and what happened to its e-mail."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        # The recipient's mail server sent it back after accepting it (``press.bounces``).
        BOUNCED = "bounced", _("Bounced")

    distribution = models.ForeignKey(Distribution, on_delete=models.CASCADE,
                                     related_name="deliveries", verbose_name=_("distribution"))
    journalist = models.ForeignKey(Journalist, on_delete=models.PROTECT, related_name="+",
                                   verbose_name=_("journalist"))
    email = models.EmailField(_("e-mail"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.PENDING, db_index=True)
    error = models.CharField(_("error"), max_length=300, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    bounced_at = models.DateTimeField(_("bounced at"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        constraints = [models.UniqueConstraint(fields=["distribution", "journalist"],
                                               name="press_one_delivery_per_contact")]

    def __str__(self):
        return f"{self.distribution_id} → {self.journalist_id} ({self.status})"


class DistributionList(models.Model):
    """Saved filters of a distribution (beats, outlet types, reach, cities), chosen by name."""

    name = models.CharField(_("name"), max_length=120, unique=True,
                            error_messages={"unique": _("A saved list already has this name.")})
    beats = models.CharField(_("beats"), max_length=300, blank=True)
    outlet_types = models.JSONField(_("outlet types"), default=list, blank=True)
    reaches = models.JSONField(_("reach"), default=list, blank=True)
    cities = models.JSONField(_("cities"), default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created at"), default=clock.now)

    class Meta:
        ordering = ["name"]
        verbose_name = _("distribution list")
        verbose_name_plural = _("distribution lists")

    def __str__(self):
        return self.name
