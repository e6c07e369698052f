"""Job titles people type find the right ESCO occupation: top-1 accuracy on our own dev list.

The list below was written before the search was tuned, in the words people use (plurals, abbreviations,
UK grades), and kept different from data/job_titles.yaml where the wording allowed. It is a dev list: we
tuned on it. Independent labelled titles for reporting live elsewhere (tests/eval/).

Needs the real ESCO export (see `esco_catalogue` in conftest.py); skipped with a reason otherwise.
"""

from __future__ import annotations

import time

import pytest

from skillsnet.catalogue.dataset import read_dataset
from skillsnet.catalogue.selectors import search_occupations
from skillsnet.catalogue.titles import normalise_title

from .conftest import REAL

OCC = "http://data.europa.eu/esco/occupation/"

# (what a person types, the ESCO v1.1.1 occupation that is right)  # its preferred label
DEV_TITLES: list[tuple[str, str]] = [
    ("cleaners", "303a1e34-cb16-4054-b323-81e5eec17397"),  # building cleaner
    ("hgv drivers", "45037d43-a8f5-4f46-b332-b2935bc305f4"),  # cargo vehicle driver
    ("band 5 nurse", "8d3e8aaa-791b-4c75-a465-f3f827028f50"),  # nurse responsible for general care
    ("healthcare assistants", "d38c2107-98f2-47b7-8bb4-f69750d51082"),  # healthcare assistant
    ("kitchen porters", "f756fdab-7726-4c48-bfcc-94ff8810fc08"),  # kitchen porter
    ("forklift drivers", "eeac6251-1974-42f5-91ed-513c6c883755"),  # forklift operator
    ("bus drivers", "00cee175-1376-43fb-9f02-ba3d7a910a58"),  # bus driver
    ("domiciliary carer", "f4525ed8-54eb-4a3b-90db-55cc01b0d9fd"),  # care at home worker
    ("electricians", "4910419f-b4af-4f59-b544-9dbebc8a74f0"),  # electrician
    ("plumbers", "ed3cf43d-c2c1-4c46-82fc-1375e27e0290"),  # plumber
    ("gas engineers", "97b3cab1-f4f0-41ed-8c80-e65e6c067e95"),  # gas service technician
    ("cnc machinist", "5c082067-ea18-4ccb-8c43-e70b18ad8120"),  # computer numerical control machine operator
    ("welders", "7aedaa07-3884-4c5b-88f9-80997b2aa54b"),  # welder
    ("warehouse operatives", "bea705fe-06ac-4147-b8e0-6e8ac1208d8f"),  # warehouse worker
    ("delivery drivers", "0c408028-c48f-4df8-ba5d-c3d3be15f5a2"),  # car and van delivery driver
    ("baristas", "bf7d8b16-4e2c-48ef-b44e-dc25b2d0ab61"),  # barista
    ("chef de partie", "1009be17-7efd-45f1-a033-566bf179c588"),  # chef
    ("hotel room attendant", "731ecac4-06e8-4ec2-a559-101fecbd9183"),  # room attendant
    ("checkout operator", "2b871272-bd61-4206-bd1a-0b96d7023098"),  # cashier
    ("security officers", "31808988-fc0a-4bc3-9e47-27216d6759f5"),  # security guard
    ("police constable", "5793c124-c037-47b2-85b6-dd4a705968dc"),  # police officer
    ("firefighters", "88721b6c-d2ce-41c6-8878-73c0d3aacf39"),  # firefighter
    ("prison officers", "3327a087-cd36-4b02-ac1b-6455f59f9312"),  # prison officer
    ("teaching assistants", "00674f21-2f8f-4a41-9896-133f7cbe2a6e"),  # primary school teaching assistant
    ("secondary school teachers", "5efb2c08-ba3a-4659-a2e4-1883f54e77b6"),  # secondary school teacher
    ("phlebotomists", "5ee264b2-9bc5-40f6-9db3-c87143af6b2d"),  # phlebotomist
    ("pharmacy tech", "7b74626d-b487-48a1-9e80-47faf9928210"),  # pharmacy technician
    ("admin assistant", "044d78cc-f62f-4532-83a5-8e04f2889652"),  # administrative assistant
    ("receptionists", "f7b04542-d8c7-42db-8475-e63b507cce82"),  # receptionist
    ("infantryman", "bd5a2f44-fc06-45fd-909b-3a4001c8b8a3"),  # infantry soldier
    ("paramedics", "0b5dfc02-b825-4445-811d-d39ed442657e"),  # paramedic in emergency responses
    ("scaffolders", "18fa8080-3156-429a-bbd7-b3ef559b6721"),  # construction scaffolder
    ("bricklayers", "05f321f8-055b-407d-bf19-e0ddabda56b7"),  # bricklayer
    ("butchers", "37c7880e-cfee-4c41-a41b-061682fefde3"),  # butcher
    ("hospital porters", "a30734bb-2f10-4747-a94c-75f5ec3c63a4"),  # hospital porter
    ("vehicle mechanics", "4ad4024e-d1d3-4dea-b6d1-2c7948111dce"),  # vehicle technician
    ("maintenance fitter", "269c47e7-9017-4aa6-bce8-49e89a696a64"),  # industrial machinery mechanic
    ("midwives", "95cda6a9-a70a-4a93-9442-11d573cb4a02"),  # midwife
    ("lance corporals", "4a3f40a8-0587-494c-b8d3-7098b8c5992f"),  # army corporal
    ("dental nurses", "bdc74965-1d1a-4f8e-a490-9cf71f494e02"),  # dental chairside assistant
    ("train drivers", "81f6a814-1f4e-47d4-9c75-47977c7267ee"),  # train driver
    ("bakers", "1aadb308-432a-4d01-b54b-b4f7f76dd419"),  # baker
    ("soldiers", "bd5a2f44-fc06-45fd-909b-3a4001c8b8a3"),  # infantry soldier
]

