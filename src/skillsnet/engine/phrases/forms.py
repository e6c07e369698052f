"""Verb forms: a braced verb in a phrase ("{take} blood") stands for its base, past, participle and -ing
forms."""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from types import MappingProxyType

_IRREGULAR: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "take": ("took", "taken"),
        "give": ("gave", "given"),
        "run": ("ran",),
        "write": ("wrote", "written"),
        "keep": ("kept",),
        "lead": ("led",),
        "teach": ("taught",),
        "draw": ("drew", "drawn"),
        "do": ("did", "done"),
        "make": ("made",),
        "hold": ("held",),
        "deal": ("dealt",),
        "grow": ("grew", "grown"),
        "set": (),
        "put": (),
        "get": ("got",),
        "build": ("built",),
        "oversee": ("oversaw", "overseen"),
        "wear": ("wore", "worn"),
        "speak": ("spoke", "spoken"),
        "find": ("found",),
        "read": (),
        "cut": (),
    }
)
_DOUBLE_FINAL = frozenset(
    {"run", "plan", "log", "ship", "swab", "prep", "put", "set", "get", "pin", "scan", "cut", "transfer"}
)


def verb_forms(verb: str) -> tuple[str, ...]:
    """Base, past, past participle and -ing forms of a verb (the -s form normalises to the base)."""
    if verb in _IRREGULAR:
        past: tuple[str, ...] = _IRREGULAR[verb]
    elif verb.endswith("e"):
        past = (verb + "d",)
    elif verb.endswith("y") and verb[-2:-1] not in "aeiou":
        past = (verb[:-1] + "ied",)
    elif verb in _DOUBLE_FINAL:
        past = (verb + verb[-1] + "ed",)
    else:
        past = (verb + "ed",)
    # British spelling doubles a final l after one vowel ("label": "labelled", "labelling"; "counsel",
    # "travel", "model", "fuel", "dial"); the American single-l forms stay as well.
    uk_l = (
        len(verb) > 3
        and verb[-1] == "l"
        and verb[-2] in "aeiou"
        and (verb[-3] not in "aeiou" or verb[-3:-1] in ("ue", "ia"))  # "fuelled", "dialled"; not "feeled"
    )
    if verb.endswith("ie"):
        ing = verb[:-2] + "ying"
    elif verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")):
        ing = verb[:-1] + "ing"
    elif verb in _DOUBLE_FINAL:
        ing = verb + verb[-1] + "ing"
    else:
        ing = verb + "ing"
    british = (verb + "led", verb + "ling") if uk_l and verb not in _IRREGULAR else ()
    return tuple(dict.fromkeys((verb, *past, ing, *british)))


_BRACED = re.compile(r"\{(\w+)\}")


def expand(phrase: str) -> Iterator[str]:
    """The written forms of a phrase: every braced verb in each of its forms."""
    match = _BRACED.search(phrase)
    if match is None:
        yield phrase
        return
    for form in verb_forms(match[1]):
        yield from expand(phrase[: match.start()] + form + phrase[match.end() :])


def phrase_verbs_of(table: Mapping[str, tuple[str, ...]]) -> frozenset[str]:
    """Every form of every braced verb of a phrase table."""
    return frozenset(
        form for phrases in table.values() for p in phrases for v in _BRACED.findall(p) for form in verb_forms(v)
    )
