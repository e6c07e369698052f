"""Cost of the CV reader's optional embedding matcher (the `semantic` extra), beside the lexical reader in the
same run: cold start (the model loaded from its package, then the skill side encoded) and CVs per second on
the 300 CVs of about 500 words that bench_engine.py builds from the labelled paragraphs in tests/engine/fixtures.

Run: .venv/bin/python tests/bench/semantic_cost.py   (needs the extra; run it under `unshare -rn` to check
that nothing is fetched from the network.)
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "bench"))

from bench_engine import real_cvs  # noqa: E402
from tests.eval import semantic_matcher as semantic  # noqa: E402

from skillsnet.engine import SkillSpec, build_lexicon, extract  # noqa: E402


def _rate(read: Callable[[str], object], cvs: list[str]) -> tuple[float, float]:
    """(CVs per second of wall time, CVs per second of CPU time over all threads)."""
    wall, cpu = time.perf_counter(), time.process_time()
    for cv in cvs:
        read(cv)
    return len(cvs) / (time.perf_counter() - wall), len(cvs) / (time.process_time() - cpu)


def main() -> None:
    skills = yaml.safe_load((ROOT / "data" / "skills.yaml").read_text(encoding="utf-8"))
    specs = [SkillSpec(s["slug"], s["name"], tuple(s.get("alt_labels") or ())) for s in skills]
    texts = [
        semantic.SkillText(
            s["slug"], (s["name"], s.get("description") or "", *(s.get("alt_labels") or ())), bool(s.get("generic"))
        )
        for s in skills
    ]
    lexicon = build_lexicon(specs)
    cvs = real_cvs()
    words = statistics.mean(len(cv.split()) for cv in cvs)

    t0 = time.perf_counter()
    encoder = semantic.load_encoder()
    loaded = time.perf_counter() - t0
    t0 = time.perf_counter()
    matcher = semantic.EmbeddingMatcher(texts, encoder, lexicon=lexicon)
    skill_side = time.perf_counter() - t0
    rows = len(matcher.vectors)
    print(
        f"cold start: model {loaded:.1f} s + skill side {skill_side:.1f} s ({rows} texts of {len(matcher.slugs)} skills)"
    )
    lexical = _rate(lambda cv: extract(cv, lexicon), cvs)
    combined = _rate(lambda cv: extract(cv, lexicon, semantic=matcher), cvs)
    for name, (wall, cpu) in (("lexical", lexical), ("lexical + semantic", combined)):
        print(f"{name}: {wall:.1f} CVs/s wall, {cpu:.1f} CVs/s CPU ({len(cvs)} CVs of ~{words:.0f} words)")


if __name__ == "__main__":
    main()
