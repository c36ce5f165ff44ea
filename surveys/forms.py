"""Forms of the survey pages: the survey and its questions (team), the answering form (public)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from pauta import inputs
from surveys.models import CHOICES, PERSONAL, SCALES, QuestionKind, Survey

PERIOD_MESSAGE = _("The survey cannot close before it opens.")

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SurveyForm(forms.ModelForm):
    class Meta:
        model = Survey
        fields = ["title", "description", "audience", "opens_on", "closes_on", "secretariat",
                  "campaign", "publication", "objective", "kpi_target", "consent_text",
                  "retention_days"]
        formfield_callback = inputs.formfield
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "opens_on": DATE,
                   "closes_on": DATE,
                   "consent_text": forms.Textarea(attrs={"rows": 3}),
                   "audience": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from workflows.models import ContentRequest

        # A publication evaluated is a published request (the most recent first).
        latest = ContentRequest.objects.filter(published_at__isnull=False).order_by(
            "-published_at").values("pk")[:200]
        keep = models.Q(pk__in=latest) | models.Q(pk=self.instance.publication_id)
        self.fields["publication"].queryset = ContentRequest.objects.filter(keep).order_by(
            "-published_at")
        self.fields["kpi_target"].queryset = self.fields["kpi_target"].queryset.select_related(
            "plan").order_by("-plan__year", "code")

    def clean(self):
        data = super().clean()
        opens, closes = data.get("opens_on"), data.get("closes_on")
        if opens and closes and opens > closes:
            self.add_error("closes_on", PERIOD_MESSAGE)
        return data


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class QuestionForm(forms.Form):
    section = forms.CharField(
        label=_("Opens a section titled"), max_length=200, required=False,
        help_text=_("Optional: this question and the next ones, until another title, are "
                    "shown together under this title."))
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices)
    # Blank rows are ignored whatever their kind shows (the kind list always has a value).
    text = forms.CharField(label=_("Question"), max_length=300, required=False)
    help_text = forms.CharField(label=_("Help"), max_length=300, required=False)
    required = forms.BooleanField(label=_("Required"), required=False)
    low_label = forms.CharField(
        label=_("Scale: words for the lowest value"), max_length=100, required=False,
        help_text=_("For a scale, for example “Muito insatisfeito” (NPS: “Nada provável” "
                    "when left blank)."))
    high_label = forms.CharField(
        label=_("Scale: words for the highest value"), max_length=100, required=False,
        help_text=_("For a scale, for example “Muito satisfeito” (NPS: “Extremamente "
                    "provável” when left blank)."))
    choices = forms.CharField(label=_("Choices (one per line)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    show_if = forms.IntegerField(label=_("Only if question number"), required=False,
                                 min_value=1, max_value=200)
    show_if_values = forms.CharField(
        label=_("got one of the answers (one per line)"), required=False,
        widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        data["choices"] = _lines(data.get("choices", ""))
        data["show_if_values"] = _lines(data.get("show_if_values", ""))
        if not (data.get("text") or "").strip():
            return data  # a blank row: left out
        if data.get("kind") in CHOICES and len(data["choices"]) < 2:
            self.add_error("choices", _("Give at least two choices, one per line."))
        if data.get("show_if") and not data["show_if_values"]:
            self.add_error("show_if_values", _("Say which answers show this question."))
        return data


QuestionFormSet = forms.formset_factory(QuestionForm, extra=3, max_num=60, validate_max=True)


def question_rows(survey) -> list[dict]:
    """A survey's questions as the question formset's initial data."""
    positions = {q.pk: n for n, q in enumerate(survey.questions.all(), start=1)}
    return [{"section": q.section, "kind": q.kind, "text": q.text, "help_text": q.help_text,
             "required": q.required, "low_label": q.low_label, "high_label": q.high_label,
             "choices": "\n".join(q.choices), "show_if": positions.get(q.show_if_id),
             "show_if_values": "\n".join(q.show_if_values)} for q in survey.questions.all()]


class AnswerForm(forms.Form):
    """The answering form: one field per question; the conditions and the required marks are
    checked in ``clean`` over the questions actually shown for these answers."""

    token = forms.CharField(widget=forms.HiddenInput)
    # A field people never see: a bot that fills it is thanked and nothing is stored.
    website = forms.CharField(required=False, label=_("Leave this field empty"),
                              widget=forms.TextInput(attrs={"autocomplete": "off",
                                                            "tabindex": "-1"}))

    def __init__(self, *args, survey, **kwargs):
        super().__init__(*args, **kwargs)
        self.survey = survey
        self.questions = list(survey.questions.all())
        for q in self.questions:
            self.fields[f"q{q.pk}"] = self._field(q)
        self.personal = [q for q in self.questions if q.kind in PERSONAL]
        if self.personal:
            self.fields["consent"] = forms.BooleanField(
                required=False, label=_("I agree that my contact details are kept for this "
                                        "purpose, as described above."))

    @staticmethod
    def _field(q):
        common = {"label": q.text, "help_text": q.help_text, "required": False}
        options = [(o, o) for o in q.options()]
        labels = q.scale_labels()
        if labels:
            # The words of the ends are in the fieldset's description (read with the legend)
            # and on the two end options themselves, never only in colour or position.
            caption = q.scale_caption()
            common["help_text"] = f"{q.help_text} ({caption})" if q.help_text else caption
            low, high = labels
            if low:
                options[0] = (options[0][0], low)
            if high:
                options[-1] = (options[-1][0], high)
        if q.kind in SCALES or q.kind == QuestionKind.SINGLE:
            return forms.ChoiceField(choices=options, widget=forms.RadioSelect, **common)
        if q.kind == QuestionKind.MULTIPLE:
            return forms.MultipleChoiceField(choices=options,
                                             widget=forms.CheckboxSelectMultiple, **common)
        widget = forms.Textarea(attrs={"rows": 4}) if q.kind == QuestionKind.LONG else None
        if q.kind == QuestionKind.CONTACT:
            widget = forms.TextInput(attrs={"autocomplete": "email"})
        return forms.CharField(max_length=5000 if q.kind == QuestionKind.LONG else 300,
                               widget=widget, **common)

    def question_fields(self):
        """(question, bound field) in order, for the template."""
        return [(q, self[f"q{q.pk}"]) for q in self.questions]

    def sections(self):
        """[(title, [(question, bound field)])]: the questions grouped by the sections they
        open (the first group has no title when the first question opens none)."""
        groups = []
        for question, field in self.question_fields():
            if question.section or not groups:
                groups.append((question.section, []))
            groups[-1][1].append((question, field))
        return groups

    def values(self) -> dict:
        return {q.pk: self.cleaned_data.get(f"q{q.pk}") for q in self.questions}

    def clean(self):
        from surveys.services import visible_questions

        data = super().clean()
        values = {q.pk: data.get(f"q{q.pk}") for q in self.questions}
        for q in visible_questions(self.questions, values):
            if q.required and values.get(q.pk) in (None, "", []):
                self.add_error(f"q{q.pk}", ValidationError(
                    _("Please answer this question."), code="required"))
        given = any(values.get(q.pk) for q in self.personal)
        if given and not data.get("consent"):
            self.add_error("consent", _("To leave your contact details, agree to how they are "
                                        "kept; or leave them blank."))
        return data
