"""Review and check: the skills read from every source, their levels, qualifications and registrations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from skillsnet.catalogue.snapshot import engine_snapshot
from skillsnet.converter import journey, services
from skillsnet.converter.forms import CredentialsForm, LevelForm

from .common import _answers_or_start, _user


@require_safe
def review(request: HttpRequest) -> HttpResponse:
    state = _answers_or_start(request)
    if state is None:
        return redirect("converter:sources")
    result = state.profile(_user(request))
    form = CredentialsForm(initial={"credentials": state.credential_codes})
    context = {"journey": state, "result": result, "credentials_form": form, **_cv_levels(state, result)}
    return render(request, "converter/review.html", context)


def _cv_levels(state: journey.Journey, result: services.ProfileResult) -> dict[str, Any]:
    """For the review table: each row with why its CV level was suggested, and whether the person has
    confirmed it; `unconfirmed` counts the CV levels still to confirm. `cv_reader` is how often the reader
    errs on CVs it was not tuned on, shown while any skill on the page was read from the CV."""
    reasons = state.cv_reasons()
    rows, unconfirmed = [], 0
    read_from_cv = False
    for row in result.rows:
        from_cv = _from_cv(row, reasons, state)
        confirmed = from_cv and row.skill in state.confirmed
        unconfirmed += from_cv and not confirmed
        read_from_cv = read_from_cv or any(s.provenance == "cv" for s in row.sources)
        rows.append((row, reasons.get(row.skill, "") if from_cv else "", confirmed))
    cv_reader = services.CV_READER_RECORD if read_from_cv else None
    return {"rows": rows, "unconfirmed_cv_levels": unconfirmed, "cv_reader": cv_reader}


def _from_cv(row: services.SkillRow, reasons: dict[str, str], state: journey.Journey) -> bool:
    """Whether the row has a level read from the CV that the person has not replaced with their own."""
    return row.skill in reasons and row.skill not in state.adjusted and any(s.provenance == "cv" for s in row.sources)


@require_POST
def review_confirm(request: HttpRequest) -> HttpResponse:
    """Confirm every level read from the CV at once ("these levels look right")."""
    state = _answers_or_start(request)
    if state is None:
        return redirect("converter:sources")
    result = state.profile(_user(request))
    reasons = state.cv_reasons()
    slugs = [r.skill for r in result.rows if _from_cv(r, reasons, state)]
    state.confirmed = list(dict.fromkeys([*state.confirmed, *slugs]))
    journey.store(request, state)
    count = len(slugs)
    messages.success(request, f"Confirmed {count} level{'s' if count != 1 else ''} read from your CV.")
    return redirect("converter:review")


@require_POST
def review_credentials(request: HttpRequest) -> HttpResponse:
    state = _answers_or_start(request)
    if state is None:
        return redirect("converter:sources")
    form = CredentialsForm(request.POST)
    if not form.is_valid():
        result = state.profile(_user(request))
        context = {"journey": state, "result": result, "credentials_form": form, **_cv_levels(state, result)}
        return render(request, "converter/review.html", context, status=422)
    state.credentials_set(list(form.cleaned_data["credentials"]))
    journey.store(request, state)
    messages.success(request, "Saved your qualifications and registrations.")
    return redirect(f"{reverse('converter:review')}#qualifications")


@require_http_methods(["GET", "POST"])
def review_change(request: HttpRequest, skill: str) -> HttpResponse:
    state = _answers_or_start(request)
    if state is None:
        return redirect("converter:sources")
    result = state.profile(_user(request))
    row = next((r for r in result.rows if r.skill == skill), None)
    name = engine_snapshot().skill_names.get(skill)
    if name is None:
        raise Http404("No such skill.")
    form = LevelForm(request.POST if request.method == "POST" else None, initial={"level": row.level if row else None})
    if request.method == "POST" and form.is_valid():
        state.adjusted[skill] = form.cleaned_data["level"]
        state.removed = [s for s in state.removed if s != skill]
        journey.store(request, state)
        return redirect(f"{reverse('converter:review')}#skill-{skill}")
    context = {"journey": state, "form": form, "row": row, "name": name, "skill": skill}
    return render(request, "converter/review_change.html", context, status=422 if form.errors else 200)


@require_POST
def review_remove(request: HttpRequest, skill: str) -> HttpResponse:
    state = journey.load(request)
    state.skills.pop(skill, None)
    state.adjusted.pop(skill, None)
    if skill not in state.removed:
        state.removed.append(skill)
    journey.store(request, state)
    name = engine_snapshot().skill_name(skill)
    messages.success(request, f"Removed {name}.")
    return redirect("converter:review")


@require_safe
def check(request: HttpRequest) -> HttpResponse:
    state = _answers_or_start(request)
    if state is None:
        return redirect("converter:sources")
    result = state.profile(_user(request))
    names = engine_snapshot().skill_names
    context = {
        "journey": state,
        "result": result,
        "rated": sorted((names.get(s, s), lv) for s, lv in state.skills.items() if lv),
    }
    return render(request, "converter/check.html", context)
