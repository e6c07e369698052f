"""The lockfiles hold what pyproject.toml asks for, with hashes, and one version of each package.

A dependency added to or narrowed in pyproject.toml without `scripts/lock.sh` fails here, offline, before
a fresh clone would install without it (docs/decisions/0008-locked-installs.md).
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[2]
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)(?:\s*;\s*([^\\]+?))?\s*\\?$")
# Which extras each lock holds (scripts/lock.sh).
FLAVOURS = {
    "base": ("redis",),
    "dev": ("redis", "dev", "e2e"),
    "load": ("redis", "dev", "e2e", "load"),
}


def pins(flavour: str) -> dict[str, str]:
    """Package -> version for the Python running the tests; every pin must carry at least one hash.

    The locks are universal: a package may be pinned once per range of Python versions (a marker).
    """
    lines = (ROOT / "requirements" / f"{flavour}.lock").read_text(encoding="utf-8").splitlines()
    found: dict[str, str] = {}
    for number, line in enumerate(lines):
        match = PIN.match(line)
        if match is None:
            continue
        name, version, marker = canonicalize_name(match[1]), match[2], match[3]
        following = lines[number + 1] if number + 1 < len(lines) else ""
        assert "--hash=sha256:" in following, f"{flavour}.lock pins {name} without a hash"
        if marker and not Marker(marker).evaluate():
            continue
        assert found.get(name, version) == version, f"{flavour}.lock pins {name} twice for this Python"
        found[name] = version
    return found


def wanted(flavour: str) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = list(project["dependencies"])
    for extra in FLAVOURS[flavour]:
        requirements += project["optional-dependencies"][extra]
    build = (ROOT / "requirements" / "build.in").read_text(encoding="utf-8").splitlines()
    requirements += [line for line in build if line.strip() and not line.startswith("#")]
    return [Requirement(r) for r in requirements]


@pytest.mark.parametrize("flavour", sorted(FLAVOURS))
def test_every_requirement_is_locked_within_its_range(flavour):
    locked = pins(flavour)
    for requirement in wanted(flavour):
        name = canonicalize_name(requirement.name)
        assert name in locked, f"{name} is in pyproject.toml but not in {flavour}.lock: run scripts/lock.sh"
        assert requirement.specifier.contains(locked[name], prereleases=True), (
            f"{flavour}.lock has {name}=={locked[name]}, outside {requirement.specifier}: run scripts/lock.sh"
        )


def test_the_locks_agree_and_each_holds_the_smaller_one():
    base, dev, load = pins("base"), pins("dev"), pins("load")
    assert base.items() <= dev.items()
    assert dev.items() <= load.items()
    assert "locust" in load
    assert "locust" not in dev
