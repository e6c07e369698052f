"""`make eval`: the Career Converter and the CV reader measured on labels written before tuning.

Run: .venv/bin/python -m tests.eval.run_eval   (builds a scratch SQLite database with the curated dataset and
the ESCO export shipped in data/esco, or $ESCO_DIR; takes about a minute)

Every figure is printed for the dev part (which may be tuned on) and the test part (which never is), beside a
naive baseline computed in the same run. See docs/EVALUATION.md for how the labels were made.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from io import StringIO
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
# $EVAL_DB keeps the database between runs (set up once), for quick iterations on the dev part.
DB = Path(os.environ.get("EVAL_DB") or Path(tempfile.mkdtemp(prefix="skillsnet-eval-")) / "eval.sqlite3")
os.environ["DATABASE_URL"] = f"sqlite:///{DB}"
os.environ["SKILLSNET_ENV"] = "test"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skillsnet.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from .cv_dev import WHOLE_DEV_SETS  # noqa: E402
from .metrics import TopThree, accepted_levels, judge, overlap_ranking, rates, split_of  # noqa: E402

EVAL = Path(__file__).resolve().parent
# While tuning, EVAL_PARTS=dev prints the dev part only, so the test part stays unseen until the report.
PARTS = tuple(os.environ.get("EVAL_PARTS", "dev,dev3,test,holdout").split(","))
# A second test part for the Converter, labelled after the first test part had been reported several times:
# jobs drawn at random from all of ESCO, never tuned on and never read while changing the matcher.
HOLDOUT = "holdout"
# A second dev part drawn the same way (at random from ESCO), labelled after the holdout's first run.
DEV3 = "dev3"
DEV2 = "dev2, written after the first tuning round, all dev"
CV_SECOND_FILES = ("agreement/cv_second.yaml", "agreement/cv_second_b.yaml")
# A third labelling of every CV test paragraph, by a sixth labeller who saw only the texts, the rules and the skills.
CV_THIRD_FILE = "agreement/cv_third.yaml"
# The CV reader's dev-only sets beyond the first file's dev half: part name -> file under cvs/.
CV_DEV_SETS = {
    DEV2: "paragraphs_dev2.yaml",
    "cv-dev3, written blind after the fourth round, all dev": "paragraphs_dev3.yaml",
    "cv-dev4, written blind after the fifth round, all dev": "paragraphs_dev4.yaml",
    "cv-dev5, written blind during the sixth round, all dev": "paragraphs_dev5.yaml",
    "cv-dev6, written blind during the seventh round, all dev": "paragraphs_dev6.yaml",
    "cv-dev7, written blind during the eighth round, all dev": "paragraphs_dev7.yaml",
    "cv-dev8, written blind during the ninth round, all dev": "paragraphs_dev8.yaml",
    "cv-dev9, written blind during the tenth round, all dev": "paragraphs_dev9.yaml",
    "cv-dev10, written blind during the eleventh round, all dev": "paragraphs_dev10.yaml",
    "cv-dev11, written blind during the eleventh and twelfth rounds, all dev": "paragraphs_dev11.yaml",
    "cv-dev12, written blind during the twelfth and thirteenth rounds, all dev": "paragraphs_dev12.yaml",
    "cv-dev13, written blind during the thirteenth and fourteenth rounds, all dev": "paragraphs_dev13.yaml",
    "cv-dev14, written blind during the fourteenth and fifteenth rounds, all dev": "paragraphs_dev14.yaml",
    "cv-dev15, written blind during the fifteenth and sixteenth rounds, all dev": "paragraphs_dev15.yaml",
    "cv-dev16, written blind during the sixteenth and seventeenth rounds, all dev": "paragraphs_dev16.yaml",
    "cv-dev17, written blind during the seventeenth and eighteenth rounds, all dev": "paragraphs_dev17.yaml",
    "cv-dev18, written blind during the eighteenth and nineteenth rounds, all dev": "paragraphs_dev18.yaml",
    "cv-dev19, written blind during the twentieth round, all dev": "paragraphs_dev19.yaml",
    "cv-dev20, written blind during the twenty-first round, all dev": "paragraphs_dev20.yaml",
    "cv-dev21, written blind during the twenty-second round, all dev": "paragraphs_dev21.yaml",
    "cv-dev22, written blind during the twenty-second and twenty-third rounds, all dev": "paragraphs_dev22.yaml",
    "cv-dev23, written blind during the twenty-second to twenty-fifth rounds, all dev": "paragraphs_dev23.yaml",
    "cv-dev24, written blind during the twenty-fourth to twenty-sixth rounds, all dev": "paragraphs_dev24.yaml",
    "cv-dev25, written blind during the twenty-fourth to twenty-sixth rounds, all dev": "paragraphs_dev25.yaml",
    "cv-dev26, written blind during the twenty-sixth and twenty-seventh rounds, all dev": "paragraphs_dev26.yaml",
    "cv-dev27, written blind during the twenty-sixth and twenty-seventh rounds, all dev": "paragraphs_dev27.yaml",
    "cv-dev28, written blind during the twenty-eighth round, all dev": "paragraphs_dev28.yaml",
    "cv-dev29, written blind during the twenty-eighth round, all dev": "paragraphs_dev29.yaml",
    "cv-dev30, written blind during the twenty-ninth round, all dev": "paragraphs_dev30.yaml",
    "cv-dev31, written blind during the twenty-ninth round, all dev": "paragraphs_dev31.yaml",
    "cv-dev32, written blind during the thirtieth round, all dev": "paragraphs_dev32.yaml",
    "cv-dev33, written blind during the thirtieth round, all dev": "paragraphs_dev33.yaml",
    "cv-dev34, written blind during the thirty-first round, all dev": "paragraphs_dev34.yaml",
    "cv-dev35, written blind during the thirty-first round, all dev": "paragraphs_dev35.yaml",
    "cv-dev36, written blind during the thirty-first and thirty-second rounds, all dev": "paragraphs_dev36.yaml",
    "cv-dev37, written blind during the thirty-first and thirty-second rounds, all dev": "paragraphs_dev37.yaml",
    "cv-dev38, written blind during the thirty-first to thirty-third rounds, all dev": "paragraphs_dev38.yaml",
    "cv-dev39, written blind during the thirty-first to thirty-third rounds, all dev": "paragraphs_dev39.yaml",
    "cv-dev40, written blind during the thirty-first to thirty-third rounds, all dev": "paragraphs_dev40.yaml",
    "cv-dev41, written blind during the thirty-first to thirty-third rounds, all dev": "paragraphs_dev41.yaml",
    "cv-dev42, written blind during the thirty-first to thirty-fourth rounds, all dev": "paragraphs_dev42.yaml",
    "cv-dev43, written blind during the thirty-first to thirty-fourth rounds, all dev": "paragraphs_dev43.yaml",
    "cv-dev44, written blind during the thirty-first to thirty-fourth rounds, all dev": "paragraphs_dev44.yaml",
    "cv-dev45, written blind during the thirty-first to thirty-fourth rounds, all dev": "paragraphs_dev45.yaml",
    "cv-dev46, written blind during the thirty-first to thirty-fifth rounds, all dev": "paragraphs_dev46.yaml",
    "cv-dev47, written blind during the thirty-first to thirty-fifth rounds, all dev": "paragraphs_dev47.yaml",
    "cv-dev48, written blind during the thirty-first to thirty-fifth rounds, all dev": "paragraphs_dev48.yaml",
    "cv-dev49, written blind during the thirty-first to thirty-sixth rounds, all dev": "paragraphs_dev49.yaml",
    "cv-dev50, written blind during the thirty-first to thirty-sixth rounds, all dev": "paragraphs_dev50.yaml",
    "cv-dev51, written blind during the thirty-first to thirty-sixth rounds, all dev": "paragraphs_dev51.yaml",
    "cv-dev52, written blind during the thirty-first to thirty-sixth rounds, all dev": "paragraphs_dev52.yaml",
    "cv-dev53, written blind during the thirty-first to thirty-seventh rounds, all dev": "paragraphs_dev53.yaml",
    "cv-dev54, written blind during the thirty-first to thirty-seventh rounds, all dev": "paragraphs_dev54.yaml",
    "cv-dev55, written blind during the thirty-first to thirty-seventh rounds, all dev": "paragraphs_dev55.yaml",
    "cv-dev56, written blind during the thirty-first to thirty-seventh rounds, all dev": "paragraphs_dev56.yaml",
    "cv-dev57, written blind during the thirty-first to thirty-eighth rounds, all dev": "paragraphs_dev57.yaml",
    "cv-dev58, written blind during the thirty-first to thirty-eighth rounds, all dev": "paragraphs_dev58.yaml",
    "cv-dev59, written blind during the thirty-first to thirty-eighth rounds, all dev": "paragraphs_dev59.yaml",
    "cv-dev60, written blind during the thirty-first to thirty-ninth rounds, all dev": "paragraphs_dev60.yaml",
    "cv-dev61, written blind during the thirty-first to thirty-ninth rounds, all dev": "paragraphs_dev61.yaml",
    "cv-dev62, written blind during the thirty-first to thirty-ninth rounds, all dev": "paragraphs_dev62.yaml",
    "cv-dev63, written blind before the sentence model, all dev": "paragraphs_dev63.yaml",
    "cv-dev64, written blind before the sentence model, all dev": "paragraphs_dev64.yaml",
    "cv-dev65, written blind before the sentence model, all dev": "paragraphs_dev65.yaml",
    "cv-dev66, written blind before the sentence model, all dev": "paragraphs_dev66.yaml",
    "cv-dev67, written blind before the sentence model, all dev": "paragraphs_dev67.yaml",
    "cv-dev68, written blind before the sentence model, all dev": "paragraphs_dev68.yaml",
    "cv-dev69, written blind after the sentence model shipped, all dev": "paragraphs_dev69.yaml",
    "cv-dev70, written blind after the sentence model shipped, all dev": "paragraphs_dev70.yaml",
    "cv-dev71, written blind after the sentence model shipped, all dev": "paragraphs_dev71.yaml",
    "cv-dev72, written blind after the sentence model shipped, all dev": "paragraphs_dev72.yaml",
    "cv-dev73, written blind after the sentence model shipped, all dev": "paragraphs_dev73.yaml",
    "cv-dev74, written blind after the sentence model shipped, all dev": "paragraphs_dev74.yaml",
}
# A further set on disk that has no description above is still measured (`cv_dev` lists every one).
CV_DEV_SETS |= {
    f"cv-{name}, all dev": file for name, file in WHOLE_DEV_SETS.items() if file not in set(CV_DEV_SETS.values())
}
ESCO_DIR = Path(os.environ.get("ESCO_DIR") or ROOT / "data" / "esco")


def load(name: str) -> list[dict[str, Any]]:
    return list(yaml.safe_load((EVAL / name).read_text(encoding="utf-8")))


def table(title: str, rows: list[tuple[str, dict[str, float]]], columns: list[str]) -> None:
    print(f"\n{title}")
    width = max(len(name) for name, _ in rows) + 2
    print(" " * width + "".join(f"{c:>26}" for c in columns))
    for name, values in rows:
        cells = "".join(f"{values[c]:>26.0f}" if c == "n" else f"{values[c] * 100:>25.1f}%" for c in columns)
        print(f"{name:<{width}}{cells}")


def by_split(items: Iterable[tuple[str, TopThree]], apart: dict[str, str] | None = None) -> dict[str, list[TopThree]]:
    """Results by part: `apart` maps the keys of the separately drawn sets to their part; the rest by hash."""
    parts: dict[str, list[TopThree]] = {"dev": [], DEV3: [], "test": [], HOLDOUT: []}
    for key, result in items:
        parts[(apart or {}).get(key) or split_of(key)].append(result)
    return parts


def converter_eval() -> None:
    from skillsnet.catalogue.models import OccupationSkill, Origin, Role, Skill, SourceOccupation
    from skillsnet.converter import services

    jobs = load("converter/jobs.yaml")
    held = [
        (part, job)
        for part in (DEV3, HOLDOUT)
        if part in PARTS and (EVAL / f"converter/{part}.yaml").exists()
        for job in load(f"converter/{part}.yaml")
    ]
    apart = {job["esco_uri"]: part for part, job in held}

    def ours(uri: str) -> list[str] | None:
        result = services.profile_build(occupations=[uri])
        assessed = services.roles_assess(profile=result.profile, limit=3)
        return [m.role for m in assessed.matches] if assessed.assessable else None

    # The naive baseline: ESCO skill URIs of the job against those of each role (its curated skills' URIs
    # and, where it has one, its ESCO occupation's skills), ranked by Jaccard overlap.
    occupation_skills: dict[str, set[str]] = {}
    for uri, skill_uri in OccupationSkill.objects.filter(occupation__esco_uri__isnull=False).values_list(
        "occupation__esco_uri", "skill__esco_uri"
    ):
        if skill_uri:
            occupation_skills.setdefault(uri, set()).add(skill_uri)
    role_skills: dict[str, set[str]] = {}
    for role in Role.objects.prefetch_related("requirements__skill"):
        uris = {rs.skill.esco_uri for rs in role.requirements.all() if rs.skill.esco_uri}
        if role.esco_uri:
            uris |= occupation_skills.get(role.esco_uri, set())
        role_skills[role.slug] = uris

    ranked: dict[str, list[tuple[str, TopThree]]] = {"skillsnet": [], "baseline (ESCO overlap)": []}
    unanswered = {"dev": 0, DEV3: 0, "test": 0, HOLDOUT: 0}
    for job in jobs + [job for _, job in held]:
        top = ours(job["esco_uri"])
        unanswered[apart.get(job["esco_uri"]) or split_of(job["esco_uri"])] += top is None
        ranked["skillsnet"].append((job["esco_uri"], judge(top or [], job["plausible"], job["wrong"])))
        base = overlap_ranking(occupation_skills.get(job["esco_uri"], set()), role_skills)
        ranked["baseline (ESCO overlap)"].append((job["esco_uri"], judge(base, job["plausible"], job["wrong"])))
    rows = []
    for name, items in ranked.items():
        parts = by_split(items, apart)
        for part in PARTS:
            if parts[part]:
                rows.append((f"{name}, {part}", rates(parts[part])))
    table(
        f"Career Converter: {len(jobs) + len(held)} labelled ESCO jobs (top 3 against recruiters' labels)",
        rows,
        ["n", "sensible@3", "wrong@3", "labelled-wrong in top 3"],
    )
    print(
        "skillsnet said it could not assess "
        + ", ".join(f"{unanswered[part]} {part}" for part in PARTS if part in ("dev", "test") or part in apart.values())
        + " job(s): no answer, counted in wrong@3"
    )

    esco = list(SourceOccupation.objects.filter(esco_uri__isnull=False).values_list("esco_uri", flat=True))
    started = time.perf_counter()
    assessable = sum(ours(uri) is not None for uri in esco)
    baseline_answers = sum(bool(overlap_ranking(occupation_skills.get(uri, set()), role_skills)) for uri in esco)
    print(
        f"\nCoverage: {assessable:,} of {len(esco):,} ESCO occupations ({assessable / len(esco):.1%}) get a ranked "
        f"answer from skillsnet; the baseline answers {baseline_answers / len(esco):.1%} "
        f"({time.perf_counter() - started:.1f} s for the sweep). Curated skills: "
        f"{Skill.objects.filter(origin=Origin.CURATED).count()}."
    )


def titles_eval() -> None:
    from skillsnet.converter.selectors import occupation_suggestions

    titles = load("titles.yaml")
    from skillsnet.catalogue.models import SourceOccupation

    uri_of = dict(SourceOccupation.objects.values_list("slug", "esco_uri"))
    parts: dict[str, list[bool]] = {"dev": [], "test": []}
    for item in titles:
        hits = [h for h in occupation_suggestions(item["title"], limit=5) if h.key in uri_of]
        top = uri_of.get(hits[0].key) if hits else None
        parts[split_of(item["title"])].append(top in set(item["expected"]))
    print("\nJob-title search: top-1 accuracy (the first occupation suggested is one the label accepts)")
    for part, hits in parts.items():
        if part not in PARTS:
            continue
        print(f"  {part:<5} {sum(hits):>4} of {len(hits):>4} = {sum(hits) / max(1, len(hits)):.1%}")


def cv_eval() -> None:
    """The CV reader on tests/eval/cvs/paragraphs.yaml (labels written before tuning), today's reader beside
    the frozen pre-issue-13 one (tests/eval/baseline_reader.py), both from the product's lexicon inputs; and
    the older 53 paragraphs of tests/engine/fixtures, which the readers were tuned on, for reference."""
    from skillsnet import engine
    from skillsnet.catalogue.snapshot import engine_snapshot, lexicon_inputs
    from skillsnet.converter import services

    from . import baseline_reader
    from .metrics import SkillCounts, judge_skills, skill_rates

    snap = engine_snapshot()
    specs, extra = lexicon_inputs()
    old_lexicon = baseline_reader.build_lexicon(specs, extra)

    def new_reader(text: str) -> dict[str, int]:
        return {f.skill: f.level for f in services.skills_extract(text=text, snapshot=snap)}

    def phrases_reader(text: str) -> dict[str, int]:
        return {f.skill: f.level for f in engine.extract(text, snap.lexicon) if f.skill in snap.skill_names}

    def old_reader(text: str) -> dict[str, int]:
        return {f.skill: f.level for f in baseline_reader.extract(text, old_lexicon) if f.skill in snap.skill_names}

    no_bridge = engine.build_lexicon(specs)

    def without_bridge(text: str) -> dict[str, int]:
        return {f.skill: f.level for f in engine.extract(text, no_bridge) if f.skill in snap.skill_names}

    # The current reader is the phrases and the sentence model (data/cv_sentence_model.npz), which learnt from every
    # dev paragraph: its dev figures would not be evidence, so it is scored on the test part only, beside the phrases
    # alone on every part.
    readers = {"before (frozen reader)": old_reader, "after, the phrases alone": phrases_reader}
    if snap.sentence_model is not None:
        readers["after (current reader: phrases and sentence model)"] = new_reader
    paragraphs = load("cvs/paragraphs.yaml")
    # The further CV sets are dev in full, each written by another labeller after a tuning round.
    extra_sets = {part: load(f"cvs/{name}") for part, name in CV_DEV_SETS.items() if (EVAL / "cvs" / name).exists()}
    rows = []
    for name, read in readers.items():
        parts: dict[str, list[SkillCounts]] = {"dev": [], "test": [], **{part: [] for part in extra_sets}}
        for p in paragraphs:
            parts[split_of(p["id"])].append(judge_skills(read(p["text"]), accepted_levels(p)))
        for part, items in extra_sets.items():
            for p in items:
                parts[part].append(judge_skills(read(p["text"]), accepted_levels(p)))
        shown = [part for part in ("dev", "test") if part in PARTS] + list(extra_sets)
        if read is new_reader:
            shown = [part for part in shown if part == "test"]
        rows += [(f"{name}, {part}", skill_rates(parts[part])) for part in shown]
    # The ESCO bridge labels' own effect, on dev only (where choices about them may be made).
    dev = [p for p in paragraphs if split_of(p["id"]) == "dev"]
    counts = [judge_skills(without_bridge(p["text"]), accepted_levels(p)) for p in dev]
    rows.append((f"after, without the {len(extra):,} ESCO bridge labels, dev", skill_rates(counts)))
    columns = ["n", "precision", "recall", "level exact", "level within one"]
    title = f"CV reader: {len(paragraphs)} labelled CV paragraphs"
    title += "".join(f" and {len(items)} of {part.split(',')[0]}" for part, items in extra_sets.items())
    table(f"{title} (levels over correct finds)", rows, columns)

    tuned = list(yaml.safe_load((ROOT / "tests/engine/fixtures/cv_paragraphs.yaml").read_text(encoding="utf-8")))
    rows = []
    for name, read in readers.items():
        tp = fp = fn = checked = exact = within = 0
        for p in tuned:
            found, gold = read(p["text"]), set(p["skills"])
            tp, fp, fn = tp + len(found.keys() & gold), fp + len(found.keys() - gold), fn + len(gold - found.keys())
            for slug, level in (p.get("levels") or {}).items():  # only some labels carry a level
                if slug in found:
                    checked += 1
                    exact += found[slug] == level
                    within += abs(found[slug] - level) <= 1
        figures = {
            "n": float(len(tuned)),
            "precision": tp / max(1, tp + fp),
            "recall": tp / max(1, tp + fn),
            "level exact": exact / max(1, checked),
            "level within one": within / max(1, checked),
        }
        rows.append((name, figures))
    table(f"The older {len(tuned)} paragraphs the readers were tuned on (tests/engine/fixtures)", rows, columns)


def cv_jobs_eval() -> None:
    """The jobs the Converter offers from a CV (`services.jobs_in_cv`) against an adviser's choice of ESCO
    occupation for each labelled paragraph (tests/eval/cvs/jobs.yaml): how often it offers one, and how often
    the first one offered is one the label accepts (an industry role or a curated job counts by its ESCO URI)."""
    from skillsnet.catalogue.models import Role, SourceOccupation
    from skillsnet.converter import services

    labels = {item["id"]: item for item in load("cvs/jobs.yaml")}
    uri_of = dict(SourceOccupation.objects.values_list("slug", "esco_uri"))
    uri_of.update(Role.objects.exclude(esco_uri="").values_list("slug", "esco_uri"))
    paragraphs = [(split_of(p["id"]), p) for p in load("cvs/paragraphs.yaml")]
    if (EVAL / "cvs/paragraphs_dev2.yaml").exists():
        paragraphs += [("dev2", p) for p in load("cvs/paragraphs_dev2.yaml")]
    # part -> [paragraphs, naming a job, offered, offered a job with an ESCO URI, first offer right]
    counts: dict[str, list[int]] = {}
    for part, p in paragraphs:
        label = labels.get(p["id"])
        if label is None or part not in (*PARTS, "dev2"):
            continue
        jobs = services.jobs_in_cv(text=p["text"])
        row = counts.setdefault(part, [0, 0, 0, 0, 0])
        first = uri_of.get(jobs[0].key) if jobs else None
        row[0] += 1
        row[1] += bool(label["expected"])
        row[2] += bool(jobs)
        row[3] += bool(first)
        row[4] += bool(first) and first in set(label["expected"])
    print(
        "\nJobs offered from a CV: is the first job offered one an adviser's label accepts? (A curated job or "
        "role with no ESCO URI cannot be judged against ESCO labels: counted apart.)"
    )
    for part, (n, named, offered, judged, right) in counts.items():
        print(
            f"  {part:<5} {n:>4} paragraphs ({named} name a job): a job offered for {offered} ({offered / max(1, n):.0%}); "
            f"right {right} of {judged} judged ({right / max(1, judged):.0%}); {offered - judged} without an ESCO URI"
        )


def agreement_eval() -> None:
    """How far a second labeller, working blind to the first one's labels under the same written rules, agrees
    with them (tests/eval/agreement/): the level a careful human reaches against these labels, beside skillsnet
    on the same items. Items from both parts are mixed; with EVAL_PARTS=dev only the dev ones are scored."""
    from skillsnet.converter import services

    from .metrics import judge_skills, majority_labels, skill_rates, two_labeller_rates

    def by_part(pairs: list[tuple[str, Any]]) -> list[tuple[str, list[Any]]]:
        """All the items, then each part's, as (label, items)."""
        parts = [part for part in PARTS if any(p == part for p, _ in pairs)]
        return [("all", [x for _, x in pairs])] + [(part, [x for p, x in pairs if p == part]) for part in parts]

    second_jobs = EVAL / "agreement/jobs_second.yaml"
    if second_jobs.exists():
        first = {job["esco_uri"]: job for job in load("converter/jobs.yaml")}
        second = [item for item in load("agreement/jobs_second.yaml") if split_of(item["esco_uri"]) in PARTS]
        human, ours, overlap = [], [], []
        for item in second:
            label, part = first[item["esco_uri"]], split_of(item["esco_uri"])
            human.append((part, judge(item["top3"], label["plausible"], label["wrong"])))
            assessed = services.roles_assess(
                profile=services.profile_build(occupations=[item["esco_uri"]]).profile, limit=3
            )
            top = [m.role for m in assessed.matches] if assessed.assessable else []
            ours.append((part, judge(top, label["plausible"], label["wrong"])))
            a, b = set(label["plausible"]), set(item["plausible"])
            overlap.append(len(a & b) / len(a | b))
        rows = [(f"second labeller, {name}", rates(items)) for name, items in by_part(human)]
        rows += [(f"skillsnet, same jobs, {name}", rates(items)) for name, items in by_part(ours)]
        table(
            f"Agreement: a second labeller's top 3 for {len(second)} of the jobs, judged by the first labeller's labels "
            f"(plausible sets overlap {sum(overlap) / max(1, len(overlap)):.0%} on average, Jaccard)",
            rows,
            ["n", "sensible@3", "wrong@3", "labelled-wrong in top 3"],
        )
    # Second labellings of CV paragraphs, by two labellers between them (no paragraph in both files): the first
    # file covers 80 paragraphs of both parts, the second the rest of the test part.
    second_files = [name for name in CV_SECOND_FILES if (EVAL / name).exists()]
    first_cv = {p["id"]: p for p in load("cvs/paragraphs.yaml")}
    second_cv = {item["id"]: item for name in second_files for item in load(name)}
    if second_cv:
        items = [item for item in second_cv.values() if split_of(item["id"]) in PARTS]
        human_counts, our_counts, both_labels = [], [], []
        for item in items:
            gold, second_gold = accepted_levels(first_cv[item["id"]]), accepted_levels(item)
            part = split_of(item["id"])
            human_counts.append((part, judge_skills(second_gold, gold)))
            found = {f.skill: f.level for f in services.skills_extract(text=first_cv[item["id"]]["text"])}
            our_counts.append((part, judge_skills(found, gold)))
            both_labels.append((part, (found, gold, second_gold)))
        rows = [(f"second labeller, {name}", skill_rates(c)) for name, c in by_part(human_counts)]
        # The reader's sentence model learnt from the dev paragraphs: the reader is scored on the test part only.
        rows += [
            (f"skillsnet reader, same paragraphs, {name}", skill_rates(c))
            for name, c in by_part(our_counts)
            if name == "test"
        ]
        # Where the two labellers disagree, neither answer is held against the reader.
        rows += [
            (f"skillsnet reader, right if either accepts, missed if both, {name}", two_labeller_rates(triples))
            for name, triples in by_part(both_labels)
            if name == "test"
        ]
        table(
            f"Agreement: a second labeller's skills for {len(items)} of the CV paragraphs, judged by the first "
            "labeller's labels (levels over agreed skills)",
            rows,
            ["n", "precision", "recall", "level exact", "level within one"],
        )
    # The third labelling covers the test part only. The third labeller is scored exactly as the reader is, by the first
    # two labellings together (right if either accepts, missed only if both do): the human figure for that view. The
    # majority of the three (a skill two of them accepted, at the median level) is the least noisy single answer.
    if (EVAL / CV_THIRD_FILE).exists() and second_cv and "test" in PARTS:
        third_items = load(CV_THIRD_FILE)
        by_first, by_second, ours, by_majority, third_by_two, ours_by_two = [], [], [], [], [], []
        for item in third_items:
            first, second = accepted_levels(first_cv[item["id"]]), accepted_levels(second_cv[item["id"]])
            third = accepted_levels(item)
            found = {f.skill: f.level for f in services.skills_extract(text=first_cv[item["id"]]["text"])}
            by_first.append(judge_skills(third, first))
            by_second.append(judge_skills(third, second))
            ours.append(judge_skills(found, first))
            by_majority.append(judge_skills(found, majority_labels([first, second, third])))
            third_by_two.append((third, first, second))
            ours_by_two.append((found, first, second))
        either = "right if either of the first two accepts, missed if both, test"
        rows = [
            ("third labeller vs the first labels, test", skill_rates(by_first)),
            ("third labeller vs the second labels, test", skill_rates(by_second)),
            ("skillsnet reader vs the first labels, test", skill_rates(ours)),
            (f"third labeller, {either}", two_labeller_rates(third_by_two)),
            (f"skillsnet reader, {either}", two_labeller_rates(ours_by_two)),
            ("skillsnet reader vs the majority of the three, test", skill_rates(by_majority)),
        ]
        table(
            f"Agreement: a third labeller's skills for the {len(third_items)} CV test paragraphs",
            rows,
            ["n", "precision", "recall", "level exact", "level within one"],
        )


def setup() -> None:
    started = time.perf_counter()
    reuse = DB.exists() and os.environ.get("EVAL_DB")
    call_command("migrate", verbosity=0)
    if reuse:
        call_command("load_dataset", stdout=StringIO())
        print(f"reusing {DB} (dataset reloaded; ESCO as imported before)")
        return
    call_command("load_dataset", stdout=StringIO())
    bridge = str(ROOT / "data" / "esco_bridge.csv")
    call_command("import_esco", str(ESCO_DIR), "--bridge", bridge, stdout=StringIO(), stderr=StringIO())
    print(f"scratch database with the dataset and ESCO ({ESCO_DIR}) ready in {time.perf_counter() - started:.1f} s")


def main(
    sections: Iterable[Callable[[], None]] = (converter_eval, titles_eval, cv_eval, cv_jobs_eval, agreement_eval),
) -> None:
    setup()
    for section in sections:
        section()


if __name__ == "__main__":
    main()
