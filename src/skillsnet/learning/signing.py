"""The platform's Ed25519 signing key: load it, publish it as a JWK Set, sign and verify VC-JWTs.

The private key comes from `CREDENTIALS_SIGNING_KEY` (or `CREDENTIALS_SIGNING_KEY_FILE`), a PEM. Outside
production a missing key is generated once into `var/credentials-ed25519.pem`; production refuses to
sign without one (and `skillsnet check` warns, see checks.py).
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path
from typing import Any

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from django.conf import settings

JWT_TYPE = "vc+jwt"
ALGORITHM = "EdDSA"


class SigningKeyMissing(Exception):
    """No signing key is configured where one is required (production)."""


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _load_pem(pem: str) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(pem.strip().encode() + b"\n", password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise SigningKeyMissing("CREDENTIALS_SIGNING_KEY must be an Ed25519 private key in PEM form.")
    return key


def _generate_into(path: Path) -> Ed25519PrivateKey:
    """Create the development key file once; a concurrent process that wins the race is read instead."""
    path.parent.mkdir(parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return _load_pem(path.read_text(encoding="ascii"))
    with os.fdopen(fd, "wb") as handle:
        handle.write(pem)
    return key


@lru_cache(maxsize=4)
def _key_for(configured: str, path: str, production: bool) -> Ed25519PrivateKey:
    if configured:
        return _load_pem(configured)
    if production:
        raise SigningKeyMissing(
            "Credentials cannot be issued: set CREDENTIALS_SIGNING_KEY or CREDENTIALS_SIGNING_KEY_FILE "
            "to an Ed25519 private key (PEM)."
        )
    file = Path(path)
    if file.exists():
        return _load_pem(file.read_text(encoding="ascii"))
    return _generate_into(file)


def private_key() -> Ed25519PrivateKey:
    return _key_for(settings.CREDENTIALS_SIGNING_KEY, str(settings.CREDENTIALS_SIGNING_KEY_PATH), settings.PRODUCTION)


def _public_jwk(public: Ed25519PublicKey) -> dict[str, str]:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return {"kty": "OKP", "crv": "Ed25519", "x": _b64url(raw)}


def key_id(public: Ed25519PublicKey) -> str:
    """The RFC 7638 JWK thumbprint: stable for a key, so verifiers can pick it out of the JWK Set."""
    members = _public_jwk(public)
    canonical = json.dumps({k: members[k] for k in ("crv", "kty", "x")}, separators=(",", ":"))
    return _b64url(hashlib.sha256(canonical.encode()).digest())


def jwks() -> dict[str, list[dict[str, str]]]:
    """The public key as a JWK Set (what /.well-known/jwks.json serves); empty when none is configured."""
    try:
        public = private_key().public_key()
    except SigningKeyMissing:
        return {"keys": []}
    return {"keys": [{**_public_jwk(public), "kid": key_id(public), "use": "sig", "alg": ALGORITHM}]}


def sign(payload: dict[str, Any]) -> str:
    key = private_key()
    return jwt.encode(payload, key, algorithm=ALGORITHM, headers={"kid": key_id(key.public_key()), "typ": JWT_TYPE})


def public_key_from_jwk(jwk: dict[str, Any]) -> Ed25519PublicKey:
    if jwk.get("kty") != "OKP" or jwk.get("crv") != "Ed25519":
        raise ValueError("not an Ed25519 key")
    raw = base64.urlsafe_b64decode(str(jwk["x"]) + "=" * (-len(str(jwk["x"])) % 4))
    return Ed25519PublicKey.from_public_bytes(raw)


def verify(token: str, key_set: dict[str, Any]) -> dict[str, Any]:
    """The payload of `token` when its signature checks out against a key of `key_set` (a JWK Set).

    Raises `jwt.PyJWTError` (a bad token, an unknown key, an expired credential) otherwise.
    """
    header = jwt.get_unverified_header(token)
    if header.get("alg") != ALGORITHM:
        raise jwt.InvalidAlgorithmError("The credential is not signed with EdDSA.")
    candidates = [k for k in key_set.get("keys", []) if k.get("kid") == header.get("kid")]
    if not candidates:
        raise jwt.InvalidKeyError("The credential was signed with a key this service does not publish.")
    public = public_key_from_jwk(candidates[0])
    return jwt.decode(token, public, algorithms=[ALGORITHM], options={"require": ["iss", "jti", "nbf"]})
