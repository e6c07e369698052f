"""Production settings and the `skillsnet` command, run as real processes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from skillsnet import env

ROOT = Path(__file__).resolve().parents[2]
SKILLSNET = shutil.which("skillsnet", path=str(Path(sys.executable).parent)) or "skillsnet"


def run(args, **extra_env):
    environment = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {
            "SECRET_KEY",
            "SECRET_KEY_FILE",
            "DEBUG",
            "DJANGO_ALLOW_ASYNC_UNSAFE",
            "CREDENTIALS_SIGNING_KEY",
            "CREDENTIALS_SIGNING_KEY_FILE",
            "SKILLSNET_BASE_URL",
        }
    }
    environment.update(extra_env)
    return subprocess.run([SKILLSNET, *args], capture_output=True, text=True, env=environment, cwd=ROOT, timeout=120)


def test_production_refuses_to_start_without_a_secret_key():
    result = run(["check"], SKILLSNET_ENV="production")
    assert result.returncode == 2
    assert "SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_production_settings_pass_check_deploy_with_no_warnings(tmp_path):
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    secret = tmp_path / "secret"
    secret.write_text("x" * 20 + "a-long-random-production-secret-key-0123456789")
    signing_key = tmp_path / "credentials.pem"
    signing_key.write_bytes(
        Ed25519PrivateKey.generate().private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    result = run(
        ["check", "--deploy", "--fail-level", "WARNING"],
        SKILLSNET_ENV="production",
        SECRET_KEY_FILE=str(secret),
        ALLOWED_HOSTS="skills.example.org",
        CREDENTIALS_SIGNING_KEY_FILE=str(signing_key),
        SKILLSNET_BASE_URL="https://skills.example.org",
        SKILLSNET_CACHE="database",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_uses_argon2_and_refuses_debug(tmp_path):
    result = run(
        ["shell", "-c", "from django.conf import settings; print(settings.PASSWORD_HASHERS[0])"],
        SKILLSNET_ENV="production",
        SECRET_KEY="p" * 60,
        SKILLSNET_CACHE="database",
    )
    assert result.returncode == 0, result.stderr
    assert "Argon2PasswordHasher" in result.stdout
    result = run(["check"], SKILLSNET_ENV="production", SECRET_KEY="p" * 60, SKILLSNET_CACHE="database", DEBUG="1")
    assert result.returncode == 2
    assert "DEBUG must be off" in result.stderr


def test_development_links_follow_port_and_emails_go_to_files():
    show = "from django.conf import settings; print(settings.SKILLSNET_BASE_URL, settings.EMAIL_BACKEND, settings.EMAIL_FILE_PATH)"
    result = run(["shell", "-c", show], SKILLSNET_ENV="development", PORT="8001")
    assert result.returncode == 0, result.stderr
    base, backend, folder = result.stdout.split()[-3:]
    assert base == "http://127.0.0.1:8001"
    assert backend == "django.core.mail.backends.filebased.EmailBackend"  # not printed among the server's output
    assert folder.endswith("/var/mail")
    result = run(
        ["shell", "-c", show], SKILLSNET_ENV="development", PORT="8001", SKILLSNET_BASE_URL="https://a.example"
    )
    assert result.stdout.split()[-3] == "https://a.example"


def test_the_cli_runs_management_commands():
    result = run(["help"])
    assert result.returncode == 0
    assert "demo_accounts" in result.stdout
    result = run(["no_such_command"])
    assert result.returncode != 0
    assert "Unknown command" in result.stderr


def test_env_helpers_name_the_variable(monkeypatch, tmp_path):
    monkeypatch.setenv("SOME_FLAG", "perhaps")
    with pytest.raises(ImproperlyConfigured, match="SOME_FLAG"):
        env.env_bool("SOME_FLAG")
    monkeypatch.setenv("SOME_INT", "ten")
    with pytest.raises(ImproperlyConfigured, match="SOME_INT"):
        env.env_int("SOME_INT", 1)
    secret = tmp_path / "s"
    secret.write_text("from-a-file\n")
    monkeypatch.setenv("MY_SECRET_FILE", str(secret))
    assert env.env_secret("MY_SECRET") == "from-a-file"
    monkeypatch.setenv("MY_SECRET", "also-set")
    with pytest.raises(ImproperlyConfigured, match="not both"):
        env.env_secret("MY_SECRET")
    monkeypatch.setenv("A_LIST", "a, b,,c")
    assert env.env_list("A_LIST") == ["a", "b", "c"]
