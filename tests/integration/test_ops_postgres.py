"""The throwaway PostgreSQL server the tests and `make cluster` start (ops/postgres.py)."""

from __future__ import annotations

import socket

import psycopg
import pytest

from ops import postgres


def test_the_server_sorts_text_as_sqlite_does_and_answers_only_on_this_machine(pg_server):
    with psycopg.connect(pg_server.superuser_url) as connection:
        settings = dict(connection.execute(
            "SELECT name, setting FROM pg_settings WHERE name IN ('server_encoding', 'lc_collate', 'listen_addresses')"))
        ordered = [word for (word,) in connection.execute(
            "SELECT w FROM (VALUES ('b'), ('B'), ('a'), ('é'), ('Z')) AS words(w) ORDER BY w")]
    assert settings == {"server_encoding": "UTF8", "lc_collate": "C.UTF-8", "listen_addresses": "127.0.0.1"}
    assert ordered == sorted(["b", "B", "a", "é", "Z"])


def test_a_stopped_server_is_gone_with_its_folder():
    server = postgres.start()
    with psycopg.connect(server.superuser_url) as connection:
        assert connection.execute("SELECT 1").fetchone() == (1,)
    server.stop()
    assert not server.folder.exists()
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(server.superuser_url, connect_timeout=5)


def test_without_postgresql_installed_starting_fails_saying_how_to_install_it(tmp_path):
    with pytest.raises(postgres.PostgresMissing, match="apt-get install postgresql"):
        postgres.binaries(tmp_path)


def test_a_port_taken_after_it_was_found_free_gives_the_server_another(monkeypatch):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        ports, really_free = iter([taken.getsockname()[1]]), postgres.free_port
        monkeypatch.setattr(postgres, "free_port", lambda: next(ports, None) or really_free())
        with postgres.start() as server, psycopg.connect(server.superuser_url) as connection:
            assert server.port != taken.getsockname()[1]
            assert connection.execute("SELECT 1").fetchone() == (1,)

