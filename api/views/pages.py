"""HTML pages of the API app: the person's tokens, and the interactive API docs."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_POST
from drf_spectacular.views import SpectacularSwaggerSplitView

from api import tokens
from api.forms import TokenForm
from api.models import ApiToken


@login_required
@cache_control(private=True, no_store=True)  # shows a new token once: no cache may keep it
def token_list(request):
    """Create and revoke one's API tokens; a new token is shown once, right after creation."""
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        _token, secret = tokens.token_create(by=request.user, name=form.cleaned_data["name"])
        messages.success(request, _("Token created. Copy it now: it will not be shown again."))
        form = TokenForm()
    rows = ApiToken.objects.filter(user=request.user)
    return render(request, "api/tokens.html", {"form": form, "rows": rows, "secret": secret})


@login_required
@require_POST
@cache_control(private=True, no_store=True)
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    tokens.token_revoke(token=token, by=request.user)
    messages.success(request, _("Token revoked."))
    return redirect("api:tokens")


class SwaggerView(SpectacularSwaggerSplitView):
    """Swagger UI from local files (sidecar) with its start-up script as a separate file,
    so the strict Content-Security-Policy needs no exception."""

    template_name = "api/swagger_ui.html"
    url_name = "api-schema"
