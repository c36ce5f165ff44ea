"""Surveys, their questions and the answers, kept anonymous.

The lifecycle is the ``state`` field: draft → in review → open → closed → results published
(or back to draft from review). A response stores the answers and the day it came, nothing
about who sent it: no user, no address, no session. Double submissions are stopped by a
one-time form token whose digest is kept apart (``FormToken``, not linked to the response).
"""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_fsm import FSMField, FSMModelMixin, transition

from pauta import clock


class SurveyState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("survey state", "Draft")
    IN_REVIEW = "in_review", pgettext_lazy("survey state", "In review")
    OPEN = "open", pgettext_lazy("survey state", "Open")
    CLOSED = "closed", pgettext_lazy("survey state", "Closed")
    PUBLISHED = "published", pgettext_lazy("survey state", "Results published")


class Audience(models.TextChoices):
    PUBLIC = "public", _("The public (no sign-in)")
    STAFF = "staff", _("Staff (signed in)")
    REQUESTERS = "requesters", _("Requesters of Pauta (after a publication)")


class QuestionKind(models.TextChoices):
    SCALE5 = "scale5", _("Scale 1 to 5")
    SCALE10 = "scale10", _("Scale 0 to 10")
    NPS = "nps", _("Would you recommend it? (NPS, 0 to 10)")
    SINGLE = "single", _("One choice")
    MULTIPLE = "multiple", _("Several choices")
    SHORT = "short", _("Short text")
    LONG = "long", _("Long text")
    CONTACT = "contact", _("Contact details (personal data)")


SCALES = {QuestionKind.SCALE5: range(1, 6), QuestionKind.SCALE10: range(0, 11),
          QuestionKind.NPS: range(0, 11)}
CHOICES = {QuestionKind.SINGLE, QuestionKind.MULTIPLE}
TEXTS = {QuestionKind.SHORT, QuestionKind.LONG, QuestionKind.CONTACT}
PERSONAL = {QuestionKind.CONTACT}  # answers that identify a person: consent, retention, erasure
# The standard labels of the NPS scale's ends, used when the question gives none.
NPS_LABELS = (pgettext_lazy("NPS scale", "Not at all likely"),
              pgettext_lazy("NPS scale", "Extremely likely"))


def new_slug() -> str:
    return secrets.token_urlsafe(6)


def has_questions(survey) -> bool:
    return survey.questions.exists()


def collects_personal_data(survey) -> bool:
    return survey.questions.filter(kind__in=PERSONAL).exists()


def has_consent_terms(survey) -> bool:
    """A survey asking for contact details states the consent and how long it keeps them."""
    return not collects_personal_data(survey) or bool(
        survey.consent_text.strip() and survey.retention_days)


