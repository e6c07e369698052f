"""The `skillsnet` command: Django's management commands under the project's own name.

skillsnet migrate
skillsnet runserver
skillsnet load_dataset
"""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "skillsnet.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["skillsnet", *(sys.argv[1:] if argv is None else argv)])
    except ImproperlyConfigured as exc:
        # A configuration mistake is the operator's to fix: say what it is, without a traceback.
        sys.stderr.write(f"skillsnet: configuration error: {exc}\n")
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
