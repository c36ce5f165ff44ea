"""Forms of the request pages; they validate input, the services do the writing."""

from collections.abc import Callable

import django_filters
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from approvals.forms import DecisionForm  # noqa: F401  (the request page embeds it)
from approvals.models import RejectionReason
from org.models import Secretariat
from pauta import clock, inputs
from plans.models import Audience, Channel
from workflows.drill import DrillFilters
from workflows.models import (
    Attachment,
    ContentRequest,
    OfflineReason,
    RequestKind,
    RequestState,
)

# Parts other apps add to the request form (the media bank's asset picker, media/picker.py):
# ``factory(user, data, request_obj) -> form | None`` (None: not for this person). A part has
# ``template`` (included in the form), ``script`` (a static path or ""), ``is_valid()``,
# ``save(request_obj, by)`` run inside the request's transaction (a ValidationError undoes
# the whole save) and ``notes`` (("success" | "warning", sentence) pairs for the page).
REQUEST_FORM_PARTS: list[Callable] = []


def request_form_parts(user, data=None, request_obj=None) -> list:
    return [part for part in (factory(user, data, request_obj)
                              for factory in REQUEST_FORM_PARTS) if part is not None]


class RequestForm(forms.ModelForm):
    """The requester's brief."""

    class Meta:
        model = ContentRequest
        fields = ["secretariat", "kind", "title", "brief", "desired_date", "channels",
                  "audiences", "plan_action", "priority", "priority_justification", "sensitive"]
        formfield_callback = inputs.formfield
        widgets = {
            "desired_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "channels": forms.CheckboxSelectMultiple,
            "audiences": forms.CheckboxSelectMultiple,
            "brief": forms.Textarea(attrs={"rows": 6}),
            "priority_justification": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from org.permissions import secretariats_for_action

        self.fields["secretariat"].queryset = secretariats_for_action(user)
        if self.instance.pk:
            # The secretariat of a saved request is fixed: a disabled field is not posted and
            # takes the request's own value, which must stay a valid choice.
            self.fields["secretariat"].disabled = True
            self.fields["secretariat"].queryset |= Secretariat.objects.filter(
                pk=self.instance.secretariat_id)
        self.fields["channels"].queryset = Channel.objects.filter(active=True)
        self.fields["audiences"].queryset = Audience.objects.filter(active=True)
        self.fields["plan_action"].queryset = self._plan_actions()
        self.fields["plan_action"].required = False
        self.fields["plan_action"].help_text = _(
            "Actions of the approved plan open for the secretariat on the desired date. "
            "A request without one is allowed but flagged.")
        # plans/static/plans/plan_action_picker.js refreshes the choices as both change.
        from django.urls import reverse

        self.fields["plan_action"].widget.attrs["data-open-actions-url"] = reverse(
            "plans:open_actions")
        if not self.is_bound and not self.instance.pk and "secretariat" not in self.initial:
            own = list(self.fields["secretariat"].queryset[:2])
            if len(own) == 1:  # one secretariat: chosen already, its actions offered at once
                self.initial["secretariat"] = own[0].pk
                self.fields["plan_action"].queryset = self._plan_actions()

    def _plan_actions(self):
        from plans.models import PlanAction

        try:
            from plans.selectors import actions_open_for
        except ImportError:
            return PlanAction.objects.none()
        secretariat = inputs.to_id(self._value("secretariat", "secretariat_id") or "")
        when = self._value("desired_date", "desired_date")
        if secretariat is None:
            return PlanAction.objects.none()
        secretariat = Secretariat.objects.filter(pk=secretariat).first()
        if secretariat is None:
            return PlanAction.objects.none()
        if isinstance(when, str):
            when = inputs.to_date(when)  # malformed: the field itself reports it
        return actions_open_for(secretariat, when or timezone.localdate())

    def _value(self, field, attr):
        """The value ``field`` will have: posted, or (unbound or disabled) the initial one."""
        if self.is_bound and not self.fields[field].disabled:
            return self.data.get(self.add_prefix(field)) or None
        return self.initial.get(field) or getattr(self.instance, attr, None)

    def lead_times(self) -> list[dict]:
        """Each kind's lead time and the earliest desired date that needs no justification
        (the form shows the chosen kind's; ``workflows/static/workflows/request_form.js``)."""
        from workflows.models import LeadTimeStandard
        from workflows.sla import MIN_LEAD_DAYS, add_business_days

        today = clock.today()
        chosen = self._value("kind", "kind")
        standards = dict(LeadTimeStandard.objects.values_list("kind", "business_days"))
        rows = []
        for value, label in RequestKind.choices:
            days = standards.get(value, MIN_LEAD_DAYS)
            rows.append({"kind": value, "label": label, "days": days,
                         "earliest": add_business_days(today, days), "chosen": value == chosen})
        return rows

    def clean(self):
        """The date rules are the service's (``workflows.services.check_dates``): the same
        translated errors here and in the API."""
        from workflows.services import check_dates

        data = super().clean()
        try:
            check_dates(kind=data.get("kind"), desired_date=data.get("desired_date"),
                        priority_justification=data.get("priority_justification"))
        except ValidationError as error:
            self.add_error(None, error)
        return data


class QuestionForm(forms.Form):
    question = forms.CharField(label=_("Question to the requester"), widget=forms.Textarea(
        attrs={"rows": 3}))


class AnswerForm(forms.Form):
    answer = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 3}))


