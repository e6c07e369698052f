"""Verb-object phrases from skill labels: "instrument calibration" is also "{calibrate} instrument"."""

from __future__ import annotations

import re
from collections.abc import Mapping
from types import MappingProxyType

# A skill label is often a noun phrase with an action noun ("instrument calibration", "administration of
# medicines"); CVs write the same thing as a verb on its object ("calibrated the instruments", "administer
# medicines"). `object_phrases` turns such a label into its verb-object phrase, so every curated and ESCO label
# of that shape is also read in the verb form, not only the phrases someone thought to write down.
ACTION_NOUNS: Mapping[str, str] = MappingProxyType(
    {
        "administration": "administer",
        "analysis": "analyse",
        "assembly": "assemble",
        "assessment": "assess",
        "audit": "audit",
        "auditing": "audit",
        "calibration": "calibrate",
        "cleaning": "clean",
        "collection": "collect",
        "commissioning": "commission",
        "compounding": "compound",
        "control": "control",
        "counting": "count",
        "decontamination": "decontaminate",
        "disinfection": "disinfect",
        "dispensing": "dispense",
        "disposal": "dispose of",
        "distillation": "distil",
        "extraction": "extract",
        "filtration": "filter",
        "handling": "handle",
        "identification": "identify",
        "inspection": "inspect",
        "installation": "install",
        "interpretation": "interpret",
        "investigation": "investigate",
        "labelling": "label",
        "loading": "load",
        "maintenance": "maintain",
        "management": "manage",
        "measurement": "measure",
        "monitoring": "monitor",
        "operation": "operate",
        "packaging": "package",
        "packing": "pack",
        "planning": "plan",
        "preparation": "prepare",
        "processing": "process",
        "purification": "purify",
        "qualification": "qualify",
        "recording": "record",
        "repair": "repair",
        "reporting": "report",
        "review": "review",
        "sampling": "sample",
        "scheduling": "schedule",
        "screening": "screen",
        "sequencing": "sequence",
        "sterilisation": "sterilise",
        "storage": "store",
        "supervision": "supervise",
        "testing": "test",
        "tracking": "track",
        "transfer": "transfer",
        "trending": "trend",
        "validation": "validate",
        "verification": "verify",
        "writing": "write",
    }
)
# Objects too vague to stand for a skill after a verb ("manage data", "control change", "test process").
_VAGUE_OBJECTS = frozenset(
    {
        "data",
        "process",
        "change",
        "quality",
        "time",
        "work",
        "project",
        "system",
        "risk",
        "product",
        "material",
        "resource",
        "information",
        "activity",
        "operation",
        "task",
        "record",
        "result",
        "general",
        "performance",
        "procedure",
        "line",
        "temperature",
        "alarm",
        "base",
        "routine",
        "manual",
        "bulk",
        "cost",
        "laboratory",
        "pharmacy",
        "release",
        "specification",
        "open",
        "membrane",
        "depth",
        "sheet",
        "frozen",
        "site",
        "tank",
        "component",
        "column",
        "swab",
        "rinse",
        "trend",
        "capacity",
        "demand",
        "supply",
        "sensory",
        "breakdown",
        "heat",
        "logger",
        "personnel",
    }
)
# ESCO labels often lead with a verb ("perform data analysis"): such a word is not part of the object.
_LEAD_VERBS = frozenset(
    [
        *("perform", "performing", "undertake", "conduct", "execute", "executing", "implement", "do", "make"),
        *("write", "compose", "apply", "applying", "employ", "utilise", "enact", "achieve", "administer"),
        *("double-check", "carry", "use"),
    ]
)
# The object must end in a noun: "environmental monitoring", "preventive maintenance" or "visual inspection"
# name a kind of action, not something acted on.
_ADJECTIVE_END = re.compile(r"(al|ive|ic|ous|ary|ed|able|ible|ing)$")
_LABEL_WORD = re.compile(r"[^\W_]+(?:-[^\W_]+)*")


def object_phrases(label: str) -> tuple[str, ...]:
    """The verb-object phrases ("{calibrate} instrument") of a label made of an object and an action noun
    ("instrument calibration", "calibration of instruments"); none for other labels. The object is one or two
    words, not a vague one on its own, and the label has no other words."""
    words = _LABEL_WORD.findall(label.lower())
    if not 2 <= len(words) <= 4:
        return ()
    if words[-1] in ACTION_NOUNS:
        verb, obj = ACTION_NOUNS[words[-1]], words[:-1]
    elif words[0] in ACTION_NOUNS and len(words) >= 3 and words[1] in {"of", "for"}:
        verb, obj = ACTION_NOUNS[words[0]], words[2:]
    else:
        return ()
    if not 1 <= len(obj) <= 2 or any(w in ACTION_NOUNS or w in {"and", "or", "of", "the", "a"} for w in obj):
        return ()
    if any(w in _LEAD_VERBS or any(c.isdigit() for c in w) for w in obj):
        return ()
    if _ADJECTIVE_END.search(obj[-1]) or obj[-1] in {"sterile", "first"}:
        return ()
    if len(obj) == 1 and (obj[0].rstrip("s") in _VAGUE_OBJECTS or obj[0] in _VAGUE_OBJECTS or len(obj[0]) <= 3):
        return ()
    head, *particle = verb.split()
    return (" ".join([f"{{{head}}}", *particle, *obj]),)
