"""Pages where providers publish their own catalogue and the programme team reviews it (docs/ARCHITECTURE.md).

Every page checks access first: a provider's pages are for that provider's staff only (404 for anyone else,
so a stranger cannot tell which providers exist); the review pages are for the programme team (403).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from skillsnet.accounts.models import Role, User
from skillsnet.accounts.selectors import has_role, is_programme_admin
from skillsnet.catalogue import publishing
from skillsnet.catalogue.models import Course, CourseMode, Provider

RQF = [(n, f"RQF level {n}") for n in range(1, 9)]


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _provider_for_staff(request: HttpRequest, slug: str) -> Provider:
    provider = Provider.objects.filter(slug=slug).first()
    if provider is None or not has_role(request.user, Role.PROVIDER_STAFF, scope=provider.slug):
        raise Http404("No such provider.")
    return provider


def _course_of(provider: Provider, slug: str) -> Course:
    course = Course.objects.filter(provider=provider, slug=slug).first()
    if course is None:
        raise Http404("No such course.")
    return course


class CourseForm(forms.Form):
    slug = forms.SlugField(label="Short name for the web address", max_length=120, help_text="For example gmp-basics.")
    title = forms.CharField(label="Title", max_length=200)
    description = forms.CharField(label="Description", widget=forms.Textarea(attrs={"rows": 4}))
    outcomes = forms.CharField(
        label="Learning outcomes", required=False, help_text="One a line.", widget=forms.Textarea(attrs={"rows": 4})
    )
    mode = forms.ChoiceField(label="Format", choices=CourseMode.choices)
    hours = forms.DecimalField(label="Study time in hours", min_value=0, max_digits=6, decimal_places=1)
    cost = forms.DecimalField(
        label="Cost in pounds (0 if free)", min_value=0, max_digits=8, decimal_places=2, initial=0
    )
    level = forms.TypedChoiceField(label="Level", choices=RQF, coerce=int)
    skills = forms.CharField(
        label="Skills taught, with levels",
        help_text="One a line: the skill's short name, a colon and the level the course takes it to (1 awareness, "
        "2 working, 3 practitioner, 4 expert), or from-to, e.g. aseptic-technique:1-3.",
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    prerequisites = forms.CharField(
        label="Courses to take first", required=False, help_text="Short names, separated by semicolons."
    )
    centres = forms.CharField(
        label="Training centres that run it",
        required=False,
        help_text="On-site and blended courses only: centre short names, separated by semicolons.",
    )

    def raw(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "slug": data["slug"],
            "title": data["title"],
            "description": data["description"],
            "outcomes": [line.strip() for line in data.get("outcomes", "").splitlines() if line.strip()],
            "mode": data["mode"],
            "hours": str(data["hours"]),
            "cost": str(data["cost"]),
            "level": data["level"],
            "skills": "; ".join(line.strip() for line in data["skills"].splitlines() if line.strip()),
            "prerequisites": data.get("prerequisites", ""),
            "centres": data.get("centres", ""),
        }

    def check(self, provider: Provider) -> publishing.CourseData | None:
        """Run the publishing checks; put each error on its field."""
        data, errors = publishing.course_check(self.raw(), provider=provider, context=publishing.Context.load())
        for error in errors:
            self.add_error(error.field if error.field in self.fields else None, error.message)
        return data


def _initial(course: Course) -> dict[str, Any]:
    values: dict[str, Any] = course.pending_changes or {
        "title": course.title,
        "description": course.description,
        "outcomes": course.outcomes,
        "mode": course.mode,
        "hours": course.hours,
        "cost": course.cost,
        "level": course.level,
        "skills": [
            {"skill": t.skill.slug, "assumes_level": t.assumes_level, "to_level": t.to_level}
            for t in course.skills_taught.select_related("skill")
        ],
        "prerequisites": [p.slug for p in course.prerequisites.all()],
        "centres": [c.slug for c in course.centres.all()],
    }
    return {
        **values,
        "slug": course.slug,
        "outcomes": "\n".join(values["outcomes"]),
        "skills": "\n".join(
            f"{s['skill']}:{s['assumes_level']}-{s['to_level']}"
            if s["assumes_level"]
            else f"{s['skill']}:{s['to_level']}"
            for s in values["skills"]
        ),
        "prerequisites": "; ".join(values["prerequisites"]),
        "centres": "; ".join(values["centres"]),
    }


@login_required
def provider_courses(request: HttpRequest, provider: str) -> HttpResponse:
    owner = _provider_for_staff(request, provider)
    courses = Course.objects.filter(provider=owner).order_by("title")
    return render(request, "catalogue/publish/courses.html", {"provider": owner, "courses": courses})


def _course_page(
    request: HttpRequest, owner: Provider, course: Course | None, form: CourseForm, suggestions: Any = None
) -> HttpResponse:
    context = {"provider": owner, "course": course, "form": form, "suggestions": suggestions}
    return render(request, "catalogue/publish/course_form.html", context, status=200 if not form.errors else 400)


@login_required
@require_http_methods(["GET", "POST"])
def course_new(request: HttpRequest, provider: str) -> HttpResponse:
    owner = _provider_for_staff(request, provider)
    return _save(request, owner, None)


@login_required
@require_http_methods(["GET", "POST"])
def course_edit(request: HttpRequest, provider: str, course: str) -> HttpResponse:
    owner = _provider_for_staff(request, provider)
    return _save(request, owner, _course_of(owner, course))


def _save(request: HttpRequest, owner: Provider, course: Course | None) -> HttpResponse:
    if request.method != "POST":
        form = CourseForm(initial=_initial(course) if course else {"cost": 0})
        return _course_page(request, owner, course, form)
    data = request.POST.copy()
    if course is not None:
        data["slug"] = course.slug  # the web address does not change
    form = CourseForm(data)
    if request.POST.get("action") == "suggest":
        # The CV reader suggests skills from the description and outcomes; the provider confirms them.
        text = f"{request.POST.get('description', '')}\n{request.POST.get('outcomes', '')}"
        suggestions = publishing.skills_suggest(text=text)
        return render(
            request,
            "catalogue/publish/course_form.html",
            {"provider": owner, "course": course, "form": CourseForm(initial=data.dict()), "suggestions": suggestions},
        )
    if not form.is_valid():
        return _course_page(request, owner, course, form)
    checked = form.check(owner)
    if checked is None:
        return _course_page(request, owner, course, form)
    try:
        if course is None:
            course = publishing.course_create(actor=_user(request), provider=owner, data=checked)
            messages.success(request, f"Draft ‘{course.title}’ saved. Submit it for review when it is ready.")
        else:
            publishing.course_update(actor=_user(request), course=course, data=checked)
            messages.success(request, "Changes saved. They are public once the programme team has reviewed them.")
    except publishing.PublishingError as exc:
        form.add_error(None, str(exc))
        return _course_page(request, owner, course, form)
    return redirect("catalogue:provider-courses", owner.slug)


@login_required
@require_POST
def course_submit(request: HttpRequest, provider: str, course: str) -> HttpResponse:
    owner = _provider_for_staff(request, provider)
    try:
        publishing.course_submit(actor=_user(request), course=_course_of(owner, course))
        messages.success(request, "Sent to the programme team for review.")
    except publishing.PublishingError as exc:
        messages.error(request, str(exc))
    return redirect("catalogue:provider-courses", owner.slug)


class UploadForm(forms.Form):
    file = forms.FileField(label="Catalogue file (CSV or JSON)")


@login_required
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, provider: str) -> HttpResponse:
    owner = _provider_for_staff(request, provider)
    form = UploadForm(request.POST or None, request.FILES or None)
    report = None
    status = 200
    if request.method == "POST" and form.is_valid():
        handle = form.cleaned_data["file"]
        if handle.size > publishing.MAX_UPLOAD_BYTES:
            form.add_error("file", "The file is larger than 2 MB.")
        else:
            apply = request.POST.get("action") == "apply"
            report = publishing.catalogue_upload(
                actor=_user(request), provider=owner, name=handle.name, content=handle.read(), dry_run=not apply,
                submit=apply,
            )  # fmt: skip
            if report.problem:
                form.add_error("file", report.problem)
            elif apply:
                messages.success(
                    request,
                    f"{report.written} course{'s' if report.written != 1 else ''} saved and sent for review; "
                    f"{len(report.errors)} row{'s' if len(report.errors) != 1 else ''} with errors skipped.",
                )
    if form.errors:
        status = 400
    return render(
        request, "catalogue/publish/upload.html", {"provider": owner, "form": form, "report": report}, status=status
    )


@login_required
def review(request: HttpRequest) -> HttpResponse:
    if not is_programme_admin(request.user):
        raise PermissionDenied("Only the programme team reviews courses.")
    return render(request, "catalogue/publish/review.html", {"courses": publishing.awaiting_review()})


@login_required
@require_POST
def review_decide(request: HttpRequest, course: str, decision: str) -> HttpResponse:
    if not is_programme_admin(request.user):
        raise PermissionDenied("Only the programme team reviews courses.")
    target = Course.objects.filter(slug=course).first()
    if target is None or decision not in ("publish", "return"):
        raise Http404("No such course or decision.")
    try:
        if decision == "publish":
            publishing.course_publish(reviewer=_user(request), course=target)
            messages.success(request, f"‘{target.title}’ is published.")
        else:
            publishing.course_return(reviewer=_user(request), course=target, note=request.POST.get("note", ""))
            messages.success(request, f"‘{target.title}’ went back to its provider.")
    except publishing.PublishingError as exc:
        messages.error(request, str(exc))
    return redirect("catalogue:review")
