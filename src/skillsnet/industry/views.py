"""Employer pages (/employers/<slug>/...), the public vacancy list (/vacancies/) and the learner's consent
and contact-request pages (/account/discoverable/, /account/contact-requests/)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from skillsnet.accounts.models import User, region_label
from skillsnet.catalogue.snapshot import engine_snapshot
from skillsnet.industry import selectors, services
from skillsnet.industry.access import get_contact_request_for_learner, get_employer_for_staff, get_vacancy_for_employer
from skillsnet.industry.forms import ConsentForm, ContactForm, VacancyFilterForm, VacancyForm, VacancySkillsForm
from skillsnet.industry.models import ContactStatus, Vacancy


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _vacancy(request: HttpRequest, slug: str, pk: int, *, write: bool = False) -> Vacancy:
    vacancy = get_vacancy_for_employer(request.user, pk, write=write)
    if vacancy.employer.slug != slug:
        raise Http404("No such vacancy.")
    return vacancy


# ---------------------------------------------------------------- public


@require_safe
def vacancy_list(request: HttpRequest) -> HttpResponse:
    form = VacancyFilterForm(request.GET or None)
    family = region = ""
    if form.is_valid():
        family, region = form.cleaned_data["family"], form.cleaned_data["region"]
    vacancies = list(selectors.public_vacancies(family=family, region=region))
    return render(
        request,
        "industry/vacancy_list.html",
        {"form": form, "vacancies": vacancies, "filtered": bool(family or region)},
    )


@require_safe
def vacancy_detail(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = selectors.public_vacancies().filter(pk=pk).first()
    if vacancy is None:
        raise Http404("This vacancy is closed or does not exist.")
    return render(
        request, "industry/vacancy_detail.html", {"vacancy": vacancy, "skills": selectors.vacancy_skills(vacancy)}
    )


# ---------------------------------------------------------------- employer staff


@login_required
@require_safe
def employer_dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    employer = get_employer_for_staff(request.user, slug)
    return render(
        request,
        "industry/employer_dashboard.html",
        {"employer": employer, "rows": selectors.employer_vacancies(employer)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def vacancy_create(request: HttpRequest, slug: str) -> HttpResponse:
    employer = get_employer_for_staff(request.user, slug)
    form = VacancyForm(request.POST or None, initial={"region": employer.region})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            vacancy = services.vacancy_create(employer=employer, actor=_user(request), **data)
        except services.IndustryError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"‘{vacancy.title}’ is posted. Check the skills it asks for.")
            return redirect("industry:vacancy", slug=employer.slug, pk=vacancy.pk)
    return render(request, "industry/vacancy_form.html", {"employer": employer, "form": form, "vacancy": None})


@login_required
@require_safe
def vacancy_manage(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    vacancy = _vacancy(request, slug, pk)
    return render(
        request,
        "industry/vacancy_manage.html",
        {
            "employer": vacancy.employer,
            "vacancy": vacancy,
            "skills": selectors.vacancy_skills(vacancy),
            "requests": selectors.contact_requests_for_vacancy(vacancy),
            "accepted": ContactStatus.ACCEPTED,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def vacancy_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    vacancy = _vacancy(request, slug, pk, write=request.method == "POST")
    initial = {
        "title": vacancy.title,
        "role": vacancy.role,
        "location": vacancy.location,
        "region": vacancy.region,
        "closing_date": vacancy.closing_date,
        "description": vacancy.description,
    }
    form = VacancyForm(request.POST or None, initial=initial, editing=True)
    if request.method == "POST" and form.is_valid():
        try:
            services.vacancy_update(vacancy=vacancy, actor=_user(request), **form.cleaned_data)
        except services.IndustryError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "The vacancy has been updated.")
            return redirect("industry:vacancy", slug=slug, pk=vacancy.pk)
    return render(
        request, "industry/vacancy_form.html", {"employer": vacancy.employer, "form": form, "vacancy": vacancy}
    )


@login_required
@require_POST
def vacancy_close(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    vacancy = _vacancy(request, slug, pk, write=True)
    try:
        services.vacancy_close(vacancy=vacancy, actor=_user(request))
    except services.IndustryError as exc:
        messages.info(request, str(exc))
    else:
        messages.success(request, f"‘{vacancy.title}’ is closed. It no longer appears to learners.")
    return redirect("industry:vacancy", slug=slug, pk=vacancy.pk)


def _skill_choices() -> list[tuple[str, str]]:
    names = engine_snapshot().skill_names
    return sorted(names.items(), key=lambda item: item[1].lower())


@login_required
@require_http_methods(["GET", "POST"])
def vacancy_skills(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    vacancy = _vacancy(request, slug, pk, write=request.method == "POST")
    form = VacancySkillsForm(
        request.POST or None, rows=selectors.vacancy_skills(vacancy), skill_choices=_skill_choices()
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.vacancy_skills_set(vacancy=vacancy, skills=form.cleaned_data["skills"], actor=_user(request))
        except services.IndustryError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, "The required skills have been saved.")
            return redirect("industry:vacancy", slug=slug, pk=vacancy.pk)
    return render(
        request, "industry/vacancy_skills.html", {"employer": vacancy.employer, "vacancy": vacancy, "form": form}
    )


@login_required
@require_safe
def candidates(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    vacancy = _vacancy(request, slug, pk)
    ranking = selectors.rank_candidates(vacancy) if vacancy.is_open else None
    return render(
        request,
        "industry/candidates.html",
        {"employer": vacancy.employer, "vacancy": vacancy, "ranking": ranking},
    )


@login_required
@require_http_methods(["GET", "POST"])
def candidate_detail(request: HttpRequest, slug: str, pk: int, handle: str) -> HttpResponse:
    vacancy = _vacancy(request, slug, pk, write=request.method == "POST")
    candidate = selectors.candidate_for_vacancy(vacancy, handle) if vacancy.is_open else None
    if candidate is None:
        raise Http404("This candidate is not, or no longer, discoverable for this vacancy.")
    existing = selectors.contact_request_between(vacancy, candidate.learner_id)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and existing is None and form.is_valid():
        try:
            services.contact_request(
                vacancy=vacancy,
                employer_user=_user(request),
                candidate=User.objects.get(pk=candidate.learner_id),
                message=form.cleaned_data["message"],
            )
        except services.IndustryError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, f"Your request has been sent to {candidate.code}.")
            return redirect("industry:candidate", slug=slug, pk=vacancy.pk, handle=handle)
    return render(
        request,
        "industry/candidate_detail.html",
        {
            "employer": vacancy.employer,
            "vacancy": vacancy,
            "candidate": candidate,
            "existing": existing,
            "accepted": ContactStatus.ACCEPTED,
            "form": form,
        },
    )


# ---------------------------------------------------------------- the learner's side


@login_required
@require_http_methods(["GET", "POST"])
def discoverable(request: HttpRequest) -> HttpResponse:
    learner = _user(request)
    consent = selectors.active_consent(learner)
    form = ConsentForm(request.POST or None)
    if request.method == "POST":
        if request.POST.get("action") == "withdraw":
            try:
                services.consent_withdraw(learner=learner)
            except services.IndustryError as exc:
                messages.info(request, str(exc))
            else:
                messages.success(request, "Employers can no longer find you. Pending requests are hidden from them.")
            return redirect("industry:discoverable")
        if consent is None and form.is_valid():
            services.consent_give(learner=learner)
            messages.success(request, "Employers can now find you through their vacancies.")
            return redirect("industry:discoverable")
    has_assessment = learner.assessments.exists()
    return render(
        request,
        "industry/discoverable.html",
        {
            "consent": consent,
            "form": form,
            "shown": selectors.STATEMENT_SHOWN,
            "hidden": selectors.STATEMENT_HIDDEN,
            "has_assessment": has_assessment,
            "region": region_label(learner.region),
        },
    )


@login_required
@require_safe
def contact_requests(request: HttpRequest) -> HttpResponse:
    learner = _user(request)
    return render(
        request,
        "industry/contact_requests.html",
        {
            "requests": selectors.contact_requests_for_learner(learner),
            "consent": selectors.active_consent(learner),
            "pending": ContactStatus.PENDING,
        },
    )


@login_required
@require_POST
def contact_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    if decision not in {"accept", "decline"}:
        raise Http404("No such decision.")
    contact = get_contact_request_for_learner(request.user, pk, write=True)
    try:
        services.contact_decide(request=contact, learner=_user(request), accept=decision == "accept")
    except services.IndustryError as exc:
        messages.info(request, str(exc))
    else:
        employer = contact.vacancy.employer.name
        if decision == "accept":
            messages.success(request, f"{employer} can now see your name and email address.")
        else:
            messages.success(request, f"You declined {employer}’s request. They have not seen your details.")
    return redirect("industry:contact-requests")
