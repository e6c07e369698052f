"""The results: ranked roles, one role with its dated training plan, and the printable page of both."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_safe

from skillsnet.catalogue.snapshot import engine_snapshot
from skillsnet.converter import charts, following, journey, serializers, services
from skillsnet.converter.forms import PlanForm, ResultsFilterForm

from .common import _answers_or_start, _user

RESULTS_SHOWN = 10
RESULTS_MORE = 100


def _results_context(request: HttpRequest, state: journey.Journey) -> dict[str, Any]:
    form = ResultsFilterForm(request.GET or None)
    family = max_level = None
    if form.is_valid():
        family = form.cleaned_data["family"] or None
        max_level = form.cleaned_data["max_entry_level"]
    show_all = request.GET.get("show") == "all"
    result = state.profile(_user(request))
    snap = engine_snapshot()
    assessed = services.roles_assess(
        profile=result.profile,
        limit=(RESULTS_MORE if show_all else RESULTS_SHOWN) + 1,
        families=[family] if family else None,
        max_entry_level=max_level,
    )
    found = assessed.matches
    more = len(found) > (RESULTS_MORE if show_all else RESULTS_SHOWN)
    shown = [
        {**serializers.match_dict(m, snap), "tied": tied}
        for m, tied in zip(found[: RESULTS_MORE if show_all else RESULTS_SHOWN], assessed.tied, strict=False)
    ]
    query = {k: v for k, v in request.GET.items() if k in {"family", "max_entry_level"} and v}
    return {
        "journey": state,
        "result": result,
        "form": form,
        "matches": shown,
        "assessed": assessed,
        "usual_first_roles": serializers.route_hints(assessed.routes, snap),
        "more": more and not show_all,
        "show_all": show_all,
        "more_query": urlencode({**query, "show": "all"}),
        "filtered": bool(family or max_level),
        "chart": charts.gap_chart(shown[0]) if shown else None,
        "top": shown[0] if shown else None,
    }


@require_safe
def results(request: HttpRequest) -> HttpResponse:
    state = _answers_or_start(request)
    if state is None:
        return redirect("converter:sources")
    return render(request, "converter/results.html", _results_context(request, state))


def _plan_context(request: HttpRequest, state: journey.Journey, slug: str, data: Any) -> dict[str, Any]:
    today = timezone.localdate()
    centres = services.centre_choices()
    # Until the person changes the plan's settings, on-site courses are looked for in their account's region.
    home = "" if data else services.default_region(_user(request))
    form = PlanForm(data or None, centres=centres, today=today, initial={"region": home})
    result = state.profile(_user(request))
    try:
        found = services.role_match(profile=result.profile, role_slug=slug)
    except services.ConverterError:
        raise Http404("No such role.") from None
    snap = engine_snapshot()
    match = serializers.match_dict(found, snap)
    planned = None
    options: dict[str, Any] = {}
    states: dict[str, str] = {}
    if not data or form.is_valid():
        options = form.cleaned_data if data else {"region": home}
        try:
            outcome = services.plan_for_role(
                profile=result.profile,
                role_slug=slug,
                start=options.get("start_date") or today,
                hours_per_week=options.get("hours_per_week") or services.DEFAULT_HOURS_PER_WEEK,
                deadline=options.get("deadline"),
                centres=options.get("centres") or (),
                region=options.get("region") or "",
                essential_only=bool(options.get("essential_only")),
                user=_user(request),
                today=today,
            )
        except services.ConverterError as exc:
            form.add_error(None, exc.message)
        else:
            planned = serializers.plan_dict(outcome, snap)
            states = following.step_states(_user(request), outcome)
            for step in planned["steps"]:
                step["state"] = states.get(step["course"], "")
    return {
        "journey": state,
        "result": result,
        "match": match,
        "chart": charts.gap_chart(match),
        "form": form,
        "plan": planned,
        "plan_query": urlencode([(k, v) for k in data for v in data.getlist(k)]) if data else "",
        # the plan's settings as shown, for the forms that act on this same plan
        "plan_fields": _plan_fields(options) if planned else [],
        "next_step": following.next_step(planned["steps"], states) if planned else None,
        "learning_plan": request.user.is_authenticated,
    }


def _plan_fields(options: dict[str, Any]) -> list[tuple[str, str]]:
    """A plan's settings as form fields (dates as YYYY-MM-DD), for the forms that act on that same plan."""
    fields = [(name, options[name].isoformat()) for name in ("start_date", "deadline") if options.get(name)]
    if options.get("hours_per_week"):
        fields.append(("hours_per_week", str(options["hours_per_week"])))
    if options.get("region"):
        fields.append(("region", options["region"]))
    fields += [("centres", slug) for slug in options.get("centres") or ()]
    if options.get("essential_only"):
        fields.append(("essential_only", "on"))
    return fields


@require_safe
def role_detail(request: HttpRequest, slug: str) -> HttpResponse:
    state = _answers_or_start(request)
    if state is None:
        return redirect("converter:sources")
    context = _plan_context(request, state, slug, request.GET)
    return render(request, "converter/role.html", context, status=422 if context["form"].errors else 200)


@require_safe
def print_view(request: HttpRequest) -> HttpResponse:
    state = _answers_or_start(request)
    if state is None:
        return redirect("converter:sources")
    context = _results_context(request, state)
    role = request.GET.get("role", "")
    if role:
        params = request.GET.copy()
        params.pop("role", None)
        context["role_page"] = _plan_context(request, state, role, params)
    return render(request, "converter/print.html", context)
