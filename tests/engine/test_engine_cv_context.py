"""The CV reader on the mistakes issue 13 observed on unseen CVs: context, ordinary wording, levels from the
evidence with a reason, and the evidence sentence. Each case is the sentence a CV would carry. Runs on the
curated lexicon of data/skills.yaml (no Django)."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from skillsnet.engine import ExtractedSkill, Lexicon, SkillSpec, build_lexicon, extract
from skillsnet.engine.extraction import NEGATION_CUES
from skillsnet.engine.phrases import expand, verb_forms

SKILLS_FILE = Path(__file__).resolve().parents[2] / "data" / "skills.yaml"


@cache
def _lexicon() -> Lexicon:
    skills = yaml.safe_load(SKILLS_FILE.read_text(encoding="utf-8"))
    return build_lexicon(SkillSpec(s["slug"], s["name"], tuple(s.get("alt_labels") or ())) for s in skills)


def _found(text: str) -> dict[str, ExtractedSkill]:
    return {e.skill: e for e in extract(text, _lexicon())}


# --- context -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        # clinical asepsis is not GMP aseptic technique
        ("Scrub nurse: I set up and maintain the sterile field in theatre.", "aseptic-technique", None),
        (
            "Theatre practitioner using aseptic technique for surgical patients.",
            "aseptic-technique",
            "clinical-aseptic-technique",
        ),
        ("I wear sterile gowns and gloves in theatre with every patient.", "cleanroom-gowning", None),
        # ...while a pharmacy aseptic unit keeps the GMP sense
        ("Aseptic technique in the pharmacy isolator, making CIVAS batches.", None, "aseptic-technique"),
        # routine QC on a hospital analyser is equipment work, not QC release testing (the labelling rules accept
        # `laboratory-equipment` or its maintenance; since the thirty-eighth round "internal QC on the" analysers reads
        # as the first, right in three finds and no wrong one over fifty-six dev sets, where it was the maintenance)
        (
            "I run the daily internal QC on the Sysmex analysers before patient samples.",
            "quality-control-testing",
            "laboratory-equipment",
        ),
        ("QC release testing of finished product batches.", None, "quality-control-testing"),
        # a related but different membrane process is not tangential-flow filtration
        ("Ran the cross-flow beer filter and the bright beer tanks.", "tangential-flow-filtration", None),
        ("Operated the reverse osmosis membranes on the dialysis water plant.", "tangential-flow-filtration", None),
        # spreadsheet trending is not statistical process control
        ("I trend the fill weights in Excel SPC charts for the KPI meeting.", "statistical-process-control", None),
        ("Read Levey-Jennings SPC charts with Westgard rules.", None, "statistical-process-control"),
        # working alongside a quality team is not doing QA
        ("I worked alongside the QA team during UKAS visits.", "quality-assurance", None),
        ("Passed every batch record to the QA department.", "quality-assurance", None),
        # a quality of the employer is not the writer's skill
        ("The unit is HTA licensed.", "human-tissue-regulation", None),
        # farm biosecurity is not laboratory biosafety; food-factory GMP is not medicines GMP
        ("Biosecurity on the broiler farm, with the vet.", "biosafety", None),
        ("Food GMP audits of the bakery floor.", "gmp", None),
        # pastimes are not evidence
        ("In my spare time I enjoy brewing kombucha.", "brewing", None),
        ("Outside work I play in a folk band and brew my own ginger beer.", "brewing", None),
        # maintaining kit is not using it
        ("Serviced and repaired flow cytometers for NHS labs.", "flow-cytometry", None),
    ],
)
def test_context_decides_the_sense(text: str, absent: str | None, present: str | None) -> None:
    found = _found(text)
    if absent:
        assert absent not in found, found[absent]
    if present:
        assert present in found, sorted(found)


@pytest.mark.parametrize(
    "text",
    [
        "No GMP experience yet.",
        "I am hoping to learn GMP.",
        "I would love to learn GMP one day.",
        "Not yet signed off for GMP work.",
    ],
)
def test_negation_and_hedging_are_not_evidence(text: str) -> None:
    assert "gmp" not in _found(text)


@pytest.mark.parametrize(
    ("text", "present"),
    [
        # a negation of a negative affirms; "no fewer than" counts
        ("Not afraid of hard work in any weather.", "physical-stamina"),
        ("No stranger to GMP: six years on a sterile line.", "gmp"),
        ("Led no fewer than twenty GMP audits.", "quality-audits"),
    ],
)
def test_a_negated_negative_is_evidence(text: str, present: str) -> None:
    assert present in _found(text)


def test_a_plain_negation_still_is_not_evidence() -> None:
    assert "physical-stamina" not in _found("Not able to work in any weather.")


# --- ordinary wording --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "skill"),
    [
        ("Day to day I took blood samples from patients.", "venepuncture"),
        ("Cannulated patients and donors.", "venepuncture"),
        ("Monitored patients after surgery.", "patient-monitoring"),
        ("Did observations and fed them back to the nurse.", "patient-monitoring"),
        ("Calibrated pipettes and balances every term.", "instrument-calibration"),
        ("Gave childhood and travel vaccinations.", "medication-administration"),
        ("I book in specimens for the lab.", "sample-management"),
        ("I train junior staff and students.", "training-delivery"),
        ("Kept the daily notes and care plans up to date.", "clinical-record-keeping"),
    ],
)
def test_tasks_written_as_verbs_on_objects_are_read(text: str, skill: str) -> None:
    assert skill in _found(text)


def test_blood_samples_are_venepuncture_not_process_sampling() -> None:
    found = _found("I took blood samples on the ward.")
    assert "venepuncture" in found
    assert "in-process-sampling" not in found


def test_a_participle_used_as_an_adjective_or_being_trained_is_not_training_others() -> None:
    assert "training-delivery" not in _found("Trained on two other stations to cover absence.")


def test_verb_forms() -> None:
    assert set(verb_forms("take")) == {"take", "took", "taken", "taking"}
    assert set(verb_forms("calibrate")) == {"calibrate", "calibrated", "calibrating"}
    assert set(verb_forms("log")) == {"log", "logged", "logging"}
    assert set(verb_forms("wear")) == {"wear", "wore", "worn", "wearing"}  # "wore gloves"
    assert set(verb_forms("find")) == {"find", "found", "finding"}  # "found faults"
    assert set(verb_forms("transfer")) == {"transfer", "transferred", "transferring"}
    assert set(verb_forms("chart")) == {"chart", "charted", "charting"}
    assert set(verb_forms("cut")) == {"cut", "cutting"}
    assert set(expand("{give} medication")) == {"give medication", "gave medication", "given medication",
                                                "giving medication"}  # fmt: skip


# --- levels from the evidence, with the reason ----------------------------------------------------------


def test_a_band_6_scientist_who_trains_juniors_is_a_practitioner_with_the_reason() -> None:
    found = _found("Band 6 biomedical scientist, 2017–2024. I validate and authorise results and I train junior staff.")
    training = found["training-delivery"]
    assert training.level == 3
    assert training.level_reason == "level 3: 7 years (2017–2024), as “Band 6 biomedical scientist”"
    assert found["analyse-lab-data"].level == 3


@pytest.mark.parametrize(
    "text",
    [
        "HPLC analyst for 6 years.",
        "6 years as an HPLC analyst.",
        "HPLC analyst. I have done this for six years.",
        "HPLC analyst, 2012-2018.",
    ],
)
def test_six_years_gives_the_same_level_however_it_is_written(text: str) -> None:
    hplc = _found(text)["hplc"]
    assert hplc.level == 3
    assert hplc.level_reason.startswith("level 3: 6 years")


@pytest.mark.parametrize(
    ("text", "level", "reason"),
    [
        ("Ran HPLC assays.", 2, "level 2: does it; no long experience, seniority or training of others stated"),
        ("HPLC, 3 years.", 2, "level 2: does it; 3 years"),
        ("Familiar with HPLC.", 1, "level 1: “Familiar with”"),
        ("Some exposure to HPLC on placement.", 1, "level 1: “Some exposure to”"),
        ("Senior analyst: HPLC method transfers.", 3, "level 3: as “Senior analyst”"),
        ("I led the HPLC work.", 3, "level 3: “led”"),
        ("Subject matter expert for HPLC at inspections.", 4, "level 4: “Subject matter expert”"),
        (
            "Head of QC, 2008–2024, where I led the HPLC group.",
            4,
            "level 4: 16 years (2008–2024), as “Head of QC”, “led”",
        ),
        ("Senior analyst; I run HPLC only when needed.", 2, "level 2: only “when needed”"),
    ],
)
def test_levels_come_with_their_reason(text: str, level: int, reason: str) -> None:
    hplc = _found(text)["hplc"]
    assert (hplc.level, hplc.level_reason) == (level, reason)


def test_haccp_level_3_certificate_alone_is_working_level() -> None:
    assert _found("I hold HACCP level 3.")["haccp"].level == 2


def test_seniority_in_another_paragraph_does_not_count() -> None:
    found = _found("Senior QC analyst, 2010–2020.\n\nCareer break. Now doing HPLC part-time.")
    assert found["hplc"].level == 2


# --- the evidence shown is the sentence that supports the skill -----------------------------------------


def test_evidence_is_the_sentence_of_the_mention() -> None:
    text = "I run PCR every day for the virology bench. Fault finding on the centrifuges when they trip."
    found = _found(text)
    assert "Fault finding" in found["troubleshooting"].evidence
    assert "PCR" not in found["troubleshooting"].evidence
    assert "PCR" in found["pcr-qpcr"].evidence


# --- properties --------------------------------------------------------------------------------------

_MENTIONS = (
    "HPLC",
    "cell culture",
    "aseptic technique",
    "flow cytometry",
    "GMP",
    "took blood samples",
    "trained new starters",
    "HACCP",
    "batch records",
)
_FILLER = ("daily", "on the ward", "in the lab", "for 6 years", "as a senior analyst", "with care", "and")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.sampled_from(_MENTIONS + _FILLER), min_size=1, max_size=8),
    st.sampled_from([c for c in NEGATION_CUES if re.fullmatch(r"[a-z ]+", c)]),
)
def test_a_negation_cue_before_the_text_never_adds_a_skill(words: list[str], cue: str) -> None:
    text = " ".join(words)
    assert set(_found(f"I have {cue} {text}.")) <= set(_found(f"I have {text}.")) | set(_found(text))


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(_MENTIONS + _FILLER), min_size=1, max_size=10))
def test_every_level_has_a_reason_and_is_on_the_scale(words: list[str]) -> None:
    for found in extract(" ".join(words) + ".", _lexicon()):
        assert 1 <= found.level <= 4
        assert found.level_reason.startswith(f"level {found.level}: ")
        assert found.evidence


# --- third round: general mechanisms ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        # the s of a possessive does not split a label
        ("At the bedside I check the blood against the patient's identifiers.", None, "chain-of-identity-custody"),
        # a mention qualifying an organisation, a customer or a product is no evidence
        ("Laboratory assistant at a biotech start-up, 2022-2025.", "biotechnology", None),
        ("Warehouse operative packing kits for viral vector customers.", "viral-vector-biology", None),
        ("Scientist in a cell therapy QC lab since 2021.", "atmp-knowledge", None),
        # a large group the writer has is people management; a staffing level is not
        ("Operations manager with a department of 40 across two sites.", None, "people-management"),
        ("I run the canning hall with 25 staff per shift.", "people-management", None),
        # hand hygiene in care and IPC outside manufacturing are infection prevention and control
        ("I audit hand hygiene on the ward every month.", "personal-hygiene", "infection-prevention-control"),
        ("I am the practice's IPC champion.", "in-process-sampling", "infection-prevention-control"),
        # reverse osmosis on a ship is water treatment, not pharmaceutical clean utilities
        ("I ran the reverse osmosis plant for the ship's fresh water.", "clean-utilities", "water-treatment"),
        # samples of a kind of water are water testing, even after a verb of sampling
        ("I take final effluent samples and do free chlorine checks.", "in-process-sampling", "water-testing"),
        # a cleanroom grade named is also cleanroom behaviour (grades C and D since the nineteenth round)
        ("I work in grade C areas on the fill line.", None, "cleanroom-behaviour"),
        # reading about something is not doing it
        ("I have read about flow cytometry.", "flow-cytometry", None),
        # "certified" after a skill is the writer's certificate, not a quality of the workplace
        ("HGV driver, ADR certified for tankers.", None, "dangerous-goods"),
        # a label never runs across a sentence break
        ("I keep the front desk clean. Room bookings and diaries are mine.", "cleanroom-behaviour", None),
    ],
)
def test_general_mechanisms_of_the_third_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


def _reads(text: str, *, absent: str | None, present: str | None) -> None:
    """The reader finds `present` (when given) and not `absent` (when given) in `text`."""
    found = _found(text)
    if absent is not None:
        assert absent not in found, found
    if present is not None:
        assert present in found, found


def test_a_group_of_fifteen_over_ten_years_is_expert_people_management() -> None:
    found = _found("Stores manager, 2012-2026, with a team of 30 storekeepers and drivers.")
    assert found["people-management"].level == 4, found["people-management"].level_reason


def test_a_verb_led_label_matches_across_six_words() -> None:
    assert "sop-writing" in _found("I wrote the unit's new monthly cleaning SOP.")


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        # British spelling of verbs ending in one vowel and l: "labelled", "counselled"
        ("Booked in and labelled samples for the analysers.", None, "sample-management"),
        ("Labelling specimens at the bench.", None, "sample-management"),
        # a reading taken from a patient is not a blood sample
        ("Took blood pressures and checked blood sugars on the ward.", "venepuncture", None),
        ("Took blood samples from outpatients.", None, "venepuncture"),
        # SQL's stored procedures are not standard operating procedures
        ("Wrote stored procedures in T-SQL for the reporting database.", "sop-writing", "sql"),
        ("Wrote procedures for the stores team.", None, "sop-writing"),
        # a bare "permit" is a work permit only beside the work it controls
        ("Issued parking permits to visitors.", "permit-to-work", None),
        ("Area authority for permits and isolations offshore.", None, "permit-to-work"),
    ],
)
def test_wording_and_senses_found_by_writing_blind_test_sentences(
    text: str, absent: str | None, present: str | None
) -> None:
    _reads(text, absent=absent, present=present)


# --- sixth round: precision, over the four dev sets ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        # QA and QC named as departments: supported, spanned, counted in, or coordinated before a role noun
        ("Support QA during MHRA inspections as a back-room runner.", "quality-assurance", "inspection-readiness"),
        ("Manage a team of 22 across QA and QC.", "quality-control-testing", "people-management"),
        ("Department of 32 in QA and QC.", "quality-assurance", "people-management"),
        ("Recruitment consultant placing QA and production staff into pharma clients.", "quality-assurance", None),
        ("Six years in QA at a sterile site, releasing batches.", None, "quality-assurance"),
        ("QA officer, 2015-2024: batch record review and release.", None, "quality-assurance"),
        # distillation in a chemicals plant or a refinery is not distilling spirit
        ("Ran the solvent recovery distillation columns from the DCS.", "distillation", None),
        ("Distillation curves, flash point and density on fuels.", "distillation", None),
        ("Stillman: ran the wash and spirit stills and made the cuts.", None, "distillation"),
        ("Ran the column still for six years.", None, "distillation"),
        # a harvest from a patient or donor is not harvest from a culture
        ("I process bone marrow harvests for transplant.", "harvest-clarification", None),
        ("Harvest by depth filtration of the 200 L bioreactor.", None, "harvest-clarification"),
        # taking an e-learning course is not designing one
        ("Completed the company's GMP induction and Annex 1 e-learning.", "e-learning-design", None),
        ("Designed and built e-learning for new starters.", None, "e-learning-design"),
        # the size of an organisation, or people the work is for, is no team
        ("HR Advisor for a 600-employee manufacturing group.", "people-management", None),
        ("Ran exercises for up to 200 personnel.", "people-management", None),
        ("Site manager with 40 staff.", None, "people-management"),
        # a clinical line, a database and radiation protection
        ("Arterial and central line management, CRRT and inotropes.", "people-management", None),
        ("Line management of six technicians and two supervisors.", None, "people-management"),
        ("Write SQL against the data warehouse for monthly reports.", "warehouse-operations", "sql"),
        ("Health physics monitor at a decommissioning site.", "physics-engineering-science", None),
        # labels that name a workplace, a customer or a trial phase more often than the work
        ("Warehouse team leader at a pharmaceutical wholesaler.", "medicinal-product-logistics", None),
        ("QA lead for nine aseptic units across the region.", "pharmacy-aseptic-compounding", None),
        ("Clinical trial assistant at a CRO.", "control-room-operation", None),
        ("Water analysis on boiler feed and cooling towers.", "facilities-engineering", None),
        ("Rotational pharmacist: wards, dispensary and medicines information.", "material-dispensing", None),
        ("Supported two CAR-T patients through apheresis and infusion days.", "medication-administration", None),
        ("Planning of IMP supply for phase I studies.", "drug-development", None),
        ("QP on the site MIA since 2016.", "pharmaceutical-legislation", "qualified-person-duties"),
        # ...while a longer label holding one still counts
        ("Cleanroom disinfection with sporicides in grade B.", None, "cleanroom-disinfection"),
        # a person the writer reports to, a ward, wanting to learn, a clinical "diagnostic"
        ("Report anything odd to my team leader.", "team-leadership", None),
        ("I led my team through the audit.", None, "team-leadership"),
        ("Domestic, mostly on the haematology ward and isolation rooms.", "haematology", None),
        ("Keen to learn PCR.", "continuous-learning", None),
        ("Diagnostic radiographer, HCPC registered, since 2019.", "troubleshooting", None),
        ("Servicing, brakes and diagnostics with manufacturer software.", None, "troubleshooting"),
    ],
)
def test_precision_mechanisms_of_the_sixth_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


# --- seventh round: recall from teaching, assessing and working with other functions ---------------------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        # teaching people, whoever they are, a course or a talk
        ("Trained the last three stillmen.", None, "training-delivery"),
        ("Train commis chefs on knife skills.", None, "training-delivery"),
        ("Taught battlefield first aid to soldiers on annual training.", None, "training-delivery"),
        ("I run the scrub induction for new starters.", None, "training-delivery"),
        ("Ran toolbox talks every Monday.", None, "training-delivery"),
        # ...not the writer's own training, nor running something to somewhere
        ("Trained in GMP and aseptic technique.", "training-delivery", None),
        ("Trained as a nurse in 2010.", "training-delivery", None),
        ("He is a trained operator.", "training-delivery", None),
        ("I ran samples to the lab each morning.", "training-delivery", None),
        # assessing people and signing off their competence
        ("I assess them on placement.", None, "competency-assessment"),
        ("Sign off their scrub competencies.", None, "competency-assessment"),
        ("I was signed off as competent in 2021.", "competency-assessment", None),
        ("Signed off batches for release.", "competency-assessment", None),
        # working with another function is cooperation, not the function's work
        ("Work closely with QA on the floor.", "quality-assurance", "cross-team-cooperation"),
        ("Liaise with production on complaints.", None, "cross-team-cooperation"),
        ("Supported the QA team during audits.", "quality-assurance", "cross-team-cooperation"),
        ("I work with patients and families.", "cross-team-cooperation", None),
        ("Validated the methods with development data.", "cross-team-cooperation", None),
        # clinical work named by its route, instrument or object
        ("Cannulation, IV and IO drugs, 12-lead ECG interpretation.", None, "medication-administration"),
        ("Ran 12-lead ECGs and handed over to ED.", None, "patient-monitoring"),
        ("Induce and monitor anaesthesia for ortho cases.", None, "patient-monitoring"),
        ("Write notes in the care app after each visit.", None, "clinical-record-keeping"),
    ],
)
def test_recall_mechanisms_of_the_seventh_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        # product work inside an aseptic zone is aseptic technique...
        ("Prepare chemo, TPN and CIVAS syringes in negative-pressure isolators.", None, "aseptic-technique"),
        ("I set up and run the vial filling line in a grade A RABS.", None, "aseptic-technique"),
        ("Subculturing plantlets on agar in laminar flow cabinets.", None, "aseptic-technique"),
        ("Did the aseptic connections and in-process sampling.", None, "aseptic-technique"),
        # ...monitoring, testing or qualifying the zone is not
        ("EM sampling in grade A/B during filling.", "aseptic-technique", "environmental-monitoring"),
        ("Sterility tests in the isolator.", "aseptic-technique", "sterility-testing"),
        ("Wrote IQ/OQ protocols for the filling isolators.", "aseptic-technique", None),
        # supervising people or a shift is leading a team; supervising students is not, nor being supervised
        ("Supervise mechanics on night shift.", None, "team-leadership"),
        ("Supervised the night shift in the stillhouse.", None, "team-leadership"),
        ("I supervise two PhD students.", "team-leadership", None),
        ("I was supervised by the senior scientist.", "team-leadership", None),
        # posts in charge of a team
        ("Charge nurse on a surgical ward since 2016.", None, "team-leadership"),
        ("Leading Hand from 2021.", None, "team-leadership"),
        ("Corporal, REME, 2015-2023.", "team-leadership", None),
    ],
)
def test_mechanisms_of_the_eighth_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        # the bare acronym "QA" names a department; QA posts and "quality assurance" written out still count
        ("Packed and labelled kits, then handed them to QA.", "quality-assurance", None),
        ("QA Associate, 18 months: review executed batch records.", None, "quality-assurance"),
        ("Principal pharmacist, Quality Assurance, since 2004.", None, "quality-assurance"),
        ("Six years in QA at a sterile site.", None, "quality-assurance"),
        # labels measured to name an organisation, a customer's site or a title more often than the work
        ("Regulatory Affairs Manager, Harefield Biopharma, 2016-present.", "biotechnology", None),
        ("Clinical Research Associate II, Halden Clinical, 2020-2026.", "scientific-research", None),
        ("Field pH, DO and conductivity with handheld meters.", "media-buffer-preparation", None),
        ("I run the farm's biosecurity plan.", "biosafety", None),
        # a practice educator teaches students
        ("Practice educator for student paramedics.", "coaching-mentoring", "training-delivery"),
        # tenth round: more labels measured weak (the glued letter is in test_engine_extraction.py)
        ("Leading Logistician (Supply Chain), Royal Navy.", "supply-chain-management", None),
        ("Thesis on regulatory T cells in type 1 diabetes.", "scientific-writing", None),
    ],
)
def test_mechanisms_of_the_ninth_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


@pytest.mark.parametrize(
    ("text", "skill", "level"),
    [
        # a module of a degree is awareness; modules the writer builds, or a yearly module, are not
        ("Covered aseptic technique in a degree module.", "aseptic-technique", 1),
        ("Designed and built e-learning modules for new starters.", "e-learning-design", 2),
        ("Completed the trust's infection control module every year since 2012.", "infection-prevention-control", 3),
    ],
)
def test_only_a_course_module_is_awareness(text: str, skill: str, level: int) -> None:
    found = _found(text)
    assert found[skill].level == level, found[skill].level_reason


def test_the_lead_of_a_12_lead_ecg_is_no_seniority() -> None:
    found = _found("Paramedic since 2024. Cannulation, IV and IO drugs, 12-lead ECG interpretation.")
    assert {s: e.level for s, e in found.items()} == {
        "venepuncture": 2,
        "medication-administration": 2,
        "patient-monitoring": 2,
    }, {s: e.level_reason for s, e in found.items()}


def test_cooperation_read_from_the_work_is_working_level_with_the_reason() -> None:
    found = _found("QC supervisor, 2012-2026. Work closely with QA and production on deviations.")
    assert found["cross-team-cooperation"].level == 2
    assert found["cross-team-cooperation"].level_reason == "level 2: read from the work, not named"


def test_british_doubled_l_forms_sit_beside_the_american_ones() -> None:
    assert verb_forms("label") == ("label", "labeled", "labeling", "labelled", "labelling")
    assert "fuelled" in verb_forms("fuel")
    assert verb_forms("feel")[-1] == "feeling"  # two vowels before the l: no doubling


# --- eleventh round: wording that recurred in the dev misses, and labels that name two skills ------------------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        # exhibits and seized property kept in continuity; a business's continuity is not custody
        ("Photograph and package exhibits with full continuity.", None, "chain-of-identity-custody"),
        ("Seized property into the exhibits store with the correct labels.", None, "chain-of-identity-custody"),
        ("Wrote the business continuity plan for the depot.", "chain-of-identity-custody", None),
        # trust shown by what the writer is trusted with; trust claimed is no evidence
        ("Trusted with keys and alarm codes for the whole building.", None, "reliability"),
        ("I am trustworthy and hard working.", "reliability", None),
        ("Receipt, storage and issue of aircraft spares on the stores system.", None, "military-logistics"),
        # water samples taken and tested for what a water lab tests; "take and test" is no in-process sampling
        ("Take and test samples for turbidity, free chlorine and pH.", "in-process-sampling", "water-testing"),
        ("Take in-process samples for the lab.", None, "in-process-sampling"),
        ("Chairside support for the dentists, set up trays.", None, "clinical-aseptic-technique"),
        ("Pitching and cropping yeast on a 20 BBL brewhouse.", None, "yeast-management"),
        ("Planned maintenance from the UMMS schedule.", None, "cmms"),
        ("ICSI, embryo culture and vitrification of eggs and embryos.", None, "cryopreservation"),
        ("Terminal cleans of isolation rooms after C. diff.", None, "infection-prevention-control"),
        ("Run the pass when head chef is off.", None, "team-leadership"),
        ("Interpreted STR profiles for reports.", None, "analyse-lab-data"),
        # a cross-flow filter is beer filtration in a brewery (named by its kit) and TFF in a bioprocess
        ("Run the cross-flow filter and the tunnel pasteuriser.", "tangential-flow-filtration", "beverage-filtration"),
        ("Ran the cross-flow filter skid for UF/DF of the antibody.", None, "tangential-flow-filtration"),
    ],
)
def test_recurring_wording_of_the_eleventh_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


@pytest.mark.parametrize(
    ("text", "both"),
    [
        ("Ran 2000 L single-use bioreactors for antibody campaigns.", {"single-use-systems", "bioreactor-operation"}),
        ("CD34 enumeration by ISHAGE on the FACSCanto.", {"cd34-enumeration", "flow-cytometry"}),
        ("Supplier audits as second auditor.", {"quality-audits", "supplier-qualification"}),
    ],
)
def test_a_label_that_names_two_skills_gives_both(text: str, both: set[str]) -> None:
    assert both <= _found(text).keys(), _found(text)


@pytest.mark.parametrize(
    ("text", "skill", "reason"),
    [
        (
            "Band 7 biomedical scientist since 2010: review Levey-Jennings plots against Westgard rules.",
            "statistical-process-control",
            "level 2: control charts on assay QC, not on a process",
        ),
        (
            "Senior compounder since 2009 at an ISO 22716 certified cosmetics site.",
            "gmp",
            "level 2: the cosmetics GMP standard of the site",
        ),
    ],
)
def test_labels_that_are_working_level_at_most_say_why(text: str, skill: str, reason: str) -> None:
    found = _found(text)
    assert (found[skill].level, found[skill].level_reason) == (2, reason)


# --- twelfth round: scope, decimals, weak labels over ten dev sets, grade A, more recurring wording -----------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        # a negation ends where a new clause starts with a verb; a list after a comma stays in it
        (
            "I train animals so the vets can sample without anaesthetic, lead a team of four keepers.",
            None,
            "team-leadership",
        ),
        ("No experience of GMP, cleanroom gowning or aseptic filling yet.", "cleanroom-gowning", None),
        # a decimal point is no sentence break
        ("UF/DF on TFF skids, 0.2 micron filtration with post-use integrity tests.", None, "sterile-filtration"),
        # labels measured weak over the ten dev sets
        ("Milking, calving, AI and foot trimming.", "machine-learning", None),
        ("Filling line operator on the night shift.", "aseptic-filling", None),
        ("Strong communicator and a good listener.", "active-listening", None),
        ("Final accuracy checks on every dispensed prescription.", "attention-to-detail", "medicines-dispensing"),
        # grade A is the critical zone inside the cabinet: the grade, not cleanroom behaviour; grade C work is both
        ("Aseptic filling in grade A under RABS.", "cleanroom-behaviour", "annex-1-cleanroom-grades"),
        ("Weigh and dispense in the grade C suite.", None, "cleanroom-behaviour"),
        # wording that recurred in the dev misses
        ("Safe isolation with lock-off on every job.", None, "permit-to-work"),
        ("Induce anaesthesia and place IV catheters.", None, "venepuncture"),
        ("Ship retained samples on dry ice to contract labs.", None, "dangerous-goods"),
        ("Buddy for new international nurses.", None, "training-delivery"),
        ("OPITO BOSIET and FOET current.", None, "emergency-response"),
        ("Cut-up, embedding and microtomy.", None, "laboratory-techniques"),
        ("Lentiviral transduction of T cells in our CL2 lab.", None, "biosafety"),
        ("Subculturing plantlets in laminar flow cabinets, making up media.", None, "biosafety-cabinet"),
        ("Subculturing plantlets in laminar flow cabinets, making up media.", None, "media-buffer-preparation"),
        ("Monthly Legionella temperature checks and flushing.", None, "water-testing"),
        # a verb head written out does not read "process control" across a gap
        ("I act on SPC out-of-control signals.", "control-room-operation", "statistical-process-control"),
    ],
)
def test_mechanisms_of_the_twelfth_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


def test_a_decimal_duration_counts_its_whole_years() -> None:
    found = _found("Worked 2.5 years in QC release testing.")
    assert (found["quality-control-testing"].level, found["quality-control-testing"].level_reason) == (
        2,
        "level 2: does it; 2 years",
    )


# --- thirteenth round: more recurring wording, weak labels over eleven sets, people named by what they do -----------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("I weigh out pigments and resins to the batch card.", None, "material-dispensing"),
        ("Handled acids and caustic under permit.", None, "permit-to-work"),
        ("Examine exhibits, extract and quantify DNA on the QIAsymphony.", None, "nucleic-acid-extraction"),
        ("Protein A capture, ion exchange and viral filtration at 200 L scale.", None, "viral-clearance"),
        ("Damage control and firefighting team.", None, "emergency-response"),
        ("Wrote knowledge base articles for common fixes.", None, "technical-writing"),
        ("Process PK samples (centrifuge, aliquot, freeze at -80).", None, "sample-management"),
        # labels measured weak over the eleven dev sets
        ("Keep the medicine records for Red Tractor.", "inspection-readiness", None),
        ("Lead the CI programme for the packing hall.", "continuous-improvement", None),
        # people named by what they do are people to train, assess or supervise; kit with the same ending is not
        ("I train the relief milkers.", None, "training-delivery"),
        ("I supervise two improvers on domestic rewires.", None, "team-leadership"),
        ("Trained on the new freezers.", "training-delivery", None),
    ],
)
def test_mechanisms_of_the_thirteenth_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


# --- fourteenth round: routine checks, stock rotation, visual checks, faults, prompting medication ------------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("Multi-drop deliveries, vehicle walkaround checks every morning.", None, "checklist-compliance"),
        ("Ran the section's FOD and tool control checks.", None, "checklist-compliance"),
        ("Put away the wholesaler deliveries and rotate stock.", None, "inventory-management"),
        ("Assemble and bond catheters, 100% visual check each unit.", None, "line-quality-checks"),
        ("Fault-found on pumps and diesel generators.", None, "troubleshooting"),
        ("Strip down and clean the slicers after production.", None, "equipment-cleaning"),
        ("Present weekly trends to the trading team.", None, "presentation-skills"),
    ],
)
def test_mechanisms_of_the_fourteenth_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


def test_a_carer_who_prompts_medication_is_at_awareness_level_with_the_reason() -> None:
    found = _found("Senior carer since 2012: personal care, meals and prompting medication from blister packs.")
    assert (found["medication-administration"].level, found["medication-administration"].level_reason) == (
        1,
        "level 1: prompting a client to take their own medicines",
    )


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        # a function the writer works beside, waits for or manages as a department is not the function's work
        ("I work closely with QA and QC but I don't do release myself.", "quality-control-testing", None),
        ("Put raw materials into quarantine until QC released them.", "quality-control-testing", None),
        ("Line manage QA and QC heads (42 staff).", "quality-control-testing", None),
        ("Run daily CS&T and bead QC on the Fortessa.", "quality-control-testing", None),
        # the cleanrooms a building-services engineer looks after are not worked in; a contract cleaner's are
        ("Commission BMS controls on AHUs, chillers and cleanroom pressure regimes.", "cleanroom-behaviour", None),
        (
            "Contract cleaner in the client's grade C cleanrooms, gowned to their procedures.",
            None,
            "cleanroom-behaviour",
        ),
        # a process transferred into the GMP suite is where it goes; GMP work named is still GMP
        ("Wrote the tech transfer package for the GMP plant.", "gmp", None),
        ("Four years working to GMP in the fill-finish suite.", None, "gmp"),
        # servicing a vehicle is vehicle maintenance; servicing a wind turbine is planned maintenance
        (
            "Level 3 light vehicle technician: servicing, brakes and tyres.",
            "preventive-maintenance",
            "vehicle-maintenance",
        ),
        ("Wind turbine technician: scheduled servicing of gearboxes and hydraulics.", None, "preventive-maintenance"),
        # an autoclave that cures composites sterilises nothing
        ("Laid up carbon prepreg and ran autoclave cure cycles.", "sterilisation-methods", None),
        ("Run the autoclaves with Bowie-Dick tests every morning.", None, "sterilisation-methods"),
    ],
)
def test_senses_of_the_fourteenth_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


# --- sixteenth round: specialties named as services, production's record review, kitchen fridges ------------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("Clinical Research Nurse (Band 6), Haematology Trials Unit, 2019-present.", "haematology", None),
        ("Band 6 junior sister on a haematology and oncology ward since 2019.", "haematology", None),
        ("Run the in-house haematology and biochemistry analysers.", "haematology", None),
        ("BMS in haematology since 2015: blood films and FBC review.", None, "haematology"),
        ("Review executed batch records before they go to QA.", "batch-review-release", None),
        ("QA officer: review executed batch records and logbooks before release.", None, "batch-review-release"),
        ("Keep the SFBB diary, allergen matrix and fridge temperature logs.", "cold-chain", None),
        ("Pick and pack 2-8 °C vaccines with data loggers for temperature-controlled transport.", None, "cold-chain"),
        # the writer's own supervisor, or a group's possession, is no team the writer leads
        ("Weighing raw materials under the supervisor's check.", "team-leadership", None),
        ("I help my supervisor with OOS investigations.", "team-leadership", None),
        ("Shift supervisor for a team of six on the packing lines.", None, "team-leadership"),
    ],
)
def test_mechanisms_of_the_sixteenth_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


# --- seventeenth round: plants run from the DCS, chemotherapy prepared, mortuary identity, tills, demonstrating ------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("I run the distillation columns from the DCS.", "plc-scada", "control-room-operation"),
        ("Configured and fault-found DCS logic and PLC code for the new reactor.", None, "plc-scada"),
        ("I prepare chemotherapy and TPN in isolators, and do the sessional EM.", None, "aseptic-technique"),
        ("Body release with identity checks against three identifiers.", None, "chain-of-identity-custody"),
        ("Saturday job: tills, filling shelves and checking dates.", None, "customer-service"),
        ("I demonstrate in undergraduate practicals.", None, "teaching"),
        ("Centrifuging and separating whole blood donations.", None, "centrifugation"),
        ("Led a SMED project that cut changeovers by 30%.", None, "lean-manufacturing"),
        ("Prepare export paperwork for EU hospitals.", None, "customs-trade-compliance"),
    ],
)
def test_mechanisms_of_the_seventeenth_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


# --- eighteenth round: years alone do not make a ticket, a certificate or a support skill practitioner-level --------


@pytest.mark.parametrize(
    ("text", "skill", "level"),
    [
        ("Forklift driver since 2012 with a counterbalance licence.", "forklift-operation", 2),
        ("Chef since 2015, HACCP level 3.", "haccp", 2),
        ("Senior chef since 2015: I wrote the site's HACCP plan.", "haccp", 3),
        ("QC analyst since 2015: HPLC assay and related substances.", "hplc", 3),
    ],
)
def test_years_alone_raise_only_the_skills_of_the_work(text: str, skill: str, level: int) -> None:
    found = _found(text)
    assert found[skill].level == level, found[skill].level_reason


def test_a_support_skill_held_for_years_says_why_it_stays_at_working_level() -> None:
    found = _found("Forklift driver since 2012 with a counterbalance licence.")
    assert found["forklift-operation"].level_reason == (
        "level 2: part of the work for 14 years (since 2012), with no lead, training or ownership of it stated"
    )


# --- nineteenth round: labels measured weak over seventeen sets, and grade B ------------------------------------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("Site is BRC accredited; I run the night shift.", "food-safety-standards", None),
        ("I thrive under pressure and stay resilient in stressful situations.", "working-under-pressure", None),
        ("Book apheresis slots with treatment centres.", "atmp-clinical-handling", None),
        ("Induce and monitor anaesthesia for routine ops.", "medication-administration", None),
        ("Gowning qualified for grade B; set up and run the vial filler.", "cleanroom-behaviour", None),
        ("Weigh and dispense in the grade C suite.", None, "cleanroom-behaviour"),
    ],
)
def test_mechanisms_of_the_nineteenth_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


# --- twentieth round: more recurring wording, GC-MS, and the size of a group that is managed -----------------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("BMS engineer, Trend and Siemens Desigo, since 2013.", None, "bms-ems"),
        ("Gas Safe registered engineer, domestic boilers.", None, "facilities-engineering"),
        ("Medical secretary: typing clinic letters from dictation.", None, "office-software"),
        ("Book Cryoport dry shippers for apheresis pick-ups.", None, "cryogenic-shipping"),
        ("Examine seized drugs by GC-MS and FTIR.", None, "mass-spectrometry"),
        ("I hold the independent prescribing qualification.", None, "pharmacology"),
        ("Then 0.2 um filtration with post-use integrity testing.", None, "sterile-filtration"),
        ("Prepare practicals for KS3 to A level: make up solutions and dilutions.", None, "laboratory-techniques"),
        ("Egg inoculation and harvest, virus propagation at containment level 2.", None, "virology"),
        ("Army medic: trauma care, cannulation and IV fluids.", None, "medication-administration"),
        # a team of 22 is led; a department of 40 is managed
        ("Team leader in body-in-white, a team of 22 on a three-shift pattern.", "people-management", None),
        ("Head of a department of 40 technicians and scientists.", None, "people-management"),
    ],
)
def test_mechanisms_of_the_twentieth_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


# --- twenty-first round: weak labels over nineteen sets, pest control, iPSCs, the CSCS green card --------------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("Pest control technician: bait stations, fly killer units and bird proofing.", None, "chemical-handling"),
        ("Derive and maintain iPSC lines in feeder-free culture.", None, "mammalian-cell-culture"),
        ("Right first time on every batch record.", "procedural-discipline", None),
        ("Diary management for two consultants.", "time-management", None),
    ],
)
def test_mechanisms_of_the_twenty_first_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


def test_a_cscs_green_card_is_awareness_of_site_safety() -> None:
    found = _found("Labourer on building sites since 2015. CSCS green card.")
    assert (found["health-safety-workplace"].level, found["health-safety-workplace"].level_reason) == (
        1,
        "level 1: a site safety awareness card",
    )


# --- twenty-second round: more recurring wording, a shift as time or as other people's, years alone in training ------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("Veterinary nurse: take bloods and run them on the IDEXX analysers.", None, "laboratory-equipment"),
        (
            "Band 6 radiographer; I run the daily QA phantom scans on the CT scanner.",
            None,
            "laboratory-equipment-maintenance",
        ),
        ("Senior embryologist since 2012: ICSI and embryo culture.", None, "microscopy"),
        ("Head of Science: I lead a department of nine teachers.", None, "people-management"),
        ("I own a salon and employ four stylists.", None, "people-management"),
        ("Track worker with a COSS ticket since 2018.", None, "permit-to-work"),
        ("Postdoc, three papers as first author.", None, "scientific-writing"),
        ("Crew Commander at a two-pump station since 2016.", None, "team-leadership"),
        ("Signalling maintenance technician: track circuits and point machines.", None, "electrical-maintenance"),
        ("I assess and treat patients on scene.", None, "patient-monitoring"),
        ("ICU nurse: I manage central lines and arterial lines.", None, "clinical-aseptic-technique"),
        ("Developer in two-week sprints with a Scrum team.", None, "project-methodologies"),
        # a shift as the time a task is done in, other people's shifts, a team spread over a site's shifts
        ("Senior baker on shift, I check the provers and the ovens.", "shift-working", None),
        ("I review the batch records at end of shift.", "shift-working", None),
        ("I buddy new carers on their first shifts.", "shift-working", None),
        ("Production manager for 30 operators across two shifts.", "shift-working", None),
        ("Happy to do any shifts.", "shift-working", None),
        ("Twelve-hour night shifts on a rotating pattern.", None, "shift-working"),
    ],
)
def test_mechanisms_of_the_twenty_second_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


@pytest.mark.parametrize(
    ("text", "skill", "level"),
    [
        # years alone: training others, a dangerous-goods ticket, media fills
        ("Care assistant since 2012; I train new starters in moving and handling.", "training-delivery", 2),
        ("Warehouse operative since 2014, IATA DGR trained.", "dangerous-goods", 2),
        ("Filling operator since 2015; I take part in the media fills.", "aseptic-process-simulation", 2),
        # a trainer's title still makes training practitioner-level
        ("Training officer since 2014: I train new starters in moving and handling.", "training-delivery", 3),
    ],
)
def test_years_alone_do_not_make_training_others_practitioner_level(text: str, skill: str, level: int) -> None:
    found = _found(text)
    assert found[skill].level == level, found[skill].level_reason


def test_training_others_for_years_says_what_would_make_it_practitioner_level() -> None:
    found = _found("Care assistant since 2012; I train new starters in moving and handling.")
    assert found["training-delivery"].level_reason == (
        "level 2: part of the work for 14 years (since 2012), with no trainer's post, course or senior role stated"
    )


# --- twenty-third round: supervisors of trainees, samples for a micro lab, more recurring wording ---------------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        # a supervisor of trainees or registrants coaches them and leads no team
        ("Clinical supervisor for two trainee audiologists.", "team-leadership", "coaching-mentoring"),
        ("I act as designated supervisor for our foundation pharmacists.", "team-leadership", "coaching-mentoring"),
        ("Bar supervisor, four years, running the bar on busy nights.", None, "team-leadership"),
        # samples taken for a micro lab, and a micro lab among places audited, are no microbiology done
        ("Fully gowned in grade B, I take samples for microbiology at each stage.", "microbiology", None),
        ("Internal auditor: audited the stores and micro lab.", "microbiology", None),
        ("Plate urines and wound swabs and read the cultures.", None, "microbiology"),
        ("Prison officer at a category B local since 2017.", "dangerous-goods", None),
        ("Formulation technician at an mRNA vaccine pilot plant.", "scale-up", None),
        ("Pharmacy assistant: sell over-the-counter medicines using the WWHAM questions.", None, "customer-service"),
        ("Daily sampling for cell counts and metabolites from the bioreactors.", None, "in-process-sampling"),
        ("Transfusion practitioner: I report incidents to SABRE and SHOT.", None, "incident-reporting"),
        ("Seed analyst: germination and purity tests to ISTA rules.", None, "perform-laboratory-tests"),
    ],
)
def test_mechanisms_of_the_twenty_third_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


# --- twenty-fourth round: the business functions worked with, a team led for years, more recurring wording ------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("HR adviser: I worked closely with HR and legal on tribunal cases.", None, "cross-team-cooperation"),
        ("Pricing analyst working with the actuarial team.", None, "cross-team-cooperation"),
        ("Engineer officer: overhauled the fuel purifiers and main engine pumps.", None, "mechanical-maintenance"),
        ("Veterinary nurse: anaesthetic monitoring and recovery.", None, "patient-monitoring"),
        ("Renal technician: service and repair the dialysis machines.", None, "preventive-maintenance"),
        ("Printer on a six-colour litho press for 14 years.", None, "production-line-operation"),
        ("Regulatory CMC lead at scientific advice meetings with the MHRA.", None, "stakeholder-management"),
        ("HR business partner: two TUPE transfers and a restructure.", None, "change-management"),
        ("CAR-T manufacturing on the CliniMACS Prodigy in grade B.", None, "t-cell-activation-expansion"),
    ],
)
def test_mechanisms_of_the_twenty_fourth_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


@pytest.mark.parametrize(
    ("text", "level"),
    [
        # a shift or a team led for ten years is practitioner-level team leadership; a large group is expert-level
        ("Process technician since 2012; I lead a shift of eight operators.", 3),
        ("Operations manager since 2012, leading a team of 60 across the site.", 4),
    ],
)
def test_a_team_led_for_years_is_expert_level_only_when_large(text: str, level: int) -> None:
    found = _found(text)
    assert found["team-leadership"].level == level, found["team-leadership"].level_reason


# --- twenty-fifth round: a degree's or a sector's name, "honest", and more recurring wording ------------------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("Recent graduate (BSc Biomedical Science, 2025) working in retail.", "biomedical-science", None),
        ("I have always been fascinated by cell and gene therapy.", "atmp-knowledge", None),
        ("Hard-working, honest and reliable window cleaner.", "integrity", None),
        ("Fish farm technician: I run the biofilters and the oxygen dosing.", None, "water-treatment"),
        ("I write the monthly EM trend reports for QA.", None, "technical-writing"),
        ("Aircraft technician working strictly to the maintenance manual.", None, "procedural-discipline"),
        # a calibration lab's uncertainty budgets are measurement, not money managed
        (
            "Calibration technician: I write uncertainty budgets for pressure and temperature.",
            "budget-management",
            "metrology",
        ),
        ("Health physicist: gamma spectrometry of effluent samples.", None, "perform-laboratory-tests"),
    ],
)
def test_mechanisms_of_the_twenty_fifth_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


# --- twenty-sixth round: words the curated labels lack, and shifts others work ------------------------------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("Lentivirus concentrated by ultracentrifugation.", None, "centrifugation"),
        ("I extract RNA from patient samples for sequencing.", None, "nucleic-acid-extraction"),
        ("Transduced primary T cells with our CAR constructs.", None, "viral-transduction"),
        ("Sorted CD8 T cells with magnetic beads.", None, "magnetic-cell-selection"),
        ("Wound care and post-op observations on a surgical ward.", None, "patient-monitoring"),
        ("Gas testing for hot work on the platform.", None, "permit-to-work"),
        ("Decontaminate scopes in the endoscope washer.", None, "infection-prevention-control"),
        ("Topping up formalin pots under the LEV.", None, "chemical-handling"),
        ("I book specimens in on the LIMS.", None, "sample-management"),
        # the shift as the time a task is done in, and new starters' shifts
        ("I keep my nursing notes up to date through the shift.", "shift-working", None),
        ("I run the new starters' shadow shifts.", "shift-working", None),
    ],
)
def test_mechanisms_of_the_twenty_sixth_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


# --- twenty-seventh round: a clause after "but", claims of attention to detail, train drivers, more wording ----------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        # a verb-led label does not reach across "but" into another clause
        ("I need to improve my English writing but I can read all the procedures.", "sop-writing", None),
        ("I wrote the procedures for the new line.", None, "sop-writing"),
        ("I'm a people person with a great eye for detail.", "attention-to-detail", None),
        ("Analytical and detail-oriented.", "attention-to-detail", None),
        ("Train driver, Midshire Railways, 2017-2026.", "training-delivery", None),
        ("I train new drivers on the depot's routes.", None, "training-delivery"),
        ("Class 1 driver on refrigerated trailers; I watch the reefer set points.", None, "cold-chain"),
        ("Paramedic: I complete the ePCR for every patient.", None, "clinical-record-keeping"),
        ("Sterile services technician: wash, inspect and pack surgical instruments.", None, "equipment-cleaning"),
        ("Accredited checking technician in a hospital dispensary.", None, "medicines-dispensing"),
        ("I keep as-found and as-left records for every transmitter I calibrate.", None, "metrology"),
        ("Section 2IC on two tours.", None, "team-leadership"),
        ("ICP-MS for trace metals in effluent.", None, "analytical-chemistry"),
    ],
)
def test_mechanisms_of_the_twenty_seventh_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


# --- twenty-eighth round: labels measured weak over twenty-seven sets, a brewery's cross-flow filter, more wording -----


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("Senior carer: medication, care logs and handovers.", None, "clinical-record-keeping"),
        ("Optical assistant: frame fitting and adjustments, and repairs.", None, "customer-service"),
        ("Fabricator: I cut and weld to spec and check against drawings.", None, "engineering-drawings"),
        ("Line operator: hourly metal detector tests with the test pieces.", None, "line-quality-checks"),
        ("Community pharmacist: clinical checks on every prescription.", None, "medicines-dispensing"),
        ("Train driver: I drive to the rule book and the route knowledge.", None, "procedural-discipline"),
        (
            "Environmental health officer: I inspect food businesses against the food hygiene law.",
            None,
            "quality-audits",
        ),
        ("Lead operator since 2019: I train and sign off new operators.", None, "training-delivery"),
        # a brewery names its cross-flow filter by what it feeds
        ("Brewer: run the cross-flow filter before packaging.", "tangential-flow-filtration", "beverage-filtration"),
        ("DSP technician: TFF for concentration and buffer exchange.", None, "tangential-flow-filtration"),
        ("Security officer: alarm response and call-outs for the business park.", "temperature-excursions", None),
        ("Six publications in peer-reviewed journals.", "scientific-writing", None),
    ],
)
def test_mechanisms_of_the_twenty_eighth_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


# --- twenty-ninth round: labels measured weak over twenty-nine sets, more wording, FDA inspections -------------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("Calm under pressure and a good team player.", "working-under-pressure", None),
        ("IT helpdesk analyst: password resets and laptop builds.", "customer-service", None),
        ("Batches wait in quarantine for QA release.", "batch-review-release", None),
        ("Ward nurse: e-obs every four hours and escalation.", None, "clinical-record-keeping"),
        ("Postdoc: 18-colour panels on a Fortessa.", None, "flow-cytometry"),
        ("I run the lab's proficiency testing returns.", None, "lab-accreditation-iso15189"),
        ("Imaging core technician: confocal and light-sheet microscopes.", None, "microscopy"),
        ("Blister line operator on a tablets site.", None, "packaging-labelling"),
        ("Head of Quality: I lead MHRA and FDA inspections as the site's host.", None, "gmp"),
    ],
)
def test_mechanisms_of_the_twenty_ninth_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


# --- thirtieth round: more weak labels and recurring wording ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("Transport planner: I plan daily routes for 40 HGVs.", "production-scheduling", None),
        ("Trading standards officer for a county council.", "food-legislation", None),
        ("Bar staff: pulled pints, served food, checked IDs.", None, "customer-service"),
        ("Electrical apprentice: first and second fix on housing sites.", None, "electrical-maintenance"),
        ("Line operator: check fill heights and cap torques every hour.", None, "line-quality-checks"),
        ("Wafer fab technician gowning into ISO 5 bays every shift.", None, "cleanroom-behaviour"),
        ("Bus driver: pre-departure checks on every vehicle.", None, "checklist-compliance"),
        ("Assemble and bond catheters under magnification.", None, "manual-dexterity"),
        ("Hygiene operative: foam and rinse cleaning of the production hall.", None, "equipment-cleaning"),
    ],
)
def test_mechanisms_of_the_thirtieth_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


# --- thirty-first round: recurring wording, a solvent recovery plant, plant tissue culture ------------------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("Production operator: I fill in the batch card as I go.", None, "batch-record-documentation"),
        ("Scheduler: I book apheresis slots with treatment centres.", None, "stakeholder-management"),
        ("Firefighter: I attend road traffic collisions and chemical incidents.", None, "chemical-handling"),
        ("Brewer: I run the mash tun and the copper.", None, "fermentation"),
        ("BMS: I run full blood counts on the Sysmex XN.", None, "laboratory-equipment"),
        ("PhD student: I demonstrate in undergraduate practicals.", None, "teaching"),
        ("Cabin crew: I handle difficult passengers calmly.", None, "customer-service"),
        ("Aseptic filling operator on a vial line, 2021-present.", None, "aseptic-technique"),
        ("Theatre coordinator: I work with HSDU on instrument trays.", None, "cross-team-cooperation"),
        ("Prep room technician: I autoclave plates and dispose of cultures safely.", None, "hazardous-waste"),
        ("I host the MHRA inspectors and close out their findings.", None, "inspection-readiness"),
        ("Courier: I pack the samples into cool boxes with ice packs.", None, "cold-chain"),
        ("Goods-in: temperature excursions escalated to the RP.", None, "good-distribution-practice"),
        ("Food micro technician: TVC and yeast and mould counts on finished product.", None, "bioburden-testing"),
        ("Lab assistant: I wash glassware and restock the benches.", None, "laboratory-equipment-maintenance"),
        # a solvent recovery plant is a workplace; solvents handled still count
        ("Process operator on a solvent recovery plant since 2014.", "chemical-handling", None),
        ("I manage the solvent store and handle solvents in fume cupboards.", None, "chemical-handling"),
        ("Plant tissue culture technician at a micropropagation nursery.", "mammalian-cell-culture", None),
        ("Shop supervisor: I check the chiller temperatures twice a day.", "facilities-engineering", None),
    ],
)
def test_mechanisms_of_the_thirty_first_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


# --- thirty-second round: recurring wording, a night shift led, a patient who presented ---------------------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("QC microbiologist: I test TPN and CIVAS products for sterility.", None, "sterility-testing"),
        ("Leisure centre: pool plant checks, chlorine and pH every two hours.", None, "water-testing"),
        ("Senior carer: I lead the night shift of four carers.", None, "team-leadership"),
        ("Senior carer: I lead the night shift of four carers.", None, "shift-working"),
        ("Planned the KPIs and presented them to the board every month.", None, "presentation-skills"),
        ("A&E nurse: triaged patients who presented with chest pain.", "presentation-skills", None),
        ("Food micro technician: micro plating of swabs and product.", None, "food-microbiology"),
        ("Optometrist in a high-street practice, 2016-2026.", None, "communicate-in-healthcare"),
        ("HVAC engineer: chilled water and LTHW systems on hospital sites.", None, "facilities-engineering"),
        ("Medic: I kept the drug stock and the controlled drugs register.", None, "inventory-management"),
        ("BMS: I run the daily QC on the analysers before patient samples.", None, "laboratory-equipment"),
        ("Pharmacy technician: receipt and thaw of CAR-T products.", None, "atmp-clinical-handling"),
        ("Process operator: I take in-process samples for the lab.", None, "in-process-sampling"),
        ("I compound chemotherapy in negative-pressure isolators.", None, "isolator-rabs"),
        ("Warehouse team leader, pharmaceutical wholesaler, 2018-2026.", None, "warehouse-operations"),
        ("I book apheresis slots with treatment centres.", None, "medicinal-product-logistics"),
        ("Estates fitter: HEPA changes in the pharmacy aseptic suite.", "pharmacy-aseptic-compounding", None),
        ("Gown up in coverall, hood and overshoes.", "ppe", None),
    ],
)
def test_mechanisms_of_the_thirty_second_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


# --- thirty-third round: recurring wording and labels that were never right ---------------------------------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("Cabin crew: safety demonstrations and disruptive passengers.", None, "customer-service"),
        ("Winery lab: sugar, acidity and SO2 on every tank.", None, "analytical-chemistry"),
        ("Medical secretary: I keep patient information confidential.", None, "data-protection"),
        ("Science teacher: I wrote the KS4 schemes of work.", None, "e-learning-design"),
        ("Carton line: check every job against the approved artwork.", None, "line-quality-checks"),
        ("Expanded T cells in flasks and WAVE bags.", None, "mammalian-cell-culture"),
        ("Forensic scientist: DNA extraction and STR profiling.", None, "pcr-qpcr"),
        ("Radiopharmacy technician: I make up technetium kits in the isolator.", None, "pharmacy-aseptic-compounding"),
        ("Trial coordinator: I process samples and ship them to central labs.", None, "sample-management"),
        ("Boiler house: I test the condensate and the silica daily.", None, "water-testing"),
        ("Lead operator on the filling line since 2019.", None, "team-leadership"),
        ("Ward manager: I do the staff rotas and appraisals.", None, "people-management"),
        ("I am a second-person reviewer for the lab's results.", None, "analyse-lab-data"),
        ("Security officer on a 24/7 rota.", None, "shift-working"),
        ("Multi-skilled maintenance technician (mechanical bias).", None, "mechanical-maintenance"),
        ("Happy to work any shifts.", "shift-working", None),
        ("Porter: I run samples and units to the blood bank.", "blood-transfusion-science", None),
        ("Process operator at a refinery since 2015.", "chemical-process-operations", None),
    ],
)
def test_mechanisms_of_the_thirty_third_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


# --- thirty-fourth round: recurring wording and labels that were never right --------------------------------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("Histology MLA: I cut sections on the microtome.", None, "laboratory-techniques"),
        ("Composites technician: I lay up carbon fibre prepreg by hand.", None, "manual-dexterity"),
        ("Picker at a grocery distribution centre, 2021-2026.", None, "warehouse-operations"),
        ("I sign the traveller at each assembly step.", None, "batch-record-documentation"),
        ("Wastewater operator: I run the activated sludge plant.", None, "water-treatment"),
        ("Soft drinks: I batch syrups to recipe.", None, "material-dispensing"),
        ("Events supervisor: I brief and lead casual staff on the day.", None, "team-leadership"),
        ("I wrote how-to guides for the new LIMS.", None, "technical-writing"),
        ("Dispensing assistant in a community pharmacy.", None, "medicines-dispensing"),
        ("Farm manager: I manage three stockpeople.", None, "people-management"),
        ("Electrician: lock-off and prove dead before every job.", None, "permit-to-work"),
        ("I calibrate gauges against masters with traceable certificates.", None, "metrology"),
        ("Mortuary technician: release to funeral directors with ID checks.", None, "chain-of-identity-custody"),
        ("I handle peroxide and caustic for the CIP.", None, "chemical-handling"),
        ("BMS: I stain and report blood films.", None, "microscopy"),
        ("SMT operator: AOI and rework to IPC-A-610.", None, "line-quality-checks"),
        ("Band 6 BMS in blood sciences since 2019.", None, "biomedical-science"),
        ("I record all work on the fleet system.", None, "cmms"),
        ("I validated new assays before they went live.", None, "analytical-method-validation"),
        ("Prison officer: I write use-of-force reports.", None, "incident-reporting"),
        ("Joiner: I build staircases from drawings.", None, "engineering-drawings"),
        ("Trial coordinator: I keep the trial master file audit-ready.", None, "document-control"),
        ("Phlebotomist: children and people with difficult veins.", None, "communicate-in-healthcare"),
        ("Garments are bagged and sent off for gamma irradiation.", "sterilisation-methods", None),
        ("Reliability and punctuality are my strengths.", "reliability", None),
        ("I subculture plantlets in laminar flow cabinets.", "mammalian-cell-culture", None),
    ],
)
def test_mechanisms_of_the_thirty_fourth_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


# --- thirty-fifth round: recurring wording and labels that were never right ---------------------------------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("BMS: I run the Roche cobas line and its daily IQC.", None, "laboratory-equipment"),
        ("Fire alarm tests and emergency lighting checks every week.", None, "facilities-engineering"),
        ("USP scientist: CHO fed-batch processes at 2 L and 50 L.", None, "mammalian-cell-culture"),
        ("Armourer: I issue and account for weapons and ammunition.", None, "dangerous-goods"),
        ("Upholsterer: cutting and sewing to pattern.", None, "manual-dexterity"),
        ("Storekeeper in the bonded store, 2019-2026.", None, "warehouse-operations"),
        ("Water company sampler: drinking water samples from customer taps.", None, "water-testing"),
        ("I run the multi-effect still for WFI.", None, "water-treatment"),
        ("Paint plant: I charge the dispersers to the batch sheet.", None, "material-dispensing"),
        ("Postdoc: I published three papers on T-cell exhaustion.", None, "scientific-writing"),
        ("I supervise the car park attendants on each shift.", None, "team-leadership"),
        ("Plant tissue culture: I make up MS media for the lab.", None, "media-buffer-preparation"),
        ("Key holder for the store since 2015.", None, "reliability"),
        ("Courier: I report any excursion to the controller.", None, "temperature-excursions"),
        ("Four technicians report to me.", None, "people-management"),
        ("Sports scientist: VO2 max and lactate threshold tests.", None, "perform-laboratory-tests"),
        ("Bioinformatician: RNA-seq pipelines in Nextflow.", None, "ngs-sequencing"),
        ("Goods-in: I check every box against the paperwork.", None, "chain-of-identity-custody"),
        ("Process operator: reactors and distillation columns.", None, "chemical-process-operations"),
        ("BMS in cytology, screening cervical samples.", None, "microscopy"),
        ("Line operator: I set up the camera inspection on the labeller.", None, "line-quality-checks"),
        ("RAF survival equipment fitter: I pack parachutes.", None, "aircraft-maintenance"),
        ("Electrician: portable appliance and electrical safety testing.", None, "electrical-maintenance"),
        ("999 call handler: I talk callers through CPR.", None, "emergency-response"),
        ("I phenotype the cells by flow at each passage.", None, "flow-cytometry"),
        ("Operator on an autologous CAR-T programme, grade B.", None, "gmp-for-atmps"),
        ("Thorough and hard-working.", "attention-to-detail", None),
        ("Support worker: I support people with learning disabilities.", "coaching-mentoring", None),
        ("I keep my CPD up to date.", "continuous-learning", None),
    ],
)
def test_mechanisms_of_the_thirty_fifth_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


# --- thirty-sixth round: recurring wording and labels that were never right ---------------------------------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("Histology MLA: I load the stainers and coverslippers.", None, "laboratory-equipment"),
        ("Electronics assembler: I solder through-hole and SMD parts.", None, "manual-dexterity"),
        ("QA: I review device history records before release.", None, "batch-review-release"),
        ("Wastewater lab: BOD, ammonia and suspended solids.", None, "water-testing"),
        ("Haematology nurse: I monitor CAR-T patients for CRS and ICANS.", None, "patient-monitoring"),
        ("Regulatory scientist: I drafted answers to EMA questions.", None, "technical-writing"),
        ("Dairy lab: fat and protein on every tanker.", None, "perform-laboratory-tests"),
        ("Materials technician: concrete cube crushing and slump tests.", None, "perform-laboratory-tests"),
        ("Quarry operative: I run the crushing plant and the screens.", "perform-laboratory-tests", None),
        ("Calibration technician: I calculate measurement uncertainty.", None, "metrology"),
        ("Phlebotomist: I check the patient's ID against the request form.", None, "chain-of-identity-custody"),
        ("Chemical operator: I decant from IBCs in the bund.", None, "chemical-handling"),
        ("Micro technician: I maintain the control strains.", None, "microbiology-lab-qc"),
        ("Canning line: hourly seam checks and teardowns.", None, "line-quality-checks"),
        ("I work in an ISO 7 cleanroom on device assembly.", None, "cleanroom-behaviour"),
        ("HV engineer: 11 kV switching under the site rules.", None, "electrical-maintenance"),
        ("I answer BMS alarms out of hours.", None, "bms-ems"),
        ("Fermentation technician: I take samples for OD every two hours.", None, "in-process-sampling"),
        ("Embryologist: I prepared the lab for its HFEA inspection.", None, "inspection-readiness"),
        ("Radiographer: I explain procedures to anxious patients.", None, "communicate-in-healthcare"),
        ("Food technical: I prepared the site for the BRC audit.", None, "food-safety-standards"),
        ("Sales executive for a contract lab testing cosmetics.", "perform-laboratory-tests", None),
        ("I look after the ultra-low freezers.", "cold-chain", None),
        ("Results reviewed in Empower.", "hplc", None),
    ],
)
def test_mechanisms_of_the_thirty_sixth_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


# --- thirty-seventh round: recurring wording, blast freezers, plant growth rooms --------------------------------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("Lab assistant: I load the glasswasher and autoclave.", None, "laboratory-equipment-maintenance"),
        ("Apheresis nurse: I watch donors for citrate toxicity.", None, "patient-monitoring"),
        ("Clinical scientist: I report germline variants.", None, "genetics"),
        ("Coffee roaster: daily cupping of every roast.", None, "sensory-evaluation"),
        ("Materials lab: tensile and Charpy tests on weld coupons.", None, "perform-laboratory-tests"),
        ("Bus driver: daily defect check before leaving the depot.", None, "checklist-compliance"),
        ("mRNA purification by oligo-dT capture.", None, "chromatography"),
        ("Bioinformatician: demultiplexing and QC of sequencing runs.", None, "bioinformatics"),
        ("I gown into the grade C suite each morning.", None, "cleanroom-gowning"),
        ("Tissue typing BMS: HLA typing by NGS.", None, "immunology"),
        ("Wind turbine technician: work at height and rescue trained.", None, "emergency-response"),
        ("Kitchen porter: I load the blast freezer and log the temperatures.", "bioinformatics", None),
        ("Plant scientist: I grow plants in controlled-environment rooms.", "cleanroom-behaviour", None),
        ("Support worker: I help with budgeting and shopping.", "budget-management", None),
        ("BLAST searches of our assembled contigs.", None, "bioinformatics"),
    ],
)
def test_mechanisms_of_the_thirty_seventh_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


# --- thirty-eighth round: recurring wording, cleanroom garments handled in a laundry ----------------------------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("BMS: I run the internal QC on the chemistry analysers.", None, "laboratory-equipment"),
        ("Lab technician: I service the CO2 incubators and log them.", None, "laboratory-equipment-maintenance"),
        ("Porter: I move medical gases around the hospital.", None, "gas-cylinder-safety"),
        ("Pharmacy QA: I release unlicensed products made in the unit.", None, "batch-review-release"),
        ("Sewage works operator: I sample the final effluent.", None, "water-testing"),
        ("Infusion nurse: I watch patients for reactions during the infusion.", None, "patient-monitoring"),
        ("MSAT: I transferred the process to the CMO.", None, "technology-transfer"),
        ("Media prep: I pour agar media for the micro lab.", None, "media-buffer-preparation"),
        ("Pharmacy assistant: labelling and assembling prescriptions.", None, "medicines-dispensing"),
        ("Master technician at a main dealer, 2012-2026.", None, "vehicle-maintenance"),
        ("Warehouse: I download and check the temperature data on every load.", None, "temperature-excursions"),
        ("Research nurse: I take PK bloods on study days.", None, "venepuncture"),
        ("Cleaner: I deal with chemical spills using the kit.", None, "chemical-handling"),
        ("Process operator: charging reactors and running the stills.", None, "chemical-process-operations"),
        ("Viral vector USP on iCELLis bioreactors.", None, "bioreactor-operation"),
        ("Laundry operative: I fold and bag cleanroom garments.", "cleanroom-gowning", None),
    ],
)
def test_mechanisms_of_the_thirty_eighth_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)


# --- thirty-ninth round: recurring wording ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "absent", "present"),
    [
        ("Critical care nurse: I run blood gases on the unit analyser.", None, "laboratory-equipment"),
        ("Line operator on the filler and labeller.", None, "packaging-labelling"),
        ("Phlebotomist: I check ID against the request and label at the chair.", None, "sample-management"),
        ("Site joiner, Joiner NVQ Level 3.", None, "manual-dexterity"),
        ("Water sampler: potable water from service reservoirs.", None, "water-testing"),
        ("Validation engineer: I wrote the URS for the new filler.", None, "technical-writing"),
        ("Pharmacy technician: dispensing from the robot and the CD cupboard.", None, "medicines-dispensing"),
        ("Midwife: booking and antenatal bloods.", None, "venepuncture"),
        ("Genetic technologist: testing for inherited cardiac conditions.", None, "genetics"),
        ("Distillery lab: ABV on the Anton Paar.", None, "perform-laboratory-tests"),
        ("Electrician: EICRs and handover certificates.", None, "checklist-compliance"),
        ("Offshore operator: separation, compression and water injection.", None, "chemical-process-operations"),
        ("Engineer on the out-of-hours rota.", None, "shift-working"),
        ("Jeweller: stone setting and inspection under magnification.", None, "line-quality-checks"),
        ("HCA: fluid charting and obs.", None, "clinical-record-keeping"),
        ("Bakery: sesame and nut controls on the line.", None, "allergen-management"),
        ("Gas engineer: I make safe after leaks.", None, "emergency-response"),
    ],
)
def test_mechanisms_of_the_thirty_ninth_round(text: str, absent: str | None, present: str | None) -> None:
    _reads(text, absent=absent, present=present)
