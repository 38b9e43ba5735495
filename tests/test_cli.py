import json

import pytest

from reglens.cli import main, parser


def test_search_json(sample_index, capsys):
    assert main(["search", "--index", str(sample_index), "借地借家法第三条", "--json", "--top-k", "3"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert len(out["results"]) == 3
    first = out["results"][0]
    for field in ("doc_path", "doc_title", "page", "article_label", "article_key", "paragraph",
                  "text", "score"):
        assert field in first
    assert first["article_key"] == "3"


def test_batch_search(sample_index, tmp_path, capsys):
    q = tmp_path / "q.jsonl"
    q.write_text('{"qid": "a", "question": "借地借家法第三条", "choices": {"a": "x"}}\n'
                 '{"qid": "b", "question": "原子力の研究"}\n', encoding="utf-8")
    assert main(["search", "--index", str(sample_index), "--queries-file", str(q), "--json"]) == 0
    lines = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [x["qid"] for x in lines] == ["a", "b"]
    assert lines[0]["results"][0]["article_label"] == "第三条"


def test_info_verify_text(sample_index, capsys):
    assert main(["index", "info", "--index", str(sample_index), "--json"]) == 0
    info = json.loads(capsys.readouterr().out)
    assert {d["status"] for d in info["documents"]} == {"ok"}
    assert all(d["pages"] > 0 and d["chunks"] > 0 and d["title"] for d in info["documents"])
    assert main(["index", "verify", "--index", str(sample_index)]) == 0
    assert "intact" in capsys.readouterr().out


def test_eval_reports_metrics(sample_index, tmp_path, capsys):
    q = tmp_path / "q.jsonl"
    q.write_text(json.dumps({"qid": "x", "question": "借地権の存続期間について", "names_article": False,
                             "gold": [{"law_title": "借地借家法", "article_no": "第3条"}]},
                            ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["eval", "--index", str(sample_index), "--queries", str(q), "--json"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert s["overall"]["n"] == 1 and s["overall"]["hit@10"] == 1.0


def test_clear_errors(tmp_path, capsys):
    assert main(["search", "--index", str(tmp_path / "none"), "x"]) == 2
    assert "reglens index build" in capsys.readouterr().err
    assert main(["index", "build", "--docs", str(tmp_path / "missing"), "--index", str(tmp_path / "i")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_every_command_is_documented_in_readme():
    from pathlib import Path
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    sub = parser()._subparsers._group_actions[0].choices
    for name, sp in sub.items():
        assert f"reglens {name}" in readme
        nested = [a for a in sp._actions if a.__class__.__name__ == "_SubParsersAction"]
        for action in nested:
            for child in action.choices:
                assert f"reglens {name} {child}" in readme


@pytest.mark.parametrize("argv", [["search", "--top-k", "0", "x"]])
def test_bad_arguments(argv):
    assert main(argv) == 2


def test_update_keeps_the_index_model(sample_docs, tmp_path, monkeypatch):
    """An update without --embedding of a lexical-only index stays lexical (no model is loaded)."""
    import json

    from reglens import indexer, storage
    root = tmp_path / "lexical"
    assert main(["index", "build", "--docs", str(sample_docs), "--index", str(root), "--embedding", "none",
                 "--quiet"]) == 0
    monkeypatch.setattr(indexer, "load_embedder", lambda *a, **k: (_ for _ in ()).throw(AssertionError("embedded")))
    assert main(["index", "update", "--docs", str(sample_docs), "--index", str(root), "--quiet"]) == 0
    manifest = json.loads((storage.current_dir(root) / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["embedding"]["model"] == "none"
