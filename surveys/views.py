"""Survey pages: the team's list, form, survey page with its actions, results and workbook;
and the public answering page (no sign-in for a public survey, nothing stored about who)."""

import hashlib
import secrets

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from approvals.models import ApprovalStep
from approvals.permissions import can_decide_step
from approvals.views import decide_page
from audit.selectors import events_for
from pauta.action_views import run_action
from pauta.login_throttle import client_ip
from surveys import exports, forms, selectors, services
from surveys import permissions as perms
from surveys.actions import ACTIONS
from surveys.models import Survey, SurveyState

PAGE_SIZE = 25
SALT = "surveys.answer"
DEVICE_COOKIE = "pauta_survey_{}"


def _visible_or_404(user, pk) -> Survey:
    if not perms.can_view_surveys(user):
        raise PermissionDenied
    return get_object_or_404(Survey.objects.select_related(
        "campaign", "objective", "publication", "kpi_target"), pk=pk)


@login_required
def survey_list(request):
    if not perms.can_view_surveys(request.user):
        raise PermissionDenied
    state = request.GET.get("state", "")
    qs = Survey.objects.all()
    if state in SurveyState.values:
        qs = qs.filter(state=state)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "surveys/list.html", {
        "page": page, "state": state, "states": SurveyState.choices,
        "can_create": perms.can_create(request.user)})


def _questions(formset) -> list[dict]:
    return [f.cleaned_data for f in formset.forms
            if f.cleaned_data and f.cleaned_data.get("text")]


