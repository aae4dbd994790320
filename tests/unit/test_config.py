"""Every environment setting is read in devtalk/config.py, with the README's defaults."""

from __future__ import annotations

import re
from pathlib import Path

from devtalk import config

ROOT = Path(__file__).resolve().parents[2]
PRODUCT_FOLDERS = ["devtalk", "db", "ui", "pages"]  # and app.py; bench/ and tests/ may set the environment
ENVIRONMENT_READ = re.compile(r"\bos\.environ\b|\bgetenv\(|\bfrom os import\b.*\benviron\b")


def test_only_the_config_module_reads_the_environment():
    files = [ROOT / "app.py", *(path for folder in PRODUCT_FOLDERS for path in (ROOT / folder).rglob("*.py"))]
    readers = [str(path.relative_to(ROOT)) for path in files
               if path != ROOT / "devtalk" / "config.py" and ENVIRONMENT_READ.search(path.read_text(encoding="utf-8"))]
    assert readers == []


def test_unset_settings_take_the_documented_defaults(monkeypatch):
    for name in ("DEVTALK_DB", "DEVTALK_IDLE_MINUTES", "DEVTALK_TIMEZONE", "DEVTALK_PUBLIC_URL", "DEVTALK_SMTP_HOST"):
        monkeypatch.delenv(name, raising=False)
    assert (config.database_path(), config.idle_minutes(), config.timezone_name()) == (
        Path("data/devtalk.db"), 60, "Europe/Amsterdam")
    assert (config.public_url(), config.smtp_settings()) == (None, None)


def test_set_settings_are_read_when_asked(monkeypatch):
    monkeypatch.setenv("DEVTALK_IDLE_MINUTES", "5")
    monkeypatch.setenv("DEVTALK_TIMEZONE", "Europe/London")
    monkeypatch.setenv("DEVTALK_SMTP_HOST", "mail.firma.nl")
    assert (config.idle_minutes(), config.timezone_name()) == (5, "Europe/London")
    assert config.smtp_settings() == config.SmtpSettings("mail.firma.nl", 25, "", "", "devtalk@mail.firma.nl")


def test_the_firm_and_fund_addresses_default_to_no_firm_and_fonds(monkeypatch):
    monkeypatch.delenv("DEVTALK_FIRM", raising=False)
    monkeypatch.delenv("DEVTALK_FUND", raising=False)
    assert (config.firm_slug(), config.fund_slug()) == (None, "fonds")
    monkeypatch.setenv("DEVTALK_FIRM", " Acme ")
    monkeypatch.setenv("DEVTALK_FUND", "ooc")
    assert (config.firm_slug(), config.fund_slug()) == ("acme", "ooc")
