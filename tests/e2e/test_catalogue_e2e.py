from __future__ import annotations

import re

import pytest
from django.conf import settings

from skillsnet.catalogue.services import dataset_load

from .conftest import assert_accessible

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def catalogue(live_server):
    dataset_load(data_dir=settings.DATA_DIR)


def test_a_visitor_browses_roles_filters_and_opens_a_role_and_a_skill(page, catalogue):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Job roles").click()
    page.wait_for_url(re.compile(r"/roles/$"))
    assert page.get_by_role("heading", level=1).count() == 1
    assert_accessible(page)
    everything = page.locator(".role-list__item").count()
    assert everything >= 30

    # The filter is a plain GET form: it works without JavaScript.
    page.get_by_label("Highest qualification level you have or plan to reach").select_option("3")
    page.get_by_role("button", name="Show roles").click()
    page.wait_for_url(re.compile(r"max_entry_level=3"))
    filtered = page.locator(".role-list__item").count()
    assert 0 < filtered < everything
    assert_accessible(page)

    page.locator(".role-list__item a").first.click()
    page.wait_for_url(re.compile(r"/roles/[a-z0-9-]+/$"))
    assert page.get_by_role("table", name="Essential skills").is_visible()
    assert_accessible(page)

    page.get_by_role("table", name="Essential skills").get_by_role("link").first.click()
    page.wait_for_url(re.compile(r"/skills/[a-z0-9-]+/$"))
    assert page.get_by_role("heading", level=2, name="Jobs that need this skill").is_visible()
    assert_accessible(page)


def test_an_invalid_filter_is_explained_accessibly(page, catalogue):
    page.goto("/roles/?max_entry_level=12")
    assert "There is a problem" in page.locator(".error-summary").inner_text()
    assert_accessible(page)
