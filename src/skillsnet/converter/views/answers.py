"""Where the person comes from: the start page, then their previous jobs, rated skills and CV."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_safe

from skillsnet import engine
from skillsnet.catalogue.snapshot import engine_snapshot, occupation_specs
from skillsnet.converter import journey, selectors, services
from skillsnet.converter.forms import AddSkillForm, CvForm, RatingsForm, SearchForm
from skillsnet.ratelimit import rate_limit


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
        "cv_jobs": state.cv_jobs_to_add() if len(state.occupations) < services.MAX_OCCUPATIONS else [],
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
            # A job the CV names is added from the sources page, and the person stays there.
            return redirect("converter:sources" if request.POST.get("next") == "sources" else "converter:jobs")
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
            state.cv_jobs = []
            journey.store(request, state)
            return redirect("converter:cv")
        form = CvForm(request.POST, request.FILES)
        if form.is_valid():
            text = form.cleaned_data["cv_text"]
            found = services.skills_extract(text=text)
            state.cv_skills = [[f.skill, f.level, f.evidence, f.reason_to_show] for f in found]
            state.confirmed = []
            # Degrees and registrations the CV states, with the sentence, to confirm or untick on review.
            state.cv_credentials = [[c.code, c.evidence] for c in engine.extract_credentials(text)]
            # Jobs it names, offered on the next page as previous jobs (a job brings its career route).
            state.cv_jobs = [[job.key, job.title, job.quote] for job in services.jobs_in_cv(text=text)]
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
