"""The Career Converter pages: start → where you come from (jobs, skills, CV) → review → check → results →
role and plan → print or save. Every page works without JavaScript; htmx only adds suggestions as you type.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from skillsnet import engine
from skillsnet.accounts.models import User
from skillsnet.catalogue.snapshot import engine_snapshot, occupation_specs
from skillsnet.converter import charts, following, journey, selectors, serializers, services
from skillsnet.converter.forms import (
    AddSkillForm,
    AssessmentNameForm,
    CredentialsForm,
    CvForm,
    LevelForm,
    PlanForm,
    RatingsForm,
    ResultsFilterForm,
    SaveForm,
    SearchForm,
)
from skillsnet.learning.services import LearningError
from skillsnet.ratelimit import rate_limit

RESULTS_SHOWN = 10
RESULTS_MORE = 100


def _user(request: HttpRequest) -> User | None:
    return request.user if request.user.is_authenticated else None


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _answers_or_start(request: HttpRequest) -> journey.Journey | None:
    state = journey.load(request)
    return state if state.has_answers else None


# ---------------------------------------------------------------- start and sources


@require_safe
def start(request: HttpRequest) -> HttpResponse:
    return render(request, "converter/start.html", {"journey": journey.load(request)})


@require_http_methods(["GET", "POST"])
def sources(request: HttpRequest) -> HttpResponse:
    state = journey.load(request)
    error = ""
    if request.method == "POST":
        if state.has_answers:
            return redirect("converter:review")
        error = "Give at least one previous job, rate a skill or add your CV"
    titles = dict(_occupation_titles(state.occupations))
    rated = engine_snapshot().skill_names
    context = {
        "journey": state,
        "error": error,
        "jobs": [titles.get(key, key) for key in state.occupations],
        "rated": sorted((rated.get(slug, slug), level) for slug, level in state.skills.items() if level),
    }
    return render(request, "converter/sources.html", context, status=422 if error else 200)


def _occupation_titles(keys: list[str]) -> list[tuple[str, str]]:
    specs, unknown = occupation_specs(keys, engine_snapshot())
    known = [key for key in keys if key not in set(unknown)]
    return [(key, spec.title) for key, spec in zip(known, specs, strict=True)]


@require_http_methods(["GET", "POST"])
def jobs(request: HttpRequest) -> HttpResponse:
    state = journey.load(request)
    error = ""
    if request.method == "POST":
        key = request.POST.get("key", "").strip()
        if request.POST.get("action") == "remove":
            state.occupations = [k for k in state.occupations if k != key]
            journey.store(request, state)
            return redirect("converter:jobs")
        if len(state.occupations) >= services.MAX_OCCUPATIONS:
            error = f"You can add up to {services.MAX_OCCUPATIONS} jobs: remove one to add another"
        elif not key or not _occupation_titles([key]):
            error = "Choose a job from the search results"
        else:
            if key not in state.occupations:
                state.occupations.append(key)
            journey.store(request, state)
            return redirect("converter:jobs")
    form = SearchForm(request.GET or None)
    q = form.cleaned_data["q"] if form.is_valid() else ""
    context = {
        "journey": state,
        "form": form,
        "q": q,
        "results": selectors.occupation_suggestions(q) if q else [],
        "chosen": _occupation_titles(state.occupations),
        "error": error,
        "full": len(state.occupations) >= services.MAX_OCCUPATIONS,
    }
    return render(request, "converter/jobs.html", context, status=422 if error else 200)


@require_safe
def jobs_suggest(request: HttpRequest) -> HttpResponse:
    """The job search results alone, for htmx to swap in as the person types."""
    q = request.GET.get("q", "")[:200]
    state = journey.load(request)
    context = {
        "q": q.strip(),
        "results": selectors.occupation_suggestions(q),
        "full": len(state.occupations) >= services.MAX_OCCUPATIONS,
    }
    return render(request, "converter/includes/job_results.html", context)


@require_http_methods(["GET", "POST"])
def skills(request: HttpRequest) -> HttpResponse:
    state = journey.load(request)
    common = selectors.common_skills()
    ratings = RatingsForm(skills=common, initial_levels=state.skills)
    add_form = AddSkillForm()
    names = engine_snapshot().skill_names
    if request.method == "POST":
        action = request.POST.get("action")
        adding = request.POST.get("add")
        if adding is not None:
            # "Add" buttons belong to the ratings form, so the levels ticked so far come too and are kept.
            ratings = RatingsForm(request.POST, skills=common, initial_levels=state.skills)
            if ratings.is_valid():
                for slug, level in ratings.levels().items():
                    state.rate(slug, level)
                journey.store(request, state)
                ratings = RatingsForm(skills=common, initial_levels=state.skills)
            add_form = AddSkillForm({"skill": adding, "level": request.POST.get(f"add-level-{adding}")})
            if add_form.is_valid() and add_form.cleaned_data["skill"] not in names:
                add_form.add_error("skill", "Choose a skill from the search results")
            if add_form.is_valid() and not ratings.errors:
                state.rate(add_form.cleaned_data["skill"], add_form.cleaned_data["level"])
                journey.store(request, state)
                return redirect(f"{reverse('converter:skills')}#other-skills")
        elif action == "rate":
            ratings = RatingsForm(request.POST, skills=common, initial_levels=state.skills)
            if ratings.is_valid():
                for slug, level in ratings.levels().items():
                    state.rate(slug, level)
                journey.store(request, state)
                return redirect("converter:sources")
        elif action == "add":
            add_form = AddSkillForm(request.POST)
            if add_form.is_valid() and add_form.cleaned_data["skill"] not in names:
                add_form.add_error("skill", "Choose a skill from the search results")
            if add_form.is_valid():
                state.rate(add_form.cleaned_data["skill"], add_form.cleaned_data["level"])
                journey.store(request, state)
                return redirect("converter:skills")
        elif action == "remove":
            state.unrate(request.POST.get("skill", ""))
            journey.store(request, state)
            return redirect("converter:skills")
    search = SearchForm(request.GET or None)
    q = search.cleaned_data["q"] if search.is_valid() else ""
    context = {
        "journey": state,
        "ratings": ratings,
        "add_form": add_form,
        "form": ratings if ratings.errors else add_form,
        "search": search,
        "q": q,
        "results": selectors.skill_suggestions(q) if q else [],
        "rated": state.rated(names),
        "common_slugs": {slug for slug, _ in common},
        "levels": services.LEVEL_DESCRIPTORS,
    }
    invalid = bool(ratings.errors or add_form.errors)
    return render(request, "converter/skills.html", context, status=422 if invalid else 200)


@require_safe
def skills_suggest(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "")[:200]
    context = {"q": q.strip(), "results": selectors.skill_suggestions(q), "add_form": AddSkillForm()}
    return render(request, "converter/includes/skill_results.html", context)


@require_http_methods(["GET", "POST"])
@rate_limit("cv-upload", per_minute=10, per_hour=60, per_account=True)
def cv(request: HttpRequest) -> HttpResponse:
    state = journey.load(request)
    form = CvForm()
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            state.cv_skills, state.cv_text, state.cv_name, state.cv_credentials = [], "", "", []
            journey.store(request, state)
            return redirect("converter:cv")
        form = CvForm(request.POST, request.FILES)
        if form.is_valid():
            text = form.cleaned_data["cv_text"]
            found = services.skills_extract(text=text)
            state.cv_skills = [[f.skill, f.level, f.evidence, f.level_reason] for f in found]
            state.confirmed = []
            # Degrees and registrations the CV states, with the sentence, to confirm or untick on review.
            state.cv_credentials = [[c.code, c.evidence] for c in engine.extract_credentials(text)]
            state.cv_text = text if form.cleaned_data["keep_text"] else ""
            upload = form.cleaned_data.get("file")
            state.cv_name = upload.name if upload else ""
            journey.store(request, state)
            count = len(found)
            messages.success(
                request,
                f"We found {count} skill{'s' if count != 1 else ''} in your CV."
                + (
                    " It was long, so we read only the first 200,000 characters."
                    if form.cleaned_data["truncated"]
                    else ""
                )
                + ("" if count else " Try pasting more detail, add a previous job or rate some skills."),
            )
            return redirect("converter:sources")
    return render(request, "converter/cv.html", {"journey": state, "form": form}, status=422 if form.errors else 200)


# ---------------------------------------------------------------- review and check


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
    confirmed it; `unconfirmed` counts the CV levels still to confirm."""
    reasons = state.cv_reasons()
    rows, unconfirmed = [], 0
    for row in result.rows:
        from_cv = _from_cv(row, reasons, state)
        confirmed = from_cv and row.skill in state.confirmed
        unconfirmed += from_cv and not confirmed
        rows.append((row, reasons.get(row.skill, "") if from_cv else "", confirmed))
    return {"rows": rows, "unconfirmed_cv_levels": unconfirmed}


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


# ---------------------------------------------------------------- results, role and plan


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


# ---------------------------------------------------------------- saving


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
