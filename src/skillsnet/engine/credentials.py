"""Degrees and professional registrations stated in free text (a CV): the hard entry requirements a
person can show. Pure text rules, no Django; the codes are the catalogue's entry-requirement codes.

A credential counts only when the sentence states it as held: "working towards a BSc", "hoping to
register with the NMC" or "no degree" give nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE = re.compile(r"[^.!?;\n]+")
_NOT_HELD = re.compile(
    r"\b(?:no|not|without|towards|toward|studying|studying for|currently completing|expected|expect|hope|hoping|"
    r"plan|planning|intend|intending|aim|aiming|would like|applying|apply|enrolled|started|starting|"
    r"interested|keen|until|pending|lapsed|expired)\b",
    re.IGNORECASE,
)
_SCIENCE = (
    r"(?:biology|biological|biochemistry|biomedical|biotechnology|microbiology|chemistry|chemical|"
    r"pharmacology|pharmaceutical|pharmacy|genetics|immunology|molecular|life sciences?|natural sciences?|"
    r"physics|engineering|bioprocess|cell biology|virology|medicine|veterinary|science)"
)
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "postgraduate-science",
        re.compile(rf"\b(?:MSc|M\.Sc|MRes|MPhil|PhD|Ph\.D|DPhil|doctorate|master'?s)\b[^.;\n]{{0,60}}{_SCIENCE}", re.I),
    ),
    (
        "science-degree",
        re.compile(
            rf"\b(?:BSc|B\.Sc|BEng|MEng|MSc|M\.Sc|MRes|MPhil|PhD|Ph\.D|DPhil|MPharm|degree|bachelor'?s|master'?s|"
            rf"doctorate)\b[^.;\n]{{0,60}}{_SCIENCE}",
            re.I,
        ),
    ),
    (
        "nmc-registration",
        re.compile(r"\b(?:NMC|registered (?:general |adult |children's |mental health )?nurse|RGN)\b"),
    ),
    ("gphc-registration", re.compile(r"\b(?:GPhC|registered pharmacist)\b")),
    ("hcpc-registration", re.compile(r"\bHCPC\b")),
)


@dataclass(frozen=True)
class FoundCredential:
    code: str
    evidence: str  # the sentence that states it


def extract_credentials(text: str) -> tuple[FoundCredential, ...]:
    """Credentials the text states as held, each once, with the sentence that says so."""
    found: dict[str, FoundCredential] = {}
    for sentence in _SENTENCE.finditer(text or ""):
        words = sentence.group().strip()
        if not words or _NOT_HELD.search(words):
            continue
        for code, pattern in _PATTERNS:
            if code not in found and pattern.search(words):
                found[code] = FoundCredential(code, words[:200])
    if "postgraduate-science" in found and "science-degree" not in found:
        # A postgraduate science degree is held on top of a first degree.
        found["science-degree"] = FoundCredential("science-degree", found["postgraduate-science"].evidence)
    return tuple(sorted(found.values(), key=lambda f: f.code))
