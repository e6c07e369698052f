"""Tuning aid for the CV reader that loads DEV paragraphs only (never the test part).

    .venv/bin/python -m tests.eval.cv_dev --dump   # once: lexicon inputs from a scratch DB -> $CV_DEV_SPECS
    .venv/bin/python -m tests.eval.cv_dev          # dev figures and every dev error, in seconds
    .venv/bin/python -m tests.eval.cv_dev dev2     # the same for the second dev set (all of it is dev)
    .venv/bin/python -m tests.eval.cv_dev dev7     # any further set, devN = cvs/paragraphs_devN.yaml: each written
                                                   # blind by another labeller during a round (tests/eval/cvs/README.md)
    .venv/bin/python -m tests.eval.cv_dev all      # every set; add -q for the figures only
    .venv/bin/python -m tests.eval.cv_dev all -q --semantic   # also lexical + the embedding matcher (extra)

`--semantic` needs the `semantic` extra; it prints the figures with the matcher beside the lexical reader's,
and (without -q) each skill only the matcher found, marked NEW+ (accepted) or NEW- (not accepted).
`--threshold=0.6 --margin=0.05` override the matcher's defaults.

The test paragraphs are dropped as soon as the file is read; only `make eval` scores them, in aggregate.
The reader here is the phrases alone: the sentence model (data/cv_sentence_model.npz) learnt from every dev set, so
its figures on them would not be evidence (docs/decisions/0011-cv-sentence-model.md).
The second dev set (`cvs/paragraphs_dev2.yaml`, written by another labeller after the first tuning round)
has no test part. Each run also prints the frozen pre-issue-13 reader's figures on the same paragraphs.
"""

from __future__ import annotations

import json
import os
import re
import sys
import tempfile
from functools import partial
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
SPECS = Path(os.environ.get("CV_DEV_SPECS") or Path(tempfile.gettempdir()) / "skillsnet-cv-dev-specs.json")

from tests.eval.metrics import accepted_levels, judge_skills, skill_rates, split_of  # noqa: E402


def dev_paragraphs() -> list[dict[str, Any]]:
    items = yaml.safe_load((ROOT / "tests/eval/cvs/paragraphs.yaml").read_text(encoding="utf-8"))
    return [p for p in items if split_of(p["id"]) == "dev"]


# The further CV sets, all of them dev, each written blind by another labeller after or during a tuning round
# (tests/eval/cvs/README.md): set name -> file under tests/eval/cvs/, every `paragraphs_devN.yaml` there in set order. A
# blind set is written outside the repository and only lands here when it is opened, so what is on disk is what is dev.
_SET_FILE = re.compile(r"paragraphs_dev(\d+)\.yaml")


def _set_numbers() -> list[int]:
    matches = (_SET_FILE.fullmatch(path.name) for path in (ROOT / "tests/eval/cvs").iterdir())
    return sorted(int(m[1]) for m in matches if m)


WHOLE_DEV_SETS = {f"dev{k}": f"paragraphs_dev{k}.yaml" for k in _set_numbers()}


def whole_dev_set(name: str) -> list[dict[str, Any]]:
    """One of WHOLE_DEV_SETS ("dev2", "dev3", ...); empty when the file is not there."""
    path = ROOT / "tests/eval/cvs" / WHOLE_DEV_SETS[name]
    return list(yaml.safe_load(path.read_text(encoding="utf-8"))) if path.exists() else []


def every_dev_set() -> dict[str, list[dict[str, Any]]]:
    """Every dev set by name: the dev part of cvs/paragraphs.yaml ("dev") and each of WHOLE_DEV_SETS."""
    return {"dev": dev_paragraphs(), **{name: whole_dev_set(name) for name in WHOLE_DEV_SETS}}


def dumped_specs() -> tuple[list[Any], list[tuple[str, ...]]]:
    """The lexicon inputs `--dump` wrote to $CV_DEV_SPECS: the skills (`SkillSpec`) and the extra labels."""
    from skillsnet.engine import SkillSpec

    data = json.loads(SPECS.read_text())
    specs = [SkillSpec(slug, name, tuple(labels)) for slug, name, labels in data["specs"]]
    return specs, [tuple(x) for x in data["extra"]]


def dev2_paragraphs() -> list[dict[str, Any]]:
    return whole_dev_set("dev2")


def dev3_paragraphs() -> list[dict[str, Any]]:
    return whole_dev_set("dev3")


def dev4_paragraphs() -> list[dict[str, Any]]:
    return whole_dev_set("dev4")