# Top-1 accuracy reached on DEV_TITLES; the test below keeps it from slipping.
DEV_TOP1_FLOOR = 1.0  # 43 of 43 (before any tuning: 13 of 43; the search changes alone, without job titles: 37)


def top1_misses() -> list[tuple[str, str, str]]:
    misses = []
    for title, uuid in DEV_TITLES:
        hits = search_occupations(title, limit=1)
        found = hits[0].esco_uri if hits else None
        if found != OCC + uuid:
            misses.append((title, uuid, f"{hits[0].title} ({found})" if hits else "nothing"))
    return misses


def test_the_dev_list_is_forty_distinct_titles():
    assert len(DEV_TITLES) >= 40
    assert len({title for title, _ in DEV_TITLES}) == len(DEV_TITLES)


@pytest.mark.esco
@pytest.mark.django_db  # so that pytest-django sets up the test database the fixture writes to
def test_top1_accuracy_on_the_dev_titles_stays_at_least_what_we_reached(esco_catalogue):
    misses = top1_misses()
    accuracy = 1 - len(misses) / len(DEV_TITLES)
    print(f"\ndev top-1: {accuracy:.1%} ({len(DEV_TITLES) - len(misses)}/{len(DEV_TITLES)})")
    for miss in misses:
        print("  miss:", *miss)
    assert accuracy >= DEV_TOP1_FLOOR, misses


@pytest.mark.esco
@pytest.mark.django_db
def test_every_title_in_job_titles_yaml_finds_its_own_occupation_first(esco_catalogue):
    dataset = read_dataset(REAL)
    wrong = []
    for entry in dataset.job_titles:
        for title in entry.titles:
            hits = search_occupations(title, limit=1)
            if not hits or hits[0].esco_uri != entry.esco_uri:
                wrong.append(f"{title!r} → {hits[0].title if hits else 'nothing'} (wanted {entry.esco_title})")
    assert wrong == []


@pytest.mark.esco
@pytest.mark.django_db
def test_a_search_over_all_of_esco_stays_quick(esco_catalogue):
    queries = ["a", "ta", "operative", "warehouse op", "senior care assistant nights", "x" * 40]
    for q in queries:
        search_occupations(q)  # the first search of a process fills the normalised-label cache
    # A guard against a search that scans far more than it should, not a benchmark (tests/bench has that):
    # the best of three runs, with room for a loaded CI machine (about 0.16 s for "a" on a quiet one).
    for q in queries:
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            search_occupations(q)
            timings.append(time.perf_counter() - started)
        assert min(timings) < 1.0, f"{q!r} took {min(timings):.2f} s at best"


# Before ESCO is imported only the curated occupations exist: these titles must find the right one or nothing.
BEFORE_ESCO = ["cleaner", "baker", "electrician", "soldier", "bus driver", "hgv driver", "able seaman", "porter"]


@pytest.mark.django_db
def test_without_esco_a_common_title_finds_nothing_rather_than_the_wrong_job(real):
    dataset = read_dataset(REAL)
    meant = {normalise_title(t): e.esco_uri for e in dataset.job_titles for t in e.titles}
    for title in BEFORE_ESCO:
        hits = search_occupations(title, limit=1)
        assert not hits or hits[0].esco_uri == meant[normalise_title(title)], (title, hits[0].title)
