"""The programme dashboard (/insights/), its CSV exports, provider statistics and course feedback."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_safe

from skillsnet.accounts.models import User
from skillsnet.catalogue.models import Course
from skillsnet.insights import dashboard as dashboards
from skillsnet.insights import providers, services
from skillsnet.insights.access import check_programme_admin, get_provider_for_staff
from skillsnet.insights.feedback import feedback_of, may_give_feedback
from skillsnet.insights.forms import FeedbackForm
from skillsnet.insights.stats import Table


def _csv(table: Table) -> HttpResponse:
    response = HttpResponse(table.csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{table.key}.csv"'
    return response


@login_required
@require_safe
def dashboard(request: HttpRequest) -> HttpResponse:
    check_programme_admin(request.user)
    board = dashboards.Dashboard()
    if request.GET.get("format") == "csv":
        key = request.GET.get("table", "")
        if key not in dashboards.TABLE_KEYS:
            raise Http404("No such table.")
        return _csv(board.section(key).table)
    return render(request, "insights/dashboard.html", {"sections": board.sections(), "since": board.since})


@login_required
@require_safe
def table_csv(request: HttpRequest, key: str) -> HttpResponse:
    check_programme_admin(request.user)
    if key not in dashboards.TABLE_KEYS:
        raise Http404("No such table.")
    return _csv(dashboards.Dashboard().section(key).table)


@login_required
@require_safe
def provider_statistics(request: HttpRequest, slug: str) -> HttpResponse:
    provider = get_provider_for_staff(request.user, slug)
    table = providers.provider_statistics(provider)
    if request.GET.get("format") == "csv":
        return _csv(table)
    return render(request, "insights/provider_statistics.html", {"provider": provider, "table": table})


@login_required
@require_safe
def provider_statistics_csv(request: HttpRequest, slug: str) -> HttpResponse:
    provider = get_provider_for_staff(request.user, slug)
    return _csv(providers.provider_statistics(provider))


@login_required
@require_http_methods(["GET", "POST"])
def course_feedback(request: HttpRequest, slug: str) -> HttpResponse:
    course = Course.objects.filter(slug=slug).first()
    if course is None:
        raise Http404("No such course.")
    learner = request.user
    assert isinstance(learner, User)
    existing = feedback_of(learner, course)
    initial = {"rating": existing.rating, "comment": existing.comment} if existing else {}
    form = FeedbackForm(request.POST or None, initial=initial)
    allowed = may_give_feedback(learner, course)
    if request.method == "POST" and allowed and form.is_valid():
        try:
            services.feedback_save(
                learner=learner, course=course, rating=form.cleaned_data["rating"], comment=form.cleaned_data["comment"]
            )
        except services.FeedbackError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Thank you: your rating of ‘{course.title}’ has been saved.")
            return redirect("learning:course", slug=course.slug)
    status = 200 if allowed else 403
    return render(
        request,
        "insights/feedback.html",
        {"course": course, "form": form, "allowed": allowed, "existing": existing},
        status=status,
    )
