"""Acting on a role's plan: take its next step, or make it the person's learning plan."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from skillsnet.accounts.models import User
from skillsnet.converter import following, services
from skillsnet.converter.forms import PlanForm
from skillsnet.learning.services import LearningError

from .common import _answers_or_start, _user


def _plan_from_post(request: HttpRequest, slug: str) -> tuple[str, services.PlanResult | None, str]:
    """The plan a form on the role page stands for, from its hidden settings: (the role page with those
    settings, the plan or None, why there is none)."""
    today = timezone.localdate()
    form = PlanForm(request.POST, centres=services.centre_choices(), today=today)
    fields = set(PlanForm.base_fields)
    kept = [(k, v) for k in request.POST if k in fields for v in request.POST.getlist(k)]
    back = f"{reverse('converter:role', args=[slug])}?{urlencode(kept)}#plan"
    state = _answers_or_start(request)
    if state is None or not form.is_valid():
        return back, None, "Check the plan's settings and try again."
    user = _user(request)
    try:
        outcome = services.plan_for_role(
            profile=state.profile(user).profile,
            role_slug=slug,
            start=form.cleaned_data["start_date"],
            hours_per_week=form.cleaned_data["hours_per_week"],
            deadline=form.cleaned_data["deadline"],
            centres=form.cleaned_data["centres"],
            region=form.cleaned_data["region"],
            essential_only=form.cleaned_data["essential_only"],
            user=user,
            today=today,
        )
    except services.ConverterError as exc:
        return back, None, exc.message
    return back, outcome, ""


def _plan_to_act_on(request: HttpRequest, slug: str) -> tuple[str, services.PlanResult, User] | HttpResponse:
    """The plan a POST acts on, with where to go back to and who acts; or the redirect that says why not."""
    if _answers_or_start(request) is None:
        return redirect("converter:sources")
    back, outcome, problem = _plan_from_post(request, slug)
    if outcome is None:
        messages.error(request, problem)
        return redirect(back)
    user = _user(request)
    assert user is not None
    return back, outcome, user


@require_POST
@login_required
def follow(request: HttpRequest, slug: str) -> HttpResponse:
    """Take the plan's next step (enrol or book it), then come back to the plan to see the step after."""
    acting = _plan_to_act_on(request, slug)
    if isinstance(acting, HttpResponse):
        return acting
    back, outcome, user = acting
    try:
        done = following.follow(user=user, result=outcome, course=request.POST.get("course", ""))
    except following.FollowError as exc:
        messages.error(request, str(exc))
        return redirect(back)
    messages.success(request, done.message)
    return redirect(done.redirect_to or back)


@require_POST
@login_required
def learning_plan(request: HttpRequest, slug: str) -> HttpResponse:
    acting = _plan_to_act_on(request, slug)
    if isinstance(acting, HttpResponse):
        return acting
    back, outcome, user = acting
    try:
        services.learning_plan_create(learner=user, result=outcome)
    except services.ConverterError as exc:
        messages.error(request, exc.message)
        return redirect(back)
    except LearningError as exc:
        # The learning app's domain errors carry a sentence for the person; anything else is a bug.
        messages.error(request, str(exc))
        return redirect(back)
    messages.success(request, f"Your plan for {outcome.match.title} is now your learning plan.")
    return redirect(back)
