"""Prove that RegLens's declared dependencies resolve to Windows x64 / CPython 3.11 wheels.

    python packaging/windows_resolve.py [--extras gui] [--platform win_amd64] [--python-version 3.11]

Reads ``[project].dependencies`` and the extras from pyproject.toml (so the check
cannot drift from what is declared) and runs pip's resolver in dry-run mode for
that platform, binary wheels only: nothing is installed, only metadata is fetched.

pip evaluates environment markers for the machine it runs on, not for
``--platform``. So markers are evaluated here for the target (sys_platform
win32, …), and after each dry run the resolved packages' own requirements are
re-evaluated for the target too: a dependency only Windows needs (colorama for
tqdm, …) is added and the resolution run again until nothing is missing.
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

try:
    from packaging.markers import default_environment
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
except ImportError:  # a bare venv: pip carries the same library
    from pip._vendor.packaging.markers import default_environment
    from pip._vendor.packaging.requirements import Requirement
    from pip._vendor.packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parents[1]

PLATFORMS = {  # pip --platform → the marker environment of such a machine
    "win_amd64": {"sys_platform": "win32", "platform_system": "Windows", "os_name": "nt",
                  "platform_machine": "AMD64"},
}


def target_env(platform: str, python_version: str) -> dict[str, str]:
    env = dict(default_environment())
    env.update(PLATFORMS[platform])
    env.update({"python_version": python_version, "python_full_version": f"{python_version}.0",
                "implementation_name": "cpython", "platform_python_implementation": "CPython",
                "platform_release": "", "platform_version": ""})
    return env


def applies(req: Requirement, env: dict[str, str], extras: set[str]) -> bool:
    if req.marker is None:
        return True
    return any(req.marker.evaluate({**env, "extra": e}) for e in (extras or {""}) | {""})


def declared(extras: list[str], env: dict[str, str]) -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lines = list(project["dependencies"])
    for e in extras:
        lines += project["optional-dependencies"][e]
    return [r for r in map(Requirement, lines) if applies(r, env, set())]


def pip_line(req: Requirement) -> str:
    return f"{req.name}{'[' + ','.join(sorted(req.extras)) + ']' if req.extras else ''}{req.specifier}"


def dry_run(reqs: list[str], platform: str, python_version: str) -> dict:
    with tempfile.TemporaryDirectory() as target, tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "report.json"
        cmd = [sys.executable, "-m", "pip", "install", "--dry-run", "--ignore-installed", "--quiet",
               "--target", target, "--platform", platform, "--python-version", python_version,
               "--implementation", "cp", "--only-binary=:all:", "--report", str(report), *reqs]
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            sys.stderr.write(r.stdout + r.stderr)
            sys.exit(f"FAILED: the dependencies do not resolve to {platform} / CPython {python_version} wheels")
        return json.loads(report.read_text(encoding="utf-8"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--extras", nargs="*", default=["gui"], help="optional-dependency groups to include")
    ap.add_argument("--platform", default="win_amd64", choices=sorted(PLATFORMS))
    ap.add_argument("--python-version", default="3.11")
    args = ap.parse_args()
    env = target_env(args.platform, args.python_version)
    reqs = [pip_line(r) for r in declared(args.extras, env)]
    print(f"resolving {len(reqs)} declared requirements (base + {', '.join(args.extras) or 'no extras'}) "
          f"for {args.platform} / CPython {args.python_version}:")
    print("  " + " ".join(reqs))
    for _ in range(5):
        report = dry_run(reqs, args.platform, args.python_version)
        resolved = {canonicalize_name(i["metadata"]["name"]): i for i in report["install"]}
        missing = []
        for item in resolved.values():
            extras = set(item.get("requested_extras") or [])
            for line in item["metadata"].get("requires_dist") or []:
                req = Requirement(line)
                if applies(req, env, extras) and canonicalize_name(req.name) not in resolved:
                    missing.append(pip_line(req))
        if not missing:
            break
        print("  + needed on the target platform only: " + " ".join(sorted(set(missing))))
        reqs += sorted(set(missing))
    else:
        sys.exit("FAILED: platform-only dependencies kept appearing")
    wheels = sorted(f"{i['metadata']['name']}-{i['metadata']['version']}" for i in resolved.values())
    tags = {re.sub(r".*-", "", Path(i["download_info"]["url"]).stem) for i in resolved.values()}
    print(f"OK: {len(wheels)} wheels for {args.platform} / CPython {args.python_version} "
          f"(platform tags: {', '.join(sorted(tags))})")
    print("  " + " ".join(wheels))
    return 0


if __name__ == "__main__":
    sys.exit(main())
