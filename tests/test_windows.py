"""Sentence-aligned windows over a passage's whole text, and their resumable vector cache."""

from __future__ import annotations

import numpy as np
import pytest

from reglens.embed import HashEmbedding, text_key
from reglens.windows import MAX_WINDOW, WINDOW_CHARS, VectorCache, chunk_windows, window_offsets, window_text


def test_short_sentences_are_packed_and_cover_the_text():
    text = "第一条\u3000この規則は、職員に適用する。\n2\u3000前項の職員とは、常勤の者をいう。\n" + "あ" * 170 + "。"
    offs = window_offsets(text)
    assert offs[0] == (0, text.index("\n2") + len("\n2\u3000前項の職員とは、常勤の者をいう。"))
    assert offs[1] == (text.index("あ"), len(text))  # would pass WINDOW_CHARS together: a window of its own
    assert all(b - a <= WINDOW_CHARS for a, b in offs)


def test_a_long_sentence_is_cut_and_nothing_is_lost():
    long = "い" * (2 * MAX_WINDOW + 50) + "。"
    text = "短い文。" + long + "次の文。"
    offs = window_offsets(text)
    assert offs[0] == (0, 4)
    pieces = offs[1:-1]
    assert [b - a for a, b in pieces] == [MAX_WINDOW, MAX_WINDOW, 51]
    assert "".join(text[a:b] for a, b in pieces) == long
    assert text[offs[-1][0]:offs[-1][1]] == "次の文。"


def test_windows_know_their_passage_and_embed_without_line_breaks():
    chunk = {"id": 7, "text": "研修は、\n毎年行う。費用は会社が負担する。"}
    (w,) = chunk_windows(chunk)
    assert (w.chunk, w.start, w.end) == (7, 0, len(chunk["text"]))
    assert window_text(chunk["text"], w.start, w.end) == "研修は、毎年行う。費用は会社が負担する。"


def test_vector_cache_resumes_and_returns_vectors_in_key_order(tmp_path):
    model = HashEmbedding()
    texts = ["有給休暇の日数", "育児休業の期間", "賃金の支払日"]
    keys = [text_key(model.model_name, t) for t in texts]
    vecs = np.asarray(model.get_text_embedding_batch(texts), dtype=np.float32)
    cache = VectorCache(tmp_path / "c")
    cache.add(keys[:2], vecs[:2])
    cache.close()
    cache = VectorCache(tmp_path / "c")  # a second run sees what the first wrote
    assert keys[0] in cache and keys[2] not in cache
    cache.add(keys[2:], vecs[2:])
    assert np.array_equal(cache.matrix([keys[2], keys[0]]), vecs[[2, 0]])
    with pytest.raises(KeyError):
        cache.matrix([text_key(model.model_name, "未登録")])
    cache.close()
