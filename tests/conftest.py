"""Shared fixtures: tests never touch the user's settings, index or the network."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "resources" / "sample"
SHARED = ROOT.parent / "shared"


class NetworkAttempt(AssertionError):
    pass


@pytest.fixture(autouse=True)
def no_network(monkeypatch, request):
    """Any outbound connection attempt by the code under test fails the test."""
    attempts: list[object] = []

    def refuse(*args, **kwargs):
        attempts.append(args)
        raise NetworkAttempt(f"network access attempted: {args[1:]!r}")

    real_connect = socket.socket.connect

    def connect(sock, address):
        # a test's own server on 127.0.0.1 (the scripted LLM) is the one thing allowed
        if loopback_ok and isinstance(address, tuple) and address[0] == "127.0.0.1":
            return real_connect(sock, address)
        return refuse(sock, address)

    loopback_ok = request.node.get_closest_marker("loopback") is not None
    monkeypatch.setattr(socket.socket, "connect", connect)
    monkeypatch.setattr(socket.socket, "connect_ex", refuse)
    real_create, real_getaddrinfo = socket.create_connection, socket.getaddrinfo

    def create_connection(address, *a, **k):
        if loopback_ok and address[0] == "127.0.0.1":
            return real_create(address, *a, **k)
        return refuse(None, address)

    def getaddrinfo(host, *a, **k):
        if loopback_ok and host == "127.0.0.1":
            return real_getaddrinfo(host, *a, **k)
        return refuse(None, host)

    monkeypatch.setattr(socket, "create_connection", create_connection)
    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    yield attempts
    assert not attempts, f"network access attempted: {attempts}"


@pytest.fixture(autouse=True)
def isolated_dirs(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / "data"))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / "config"))
    monkeypatch.setenv("REGLENS_INDEX", str(home / "no-index-here"))
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    # the command line follows the locale: tests pin it (English) unless they set another
    monkeypatch.setenv("LANG", "C.UTF-8")
    for var in ("LC_ALL", "LC_MESSAGES", "REGLENS_LANG"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(scope="session")
def sample_docs(tmp_path_factory) -> Path:
    """A private copy of the bundled sample statutes (tests may modify it)."""
    dst = tmp_path_factory.mktemp("docs") / "サンプル 法令"
    shutil.copytree(SAMPLE, dst)
    return dst


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory, sample_docs) -> Path:
    """The sample built once with the fast hash embedder (read-only for tests)."""
    from reglens.indexer import BuildOptions, build
    root = tmp_path_factory.mktemp("index") / "sample"
    for _ in build(root, BuildOptions(roots=[sample_docs], embedding="hash")):
        pass
    return root


@pytest.fixture(scope="session")
def loaded_sample(sample_index):
    from reglens.search import Index
    return Index(sample_index)


def shared_or_skip(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not available")
    return path
