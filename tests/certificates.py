"""Throwaway certificates for TLS and mutual-TLS tests, made on the spot.

``write_test_pki(directory)`` writes a CA, a server certificate for
localhost / 127.0.0.1 / ::1 signed by it, a client certificate signed by it,
and a client certificate signed by another CA (which a mutual-TLS server must
refuse). Keys are P-256, certificates valid for a day either side of now.
``mutual_tls_flags()`` are the ``spark-grpc serve`` flags for mutual TLS with
them, ``client_credentials()`` a gRPC client's credentials with the client
certificate.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import grpc
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

_DAY = timedelta(days=1)


@dataclass(frozen=True)
class Certificates:
    ca: Path
    server_cert: Path
    server_key: Path
    client_cert: Path
    client_key: Path
    # A client certificate from a CA the server does not trust.
    stranger_cert: Path
    stranger_key: Path

    def mutual_tls_flags(self) -> tuple[str, ...]:
        return (
            "--tls-cert",
            str(self.server_cert),
            "--tls-key",
            str(self.server_key),
            "--tls-client-ca",
            str(self.ca),
        )

    def client_credentials(self) -> grpc.ChannelCredentials:
        return grpc.ssl_channel_credentials(
            self.ca.read_bytes(), self.client_key.read_bytes(), self.client_cert.read_bytes()
        )


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


def _certificate(
    subject: str,
    key: ec.EllipticCurvePrivateKey,
    issuer: x509.Certificate | None,
    issuer_key: ec.EllipticCurvePrivateKey,
    *,
    ca: bool = False,
    usage: x509.ObjectIdentifier | None = None,
    names: list[x509.GeneralName] | None = None,
) -> x509.Certificate:
    now = datetime.now(UTC)
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(subject))
        .issuer_name(issuer.subject if issuer is not None else _name(subject))
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _DAY)
        .not_valid_after(now + _DAY)
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
    )
    if ca:
        builder = builder.add_extension(
            x509.KeyUsage(
                digital_signature=True,
                key_cert_sign=True,
                crl_sign=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
    if usage is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
    if names:
        builder = builder.add_extension(x509.SubjectAlternativeName(names), critical=False)
    return builder.sign(issuer_key, hashes.SHA256())


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def _pem(certificate: x509.Certificate) -> bytes:
    return certificate.public_bytes(serialization.Encoding.PEM)


def _key_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def write_test_pki(directory: Path) -> Certificates:
    directory.mkdir(parents=True, exist_ok=True)
    ca_key = _key()
    ca = _certificate("spark test CA", ca_key, None, ca_key, ca=True)
    server_key = _key()
    server = _certificate(
        "localhost",
        server_key,
        ca,
        ca_key,
        usage=ExtendedKeyUsageOID.SERVER_AUTH,
        names=[
            x509.DNSName("localhost"),
            x509.IPAddress(ipaddress.ip_address("127.0.0.1")),
            x509.IPAddress(ipaddress.ip_address("::1")),
        ],
    )
    client_key = _key()
    client = _certificate(
        "spark-test-client", client_key, ca, ca_key, usage=ExtendedKeyUsageOID.CLIENT_AUTH
    )
    other_ca_key = _key()
    other_ca = _certificate("another CA", other_ca_key, None, other_ca_key, ca=True)
    stranger_key = _key()
    stranger = _certificate(
        "stranger", stranger_key, other_ca, other_ca_key, usage=ExtendedKeyUsageOID.CLIENT_AUTH
    )
    return Certificates(
        ca=_write(directory / "ca.pem", _pem(ca)),
        server_cert=_write(directory / "server.pem", _pem(server)),
        server_key=_write(directory / "server-key.pem", _key_pem(server_key)),
        client_cert=_write(directory / "client.pem", _pem(client)),
        client_key=_write(directory / "client-key.pem", _key_pem(client_key)),
        stranger_cert=_write(directory / "stranger.pem", _pem(stranger)),
        stranger_key=_write(directory / "stranger-key.pem", _key_pem(stranger_key)),
    )
