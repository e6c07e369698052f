"""The Career Converter: from a person's previous jobs, self-rated skills and CV to ranked industry roles,
the reasons for each, and a dated training plan. Views, the JSON API and the `skillsnet convert` command
all call `services.py`, so the three give the same answers."""