class RejectForm(forms.Form):
    reason = inputs.ModelChoiceField(label=_("Reason"),
                                    queryset=RejectionReason.objects.filter(active=True))
    comment = forms.CharField(label=_("Comment"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))


class CommentForm(forms.Form):
    body = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))
    internal = forms.BooleanField(label=_("Internal (communication team only)"), required=False)


class PublicationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 10}))
    excerpt = forms.CharField(label=_("Excerpt"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))
    attachments = inputs.ModelMultipleChoiceField(
        label=_("Files of this channel"), required=False, queryset=Attachment.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The request's files that go out with this text. Every file checked: "
                    "files attached later go too."))

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, **kwargs)
        files = request.attachments.order_by("pk") if request is not None else None
        if files is None or not files.exists():
            del self.fields["attachments"]
        else:
            self.fields["attachments"].queryset = files


class AttachmentForm(forms.Form):
    """One file: its real type and size checked here (``workflows.uploads``, the service checks
    again), and an image needs its alternative text. Used on the request page and, several at
    once, on the new-request form (``AttachmentFormSet``)."""

    file = forms.FileField(label=_("File"), help_text=_(
        "Images (JPEG, PNG, GIF, WebP), PDF, office documents or MP4 videos."))
    alt_text = forms.CharField(label=_("Alternative text (for images)"), required=False,
                               widget=forms.Textarea(attrs={"rows": 2}),
                               help_text=_("What the image shows, for people who cannot see "
                                           "it. Required for images."))
    shows_minors = forms.BooleanField(label=_("Shows minors"), required=False)
    consent_recorded = forms.BooleanField(label=_("Consent of the guardians recorded"),
                                          required=False)

    def clean(self):
        from workflows.uploads import detect_type

        data = super().clean()
        upload = data.get("file")
        if upload is None:
            return data
        try:
            mime = detect_type(upload)
        except ValidationError as error:
            self.add_error("file", error)
            return data
        if mime.startswith("image/") and not (data.get("alt_text") or "").strip():
            self.add_error("alt_text", _("Describe the image in its alternative text: people "
                                         "who cannot see it read that instead."))
        return data


