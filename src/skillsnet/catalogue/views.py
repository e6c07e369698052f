from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from skillsnet.caching import public_page
from skillsnet.catalogue import selectors
from skillsnet.catalogue.forms import RoleFilterForm


@require_safe
@public_page()
def role_list(request: HttpRequest) -> HttpResponse:
    form = RoleFilterForm(request.GET or None)
    max_entry_level = form.cleaned_data["max_entry_level"] if form.is_valid() else None
    roles = list(selectors.role_list(max_entry_level=max_entry_level))
    context = {
        "form": form,
        "families": selectors.roles_by_family(roles),
        "role_count": len(roles),
        "max_entry_level": max_entry_level,
    }
    return render(request, "catalogue/role_list.html", context)


@require_safe
@public_page()
def role_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = selectors.role_page(slug)
    if page is None:
        raise Http404("No such role.")
    return render(request, "catalogue/role_detail.html", {"page": page, "role": page.role})


@require_safe
@public_page()
def skill_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = selectors.skill_page(slug)
    if page is None:
        raise Http404("No such skill.")
    return render(request, "catalogue/skill_detail.html", {"page": page, "skill": page.skill})
