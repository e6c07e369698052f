"""The bridge from ESCO skills to curated skills: how far holding an ESCO skill counts as holding ours.

Why a bridge (docs/decisions/0006-esco-bridge.md): a curated skill may carry one ESCO URI, and that
identity used to be the only way an ESCO occupation reached the curated graph. Most ESCO skills are not the
same as any curated skill but bear on one partly ("operate autoclave" on sterilisation, "work in teams" on
teamwork), and a wrong identity made a housekeeper "meet" cleanroom working. The bridge is graded (strength
0–1), many-to-one and reviewed, and it lives in a diffable file:

    data/esco_bridge.csv          esco_uri, esco_label, skill, strength, method, reviewed, note
    data/esco_bridge_review.yaml  the reviewer's decisions: accept with a strength, reject, or add

`build_esco_bridge` (a maintainer command) proposes links from ESCO's structure and the curated data,
applies the review file and writes the CSV and a review report; `import_esco` loads the CSV into
`EscoSkillLink` after the relations. Methods, with the strengths proposed before review:

    identity   a curated skill's own esco_uri                                  1.0
    hierarchy  an ESCO skill narrower than an identity-linked one              0.6 one level down, 0.4 deeper;
               under a transversal ESCO skill (ESCO files "analyse blood samples" under "think critically")
               0.4 one level down and nothing deeper
    label      a curated name or label (the engine's lexicon) in the ESCO skill's labels: the whole preferred
               label 0.8, a whole alternative label 0.4 (short alternatives such as "mapping" or "crimping"
               often mean something else), two or more words inside the preferred label 0.4 (a part of an
               alternative label is not proposed)
    related    an ESCO skill-skill relation from an identity-linked skill      0.3 (0.4 when "essential")
    manual     added by the review file

A review decision always wins over a proposal. Links below 0.3 are not written (too weak to be evidence).

The modules: `esco_links` reads, writes and loads the CSV (the ESCO import uses it); building is
`esco_bridge_proposals` (the inputs and the proposals), `esco_bridge_review` (the review file) and
`esco_bridge_coverage` (coverage and the review report), put together by `build` here. This module
re-exports their names.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from skillsnet.catalogue.esco_bridge_coverage import (
    COVERAGE_SKILLS,
    COVERAGE_STRENGTH,
    COVERAGE_TARGET,
    Coverage,
    coverage,
    report,
    top_occupations,
)
from skillsnet.catalogue.esco_bridge_proposals import (
    BROADER_FILE,
    PROPOSED,
    RELATED_FILE,
    TECHNICAL_CATEGORIES,
    CuratedSkill,
    EscoData,
    Proposal,
    propose,
    read_curated,
    read_esco,
)
from skillsnet.catalogue.esco_bridge_review import (
    Decision,
    Review,
    apply_review,
    default_review_path,
    generic_skills,
    read_review,
)
from skillsnet.catalogue.esco_links import (
    COLUMNS,
    METHODS,
    MIN_STRENGTH,
    BridgeError,
    BridgeTally,
    Link,
    default_bridge_path,
    load_bridge,
    read_bridge,
    sort_key,
    sync_links,
    write_bridge,
)

__all__ = [
    "BROADER_FILE",
    "COLUMNS",
    "COVERAGE_SKILLS",
    "COVERAGE_STRENGTH",
    "COVERAGE_TARGET",
    "METHODS",
    "MIN_STRENGTH",
    "PROPOSED",
    "RELATED_FILE",
    "TECHNICAL_CATEGORIES",
    "BridgeError",
    "BridgeTally",
    "BuildResult",
    "Coverage",
    "CuratedSkill",
    "Decision",
    "EscoData",
    "Link",
    "Proposal",
    "Review",
    "apply_review",
    "build",
    "coverage",
    "default_bridge_path",
    "default_review_path",
    "generic_skills",
    "load_bridge",
    "propose",
    "read_bridge",
    "read_curated",
    "read_esco",
    "read_review",
    "report",
    "sort_key",
    "sync_links",
    "top_occupations",
    "write_bridge",
]


@dataclass
class BuildResult:
    links: list[Link]
    before: Coverage
    after: Coverage
    proposals: int
    review: Review


def build(
    *, esco_path: Path | str | None = None, data_dir: Path | str | None = None, review_path: Path | None = None
) -> tuple[BuildResult, EscoData]:
    """Propose, apply the review, measure: everything `build_esco_bridge` writes, without writing it."""
    data = read_esco(esco_path)
    curated = read_curated(data_dir)
    proposals = propose(curated, data)
    review = read_review(review_path or default_review_path(), curated, data)
    links = apply_review(proposals, review, curated, data)
    identity = [
        Link(s.esco_uri, "", s.slug, 1.0, "identity", True, "")
        for s in curated
        if s.esco_uri and s.esco_uri in data.skills
    ]
    return BuildResult(links, coverage(identity, data), coverage(links, data), len(proposals), review), data
