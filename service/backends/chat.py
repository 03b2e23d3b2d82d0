"""``ChatModel`` over any OpenAI-compatible endpoint (DeepSeek, Qwen, vLLM, Ollama …) via langchain-openai.

langchain stays inside ``service/backends``: callers pass plain ``{"role", "content"}`` dicts and get
strings back. Every failure (connection, HTTP error, timeout, empty reply) becomes ``LLMUnavailable`` so
the answerer can fall back to the extractive answer with one ``except``. Retries are off: a slow LLM
should trigger the fallback within ``timeout_s``, not after several silent retries.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from typing import Any

from service.config import Settings
from service.errors import ConfigError, LLMUnavailable


def _to_langchain(messages: list[dict[str, str]]) -> list[Any]:
    from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

    kinds = {"system": SystemMessage, "user": HumanMessage, "assistant": AIMessage}
    out: list[Any] = []
    for m in messages:
        kind = kinds.get(m.get("role", "user"), HumanMessage)
        out.append(kind(content=m.get("content", "")))
    return out


class OpenAIChatModel:
    """A chat model reached over the OpenAI chat-completions API."""

    def __init__(self, base_url: str, model: str, api_key: str | None, timeout_s: float) -> None:
        try:
            import langchain_openai  # noqa: F401
        except ImportError as exc:  # pragma: no cover - install hint
            raise ConfigError("缺少 langchain-openai 包：pip install langchain-openai") from exc
        self.base_url = base_url
        self.model = model
        self.api_key = api_key or "not-needed"
        self.timeout_s = timeout_s
        self.name = f"openai-compatible/{model}"
        self._clients: dict[float, Any] = {}
        self._lock = threading.Lock()

    def _client(self, timeout_s: float) -> Any:
        with self._lock:
            client = self._clients.get(timeout_s)
            if client is None:
                from langchain_openai import ChatOpenAI

                client = ChatOpenAI(
                    base_url=self.base_url,
                    model=self.model,
                    api_key=self.api_key,  # type: ignore[arg-type]
                    timeout=timeout_s,
                    max_retries=0,
                    temperature=0,
                )
                self._clients[timeout_s] = client
            return client

    def complete(self, messages: list[dict[str, str]], *, timeout_s: float) -> str:
        try:
            result = self._client(timeout_s).invoke(_to_langchain(messages))
        except Exception as exc:  # any transport/HTTP/timeout error of the client library
            raise LLMUnavailable(detail=type(exc).__name__) from exc
        text = result.content if isinstance(result.content, str) else str(result.content)
        if not text.strip():
            raise LLMUnavailable("大模型返回了空回答。")
        return text

    def stream(self, messages: list[dict[str, str]], *, timeout_s: float) -> Iterator[str]:
        try:
            for chunk in self._client(timeout_s).stream(_to_langchain(messages)):
                content = chunk.content
                if isinstance(content, str) and content:
                    yield content
        except Exception as exc:
            raise LLMUnavailable(detail=type(exc).__name__) from exc


def get_chat_model(settings: Settings) -> OpenAIChatModel:
    """The configured chat model; ``STUDY_LLM_BASE_URL`` and ``STUDY_LLM_MODEL`` are required."""
    if not settings.llm_base_url or not settings.llm_model:
        raise ConfigError("未配置大模型：请设置 STUDY_LLM_BASE_URL 和 STUDY_LLM_MODEL。")
    return OpenAIChatModel(
        settings.llm_base_url, settings.llm_model, settings.llm_api_key, settings.llm_timeout_s
    )
