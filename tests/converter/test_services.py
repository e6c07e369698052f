"""The converter's services: the one place the pages, the API and the CLI get their answers from."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from skillsnet import engine
from skillsnet.accounts.models import AuditEntry
from skillsnet.converter import planning, services
from skillsnet.converter.models import Assessment

from .conftest import BMS_URI

pytestmark = pytest.mark.django_db
TODAY = date(2030, 1, 7)


def test_a_previous_job_becomes_occupation_evidence_with_its_title(catalogue):
    result = services.profile_build(occupations=["brew-house-operator"])
    rows = {r.skill: r for r in result.rows}
    assert rows["fermentation"].level == 3
    assert rows["fermentation"].provenance == "occupation"
    assert rows["fermentation"].sources[0].detail == "Brew house operator"
    # Optional skills of the job count one level lower (at least 1).
    assert rows["gmp"].level == 1
    assert result.occupations[0].title == "Brew house operator"
    assert not result.errors


def test_an_esco_uri_and_an_industry_role_are_accepted_as_previous_jobs(catalogue):
    result = services.profile_build(occupations=[BMS_URI, "qc-analyst"])
    assert [o.slug for o in result.occupations] == ["biomedical-scientist", "qc-analyst"]
    # An industry role carries its entry level, so over-qualification can be judged.
    assert result.profile.seniority == 4


def test_unknown_jobs_and_skills_are_reported_by_name(catalogue):
    result = services.profile_build(occupations=["astronaut"], skills={"juggling": 2, "gmp": 2})
    assert result.unknown_occupations == ("astronaut",)
    assert result.unknown_skills == ("juggling",)
    assert result.errors == ["We do not know the job 'astronaut'.", "We do not know the skill 'juggling'."]


def test_an_esco_only_skill_is_unknown_to_matching(catalogue):
    result = services.profile_build(skills={"esco-brewing-beer": 3})
    assert result.unknown_skills == ("esco-brewing-beer",)


@pytest.mark.parametrize("level", [5, -1, "3", True])
def test_it_rejects_levels_outside_0_to_4(catalogue, level):
    with pytest.raises(services.ConverterError, match="0 to 4"):
        services.profile_build(skills={"gmp": level})


def test_it_rejects_more_than_three_jobs(catalogue):
    with pytest.raises(services.ConverterError, match="at most 3"):
        services.profile_build(occupations=["a", "b", "c", "d"])


def test_a_self_rating_of_zero_adds_nothing(catalogue):
    assert services.profile_build(skills={"gmp": 0}).is_empty


def test_text_is_read_for_skills_with_the_phrase_quoted(catalogue):
    text = "Five years on the brewery floor. I led the HACCP team and ran fermenters to good manufacturing practice."
    result = services.profile_build(text=text)
    rows = {r.skill: r for r in result.rows}
    assert set(rows) >= {"haccp", "fermentation", "gmp"}
    assert rows["haccp"].provenance == "cv"
    assert rows["haccp"].level == 3  # "led"
    assert "HACCP" in rows["haccp"].sources[0].detail


def test_a_level_set_on_review_replaces_every_other_source(catalogue):
    result = services.profile_build(
        occupations=["brew-house-operator"], skills={"fermentation": 4}, adjusted={"fermentation": 1}
    )
    row = next(r for r in result.rows if r.skill == "fermentation")
    assert row.level == 1
    assert [s.detail for s in row.sources] == [services.ADJUSTED_DETAIL]


def test_a_removed_skill_is_gone(catalogue):
    result = services.profile_build(occupations=["brew-house-operator"], removed=["fermentation"])
    assert "fermentation" not in {r.skill for r in result.rows}


def test_verified_skills_from_the_learning_app_are_added_and_cannot_be_removed(catalogue, learner):
    from skillsnet.catalogue.models import Skill
    from skillsnet.learning.models import EvidenceSource, SkillEvidence

    SkillEvidence.objects.create(
        learner=learner,
        skill=Skill.objects.get(slug="gmp"),
        level=3,
        source=EvidenceSource.COURSE_COMPLETION,
        source_ref="1",
        detail="Completed GMP essentials",
    )
    result = services.profile_build(skills={"teamwork": 2}, removed=["gmp"], user=learner)
    row = next(r for r in result.rows if r.skill == "gmp")
    assert row.verified
    assert row.provenance == "verified"
    assert row.level == 3
    # Anonymous people get none.
    assert "gmp" not in {r.skill for r in services.profile_build(skills={"teamwork": 2}).rows}


def test_the_brewer_matches_manufacturing_first_with_named_transfers(catalogue):
    profile = services.profile_build(occupations=["brew-house-operator"]).profile
    matches = services.roles_match(profile=profile, limit=10)
    assert matches[0].role == "atmp-manufacturing-technician"
    transfer = next(t for t in matches[0].transferred if t.skill == "cell-culture")
    assert transfer.from_skill == "fermentation"
    assert "living cultures" in transfer.rationale


def test_the_biomedical_scientist_matches_qc_first(catalogue):
    profile = services.profile_build(occupations=["biomedical-scientist"]).profile
    assert services.roles_match(profile=profile)[0].role == "qc-analyst"


def test_matches_filter_by_family_and_entry_level(catalogue):
    profile = services.profile_build(occupations=["biomedical-scientist"]).profile
    assert [m.role for m in services.roles_match(profile=profile, families=["quality-assurance"])] == ["qa-officer"]
    assert {m.role for m in services.roles_match(profile=profile, max_entry_level=3)} == {
        "atmp-manufacturing-technician"
    }


def test_without_runs_the_plan_is_online_and_on_site_gaps_stay_open(catalogue):
    profile = services.profile_build(occupations=["brew-house-operator"]).profile
    result = services.plan_for_role(profile=profile, role_slug="atmp-manufacturing-technician", start=TODAY)
    assert {s.mode for s in result.plan.steps} == {"online"}
    assert "gmp-essentials" in {s.course for s in result.plan.steps}
    reasons = {u.skill: u.reason for u in result.plan.uncovered}
    assert "no run with free seats" in reasons["cleanroom-gowning"]
    assert result.plan.steps[0].starts >= TODAY


def test_with_runs_the_plan_books_an_on_site_run_after_its_online_prerequisite(catalogue, monkeypatch):
    runs = [
        engine.RunSpec(
            "r1", "cleanroom-practical", "roslinct", TODAY + timedelta(days=21), TODAY + timedelta(days=21), 4
        ),
    ]
    calls = []

    def open_runs(*, course_slugs, start, until):
        calls.append((course_slugs, start, until))
        return runs

    monkeypatch.setattr(planning, "open_runs_for_planning", open_runs)
    profile = services.profile_build(occupations=["brew-house-operator"]).profile
    result = services.plan_for_role(profile=profile, role_slug="atmp-manufacturing-technician", start=TODAY)
    assert calls[0][0] == {"cleanroom-practical", "pcr-lab"}
    steps = {s.course: s for s in result.plan.steps}
    assert steps["cleanroom-practical"].centre == "roslinct"
    assert steps["gmp-essentials"].ends <= steps["cleanroom-practical"].starts
    assert result.centre_names["roslinct"] == "RoslinCT"
    # Only at a centre in the North East: no run there, so the gap stays open with the engine's reason.
    north = services.plan_for_role(
        profile=profile, role_slug="atmp-manufacturing-technician", start=TODAY, region="North East"
    )
    assert "cleanroom-practical" not in {s.course for s in north.plan.steps}
    assert any("no run with free seats" in u.reason for u in north.plan.uncovered)


def test_the_plan_skips_a_run_whose_booking_closes_before_its_prerequisite_is_done(catalogue, monkeypatch):
    day = TODAY + timedelta(days=21)
    soon, later = TODAY + timedelta(days=1), TODAY + timedelta(days=40)
    runs = [
        engine.RunSpec("r1", "cleanroom-practical", "roslinct", day, day, 4, booking_closes=soon, centre_name="Roslin"),
        engine.RunSpec("r2", "cleanroom-practical", "roslinct", later, later, 4, booking_closes=later - timedelta(2)),
    ]
    monkeypatch.setattr(planning, "open_runs_for_planning", lambda **_: runs)
    profile = services.profile_build(occupations=["brew-house-operator"]).profile
    result = services.plan_for_role(profile=profile, role_slug="atmp-manufacturing-technician", start=TODAY)
    steps = {s.course: s for s in result.plan.steps}
    practical = steps["cleanroom-practical"]
    assert practical.run_id == "r2"
    assert practical.book_by == later - timedelta(2)
    assert steps["gmp-essentials"].ends < practical.book_from <= practical.book_by
    # the step links to where a person acts on it
    from skillsnet.converter.serializers import plan_dict

    links = {s["course"]: s["url"] for s in plan_dict(result)["steps"]}
    assert links["gmp-essentials"] == "/training/courses/gmp-essentials/"
    assert links["cleanroom-practical"] is None  # not a stored run id


@pytest.mark.parametrize(
    ("options", "field"),
    [
        ({"role_slug": "astronaut"}, "role"),
        ({"hours_per_week": 0}, "hours_per_week"),
        ({"hours_per_week": 61}, "hours_per_week"),
        ({"deadline": TODAY}, "deadline"),
        ({"start": TODAY - timedelta(days=1)}, "start_date"),
        ({"centres": ["nowhere"]}, "centres"),
        ({"region": "Atlantis"}, "region"),
    ],
)
def test_plan_options_are_checked(catalogue, options, field):
    profile = services.profile_build(occupations=["brew-house-operator"]).profile
    kwargs = {"profile": profile, "role_slug": "qc-analyst", "start": TODAY, "today": TODAY, **options}
    with pytest.raises(services.ConverterError) as caught:
        services.plan_for_role(**kwargs)
    assert caught.value.field == field


def test_saving_keeps_answers_and_cv_text_only_when_asked(catalogue, learner):
    inputs = {"occupations": ["brew-house-operator"], "skills": {"gmp": 2}, "cv_text": "My CV", "junk": 1}
    kept = services.assessment_save(owner=learner, name="  From  brewing ", inputs=inputs, keep_cv_text=True)
    dropped = services.assessment_save(owner=learner, name="Without CV", inputs=inputs)
    assert kept.name == "From brewing"
    assert kept.inputs["cv_text"] == "My CV"
    assert "junk" not in kept.inputs
    assert "cv_text" not in dropped.inputs
    entry = AuditEntry.objects.filter(action="converter.assessment.saved").first()
    assert entry is not None
    assert entry.subject == learner


def test_saving_over_an_assessment_updates_it(catalogue, learner):
    first = services.assessment_save(owner=learner, name="One", inputs={"skills": {"gmp": 2}})
    again = services.assessment_save(owner=learner, name="Two", inputs={"skills": {"gmp": 3}}, assessment=first)
    assert again.pk == first.pk
    first.refresh_from_db()
    assert first.name == "Two"
    assert first.inputs["skills"] == {"gmp": 3}


def test_saving_refuses_nothing_and_other_peoples_assessments(catalogue, learner, other_learner):
    with pytest.raises(services.ConverterError, match="nothing to save"):
        services.assessment_save(owner=learner, name="Empty", inputs={})
    theirs = services.assessment_save(owner=other_learner, name="Theirs", inputs={"skills": {"gmp": 2}})
    with pytest.raises(services.ConverterError, match="your own"):
        services.assessment_save(owner=learner, name="Mine", inputs={"skills": {"gmp": 2}}, assessment=theirs)
    with pytest.raises(services.ConverterError, match="Enter a name"):
        services.assessment_save(owner=learner, name="   ", inputs={"skills": {"gmp": 2}})


def test_rename_and_delete_are_audited(catalogue, learner):
    assessment = services.assessment_save(owner=learner, name="Old", inputs={"skills": {"gmp": 2}})
    services.assessment_rename(assessment=assessment, name="New", actor=learner)
    entry = AuditEntry.objects.get(action="converter.assessment.renamed")
    assert entry.data == {"from": "Old", "to": "New"}
    with pytest.raises(services.ConverterError):
        services.assessment_rename(assessment=assessment, name="x" * 121, actor=learner)
    services.assessment_delete(assessment=assessment, actor=learner)
    assert not Assessment.objects.exists()
    assert AuditEntry.objects.filter(action="converter.assessment.deleted", data__name="New").exists()


def test_clean_inputs_drops_malformed_values():
    cleaned = services.clean_inputs(
        {
            "occupations": ["a", "", 3, "a", "b", "c", "d"],
            "skills": {"gmp": 9, "pcr": 2, "x": "2", "y": True},
            "cv_skills": [["gmp", 2, "quote"], ["bad"], ["pcr", 7, "q"], ["haccp", 3, "q", "level 3: 6 years"]],
            "removed": ["gmp", 5],
            "confirmed": ["gmp", 3],
            "credentials": ["science-degree", "made-up", 7],
        }
    )
    assert cleaned == {
        "occupations": ["a", "b", "c"],
        "skills": {"pcr": 2},
        "cv_skills": [["gmp", 2, "quote"], ["haccp", 3, "q", "level 3: 6 years"]],
        "adjusted": {},
        "removed": ["gmp"],
        "confirmed": ["gmp"],
        "credentials": ["science-degree"],
        "cv_credentials": [],
    }


def test_cv_skills_with_a_level_reason_build_the_same_profile(catalogue):
    plain = services.profile_build(cv_skills=[("gmp", 3, "ran the mash tuns")])
    with_reason = services.profile_build(cv_skills=[("gmp", 3, "ran the mash tuns", "level 3: 6 years")])
    assert plain.profile == with_reason.profile


def test_a_skill_that_transfers_to_a_role_skill_counts_as_relevant(catalogue):
    from skillsnet.catalogue import models as m
    from skillsnet.catalogue.snapshot import clear_snapshot_cache

    # No role asks for project management: alone it is not relevant evidence.
    person = engine.Profile.from_levels({"project-management": 2, "gmp": 2})
    assert services.relevant_skill_count(person) == 1
    # Once it transfers to a skill roles ask for, it earns credit towards them, so it counts.
    skills = {s.slug: s for s in m.Skill.objects.filter(slug__in=["project-management", "teamwork"])}
    m.SkillTransfer.objects.create(
        from_skill=skills["project-management"], to_skill=skills["teamwork"], credit=0.3, rationale="Test only"
    )
    clear_snapshot_cache()
    assert services.relevant_skill_count(person) == 2
    assert services.relevant_skill_count(engine.Profile.from_levels({"project-management": 0})) == 0


def test_levels_read_as_whole_numbers_and_words():
    from skillsnet.converter.templatetags.converter_tags import level, levels_short, readiness_sentence

    assert level(0.3) == "0 (none)"
    assert level(1.9) == "1 (awareness)"
    assert level(3) == "3 (practitioner)"
    assert levels_short(3, 0.9) == 3
    assert levels_short(2, 2.5) == 0
    assert "120 hours" in readiness_sentence("short-training")


def test_the_gap_chart_fits_a_phone_without_shrinking_its_text():
    from skillsnet.converter.charts import gap_chart

    row = {"skill": "gmp", "name": "Good manufacturing practice (GMP)", "required_level": 3, "essential": True}
    chart = gap_chart({"met": [], "transferred": [], "gaps": [{**row, "current_level": 1.5}]})
    assert chart.width <= 310  # a 320 px screen less its margins shows it at (nearly) full size
    assert chart.rows[0].label == "Good manufacturing practice (GMP)"
    assert chart.rows[0].text_y < chart.rows[0].bar_y  # the name sits above its bar


def test_a_cv_names_its_jobs_at_the_start_of_lines(catalogue):
    text = (
        "Senior Biomedical Scientist, Hollinsford General, 2017–present\n"
        "I ran PCR and HACCP checks daily.\n"
        "Team player\n"
        "Brewer at Hopsville Brewery (2010-2016)\n"
        "Quality control analyst – 2008\n"
        "Bakery worker\n"
    )
    jobs = services.jobs_in_cv(text=text)
    # At most three, first named first; a role of the industry is offered as itself; grade words aside.
    assert [(j.key, j.title, j.quote) for j in jobs] == [
        ("biomedical-scientist", "Biomedical scientist", "Senior Biomedical Scientist"),
        ("brew-house-operator", "Brew house operator", "Brewer"),
        ("qc-analyst", "Quality control analyst", "Quality control analyst"),
    ]
    assert [j.key for j in services.jobs_in_cv(text=text, limit=1)] == ["biomedical-scientist"]


def test_a_cv_line_that_is_not_a_job_title_or_fits_several_names_no_job(catalogue):
    from tests.catalogues import esco_job

    # Duties, sentences and a title shared by two occupations name nothing.
    esco_job("packer-food", "packer", "9321")
    esco_job("packer-parcels", "packer", "9321")
    text = "I worked as part of a team\nrunning PCR\nPacker, 2019-2021\nResponsible for brewing and packing\n"
    assert services.jobs_in_cv(text=text) == []
    # A title word inside a longer label is not the title: "Bakery" alone is not "Bakery worker".
    assert services.jobs_in_cv(text="Bakery\n") == []


def test_reading_a_cv_for_jobs_stops_after_its_first_title_like_lines(catalogue):
    from skillsnet.converter.profiles import MAX_TITLE_LINES

    # A document of thousands of short capitalised lines costs a bounded number of searches.
    filler = "\n".join(f"Line {i} of filler" for i in range(MAX_TITLE_LINES))
    assert services.jobs_in_cv(text=f"{filler}\nBrewer, 2010-2016\n") == []
    assert [j.key for j in services.jobs_in_cv(text=f"Brewer, 2010-2016\n{filler}\n")] == ["brew-house-operator"]


def test_a_previous_job_credits_the_workplace_basics_at_awareness_marked_assumed(routed_job):
    # The job's ESCO skills say nothing about following procedures or taking care over details; every job
    # asks for both, so the person is credited with them at awareness level, marked as assumed.
    rows = {r.skill: r for r in services.profile_build(occupations=[routed_job]).rows}
    # (The test catalogue has two of the three basics; a basic missing from the catalogue is left out.)
    assert "procedural-discipline" not in rows
    for slug in ("attention-to-detail",):
        assert rows[slug].level == 1
        assert rows[slug].provenance == "assumed"
        assert rows[slug].sources[0].label == "Assumed from having held a job"
    # A basic the job itself shows keeps the job's evidence as its primary source.
    assert rows["teamwork"].provenance == "occupation"


def test_no_previous_job_means_nothing_is_assumed(catalogue):
    result = services.profile_build(skills={"gmp": 2})
    assert [r.skill for r in result.rows] == ["gmp"]


def test_assumed_skills_are_never_evidence_that_a_person_can_be_assessed(routed_job):
    from skillsnet.catalogue.models import OccupationSkill

    assumed = engine.Profile(
        tuple(engine.Evidence(s, 1, engine.Provenance.ASSUMED, "") for s in ("teamwork", "attention-to-detail"))
    )
    assert services.relevant_skill_count(assumed) == 0
    assert services.relevant_skill_count(engine.Profile.from_levels({"teamwork": 1})) == 1
    # A job that shows one relevant skill stays too thin to rank, whatever is assumed beside it.
    OccupationSkill.objects.filter(occupation__esco_uri=routed_job).exclude(skill__slug="pcr").delete()
    answer = services.roles_assess(profile=services.profile_build(occupations=[routed_job]).profile)
    assert not answer.assessable
    assert answer.relevant_skills == 1
    assert answer.matches == []


def test_assumed_evidence_gives_way_to_any_other_source_at_the_same_level():
    profile = engine.Profile(
        (
            engine.Evidence("teamwork", 1, engine.Provenance.ASSUMED, ""),
            engine.Evidence("teamwork", 1, engine.Provenance.SELF_RATED, ""),
        )
    )
    assert profile.primary("teamwork").provenance is engine.Provenance.SELF_RATED


def test_what_a_person_has_shown_leaves_out_what_is_assumed():
    job = engine.Evidence("teamwork", 2, engine.Provenance.OCCUPATION, "Chef")
    assumed = engine.Evidence("attention-to-detail", 1, engine.Provenance.ASSUMED, "")
    profile = engine.Profile((job, assumed), seniority=3)
    assert profile.shown().evidence == (job,)
    assert profile.shown().levels == {"teamwork": 2}
    assert profile.shown().seniority == 3
    plain = engine.Profile((job,))
    assert plain.shown() is plain


@pytest.mark.parametrize(
    ("fraction", "words"),
    [
        (0.247, "about one in four"),
        (0.321, "about one in three"),
        (0.29, "about three in ten"),
        (0.05, "about one in ten"),
        (0.21, "about one in five"),
        (0.6, "about one in two"),
    ],
)
def test_a_share_is_said_as_the_nearest_one_a_person_can_picture(fraction, words):
    from skillsnet.converter.profiles import share_in_words

    assert share_in_words(fraction) == words


def test_the_cv_readers_record_is_said_in_words_from_its_figures():
    record = services.ReaderRecord(precision=0.9, recall=0.8)
    assert (record.wrong_in_words, record.missed_in_words) == ("about one in ten", "about one in five")
    assert 0 < services.CV_READER_RECORD.precision < 1
    assert 0 < services.CV_READER_RECORD.recall < 1
