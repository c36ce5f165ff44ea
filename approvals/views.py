"""The one decision page of every approvable object (requests, campaigns…).

The lifecycle's URL finds the object and its step (404 when invisible) and calls
``decide_page`` with where to go back to.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from approvals.approvable import approvable_of
from approvals.forms import DecisionForm
from approvals.models import Decision
from approvals.permissions import can_decide_step
from approvals.services import step_decide
from pauta.lifecycle import NotAllowed


def decide_page(request, *, obj, step, back_url: str, warnings=()):
    """Show the decision form of ``step`` and record the decision on POST."""
    if not can_decide_step(request.user, step):
        raise PermissionDenied
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            step_decide(step=step, by=request.user, outcome=data["outcome"],
                        comment=data["comment"], reason=data["reason"])
        except NotAllowed as refusal:
            raise PermissionDenied from refusal
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Decision recorded."))
            return redirect(back_url)
    decided = approvable_of(obj).decided
    template, extra = decided(obj, step, request.user) if decided else (None, {})
    return render(request, "approvals/decide.html", {
        "object": obj, **extra, "form": form, "step": step, "back_url": back_url,
        "warnings": warnings, "decided_template": template, "outcomes": Decision.Outcome,
        "decisions": step.decisions.select_related("decided_by", "reason")})
