"""Organisation names for display: roles, bookings and keys store an organisation's slug, people read its name.

Looked up by model label (no import of the apps), so any app may use it: centres, employers and training
providers all have a `slug` and a `name`. A slug that names nothing is shown as it is.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps

EMPLOYER_MODEL = "industry.Employer"
ORGANISATION_MODELS = ("centres.Centre", EMPLOYER_MODEL, "catalogue.Provider")


def organisation_names(slugs: Iterable[str]) -> dict[str, str]:
    """slug -> name for every given slug that names a centre, employer or provider."""
    wanted = {s for s in slugs if s}
    names: dict[str, str] = {}
    for label in ORGANISATION_MODELS:
        if not wanted - names.keys():
            break
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        for slug, name in model.objects.filter(slug__in=wanted - names.keys()).values_list("slug", "name"):
            names[slug] = name
    return names


def organisation_name(slug: str) -> str:
    return organisation_names([slug]).get(slug, slug)


def employer_choices() -> list[tuple[str, str]]:
    """(slug, name) of every registered employer: the organisations that approve places on centre runs.

    The centres app sits below industry (docs/ARCHITECTURE.md, "Layers"), so it reads the employers here.
    """
    return [(str(slug), str(name)) for slug, name in apps.get_model(EMPLOYER_MODEL).objects.values_list("slug", "name")]


def is_employer(slug: str) -> bool:
    return bool(apps.get_model(EMPLOYER_MODEL).objects.filter(slug=slug).exists())
