"""The plan actions a request may link to, as JSON for the request form's action picker."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.http import require_safe

from org.permissions import secretariats_for_action
from pauta import inputs
from plans.selectors import actions_open_for


@login_required
@require_safe
def open_actions(request):
    """``?secretariat=<pk>&date=YYYY-MM-DD`` → [{"id", "label"}]; empty for a secretariat the
    person cannot file for (no hint of other secretariats' plans)."""
    secretariat = secretariats_for_action(request.user).filter(
        pk=inputs.to_id(request.GET.get("secretariat") or "")).first()
    # The picker asks while the person types: a date not (yet) valid means today.
    day = inputs.to_date(request.GET.get("date") or "") or timezone.localdate()
    if secretariat is None:
        return JsonResponse([], safe=False)
    return JsonResponse([{"id": action.pk, "label": str(action)}
                         for action in actions_open_for(secretariat, day)], safe=False)
