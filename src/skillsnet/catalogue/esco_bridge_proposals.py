"""Building the ESCO bridge, its inputs and proposals: the export's skills and structure, the curated
skills, and the links each method proposes (see `catalogue.esco_bridge`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from skillsnet import engine
from skillsnet.catalogue import esco
from skillsnet.catalogue.esco_links import BridgeError

# Curated categories that hold GMP technical skills: a generic ESCO skill (teamwork, hygiene, following
# procedures, health and safety…) never links to one of these (the builder refuses, a test checks).
TECHNICAL_CATEGORIES = frozenset(
    {
        "aseptic-cleanroom",
        "quality",
        "bioprocess-upstream",
        "bioprocess-downstream",
        "process-development",
        "analytical",
        "microbiology",
        "cell-biology",
        "molecular-biology",
    }
)

PROPOSED = {
    "identity": 1.0,
    "hierarchy": 0.6,
    "hierarchy-deep": 0.4,
    "hierarchy-transversal": 0.4,
    "label-whole": 0.8,
    "label-whole-alt": 0.4,
    "label-part": 0.4,
    "related-essential": 0.4,
    "related": 0.3,
}
_METHOD_RANK = {"identity": 0, "manual": 1, "hierarchy": 2, "label": 3, "related": 4}

BROADER_FILE = "broaderRelationsSkillPillar.csv"
RELATED_FILE = "skillSkillRelations.csv"


# --- Building: the inputs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class CuratedSkill:
    slug: str
    name: str
    category: str
    kind: str
    esco_uri: str | None
    labels: tuple[str, ...]


@dataclass
class EscoData:
    """What the builder needs from the ESCO export."""

    skills: dict[str, esco.EscoSkill]
    reuse: dict[str, str]  # skill URI -> reuseLevel (transversal, cross-sector, sector-specific, …)
    occupations: dict[str, str]  # occupation URI -> title
    relations: dict[str, list[tuple[str, bool]]]  # skill URI -> [(occupation URI, essential)]
    narrower: dict[str, list[str]]  # skill URI -> the skills directly narrower than it
    related: dict[str, list[tuple[str, bool]]]  # skill URI -> [(related skill URI, essential)]


def read_esco(path: Path | str | None = None) -> EscoData:
    export = esco.read_export(path)
    skills = {s.uri: s for s in export.skills}
    reuse = {
        values[0].strip().lower(): values[1].strip()
        for _, values in esco.read_rows(path, esco.SKILLS_FILE, ["conceptUri", "reuseLevel"])
    }
    relations: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for r in export.relations:
        relations[r.skill_uri].append((r.occupation_uri, r.essential))
    narrower: dict[str, list[str]] = defaultdict(list)
    for _, (concept, broader) in esco.read_rows(path, BROADER_FILE, ["conceptUri", "broaderUri"]):
        concept, broader = concept.strip().lower(), broader.strip().lower()
        if concept in skills and broader in skills:
            narrower[broader].append(concept)
    related: dict[str, list[tuple[str, bool]]] = defaultdict(list)
    for _, (origin, kind, target) in esco.read_rows(
        path, RELATED_FILE, ["originalSkillUri", "relationType", "relatedSkillUri"]
    ):
        origin, target = origin.strip().lower(), target.strip().lower()
        if origin in skills and target in skills:
            related[origin].append((target, kind.strip() == "essential"))
    return EscoData(
        skills=skills,
        reuse=reuse,
        occupations={o.uri: o.title for o in export.occupations},
        relations=dict(relations),
        narrower=dict(narrower),
        related=dict(related),
    )


def read_curated(data_dir: Path | str | None = None) -> list[CuratedSkill]:
    from skillsnet.catalogue.dataset import DatasetError, read_dataset

    try:
        dataset = read_dataset(Path(data_dir) if data_dir is not None else Path(settings.DATA_DIR))
    except DatasetError as exc:
        raise BridgeError(f"The curated dataset has problems; fix them first:\n{exc}") from None
    return [CuratedSkill(s.slug, s.name, s.category, s.kind, s.esco_uri, tuple(s.alt_labels)) for s in dataset.skills]


# --- Building: proposals ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Proposal:
    esco_uri: str
    skill: str
    strength: float
    method: str
    why: str


def _spans(tokens: tuple[str, ...], lexicon: engine.Lexicon) -> Iterator[tuple[int, int, str]]:
    """(start, end, slug) of the longest lexicon entry at each position of `tokens`, left to right."""
    i = 0
    while i < len(tokens):
        best: tuple[int, str] | None = None
        j = i + 1
        while j <= len(tokens) and tokens[i:j] in lexicon.prefixes:
            slug = lexicon.entries.get(tokens[i:j])
            if slug:
                best = (j, slug)
            j += 1
        if best:
            yield i, best[0], best[1]
            i = best[0]
        else:
            i += 1


def propose(curated: Sequence[CuratedSkill], data: EscoData) -> list[Proposal]:
    """Every link ESCO's structure and the curated labels suggest, strongest first per pair."""
    found: list[Proposal] = []
    identity = {s.esco_uri: s.slug for s in curated if s.esco_uri and s.esco_uri in data.skills}
    for uri, slug in identity.items():
        found.append(Proposal(uri, slug, PROPOSED["identity"], "identity", "the curated skill's esco_uri"))
        transversal = data.reuse.get(uri) == "transversal"
        level, frontier, seen = 1, list(data.narrower.get(uri, ())), {uri}
        while frontier and not (transversal and level > 1):
            step = "hierarchy-transversal" if transversal else "hierarchy" if level == 1 else "hierarchy-deep"
            next_frontier: list[str] = []
            for child in sorted(set(frontier) - seen):
                seen.add(child)
                parent = data.skills[uri].name
                found.append(Proposal(child, slug, PROPOSED[step], "hierarchy", f"narrower than '{parent}'"))
                next_frontier.extend(data.narrower.get(child, ()))
            frontier, level = next_frontier, level + 1
        for target, essential in data.related.get(uri, ()):
            strength = PROPOSED["related-essential" if essential else "related"]
            found.append(Proposal(target, slug, strength, "related", f"related to '{data.skills[uri].name}'"))

    specs = [engine.SkillSpec(slug=s.slug, name=s.name, labels=s.labels) for s in curated]
    lexicon = engine.build_lexicon(specs, reader_rules=False)  # the CV reader's tuning must not move the bridge
    for uri, skill in data.skills.items():
        for index, label in enumerate((skill.name, *skill.alt_labels)):
            tokens = engine.normalise(label)
            if not tokens:
                continue
            whole = lexicon.entries.get(tokens)
            if whole:
                strength = PROPOSED["label-whole" if index == 0 else "label-whole-alt"]
                found.append(Proposal(uri, whole, strength, "label", f"whole label '{label}'"))
                continue
            if index > 0:
                continue
            for start, end, slug in _spans(tokens, lexicon):
                if end - start == 1:
                    continue  # one word of a longer label is not evidence
                why = f"'{' '.join(tokens[start:end])}' in '{label}'"
                found.append(Proposal(uri, slug, PROPOSED["label-part"], "label", why))

    best: dict[tuple[str, str], Proposal] = {}
    for proposal in found:
        key = (proposal.esco_uri, proposal.skill)
        current = best.get(key)
        if current is None or (-proposal.strength, _METHOD_RANK[proposal.method], proposal.why) < (
            -current.strength,
            _METHOD_RANK[current.method],
            current.why,
        ):
            best[key] = proposal
    return sorted(best.values(), key=lambda p: (p.esco_uri, p.skill))