class Survey(FSMModelMixin, models.Model):
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(
        _("introduction"), blank=True,
        help_text=_("What the survey is for, shown above the questions."))
    audience = models.CharField(_("audience"), max_length=10, choices=Audience.choices,
                                default=Audience.PUBLIC)
    slug = models.SlugField(_("link code"), max_length=20, unique=True, default=new_slug,
                            editable=False)
    campaign = models.ForeignKey("campaigns.Campaign", verbose_name=_("campaign evaluated"),
                                 null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="surveys")
    objective = models.ForeignKey("plans.Objective", verbose_name=_("plan objective"),
                                  null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="surveys")
    publication = models.ForeignKey(
        "workflows.ContentRequest", verbose_name=_("publication evaluated"), null=True,
        blank=True, on_delete=models.SET_NULL, related_name="surveys")
    kpi_target = models.ForeignKey(
        "plans.KPITarget", verbose_name=_("KPI target it measures"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="surveys",
        help_text=_("A plan target linked to a survey indicator counts this survey's answers."))
    secretariat = models.ForeignKey(
        "org.Secretariat", verbose_name=_("secretariat or service evaluated"), null=True,
        blank=True, on_delete=models.SET_NULL, related_name="surveys")
    consent_text = models.TextField(
        _("consent text"), blank=True,
        help_text=_("Required when a question asks for contact details: what the details are "
                    "for, who reads them and for how long they are kept."))
    retention_days = models.PositiveSmallIntegerField(
        _("keep contact details for (days)"), null=True, blank=True,
        help_text=_("Contact details are erased this many days after the answer."))
    review_round = models.PositiveSmallIntegerField(_("review round"), default=0)
    # A survey Pauta keeps itself (``surveys.builtin``): answered from another page, never
    # edited or closed by hand.
    builtin = models.CharField(_("built-in survey"), max_length=30, null=True, blank=True,
                               unique=True, editable=False)
    opens_on = models.DateField(
        _("opens on"), null=True, blank=True,
        help_text=_("Optional: an approved survey accepts answers from this day on."))
    closes_on = models.DateField(_("closes on"), null=True, blank=True,
                                 help_text=_("Answers are refused after this day."))
    state = FSMField(_("state"), default=SurveyState.DRAFT, choices=SurveyState.choices,
                     protected=True, db_index=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("created by"),
                                   on_delete=models.PROTECT, related_name="surveys")
    created_at = models.DateTimeField(_("created at"), default=clock.now)
    opened_at = models.DateTimeField(_("opened at"), null=True, blank=True)
    review_comment = models.TextField(_("review comment"), blank=True)
    response_count = models.PositiveIntegerField(_("answers"), default=0)

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return self.title

    def accepts_answers(self, today=None) -> bool:
        today = today or clock.today()
        return (self.state == SurveyState.OPEN and not self.not_yet_open(today)
                and (self.closes_on is None or today <= self.closes_on))

    def not_yet_open(self, today=None) -> bool:
        """Approved, but its period starts later (it opens by itself on ``opens_on``)."""
        today = today or clock.today()
        return self.state == SurveyState.OPEN and self.opens_on is not None \
            and today < self.opens_on

    @transition(field=state, source=SurveyState.DRAFT, target=SurveyState.IN_REVIEW,
                conditions=[has_questions])
    def submit(self):
        self.review_comment = ""
        self.review_round += 1

    @transition(field=state, source=SurveyState.IN_REVIEW, target=SurveyState.DRAFT)
    def return_to_draft(self, comment: str = ""):
        self.review_comment = comment

    @transition(field=state, source=SurveyState.IN_REVIEW, target=SurveyState.OPEN)
    def approve(self):
        self.opened_at = clock.now()

    @transition(field=state, source=SurveyState.OPEN, target=SurveyState.CLOSED)
    def close(self):
        pass

    @transition(field=state, source=SurveyState.CLOSED, target=SurveyState.PUBLISHED)
    def publish_results(self):
        pass


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=300)
    help_text = models.CharField(_("help"), max_length=300, blank=True)
    # The title of the section this question opens (the questions after it belong to it,
    # until the next title); blank: it continues the current section.
    section = models.CharField(_("opens the section"), max_length=200, blank=True)
    required = models.BooleanField(_("required"), default=False)
    # The words of a scale's two ends ("Muito insatisfeito" … "Muito satisfeito").
    low_label = models.CharField(_("label of the lowest value"), max_length=100, blank=True)
    high_label = models.CharField(_("label of the highest value"), max_length=100, blank=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    # "If no, ask why": shown only when the earlier question got one of these answers.
    show_if = models.ForeignKey("self", verbose_name=_("only if the question"), null=True,
                                blank=True, on_delete=models.SET_NULL, related_name="+")
    show_if_values = models.JSONField(_("got one of the answers"), default=list, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")

    def __str__(self):
        return self.text

    def options(self) -> list[str]:
        if self.kind in SCALES:
            return [str(n) for n in SCALES[self.kind]]
        return [str(c) for c in self.choices]

    def scale_labels(self) -> tuple[str, str] | None:
        """(lowest, highest) with their words — ``("1 = Muito insatisfeito", "5 = …")`` —
        or None for a question that is not a scale or has no words (NPS has defaults)."""
        if self.kind not in SCALES:
            return None
        low, high = self.low_label, self.high_label
        if self.kind == QuestionKind.NPS:
            low, high = low or str(NPS_LABELS[0]), high or str(NPS_LABELS[1])
        if not (low or high):
            return None
        values = SCALES[self.kind]
        return (f"{values[0]} = {low}" if low else "", f"{values[-1]} = {high}" if high else "")

    def scale_caption(self) -> str:
        """The scale's words in one line, for headers: "1 = Muito insatisfeito · 5 = …"."""
        labels = self.scale_labels()
        return " · ".join(part for part in labels if part) if labels else ""


class Response(models.Model):
    """One submitted form: only the survey and the day, never who, where from or how."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="responses")
    submitted_on = models.DateField(_("submitted on"), default=clock.today, db_index=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self):
        return f"{self.survey} #{self.pk}"


class Answer(models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    number = models.SmallIntegerField(null=True, blank=True)
    choices = models.JSONField(default=list, blank=True)
    text = models.TextField(blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["response", "question"],
                                               name="surveys_one_answer_per_question")]

    def __str__(self):
        return f"{self.question_id}: {self.number or self.choices or self.text[:30]}"


class FormToken(models.Model):
    """The digest of a used one-time form token: a second submission of one form is refused.
    Deliberately not linked to the response it produced."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64, unique=True)
    used_on = models.DateField(default=clock.today)

    def __str__(self):
        return self.digest[:8]
