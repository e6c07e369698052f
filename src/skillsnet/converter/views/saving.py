"""Saved assessments: save, list, open, rename and delete them; start again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from skillsnet.converter import journey, selectors, services
from skillsnet.converter.forms import AssessmentNameForm, SaveForm

from .common import _answers_or_start, _long_date, _user


@require_http_methods(["GET", "POST"])
@login_required
def save(request: HttpRequest) -> HttpResponse:
    state = _answers_or_start(request)
    if state is None:
        return redirect("converter:sources")
    user = _user(request)
    assert user is not None
    current = None
    if state.assessment_id is not None:
        current = selectors.assessments_for(user).filter(pk=state.assessment_id).first()
    default_name = current.name if current else f"Career Converter {_long_date(timezone.localdate())}"
    form = SaveForm(
        request.POST if request.method == "POST" else None,
        initial={"name": default_name, "keep_cv_text": bool(state.cv_text)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.assessment_save(
                owner=user,
                name=form.cleaned_data["name"],
                inputs=state.inputs(),
                keep_cv_text=form.cleaned_data["keep_cv_text"],
                assessment=current,
            )
        except services.ConverterError as exc:
            form.add_error("name" if exc.field == "name" else None, exc.message)
        else:
            state.assessment_id, state.assessment_name = assessment.pk, assessment.name
            if not form.cleaned_data["keep_cv_text"]:
                state.cv_text = ""
            journey.store(request, state)
            messages.success(request, f"Saved “{assessment.name}”.")
            return redirect("converter:saved")
    context = {"journey": state, "form": form, "current": current}
    return render(request, "converter/save.html", context, status=422 if form.errors else 200)


@require_safe
@login_required
def saved(request: HttpRequest) -> HttpResponse:
    return render(request, "converter/saved.html", {"assessments": list(selectors.assessments_for(request.user))})


@require_POST
@login_required
def saved_open(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = selectors.get_assessment_for_user(request.user, pk)
    state = journey.Journey.from_inputs(assessment.inputs)
    state.assessment_id, state.assessment_name = assessment.pk, assessment.name
    journey.store(request, state)
    return redirect("converter:results")


@require_http_methods(["GET", "POST"])
@login_required
def saved_rename(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = selectors.get_assessment_for_user(request.user, pk, write=True)
    form = AssessmentNameForm(request.POST if request.method == "POST" else None, initial={"name": assessment.name})
    if request.method == "POST" and form.is_valid():
        user = _user(request)
        assert user is not None
        try:
            services.assessment_rename(assessment=assessment, name=form.cleaned_data["name"], actor=user)
        except services.ConverterError as exc:
            form.add_error("name", exc.message)
        else:
            messages.success(request, f"Renamed to “{assessment.name}”.")
            return redirect("converter:saved")
    context = {"assessment": assessment, "form": form}
    return render(request, "converter/rename.html", context, status=422 if form.errors else 200)


@require_http_methods(["GET", "POST"])
@login_required
def saved_delete(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = selectors.get_assessment_for_user(request.user, pk, write=True)
    if request.method == "POST":
        user = _user(request)
        assert user is not None
        name = assessment.name
        state = journey.load(request)
        if state.assessment_id == assessment.pk:
            state.assessment_id, state.assessment_name = None, ""
            journey.store(request, state)
        services.assessment_delete(assessment=assessment, actor=user)
        messages.success(request, f"Deleted “{name}”.")
        return redirect("converter:saved")
    return render(request, "converter/delete.html", {"assessment": assessment})


@require_http_methods(["GET", "POST"])
def start_again(request: HttpRequest) -> HttpResponse:
    """GET asks first (answers are lost for good); the POST from that page clears them."""
    if request.method == "POST":
        journey.clear(request)
        return redirect("converter:sources")
    return render(request, "converter/start_again.html")
