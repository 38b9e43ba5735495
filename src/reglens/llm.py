"""Optional language models behind llama-index's LLM interface, all on premises.

Two kinds, chosen by what the user gives ``--llm``:

* ``http://host:port[/v1]`` — an OpenAI-compatible server the bureau runs
  (llama.cpp server, vLLM, Ollama). Spoken to with httpx, which llama-index
  already depends on: the openai SDK and tiktoken that llama-index's OpenAI
  integration would bring are not needed, and tiktoken fetches encoding files
  from the internet on first use.
* a ``.gguf`` file — run in-process by llama-cpp-python, when it is installed.

Nothing here is used unless the user configures it; no default model exists.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
from llama_index.core.base.llms.types import CompletionResponse, CompletionResponseGen, LLMMetadata
from llama_index.core.llms.callbacks import llm_completion_callback
from llama_index.core.llms.custom import CustomLLM
from pydantic import Field, PrivateAttr

from .errors import RegLensError

TIMEOUT_S = 120.0


class OpenAICompatibleLLM(CustomLLM):
    """Chat completions from an OpenAI-compatible HTTP endpoint."""

    base_url: str = Field(description="e.g. http://127.0.0.1:8080/v1")
    model: str = Field(default="local", description="model name the server expects")
    api_key: str = Field(default="", description="sent as a bearer token when set")
    temperature: float = Field(default=0.0)
    max_tokens: int = Field(default=512)
    timeout: float = Field(default=TIMEOUT_S)

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(model_name=self.model, num_output=self.max_tokens, is_chat_model=True)

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        url = self.base_url.rstrip("/")
        if not url.endswith("/v1"):
            url += "/v1"
        headers = {"Authorization": f"Bearer {self.api_key}"} if self.api_key else {}
        body = {"model": self.model, "temperature": self.temperature, "max_tokens": self.max_tokens,
                "messages": [{"role": "user", "content": prompt}]}
        try:
            # trust_env=False: never route an on-premises model through a proxy setting
            with httpx.Client(timeout=self.timeout, trust_env=False) as client:
                r = client.post(f"{url}/chat/completions", json=body, headers=headers)
        except httpx.HTTPError as exc:
            raise RegLensError(f"the language model at {self.base_url} cannot be reached: {exc}") from None
        if r.status_code != 200:
            raise RegLensError(f"the language model at {self.base_url} answered HTTP {r.status_code}: "
                               f"{r.text[:200]}")
        try:
            text = r.json()["choices"][0]["message"]["content"]
        except (ValueError, KeyError, IndexError, TypeError):
            raise RegLensError(f"the language model at {self.base_url} sent an unexpected reply: "
                               f"{r.text[:200]}") from None
        return CompletionResponse(text=text or "", raw=r.json())

    @llm_completion_callback()
    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        # the grounding check needs the whole text before anything is shown
        yield self.complete(prompt, formatted=formatted, **kwargs)


class GGUFLLM(CustomLLM):
    """A local GGUF model file run by llama-cpp-python (optional dependency)."""

    model_path: str
    max_tokens: int = 512
    _llama: Any = PrivateAttr(default=None)

    def __init__(self, **data: Any):
        super().__init__(**data)
        try:
            from llama_cpp import Llama
        except ImportError:
            raise RegLensError("a .gguf model needs llama-cpp-python (pip install llama-cpp-python); "
                               "or run the model in an OpenAI-compatible server and give its URL") from None
        self._llama = Llama(model_path=self.model_path, n_ctx=4096, verbose=False)

    @property
    def metadata(self) -> LLMMetadata:
        return LLMMetadata(model_name=Path(self.model_path).name, num_output=self.max_tokens)

    @llm_completion_callback()
    def complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponse:
        out = self._llama.create_chat_completion(
            messages=[{"role": "user", "content": prompt}], max_tokens=self.max_tokens, temperature=0.0)
        return CompletionResponse(text=out["choices"][0]["message"]["content"] or "")

    @llm_completion_callback()
    def stream_complete(self, prompt: str, formatted: bool = False, **kwargs: Any) -> CompletionResponseGen:
        yield self.complete(prompt, formatted=formatted, **kwargs)


def load_llm(spec: str, model: str = "local") -> CustomLLM:
    """``spec`` is a server URL or a .gguf path (what ``--llm`` and the settings hold)."""
    if spec.startswith(("http://", "https://")):
        return OpenAICompatibleLLM(base_url=spec, model=model)
    path = Path(spec).expanduser()
    if path.suffix.lower() == ".gguf":
        if not path.is_file():
            raise RegLensError(f"{path}: no such model file")
        return GGUFLLM(model_path=str(path))
    raise RegLensError(f"--llm takes an http(s):// URL of an OpenAI-compatible server or a .gguf file, "
                       f"not {spec!r}")
