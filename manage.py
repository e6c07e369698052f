#!/usr/bin/env python
"""Django's manage.py; the same as the `skillsnet` console script."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "src"))

from skillsnet.__main__ import main

if __name__ == "__main__":
    main()
