from __future__ import annotations

from django import forms

# England's Regulated Qualifications Framework, with the qualifications people recognise at each level.
RQF_LEVELS = [
    (2, "Level 2: GCSEs at grades 9 to 4"),
    (3, "Level 3: A levels, T level, advanced apprenticeship"),
    (4, "Level 4: HNC, higher apprenticeship"),
    (5, "Level 5: foundation degree, HND"),
    (6, "Level 6: bachelor's degree, degree apprenticeship"),
    (7, "Level 7: master's degree"),
    (8, "Level 8: doctorate"),
]


class RoleFilterForm(forms.Form):
    max_entry_level = forms.TypedChoiceField(
        label="Highest qualification level you have or plan to reach",
        help_text="Shows the jobs you could start at that level or below.",
        choices=[("", "Any level"), *RQF_LEVELS],
        coerce=int,
        empty_value=None,
        required=False,
    )
