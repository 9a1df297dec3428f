"""A real browser for page tests: Debian's chromium and chromium-driver,
driven by Selenium (``make setup`` installs them when missing). Without
them the tests are skipped with the reason, except in CI (CI=true), where
they fail."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

CHROMIUM = ("chromium", "chromium-browser")
CHROMEDRIVER = "chromedriver"
# As the machine's notes say: without the background-networking flags,
# Chromium keeps trying hosts that a closed network refuses.
FLAGS = (
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--window-size=1400,1050",
)


def missing_reason() -> str | None:
    if not any(shutil.which(name) for name in CHROMIUM):
        return "chromium is not installed (make setup installs Debian's chromium)"
    if not shutil.which(CHROMEDRIVER):
        return "chromedriver is not installed (make setup installs Debian's chromium-driver)"
    try:
        import selenium  # noqa: F401
    except ImportError:
        return "selenium is not installed (make setup)"
    return None


def require_browser() -> None:
    reason = missing_reason()
    if reason is None:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run in CI: {reason}")
    pytest.skip(reason)


@contextmanager
def chromium() -> Iterator:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for flag in FLAGS:
        options.add_argument(flag)
    binary = next(shutil.which(name) for name in CHROMIUM if shutil.which(name))
    options.binary_location = binary
    with tempfile.TemporaryDirectory(prefix="spark-chromium-") as profile:
        options.add_argument(f"--user-data-dir={profile}")
        driver = webdriver.Chrome(options=options, service=Service(shutil.which(CHROMEDRIVER)))
        try:
            yield driver
        finally:
            driver.quit()
