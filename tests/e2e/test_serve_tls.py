"""`serve --tls` as the facilitator starts it: a real process on a loopback port. The self-signed
certificate is made once, kept beside the session (mode 0600) and used again, so the fingerprint
people checked stays the same; a given certificate is what browsers get; every bad input is one
`error:` line and announces nothing."""

from __future__ import annotations

import datetime as dt
import hashlib
import http.client
import os
import signal
import ssl
import subprocess
import sys
import time
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from tests.e2e.phones import free_port
from tests.e2e.test_serve import assert_one_line_refusal, run_serve, serve_events
from tests.support import polls_plan
from workshop import sessions


@pytest.fixture
def session_path(tmp_path: Path) -> Path:
    return sessions.create(polls_plan(), tmp_path / "sessions", "tls", "Sam")


def served_once(path: Path, *args: str) -> tuple[dict, bytes, dict[str, str]]:
    """Start serve, read what it announced and the certificate and headers it serves, stop it."""
    port = free_port()
    before = len([e for e in serve_events(path) if e["address"]])
    process = subprocess.Popen(
        [sys.executable, "-m", "workshop", "serve", str(path), "--port", str(port), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 60
        while len([e for e in serve_events(path) if e["address"]]) <= before:
            assert process.poll() is None and time.monotonic() < deadline, process.communicate(timeout=5)
            time.sleep(0.05)
        announced = [e for e in serve_events(path) if e["address"]][-1]
        der = ssl.PEM_cert_to_DER_cert(ssl.get_server_certificate(("127.0.0.1", port)))
        context = ssl._create_unverified_context()
        connection = http.client.HTTPSConnection("127.0.0.1", port, context=context, timeout=30)
        connection.request("GET", "/")
        headers = dict(connection.getresponse().getheaders())
        connection.close()
        return announced, der, headers
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)


def test_a_self_signed_certificate_is_made_once_kept_and_announced(session_path: Path) -> None:
    first, der, headers = served_once(session_path, "--tls")
    kept = session_path.with_name(".tls.tls.pem")
    assert os.stat(kept).st_mode & 0o777 == 0o600
    assert first["address"].startswith("https://localhost:")
    assert first["certificate"] == hashlib.sha256(der).hexdigest()  # what the join bar says is what browsers get
    assert "Strict-Transport-Security" not in headers  # a self-signed certificate: no HSTS
    assert "Secure" in headers.get("Set-Cookie", "")
    again, der_again, _ = served_once(session_path, "--tls")
    assert again["certificate"] == first["certificate"] and der_again == der  # people checked it once


def make_certificate(folder: Path, name: str = "localhost", days: int = 30) -> tuple[Path, Path]:
    """A certificate (self-signed, as a test has no CA) valid until `days` from now, and its key."""
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = dt.datetime.now(dt.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(days=400))
        .not_valid_after(now + dt.timedelta(days=days))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(name)]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert, private = folder / f"{name}-{days}.crt", folder / f"{name}-{days}.key"
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    private.write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return cert, private


def test_a_given_certificate_is_served_with_hsts(session_path: Path, tmp_path: Path) -> None:
    cert, key = make_certificate(tmp_path)
    announced, der, headers = served_once(session_path, "--cert", str(cert), "--key", str(key))
    assert der == ssl.PEM_cert_to_DER_cert(cert.read_text())
    assert announced["address"].startswith("https://") and "certificate" not in announced  # browsers check it
    assert headers["Strict-Transport-Security"] == "max-age=86400"


def test_every_bad_certificate_is_one_line_and_announces_nothing(session_path: Path, tmp_path: Path) -> None:
    cert, key = make_certificate(tmp_path)
    _, other_key = make_certificate(tmp_path, "other.example")
    expired, expired_key = make_certificate(tmp_path, "old.example", days=-1)
    locked = tmp_path / "locked.key"
    locked.write_bytes(
        serialization.load_pem_private_key(key.read_bytes(), None).private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(b"secret"),
        )
    )
    for args, says in [
        (["--cert", str(tmp_path / "missing.crt"), "--key", str(key)], "missing.crt: no such file"),
        (["--cert", str(cert)], "--cert and --key go together"),
        (["--cert", str(cert), "--key", str(other_key)], "the key is not this certificate's"),
        (["--cert", str(key), "--key", str(key)], "no certificate in it"),
        (["--cert", str(cert), "--key", str(locked)], "the key is encrypted"),
        (["--cert", str(expired), "--key", str(expired_key)], "expired on"),
        (["--tls", "--url", "javascript:alert(1)"], "--url"),
        (["--trusted-proxy", "the proxy"], "--trusted-proxy"),
        (["--ssh-kiosk"], "--ssh-kiosk"),
    ]:
        assert_one_line_refusal(run_serve(session_path, *args), session_path, says)


def test_a_planted_certificate_is_never_used_or_written_through(session_path: Path, tmp_path: Path) -> None:
    """Whoever planted a certificate beside the session would hold its key: a link there (or a
    file of another account's) is refused in one line, never followed, never replaced."""
    kept = session_path.with_name(".tls.tls.pem")
    kept.symlink_to(tmp_path / "elsewhere.pem")
    assert_one_line_refusal(run_serve(session_path, "--tls"), session_path, "self-signed certificate")
    assert not (tmp_path / "elsewhere.pem").exists() and kept.is_symlink()
