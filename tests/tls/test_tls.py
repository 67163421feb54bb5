"""TLS to a shared PostgreSQL: a workstation with `sslmode=verify-full` connects only to a
server whose certificate its own CA signed, and a server that takes TLS only refuses a
plain connection. A throwaway cluster (initdb) with a self-signed CA on a free port."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from console.backup import pg_tools
from console.db import check_connection, describe_url, make_engine, tls_problem
from console.errors import DatabaseUnavailable
from tests.tls import pki
from tests.tls.cluster import pg_bin, tls_cluster
from widgets.errors import error_text


class Site:
    def __init__(self, port: int, folder: Path, bindir: Path, ca: pki.Authority) -> None:
        self.port, self.folder, self.bindir, self.ca = port, folder, bindir, ca

    def pc_url(self, cert: tuple[Path, Path] | None = None) -> str:
        """hall_pc's verify-full URL, with its certificate and key when given."""
        query = {"sslmode": "verify-full", "sslrootcert": str(self.folder / "site-ca.crt")}
        if cert:
            query |= {"sslcert": str(cert[0]), "sslkey": str(cert[1])}
        return self.url(**query).replace("postgres@", "hall_pc@", 1)

    def url(self, host: str = "127.0.0.1", **query: str) -> str:
        params = "&".join(f"{k}={v}" for k, v in query.items())
        return f"postgresql://postgres@{host}:{self.port}/postgres?{params}"


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    bindir = pg_bin()
    if bindir is None or not (bindir / "initdb").exists():
        message = "no PostgreSQL server binaries (initdb) to start a TLS cluster"
        if os.environ.get("GRIDDESK_REQUIRE_PG") == "1":
            pytest.fail(message)
        pytest.skip(message)
    folder = Path(tempfile.mkdtemp(prefix="griddesk-tls-"))
    try:
        ca = pki.authority("GridDesk test site CA")
        crt, key = pki.server_files(ca, folder)
        # The workstation's copy of the CA and a CA nobody signed the server with.
        ours = ca.write(folder / "site-ca.crt")
        pki.authority("Some other CA").write(folder / "other-ca.crt")
        os.chmod(folder, 0o755)  # the test (root or not) reads the CA files
        with tls_cluster(bindir, folder, crt, key, ours) as port:
            yield _with_a_certificate_login(Site(port, folder, bindir, ca))
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _with_a_certificate_login(site: Site) -> Site:
    """hall_pc: a login the server admits only with a certificate from the site CA."""
    engine = make_engine(site.url(sslmode="verify-full",
                                  sslrootcert=str(site.folder / "site-ca.crt")))
    with engine.connect() as conn:
        conn.execute(text("CREATE ROLE hall_pc LOGIN"))
        conn.commit()
    engine.dispose()
    return site


def _refusal(url: str) -> str:
    engine = make_engine(url)
    try:
        with pytest.raises(DatabaseUnavailable) as err:
            check_connection(engine)
    finally:
        engine.dispose()
    return error_text(err.value)


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost"])
def test_verify_full_with_the_site_ca_connects_encrypted(site, host):
    engine = make_engine(site.url(host, sslmode="verify-full",
                                  sslrootcert=str(site.folder / "site-ca.crt")))
    try:
        check_connection(engine)
        with engine.connect() as conn:
            encrypted = conn.execute(text(
                "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")).scalar()
    finally:
        engine.dispose()
    assert encrypted is True


def test_a_server_signed_by_another_ca_is_refused_with_a_clear_message(site):
    said = _refusal(site.url(sslmode="verify-full",
                             sslrootcert=str(site.folder / "other-ca.crt")))
    assert said.startswith(f"Cannot reach the database PostgreSQL 127.0.0.1:{site.port}/postgres.")
    assert "certificate verify failed" in said
    assert said.endswith("Do not work around this: tell the administrator.")
    assert "\n" not in said and "Traceback" not in said and "other-ca" not in said


def test_the_warning_reads_in_chinese(site, english):
    english("zh_CN")
    said = _refusal(site.url(sslmode="verify-full",
                             sslrootcert=str(site.folder / "other-ca.crt")))
    assert said.startswith(f"无法连接数据库 PostgreSQL 127.0.0.1:{site.port}/postgres。")
    assert said.endswith("请勿设法绕过，请告知管理员。")