@login_required
def survey_form(request, pk=None):
    survey = _visible_or_404(request.user, pk) if pk else None
    if not (perms.can_edit(request.user, survey) if survey else perms.can_create(request.user)):
        raise PermissionDenied
    form = forms.SurveyForm(request.POST or None, instance=survey)
    questions = forms.QuestionFormSet(
        request.POST or None, prefix="questions",
        initial=forms.question_rows(survey) if survey and request.method != "POST" else None)
    if request.method == "POST" and form.is_valid() and questions.is_valid():
        data = {k: form.cleaned_data[k] for k in services.FIELDS}
        try:
            if survey:
                survey = services.survey_update(survey=survey, by=request.user,
                                                questions=_questions(questions), **data)
            else:
                survey = services.survey_create(by=request.user,
                                                questions=_questions(questions), **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Survey saved."))
            return redirect("surveys:detail", pk=survey.pk)
    return render(request, "surveys/form.html", {"form": form, "questions": questions,
                                                 "object": survey})


def _qr_svg(url: str) -> str:
    import segno

    return segno.make(url, error="m").svg_inline(scale=4, title=_("QR code of the survey link"))


@login_required
def survey_detail(request, pk):
    survey = _visible_or_404(request.user, pk)
    link = request.build_absolute_uri(reverse("surveys:answer", args=[survey.slug]))
    steps = list(survey.approval_steps.filter(review_round=survey.review_round)
                 .order_by("stage", "pk")) if survey.review_round else []
    return render(request, "surveys/detail.html", {
        "steps": steps, "decidable": {s.pk for s in steps if can_decide_step(request.user, s)},
        "object": survey, "can": ACTIONS.can(request.user, survey), "link": link,
        "qr": _qr_svg(link) if survey.state == SurveyState.OPEN else "",
        "questions": survey.questions.all(), "events": events_for(survey),
        "can_results": perms.can_see_results(request.user, survey)})


@login_required
def step_decide(request, pk, step_pk):
    """The decision page of one approval step of the survey (the approvals engine's)."""
    survey = get_object_or_404(Survey, pk=pk)
    step = get_object_or_404(ApprovalStep.objects.select_related("survey"), pk=step_pk,
                             survey=survey)
    return decide_page(request, obj=survey, step=step,
                       back_url=reverse("surveys:detail", args=[survey.pk]))


@login_required
@require_POST
def survey_action(request, pk, action):
    survey = _visible_or_404(request.user, pk)
    run_action(request, registry=ACTIONS, obj=survey, verb=action)
    return redirect("surveys:detail", pk=survey.pk)


def _results_survey(request, pk) -> Survey:
    survey = _visible_or_404(request.user, pk)
    if not perms.can_see_results(request.user, survey):
        raise PermissionDenied
    return survey


@login_required
def survey_results(request, pk):
    survey = _results_survey(request, pk)
    choices = selectors.crosstab_questions(survey)
    by = next((q for q in choices if str(q.pk) == request.GET.get("by", "")), None)
    return render(request, "surveys/results.html", {
        "object": survey, "results": selectors.results(survey), "by_choices": choices,
        "by": by, "tables": selectors.crosstab(survey, by) if by else []})


@login_required
def survey_export(request, pk):
    survey = _results_survey(request, pk)
    response = HttpResponse(
        exports.workbook(survey),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="pesquisa-{survey.pk}.xlsx"'
    return response


@login_required
def survey_yearly_report(request, pk):
    """The yearly service-satisfaction report (Lei 13.460/2017, art. 23) of the survey."""
    from surveys.yearly import yearly_workbook

    survey = _results_survey(request, pk)
    response = HttpResponse(
        yearly_workbook(survey),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="relatorio-anual-{survey.pk}.xlsx"'
    return response


@login_required
def survey_export_csv(request, pk):
    survey = _results_survey(request, pk)
    response = HttpResponse(exports.csv_text(survey), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="pesquisa-{survey.pk}.csv"'
    return response


# The public answering page


def _open_survey(request, slug) -> Survey:
    survey = Survey.objects.filter(slug=slug).exclude(state__in=[SurveyState.DRAFT,
                                                                 SurveyState.IN_REVIEW]).first()
    if survey is None:
        raise Http404
    return survey


def _too_many(request, survey) -> bool:
    """Answers from one address per hour (the address is hashed in the cache, never stored)."""
    limit = getattr(settings, "SURVEY_ANSWERS_PER_HOUR", 20)
    who = hashlib.sha256(f"{settings.SECRET_KEY}:{client_ip(request)}".encode()).hexdigest()
    key = f"surveys:rate:{survey.pk}:{who[:32]}"
    if cache.add(key, 1, 3600):
        return False
    try:
        return cache.incr(key) > limit
    except ValueError:
        return False


def survey_answer(request, slug):
    survey = _open_survey(request, slug)
    cookie = DEVICE_COOKIE.format(survey.slug)
    if survey.not_yet_open():
        return render(request, "surveys/not_yet_open.html", {"object": survey})
    if not survey.accepts_answers():
        return render(request, "surveys/closed.html", {"object": survey}, status=410)
    if not perms.can_answer(request.user, survey):
        if request.user.is_authenticated:  # signed in, but not of the survey's audience
            raise PermissionDenied
        return redirect(f"{reverse('login')}?next={request.path}")
    if request.COOKIES.get(cookie):
        return render(request, "surveys/thanks.html", {"object": survey, "again": True})
    form = forms.AnswerForm(request.POST or None, survey=survey,
                            initial={"token": signing.dumps(secrets.token_urlsafe(16),
                                                            salt=SALT)})
    if request.method == "POST":
        if _too_many(request, survey):
            return render(request, "surveys/answer.html", {"object": survey, "form": form,
                                                           "limited": True}, status=429)
        if form.is_valid():
            if form.cleaned_data.get("website"):
                return _thanks(request, survey, cookie)  # a bot: thanked, nothing stored
            try:
                token = signing.loads(form.cleaned_data["token"], salt=SALT, max_age=86400)
                services.response_submit(survey=survey, values=form.values(), token=token,
                                         consent=bool(form.cleaned_data.get("consent")))
            except signing.BadSignature:
                form.add_error(None, _("This form has expired. Please answer again."))
            except services.AlreadyCounted:
                return _thanks(request, survey, cookie, again=True)
            else:
                return _thanks(request, survey, cookie)
    return render(request, "surveys/answer.html", {"object": survey, "form": form})


def survey_public_results(request, slug):
    """The published results of a survey, for anyone without signing in: counts and bars
    per question; what people wrote is not shown."""
    survey = Survey.objects.filter(slug=slug).first()
    if survey is None or not perms.can_see_public_results(request.user, survey):
        raise Http404
    return render(request, "surveys/public_results.html", {
        "object": survey, "results": selectors.public_results(survey)})


def _thanks(request, survey, cookie, again: bool = False):
    response = render(request, "surveys/thanks.html", {"object": survey, "again": again})
    response.set_cookie(cookie, "1", max_age=365 * 86400, httponly=True, samesite="Lax",
                        secure=request.is_secure())
    return response
