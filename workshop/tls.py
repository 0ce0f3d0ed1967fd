"""HTTPS for `workshop serve --tls`, by Python's ssl: with the certificate and key the
facilitator gives (`--cert`, `--key`), or, for a room on a LAN, a self-signed certificate made
on first use and kept beside the session (`.NAME.tls.pem`, key and certificate, mode 0600,
created so that nothing planted at its name is followed or used). Browsers warn about a
self-signed certificate; its SHA-256 goes on the join bar and the room display, so people can
check that the one their browser shows is this server's. Only `serve` imports this module.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import os
import ssl
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.exceptions import UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from workshop import i18n
from workshop.errors import WorkshopError, os_message
from workshop.i18n import _
from workshop.journal import files
from workshop.sessions.files import certificate_path

VALID_FOR = dt.timedelta(days=397)  # what browsers accept of any certificate: a new one after that
ALWAYS = ("localhost", "127.0.0.1", "::1")  # this machine's own names, for a test from the facilitator's laptop


@dataclass(frozen=True)
class Tls:
    context: ssl.SSLContext
    fingerprint: str = ""  # the self-signed certificate's SHA-256 (hex), for people to check; "" for a given one
    given: bool = False  # a certificate the facilitator gave, which browsers check: answers carry HSTS
    made: bool = False  # a self-signed certificate was made just now (a new fingerprint to check)


def given(cert: Path, key: Path, now: dt.datetime | None = None) -> Tls:
    """HTTPS with the facilitator's certificate (the chain, PEM) and its key (PEM, unencrypted)."""
    now = now or dt.datetime.now(dt.UTC)
    try:
        leaf = x509.load_pem_x509_certificates(_read("--cert", cert))[0]
    except ValueError:
        raise WorkshopError(
            _("--cert {path}: no certificate in it (PEM: -----BEGIN CERTIFICATE-----)").format(path=cert)
        ) from None
    if now >= leaf.not_valid_after_utc:
        raise WorkshopError(
            _("--cert {path}: expired on {day}: browsers refuse it").format(
                path=cert, day=i18n.day(leaf.not_valid_after_utc.date(), english="%Y-%m-%d")
            )
        )
    try:
        serialization.load_pem_private_key(_read("--key", key), password=None)
    except TypeError:
        raise WorkshopError(
            _("--key {path}: the key is encrypted: give it unencrypted (mode 0600)").format(path=key)
        ) from None
    except (ValueError, UnsupportedAlgorithm):
        raise WorkshopError(
            _("--key {path}: no private key in it (PEM: -----BEGIN PRIVATE KEY-----)").format(path=key)
        ) from None
    context = _context()
    try:
        context.load_cert_chain(cert, key, password=_no_password)
    except _Encrypted:
        raise WorkshopError(
            _("--key {path}: the key is encrypted: give it unencrypted (mode 0600)").format(path=key)
        ) from None
    except ssl.SSLError as err:
        mismatch = err.reason == "KEY_VALUES_MISMATCH"  # ssl's own code for it, never its words
        why = (
            _("the key is not this certificate's")
            if mismatch
            else _("ssl refused them ({reason})").format(reason=err.reason or err)
        )
        raise WorkshopError(f"--cert {cert} --key {key}: {why}") from None  # not translated: options and a reason
    except OSError as err:
        raise WorkshopError(os_message(cert, "read", err)) from None
    return Tls(context, given=True)


def self_signed(session: Path, names: Iterable[str], now: dt.datetime | None = None) -> Tls:
    """HTTPS with this session's self-signed certificate, made now if there is none, or if the
    one there has expired or does not name the address `serve` announces (`names`, the first)."""
    now = now or dt.datetime.now(dt.UTC)
    wanted = list(dict.fromkeys([*names, *ALWAYS]))
    path = certificate_path(session)
    pem, made = _kept(path), False
    certificate = _certificate(pem) if pem is not None else None
    if certificate is None or not _covers(certificate, wanted[:1], now):
        if pem is not None:
            files.remove(path)  # ours (read_owned said so), expired or for another address
        pem = _make(session.stem, wanted, now)
        files.create_secret(path, pem)
        certificate, made = _certificate(pem), True
    assert certificate is not None and pem is not None
    context = _context()
    _load(context, pem)
    return Tls(context, fingerprint=certificate.fingerprint(hashes.SHA256()).hex(), made=made)


def _context() -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.minimum_version = ssl.TLSVersion.TLSv1_2
    return context


class _Encrypted(Exception):
    pass


def _no_password() -> bytes:
    """ssl would otherwise ask for a passphrase on the terminal, where `serve` prints the room's address."""
    raise _Encrypted


def _read(option: str, path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise WorkshopError(_("{option} {path}: no such file").format(option=option, path=path)) from None
    except OSError as err:
        raise WorkshopError(f"{option} {os_message(path, 'read', err)}") from None  # not translated: an option


def _kept(path: Path) -> bytes | None:
    """The certificate kept beside the session, or None when there is none yet. One that belongs
    to another account, or a link, is refused: its maker would hold the key."""
    if files.kind_of(path) is None:
        return None
    try:
        return files.read_owned(path)
    except files.JournalError as err:
        raise WorkshopError(
            _("{err} (the self-signed certificate: remove it and serve makes a new one)").format(err=err)
        ) from None


def _certificate(pem: bytes) -> x509.Certificate | None:
    try:
        serialization.load_pem_private_key(pem, password=None)
        return x509.load_pem_x509_certificate(pem)
    except (ValueError, TypeError):
        return None  # damaged: ours to replace


def _covers(certificate: x509.Certificate, names: list[str], now: dt.datetime) -> bool:
    if not certificate.not_valid_before_utc <= now < certificate.not_valid_after_utc - dt.timedelta(days=1):
        return False
    try:
        alternatives = certificate.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    except x509.ExtensionNotFound:
        return False
    held = {str(n).lower() for n in alternatives.get_values_for_type(x509.DNSName)}
    held |= {str(n) for n in alternatives.get_values_for_type(x509.IPAddress)}
    return all(_plain(name) in held for name in names)


def _plain(name: str) -> str:
    try:
        return str(ipaddress.ip_address(name.strip("[]")))
    except ValueError:
        return name.lower()


def _make(stem: str, names: list[str], now: dt.datetime) -> bytes:
    key = ec.generate_private_key(ec.SECP256R1())  # what every browser and phone takes
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, f"workshop {stem}"[:64])])
    alternatives: list[x509.GeneralName] = []
    for name in names:
        try:
            alternatives.append(x509.IPAddress(ipaddress.ip_address(name.strip("[]"))))
        except ValueError:
            alternatives.append(x509.DNSName(name.lower()))
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - dt.timedelta(hours=1))
        .not_valid_after(now + VALID_FOR)
        .add_extension(x509.SubjectAlternativeName(alternatives), critical=False)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .sign(key, hashes.SHA256())
    )
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    return private + certificate.public_bytes(serialization.Encoding.PEM)


def _load(context: ssl.SSLContext, pem: bytes) -> None:
    """ssl reads a certificate only from a path: give it these very bytes (already checked to be
    this account's own file), through a file in memory, never the path again."""
    fd = os.memfd_create("workshop-tls", os.MFD_CLOEXEC)
    try:
        files.write_all(fd, pem)
        context.load_cert_chain(f"/proc/self/fd/{fd}")  # not translated: a path
    finally:
        os.close(fd)