def dump() -> None:
    from tests.eval import run_eval

    run_eval.setup()
    from skillsnet.catalogue.snapshot import lexicon_inputs

    specs, extra = lexicon_inputs()
    SPECS.write_text(json.dumps({"specs": [[s.slug, s.name, list(s.labels)] for s in specs], "extra": extra}))
    print(f"wrote {SPECS}")


def skill_texts(specs: list[Any]) -> list[Any]:
    """What the embedding matcher compares clauses with: each curated skill's name, description and curated
    alt labels from data/skills.yaml, and the lexicon's labels (ESCO alt labels included)."""
    from tests.eval.semantic_matcher import SkillText

    curated = {s["slug"]: s for s in yaml.safe_load((ROOT / "data/skills.yaml").read_text(encoding="utf-8"))}
    out = []
    for spec in specs:
        entry = curated.get(spec.slug, {})
        texts = (spec.name, entry.get("description") or "", *(entry.get("alt_labels") or ()), *spec.labels)
        out.append(SkillText(spec.slug, tuple(texts), bool(entry.get("generic"))))
    return out


def _option(name: str, default: float) -> float:
    return next((float(a.split("=", 1)[1]) for a in sys.argv[1:] if a.startswith(f"--{name}=")), default)


def semantic_matcher(specs: list[Any], lexicon: Any) -> Any:
    from tests.eval import semantic_matcher as semantic

    threshold = _option("threshold", semantic.DEFAULT_THRESHOLD)
    margin = _option("margin", semantic.DEFAULT_MARGIN)
    texts = skill_texts(specs)
    return semantic.EmbeddingMatcher(
        texts, semantic.load_encoder(), threshold=threshold, margin=margin, lexicon=lexicon
    )


def main() -> None:
    from tests.eval import baseline_reader

    from skillsnet.engine import build_lexicon, extract

    specs, extra = dumped_specs()
    lexicon = build_lexicon(specs, extra)
    frozen = baseline_reader.build_lexicon(specs, extra)
    which = next((a for a in sys.argv[1:] if a in {"dev", *WHOLE_DEV_SETS, "all"}), "dev")
    sets = {"dev": dev_paragraphs, **{name: partial(whole_dev_set, name) for name in WHOLE_DEV_SETS}}
    quiet = "-q" in sys.argv
    matcher = semantic_matcher(specs, lexicon) if "--semantic" in sys.argv else None
    for name, paragraphs in sets.items():
        if which not in {name, "all"}:
            continue
        counts, before, with_semantic = [], [], []
        for p in paragraphs():
            accepted = accepted_levels(p)
            wrong = {s["skill"] for s in p.get("wrong") or ()}
            got = extract(p["text"], lexicon)
            found = {f.skill: f.level for f in got}
            counts.append(judge_skills(found, accepted))
            before.append(
                judge_skills({f.skill: f.level for f in baseline_reader.extract(p["text"], frozen)}, accepted)
            )
            if matcher is not None:
                combined = {f.skill: f for f in extract(p["text"], lexicon, semantic=matcher)}
                with_semantic.append(judge_skills({s: f.level for s, f in combined.items()}, accepted))
                if not quiet:
                    for s, f in combined.items():
                        if s not in found:
                            tag = "NEW+" if s in accepted else "NEW-"
                            print(f"  {tag} {p['id']} {s} L{f.level} <- {f.evidence!r}")
            if quiet:
                continue
            lines = []
            for f in got:
                if f.skill not in accepted:
                    tag = "FP*" if f.skill in wrong else "FP "
                    lines.append(f"  {tag} {f.skill} <- {p['text'][f.start : f.end]!r} L{f.level}")
                elif f.level != accepted[f.skill]:
                    lines.append(f"  LV  {f.skill} {f.level} vs {accepted[f.skill]} ({f.level_reason})")
            lines += [f"  FN  {s} (L{accepted[s]})" for s in accepted if s not in found]
            if lines:
                print(f"{p['id']} [{p['sector']}]: {' '.join(p['text'].split())}")
                print("\n".join(lines))
        print(f"{name} ({len(counts)}), current:", {k: round(v, 3) for k, v in skill_rates(counts).items()})
        print(f"{name} ({len(before)}), frozen: ", {k: round(v, 3) for k, v in skill_rates(before).items()})
        if matcher is not None:
            figures = {k: round(v, 3) for k, v in skill_rates(with_semantic).items()}
            print(f"{name} ({len(with_semantic)}), + semantic:", figures)
            gained = sum(c.true_positive for c in with_semantic) - sum(c.true_positive for c in counts)
            added = sum(c.false_positive for c in with_semantic) - sum(c.false_positive for c in counts)
            print(f"{name}: semantic new finds right {gained}, wrong {added}")


if __name__ == "__main__":
    dump() if "--dump" in sys.argv else main()
