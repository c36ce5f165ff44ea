"""Forms of the calendar: events, feeds, ICS import, coverage requests, calendar filters."""

from django import forms
from django.utils.translation import gettext_lazy as _

from calendars.editorial import layers_for
from calendars.models import Event, EventKind, Feed, Guest
from pauta import inputs


class EventForm(forms.ModelForm):
    starts_at = inputs.DateTimeField(label=_("Starts at"),
                                     widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))
    ends_at = inputs.DateTimeField(label=_("Ends at"),
                                   widget=forms.DateTimeInput(attrs={"type": "datetime-local"}))

    class Meta:
        model = Event
        fields = ["kind", "title", "description", "location", "secretariat", "plan_action",
                  "all_day", "starts_at", "ends_at", "rrule", "status", "visibility"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        formfield_callback = inputs.formfield

    def _post_clean(self):
        # Validation happens in the service; the form only parses the fields.
        pass


class FeedForm(forms.ModelForm):
    kinds = forms.MultipleChoiceField(label=_("Event kinds"), choices=EventKind.choices,
                                      required=False, widget=forms.CheckboxSelectMultiple,
                                      help_text=_("None selected: every kind."))

    class Meta:
        model = Feed
        fields = ["name", "secretariats", "kinds", "channels", "include_publications", "public"]
        formfield_callback = inputs.formfield
        widgets = {"secretariats": forms.CheckboxSelectMultiple,
                   "channels": forms.CheckboxSelectMultiple}
        help_texts = {"secretariats": _("None selected: all you can see."),
                      "channels": _("None selected: every channel.")}

    def __init__(self, *args, user, can_publish_public=False, **kwargs):
        super().__init__(*args, **kwargs)
        from org.permissions import visible_secretariats

        self.fields["secretariats"].queryset = visible_secretariats(user)
        if not can_publish_public or self.instance.pk:
            del self.fields["public"]

    def _post_clean(self):
        pass


class ImportForm(forms.Form):
    file = forms.FileField(label=_("ICS file"))
    kind = forms.ChoiceField(label=_("Import as"), choices=EventKind.choices)
    visibility = forms.ChoiceField(label=_("Visibility"), choices=Event._meta.get_field(
        "visibility").choices, initial="public")


class CoverageForm(forms.Form):
    secretariat = inputs.ModelChoiceField(label=_("Secretariat"), queryset=None)
    brief = forms.CharField(label=_("Brief"), widget=forms.Textarea(attrs={"rows": 4}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from org.permissions import secretariats_for_action

        self.fields["secretariat"].queryset = secretariats_for_action(user)


class CalendarFilterForm(forms.Form):
    secretariat = inputs.ModelChoiceField(label=_("Secretariat"), queryset=None, required=False,
                                          empty_label=_("All secretariats"))
    channel = inputs.ModelChoiceField(label=_("Channel"), queryset=None, required=False,
                                      empty_label=_("All channels"))
    kind = forms.ChoiceField(label=_("Kind"), required=False,
                             choices=[("", _("All kinds")), *EventKind.choices,
                                      ("publication", _("Publications only"))])
    show = forms.MultipleChoiceField(label=_("Show"), required=False, choices=(),
                                     widget=forms.CheckboxSelectMultiple,
                                     help_text=_("None ticked: everything."))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        from org.permissions import visible_secretariats
        from plans.models import Channel

        self.fields["secretariat"].queryset = visible_secretariats(user)
        self.fields["channel"].queryset = Channel.objects.filter(active=True)
        self.fields["show"].choices = layers_for(user)


def _task_owners():
    """Who may own an event task (``permissions.can_own_tasks``: the permission to see the
    whole calendar, through a group or directly), by name."""
    from calendars.permissions import VIEW_ALL
    from org.models import User

    return (User.objects.with_perm(VIEW_ALL, is_active=True, include_superusers=False,
                                   backend="django.contrib.auth.backends.ModelBackend")
            .order_by("first_name", "last_name", "username"))


class TaskForm(forms.Form):
    """A task added by hand to an event's production."""

    title = forms.CharField(label=_("Task"), max_length=200)
    due_date = inputs.DateField(label=_("Due date"),
                                widget=forms.DateInput(attrs={"type": "date"}))
    owner = inputs.ModelChoiceField(label=_("Owner"), queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _task_owners()


class TaskAssignForm(forms.Form):
    owner = inputs.ModelChoiceField(label=_("Owner"), queryset=None, required=False)
    due_date = inputs.DateField(label=_("Due date"),
                                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = _task_owners()


class GuestForm(forms.ModelForm):
    """A guest or authority of an event (the protocol's precedence is a number: 1 first)."""

    class Meta:
        model = Guest
        fields = ["name", "position", "organisation", "email", "precedence", "speaks",
                  "candidate"]
        formfield_callback = inputs.formfield

    def _post_clean(self):
        # Validation happens in the service; the form only parses the fields.
        pass


class RsvpForm(forms.Form):
    answer = forms.ChoiceField(choices=[("confirmed", _("I will attend")),
                                        ("declined", _("I will not attend"))])


class AbsenceForm(forms.Form):
    """An absence of a member of the team. ``person`` is offered to whoever manages the team
    (``everyone``); an editor records their own and the field is not there at all."""

    person = inputs.ModelChoiceField(label=_("Person"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=())
    starts_on = inputs.DateField(label=_("First day"),
                                 widget=forms.DateInput(attrs={"type": "date"},
                                                        format="%Y-%m-%d"))
    ends_on = inputs.DateField(label=_("Last day"),
                               widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    reason = forms.CharField(label=_("Note"), max_length=200, required=False,
                             help_text=_("Optional, shown to the team: no health details."))

    def __init__(self, *args, everyone: bool, **kwargs):
        super().__init__(*args, **kwargs)
        from org.models import AbsenceKind
        from org.selectors import team_people

        self.fields["kind"].choices = AbsenceKind.choices
        if everyone:
            self.fields["person"].queryset = team_people()
        else:
            del self.fields["person"]

    def clean(self):
        data = super().clean()
        first, last = data.get("starts_on"), data.get("ends_on")
        if first and last and last < first:
            self.add_error("ends_on", _("The last day cannot be before the first."))
        return data
