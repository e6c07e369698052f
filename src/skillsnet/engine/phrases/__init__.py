"""Ordinary CV wording for curated skills: tasks written as a verb on an object ("took blood samples",
"monitored patients", "calibrated pipettes and balances") rather than as a skill's name.

`TASK_PHRASES` maps a skill slug to phrases. In a phrase, a word in braces is a verb and stands for its
inflected forms ("{take} blood" is also "took blood", "taking blood"); the verb may be followed by a short
gap before the rest ("took routine blood samples"), as verb-led labels are (see extraction/mentions.py). A phrase
whose skill is not in the catalogue is ignored. The phrases were written from the skills' definitions in
data/skills.yaml and the usual wording of UK CVs, not from the test part of the evaluation set.

The modules: `forms` (verb forms, `expand`), `tasks` (`TASK_PHRASES`), `cv_reader` (the reader's own
phrases: `READER_PHRASES`, `RECURRING_WORDING`, `READER_ALSO`, `READER_DROPS`, `reader_phrases`) and `objects`
(`object_phrases` from labels).
"""

from .cv_reader import READER_ALSO, READER_DROPS, READER_PHRASES, RECURRING_WORDING, reader_phrases
from .forms import expand, phrase_verbs_of, verb_forms
from .objects import ACTION_NOUNS, object_phrases
from .tasks import TASK_PHRASES, phrase_verbs

__all__ = [
    "ACTION_NOUNS",
    "READER_ALSO",
    "READER_DROPS",
    "READER_PHRASES",
    "RECURRING_WORDING",
    "TASK_PHRASES",
    "expand",
    "object_phrases",
    "phrase_verbs",
    "phrase_verbs_of",
    "reader_phrases",
    "verb_forms",
]