class RequestFileForm(AttachmentForm):
    """A file row of the new-request form: optional, but a row with a description and no
    file is a mistake worth saying."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].required = False

    def clean(self):
        data = super().clean()
        described = (data.get("alt_text") or "").strip() or data.get("shows_minors") or \
            data.get("consent_recorded")
        if described and not data.get("file") and "file" not in self.errors:
            self.add_error("file", _("Choose the file this row describes, or clear the row."))
        return data


class BaseAttachmentFormSet(forms.BaseFormSet):
    def files_chosen(self) -> list[str]:
        """The names of the files posted with the form (they must be chosen again when the
        form is shown back with an error: a browser never refills a file input)."""
        return [form.files[form.add_prefix("file")].name for form in self.forms
                if form.add_prefix("file") in form.files]

    def attachments(self) -> list[dict]:
        """The rows with a file, as ``services.attachment_add`` keyword arguments."""
        return [{"uploaded": form.cleaned_data["file"],
                 "alt_text": form.cleaned_data.get("alt_text", ""),
                 "shows_minors": form.cleaned_data.get("shows_minors", False),
                 "consent_recorded": form.cleaned_data.get("consent_recorded", False)}
                for form in self.forms if form.cleaned_data.get("file")]


# The new-request form's files: three rows (a small script shows one and adds the others on
# demand), at most ten.
AttachmentFormSet = forms.formset_factory(RequestFileForm, formset=BaseAttachmentFormSet,
                                          extra=3, max_num=10, validate_max=True)


class ScheduleForm(forms.Form):
    """One date-time field per publication of the request."""

    def __init__(self, *args, publications, **kwargs):
        super().__init__(*args, **kwargs)
        self.publications = list(publications)
        for pub in self.publications:
            self.fields[f"pub_{pub.pk}"] = inputs.DateTimeField(
                label=_("Date and time for %(channel)s") % {"channel": pub.channel.name},
                widget=forms.DateTimeInput(attrs={"type": "datetime-local"},
                                           format="%Y-%m-%dT%H:%M"),
                initial=pub.scheduled_at and timezone.localtime(pub.scheduled_at))

    def clean(self):
        data = super().clean()
        if not self.errors:
            data["when"] = self.when()
        return data

    def when(self):
        return {pub.pk: self.cleaned_data[f"pub_{pub.pk}"] for pub in self.publications}


class PublishForm(forms.Form):
    """The evidence of each channel's publication: the address where it went out, or why it
    is not online (the time is now)."""

    def __init__(self, *args, publications, **kwargs):
        super().__init__(*args, **kwargs)
        self.publications = [p for p in publications if p.cancelled_at is None]
        for pub in self.publications:
            self.fields[f"url_{pub.pk}"] = forms.URLField(
                label=_("Published address for %(channel)s") % {"channel": pub.channel.name},
                required=False, max_length=500, initial=pub.url, assume_scheme="https")
            self.fields[f"reason_{pub.pk}"] = forms.ChoiceField(
                label=_("Or, if %(channel)s is not online") % {"channel": pub.channel.name},
                required=False, initial=pub.offline_reason,
                choices=[("", _("It is online (give the address)")),
                         *OfflineReason.choices])

    def clean(self):
        data = super().clean()
        for pub in self.publications:
            if f"url_{pub.pk}" in self.errors:
                continue
            if not (data.get(f"url_{pub.pk}") or data.get(f"reason_{pub.pk}")):
                self.add_error(f"url_{pub.pk}", _(
                    "Enter the address where it was published, or say why it is not online."))
        if not self.errors:
            data["urls"] = self.urls()
            data["reasons"] = {pub.pk: data[f"reason_{pub.pk}"] for pub in self.publications
                               if data.get(f"reason_{pub.pk}") and not data.get(
                                   f"url_{pub.pk}")}
        return data

    def urls(self) -> dict:
        return {pub.pk: self.cleaned_data[f"url_{pub.pk}"] for pub in self.publications
                if self.cleaned_data.get(f"url_{pub.pk}")}


class AssignForm(forms.Form):
    """Put a member of the communication team on the request. Given the ``request`` (the
    request page), each person reads with their hours in its week (``workflows.workload``)."""

    assignee = inputs.ModelChoiceField(label=_("Editor"), queryset=None)

    def __init__(self, *args, request=None, **kwargs):
        from workflows.permissions import assignable_people

        super().__init__(*args, **kwargs)
        people = assignable_people()
        self.fields["assignee"].queryset = people
        if request is not None:
            self.fields["assignee"].label_from_instance = _with_load(people, request)


def _with_load(people, request):
    from workflows.workload import hours_text, request_week, team_load

    weeks = {load.person.pk: load.weeks[0] for load in team_load(
        people, start=request_week(request), weeks=1)}

    def label(person) -> str:
        week = weeks.get(person.pk)
        name = person.get_full_name() or person.username
        if week is None:
            return name
        values = {"person": name, "hours": hours_text(week.hours),
                  "capacity": hours_text(week.capacity)}
        if week.overloaded:
            return _("%(person)s (%(hours)s h of %(capacity)s h that week: over capacity)") \
                % values
        return _("%(person)s (%(hours)s h of %(capacity)s h that week)") % values
    return label


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(label=_("Rating"), coerce=int,
                                    choices=[(i, str(i)) for i in range(1, 6)],
                                    widget=forms.RadioSelect)
    comment = forms.CharField(label=_("Comment"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2}))


class RequestFilter(DrillFilters):
    """Filters of the request lists (plus the hidden ones the KPI dashboard links with)."""

    q = inputs.SearchFilter(label=_("Search"), method="search")
    state = django_filters.ChoiceFilter(label=_("State"), choices=RequestState.choices,
                                        empty_label=_("All states"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=RequestKind.choices,
                                       empty_label=_("All kinds"))
    secretariat = inputs.ModelChoiceFilter(
        label=_("Secretariat"), queryset=Secretariat.objects.filter(active=True),
        empty_label=_("All secretariats"))
    channel = inputs.ModelChoiceFilter(label=_("Channel"), field_name="channels",
                                       queryset=Channel.objects.filter(active=True),
                                       empty_label=_("All channels"))
    created_after = inputs.DateFilter(
        label=_("Filed from"), field_name="created_at", lookup_expr="date__gte",
        widget=forms.DateInput(attrs={"type": "date"}))
    created_before = inputs.DateFilter(
        label=_("Filed until"), field_name="created_at", lookup_expr="date__lte",
        widget=forms.DateInput(attrs={"type": "date"}))
    overdue = django_filters.BooleanFilter(label=_("Overdue only"), method="only_overdue",
                                           widget=forms.CheckboxInput)

    class Meta:
        model = ContentRequest
        fields = []

    def search(self, queryset, name, value):
        from django.db.models import Q

        query = Q(title__icontains=value) | Q(brief__icontains=value)
        number = inputs.to_id(value.strip().lstrip("#"))
        if number is not None:
            query |= Q(pk=number)
        return queryset.filter(query)

    def only_overdue(self, queryset, name, value):
        from workflows.models.requests import OPEN_STATES

        if not value:
            return queryset
        return queryset.filter(state__in=OPEN_STATES, due_date__lt=timezone.localdate())
