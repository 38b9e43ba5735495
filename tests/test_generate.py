"""Generated answers against a scripted OpenAI-compatible server on 127.0.0.1.

No real model ships in a registry package (../shared/research/models.md), so the
server is the test's own: it returns replies written to contain the failures the
grounding check must catch — uncited sentences, wrong numbers, invented rules,
citations of passages that were never given.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from reglens.cli import main
from reglens.generate import GroundedSummarizer, numbers_in
from reglens.llm import OpenAICompatibleLLM, load_llm
from reglens.summarize import Summarizer

pytestmark = pytest.mark.loopback

QUESTION = "借地権の存続期間は何年ですか"


class ScriptedLLM:
    """A tiny OpenAI-compatible chat server replying with the queued texts."""

    def __init__(self):
        self.replies: list[tuple[int, str]] = []
        self.requests: list[dict] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server API
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append({"path": self.path, "body": body})
                status, text = outer.replies.pop(0) if outer.replies else (200, "")
                payload = (json.dumps({"choices": [{"message": {"role": "assistant", "content": text}}]})
                           if status == 200 else text)
                data = payload.encode("utf-8")
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join()


@pytest.fixture
def llm_server():
    server = ScriptedLLM()
    yield server
    server.close()


@pytest.fixture
def grounded(loaded_sample, llm_server):
    return GroundedSummarizer(Summarizer(loaded_sample), OpenAICompatibleLLM(base_url=llm_server.url))


def test_supported_sentences_are_kept_with_their_citations(grounded, llm_server):
    llm_server.replies.append((200, "借地権の存続期間は30年です[1]。"
                                    "契約でこれより長い期間を定めたときは、その期間とされます。[1]"))
    ans = grounded.answer(QUESTION)
    assert ans.generated and not ans.dropped
    assert [s.text for s in ans.sentences] == ["借地権の存続期間は30年です。",
                                               "契約でこれより長い期間を定めたときは、その期間とされます。"]
    assert ans.passages[0].chunk["article_key"] == "3"
    # the model was given the question and the numbered passages with their citations
    prompt = llm_server.requests[0]["body"]["messages"][0]["content"]
    assert QUESTION in prompt and "[1] 借地借家法 第三条" in prompt
    assert llm_server.requests[0]["path"] == "/v1/chat/completions"


def test_uncited_wrong_number_invented_and_unknown_passage_are_dropped(grounded, llm_server):
    llm_server.replies.append((200, (
        "借地権の存続期間は三十年です[1]。"
        "なお、更新料は必ず支払わなければなりません。"          # no citation
        "借地権の存続期間は五十年です[1]。"                       # number not in the passage
        "借地権者は存続期間の満了により土地の所有権を無償で取得します[1]。"  # not what [1] says
        "地代は毎年改定されます[9]。"                            # passage 9 was never given
    )))
    ans = grounded.answer(QUESTION)
    assert [s.text for s in ans.sentences] == ["借地権の存続期間は三十年です。"]
    assert [(d.reason, d.text[:8]) for d in ans.dropped] == [
        ("uncited", "なお、更新料は必"), ("unsupported_number", "借地権の存続期間"),
        ("unsupported_terms", "借地権者は存続期"), ("unknown_passage", "地代は毎年改定さ")]
    j = ans.to_json()
    assert j["generated"] is True and len(j["dropped"]) == 4
    assert all(c in range(1, len(j["citations"]) + 1) for s in j["sentences"] for c in s["cites"])


def test_nothing_grounded_falls_back_to_extracted_sentences(grounded, llm_server):
    llm_server.replies.append((200, "借地権は永久に続きます。"))
    ans = grounded.answer(QUESTION)
    assert not ans.generated and ans.fallback_reason
    assert ans.sentences and "三十年" in ans.text  # the extractive answer, verbatim from the statute


def test_server_error_falls_back_with_the_reason(grounded, llm_server):
    llm_server.replies.append((500, "model overloaded"))
    ans = grounded.answer(QUESTION)
    assert not ans.generated and "HTTP 500" in ans.fallback_reason and ans.sentences


def test_weak_evidence_never_reaches_the_model(grounded, llm_server):
    ans = grounded.answer("宇宙船の登録手続")
    assert ans.weak and llm_server.requests == []


def test_cli_ask_with_llm(sample_index, llm_server, capsys):
    llm_server.replies.append((200, "借地権の存続期間は三十年です[1]。更新料は不要です。"))
    assert main(["ask", "--index", str(sample_index), "--llm", llm_server.url, QUESTION]) == 0
    out = capsys.readouterr().out
    assert "generated by" in out and "借地権の存続期間は三十年です。[1]" in out
    assert "removed by the grounding check (uncited): 更新料は不要です。" in out
    assert "[1] 借地借家法 第三条" in out


def test_unreachable_server_is_a_clear_error(loaded_sample):
    llm = OpenAICompatibleLLM(base_url="http://127.0.0.1:9/v1", timeout=2)
    ans = GroundedSummarizer(Summarizer(loaded_sample), llm).answer(QUESTION)
    assert "cannot be reached" in ans.fallback_reason


def test_llm_spec_errors(tmp_path):
    from reglens.errors import RegLensError
    with pytest.raises(RegLensError, match="URL of an OpenAI-compatible server"):
        load_llm("gpt-4")
    with pytest.raises(RegLensError, match="no such model file"):
        load_llm(str(tmp_path / "missing.gguf"))


def test_numbers_read_whatever_the_numerals():
    assert numbers_in("存続期間は30年、更新後は１０年", quantities_only=True) == {30, 10}
    assert {30, 10} <= numbers_in("三十年とする。更新の日から十年", quantities_only=False)
    assert numbers_in("一定の場合", quantities_only=True) == set()
