"""The adapter between the catalogue tables and the engine (catalogue.snapshot)."""

from __future__ import annotations

import pytest

from skillsnet import engine
from skillsnet.catalogue.models import Skill
from skillsnet.catalogue.snapshot import clear_snapshot_cache, engine_snapshot, occupation_specs

from ..catalogues import esco_job

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_cache():
    clear_snapshot_cache()
    yield
    clear_snapshot_cache()


def test_the_snapshot_holds_the_curated_graph(real):
    snap = engine_snapshot()
    cat = snap.catalogue
    assert cat.n_roles == 40
    assert cat.n_skills == Skill.objects.filter(origin="curated").count()
    assert snap.skill_name("gmp").startswith("Good manufacturing practice")
    assert cat.role("qc-analyst").requirements


def test_the_snapshot_is_cached_until_the_catalogue_changes(real, django_assert_max_num_queries):
    first = engine_snapshot()
    with django_assert_max_num_queries(1):  # only the version is read
        assert engine_snapshot() is first
    skill = Skill.objects.get(slug="gmp")
    skill.description += " Updated."
    skill.save(update_fields=["description", "search_text"])
    second = engine_snapshot()
    assert second is not first
    assert second.version > first.version


def test_previous_jobs_resolve_by_slug_uri_or_industry_role(real):
    snap = engine_snapshot()
    from skillsnet.catalogue.models import SourceOccupation

    by_uri = SourceOccupation.objects.filter(esco_uri__isnull=False).exclude(slug="brew-house-operator").first()
    assert by_uri is not None
    keys = ["brew-house-operator", "qc-analyst", by_uri.esco_uri, "no-such-job"]
    specs, unknown = occupation_specs(keys, snap)
    assert unknown == ["no-such-job"]
    assert [s.slug for s in specs] == ["brew-house-operator", "qc-analyst", by_uri.slug]
    assert specs[0].entry_level == 2  # from its SOC 2020 group 8 (process, plant and machine operatives)
    assert specs[1].entry_level == snap.catalogue.role("qc-analyst").entry_level
    # Every requirement of a previous job is a skill the engine knows.
    known = set(snap.skill_names)
    assert all(r.skill in known for s in specs for r in s.requirements)


def test_a_brewer_is_matched_to_manufacturing_roles_with_explanations(real):
    snap = engine_snapshot()
    specs, _ = occupation_specs(["brew-house-operator"], snap)
    profile = engine.profile_from_occupations(specs)
    matches = engine.match(snap.catalogue, profile, limit=5)
    assert len(matches) == 5
    assert matches[0].score >= matches[-1].score
    top_families = {m.family for m in matches}
    assert top_families & {"manufacturing", "quality-control"}
    best = matches[0]
    explained = {x.skill for x in best.met} | {x.skill for x in best.transferred} | {g.skill for g in best.gaps}
    assert explained >= {r.skill for r in snap.catalogue.role(best.role).requirements}


def test_bridge_labels_of_strong_reviewed_links_reach_the_cv_lexicon(db):
    from skillsnet.catalogue.models import EscoSkillLink, Origin
    from skillsnet.catalogue.snapshot import bridge_labels

    vene = Skill.objects.create(slug="venepuncture", name="Venepuncture", origin=Origin.CURATED)
    gmp = Skill.objects.create(slug="gmp", name="Good manufacturing practice", origin=Origin.CURATED)
    blood = Skill.objects.create(
        slug="esco-blood", name="take blood samples", esco_uri="http://example.org/esco/blood", origin=Origin.ESCO,
        esco_alt_labels=["draw blood"],
    )  # fmt: skip
    weak = Skill.objects.create(
        slug="esco-weak", name="follow hygiene rules", esco_uri="http://example.org/esco/weak", origin=Origin.ESCO
    )
    unreviewed = Skill.objects.create(
        slug="esco-unrev", name="sterile things", esco_uri="http://example.org/esco/unrev", origin=Origin.ESCO
    )
    EscoSkillLink.objects.create(esco_skill=blood, skill=vene, strength=0.9, method="label", reviewed=True)
    EscoSkillLink.objects.create(esco_skill=weak, skill=gmp, strength=0.4, method="label", reviewed=True)
    EscoSkillLink.objects.create(esco_skill=unreviewed, skill=gmp, strength=0.9, method="label", reviewed=False)
    EscoSkillLink.objects.create(esco_skill=gmp, skill=gmp, strength=1.0, method="identity", reviewed=True)
    pairs = bridge_labels()
    assert sorted(pairs) == [("venepuncture", "draw blood"), ("venepuncture", "take blood samples")]
    lexicon = engine.build_lexicon([engine.SkillSpec("venepuncture", "Venepuncture")], pairs, task_phrases=False)
    assert [f.skill for f in engine.extract("I draw blood on the ward.", lexicon)] == ["venepuncture"]


def test_a_previous_jobs_level_comes_from_its_isco_or_soc_group_and_implies_credentials():
    from skillsnet.catalogue.snapshot import implied_credentials, occupation_entry_level

    assert occupation_entry_level("8160") == 2  # plant and machine operators
    assert occupation_entry_level("2131") == 6  # life science professionals
    assert occupation_entry_level("0210") == 3  # non-commissioned armed forces officers
    assert occupation_entry_level("", "3111") == 4  # SOC 2020 associate professionals
    assert occupation_entry_level("", "") == 0  # unknown: no reach limit
    assert implied_credentials("2221") == ("nmc-registration",)
    assert implied_credentials("2262", ["science-degree"]) == ("science-degree", "gphc-registration")
    assert implied_credentials("5120") == ()
    assert implied_credentials("2120") == ("science-degree",)  # statisticians: the route names bioinformatics


def test_an_esco_job_takes_the_career_route_of_its_longest_isco_prefix(real):
    snap = engine_snapshot()
    assert snap.route_for("8160") == snap.routes["816"]  # food machine operators: the 816 route
    assert snap.route_for("8111") == snap.routes["8"]  # miners: operators in general
    assert snap.route_for("7126") == snap.routes["7126"]
    assert snap.route_for("") is None
    assert snap.route_for("x") is None
    assert "gmp-production-operative" in snap.routes["8"].roles
    operator = esco_job("test-bottling-operator", "test bottling operator", "8160")
    snap = engine_snapshot()
    (spec, brewer), _ = occupation_specs([operator.esco_uri, "brew-house-operator"], snap)
    assert spec.route == snap.routes["816"]
    assert brewer.route is None  # a curated occupation has a hand-written profile and no ISCO code
    assert engine.profile_from_occupations([spec, brewer]).routes == (snap.routes["816"],)


def test_the_cv_sentence_model_is_read_once_and_can_be_turned_off(settings, tmp_path, caplog):
    from skillsnet.catalogue.snapshot import sentence_model

    sentence_model.cache_clear()
    try:
        model = sentence_model()
        assert model is not None
        assert "gmp" in model.slugs
        assert sentence_model() is model  # read once per process

        sentence_model.cache_clear()
        settings.CV_SENTENCE_MODEL = False
        assert sentence_model() is None

        sentence_model.cache_clear()
        settings.CV_SENTENCE_MODEL = True
        settings.DATA_DIR = tmp_path  # no model file there: the phrases alone, and the log says why
        with caplog.at_level("WARNING"):
            assert sentence_model() is None
        assert "CV reader without its sentence model" in caplog.text
    finally:
        sentence_model.cache_clear()