def test_a_server_certificate_for_another_name_is_refused(site):
    # The right CA, but the certificate does not name 127.0.0.2: someone else's server.
    said = _refusal(site.url("127.0.0.2", sslmode="verify-full",
                             sslrootcert=str(site.folder / "site-ca.crt")))
    assert 'does not match host name "127.0.0.2"' in said
    assert "did not prove that it is the site's database server" in said


def test_a_missing_ca_file_is_named(site):
    said = _refusal(site.url(sslmode="verify-full", sslrootcert=str(site.folder / "nope.crt")))
    assert "nope.crt" in said and "is not on this PC" in said


def test_a_connection_without_tls_is_refused(site):
    said = _refusal(site.url(sslmode="disable"))
    assert said.startswith(f"Cannot reach the database PostgreSQL 127.0.0.1:{site.port}/postgres.")
    assert "no encryption" in said
    assert "needs sslmode=verify-full and sslrootcert" in said


def test_asking_a_server_without_tls_for_it_says_so():
    # libpq's words when the server answers "no" to TLS (no such server in this test).
    detail = ('connection to server at "10.0.0.5", port 5432 failed: server does not '
              "support SSL, but SSL was required")
    said = error_text(DatabaseUnavailable("x", where="PostgreSQL 10.0.0.5:5432/griddesk",
                                          detail=detail, tls=tls_problem(detail)))
    assert said.endswith("the administrator has to turn TLS on at the server.")


def test_the_status_bar_shows_no_secret_of_a_tls_url():
    url = ("postgresql://counter:s3cret@db.hall:5433/griddesk?sslmode=verify-full"
           "&sslrootcert=/etc/griddesk/ca.crt&sslcert=/etc/griddesk/pc.crt"
           "&sslkey=/etc/griddesk/pc.key&sslpassword=k3ypass")
    shown = describe_url(make_engine(url).url.render_as_string(hide_password=True))
    assert shown == "PostgreSQL db.hall:5433/griddesk"


def test_a_mistyped_url_is_named_without_its_secrets():
    with pytest.raises(DatabaseUnavailable) as err:
        make_engine("postgres://counter:s3cret@db.hall:5433/griddesk?sslmode=verify-full"
                    "&sslpassword=k3ypass")
    said = error_text(err.value)
    assert "postgres://counter@db.hall:5433/griddesk" in said
    assert "s3cret" not in said and "k3ypass" not in said


@pytest.mark.parametrize("ca, works", [("site-ca.crt", True), ("other-ca.crt", False)])
def test_backups_keep_the_url_tls_options(site, tmp_path, ca, works):
    # pg_dump gets the URL's query as libpq options: a backup checks the server as well.
    engine = make_engine(site.url(sslmode="verify-full", sslrootcert=str(site.folder / ca)))
    options = pg_tools.libpq(engine.url)
    engine.dispose()
    dump = [str(site.bindir / "pg_dump"), "--schema-only", "--file", str(tmp_path / "d"),
            *options.args]
    if works:
        pg_tools.run(dump, options.env, "pg_dump")
        assert (tmp_path / "d").stat().st_size > 0
    else:
        with pytest.raises(pg_tools.BackupFailed, match="certificate verify failed"):
            pg_tools.run(dump, options.env, "pg_dump")


def test_a_workstation_certificate_for_its_login_is_accepted(site, tmp_path):
    engine = make_engine(site.pc_url(pki.client_files(site.ca, "hall_pc", tmp_path / "pc")))
    try:
        with engine.connect() as conn:
            assert conn.execute(text("SELECT current_user")).scalar() == "hall_pc"
    finally:
        engine.dispose()


def test_a_login_that_needs_a_certificate_is_refused_without_one_or_with_anothers(site,
                                                                              tmp_path):
    said = _refusal(site.pc_url())
    assert "requires a valid client certificate" in said and "needs sslcert and sslkey" in said
    someone_else = pki.client_files(site.ca, "other_pc", tmp_path / "other")
    assert 'authentication failed for user "hall_pc"' in _refusal(site.pc_url(someone_else))
