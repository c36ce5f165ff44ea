"""The asset picker of the request form (a part of ``workflows.forms.REQUEST_FORM_PARTS``).

Without JavaScript it is a plain multiple select of the newest assets the person may choose
(``selectors.pickable``) and a purpose; with it (``static/media/picker.js``) a search by title
or tag with thumbnails, each a toggle button, fills the same select. Posted ids are checked
against what the person may choose — a forged or unknown id is a form error, never attached.
Saving attaches each chosen asset through ``services.asset_attach``, which runs the consent
gate; its media findings are shown on the request page as a warning.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from media import permissions as perms
from media import selectors, services
from media.models import Purpose

SHOWN = 60  # options of the plain select (the search finds any other)
MAX_PICKED = 20


class AssetPicker(forms.Form):
    template = "media/_picker.html"
    script = "media/picker.js"

    assets = forms.MultipleChoiceField(
        label=_("Photos and videos from the media bank"), required=False,
        widget=forms.SelectMultiple(attrs={"class": "media-picker-select", "size": 8}),
        help_text=_("Choose assets already in the media bank (Ctrl or ⌘ to choose several); "
                    "the people they show need a consent for the purpose."))
    # Not required: a post without the picker (a script, an older page) chooses nothing.
    purpose = forms.ChoiceField(label=_("Use of the chosen assets"), choices=Purpose.choices,
                                initial=Purpose.INSTITUTIONAL, required=False)

    def __init__(self, user, data=None, request_obj=None):
        super().__init__(data, prefix="media")
        self.user, self.request_obj = user, request_obj
        self.queryset = selectors.pickable(user)
        if request_obj is not None:
            self.queryset = self.queryset.exclude(uses__request=request_obj)
        shown = list(self.queryset.order_by("-created_at", "-pk")[:SHOWN])
        posted = self._posted_ids()
        shown_pks = {a.pk for a in shown}
        extra = [a for a in self.queryset.filter(pk__in=posted) if a.pk not in shown_pks]
        self.fields["assets"].choices = [(str(a.pk), a.title) for a in [*extra, *shown]]
        self.notes: list[tuple[str, str]] = []

    def _posted_ids(self) -> list[int]:
        if not self.is_bound:
            return []
        ids = []
        for value in self.data.getlist(self.add_prefix("assets")):
            try:
                ids.append(int(value))
            except (TypeError, ValueError):
                continue
        return ids[:MAX_PICKED + 1]

    def clean_assets(self):
        # MultipleChoiceField has refused any value outside the choices (forged, unknown,
        # another secretariat's): only the person's own choosable assets reach here.
        values = self.cleaned_data["assets"]
        if len(values) > MAX_PICKED:
            raise ValidationError(_("Choose at most %(n)s assets at a time.") % {"n": MAX_PICKED})
        chosen = {a.pk: a for a in self.queryset.filter(pk__in=[int(v) for v in values])}
        return [chosen[int(v)] for v in values if int(v) in chosen]

    def save(self, request_obj, by) -> None:
        """Attach the chosen assets (inside the caller's transaction); keep the gate's
        findings about them for the page."""
        picked = self.cleaned_data.get("assets") or []
        findings = []
        for asset in picked:
            _use, findings = services.asset_attach(
                asset=asset, request=request_obj, by=by,
                purpose=self.cleaned_data.get("purpose") or Purpose.INSTITUTIONAL)
        media = [f for f in findings if f.rule.startswith("media.")]
        if picked:
            self.notes.append(("success", ngettext(
                "%(n)s asset attached from the media bank.",
                "%(n)s assets attached from the media bank.", len(picked)) % {"n": len(picked)}))
        self.notes.extend(("warning", str(f.message)) for f in media)


def request_form_part(user, data=None, request_obj=None):
    """The picker for whoever may choose some asset; None hides it (a plain requester of a
    secretariat without assets, a person with no library)."""
    if not perms.may_pick_some(user):
        return None
    return AssetPicker(user, data, request_obj)
