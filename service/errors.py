"""One error hierarchy. Every error has a stable English ``code``, an HTTP ``status`` and a Chinese message.

The API turns any ``StudyError`` into ``{"error": {"code", "message", "status"}}``; the CLI prints the
message and exits non-zero. Messages are for members and trainers, so they are Chinese; codes are for
programs, so they never change once released.
"""

from __future__ import annotations

from typing import Any


class StudyError(Exception):
    code = "internal_error"
    status = 500
    message = "服务内部错误，请稍后重试。"

    def __init__(self, message: str | None = None, *, detail: Any = None) -> None:
        super().__init__(message or self.message)
        self.message = message or self.message
        self.detail = detail

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message, "status": self.status}
        if self.detail is not None:
            body["detail"] = self.detail
        return {"error": body}


class InvalidInput(StudyError):
    code = "invalid_input"
    status = 422
    message = "请求参数不正确。"


class EmptyQuestion(InvalidInput):
    code = "empty_question"
    message = "问题不能为空。"


class QuestionTooLong(InvalidInput):
    code = "question_too_long"
    message = "问题过长，请精简后再问。"


class InvalidText(InvalidInput):
    """A text field holds something that is not a Unicode scalar value (a lone surrogate such as ``\\ud800``)
    or nothing but invisible characters; refused before any component sees it."""

    code = "invalid_text"
    message = "文本包含无效字符（如孤立的代理码位），请检查后重试。"


class MalformedBody(StudyError):
    """The request body is not valid UTF-8 JSON, or nests deeper than any real request."""

    code = "malformed_body"
    status = 400
    message = "请求体不是有效的 UTF-8 JSON，或嵌套层级过深。"


class HostNotAllowed(StudyError):
    """The ``Host`` header names a host this service does not serve (DNS rebinding guard)."""

    code = "host_not_allowed"
    status = 400
    message = "请求的主机名不在允许列表中。"


class QuizScopeEmpty(InvalidInput):
    code = "quiz_scope_empty"
    message = "出题范围内没有可用的知识库内容，请调整文档、检索词或条款。"


class NotFound(StudyError):
    code = "not_found"
    status = 404
    message = "未找到请求的资源。"


class ConversationNotFound(NotFound):
    code = "conversation_not_found"
    message = "未找到该会话，可能已过期或不存在。"


class DocumentNotFound(NotFound):
    code = "document_not_found"
    message = "知识库中没有该文档。"


class ChunkNotFound(NotFound):
    code = "chunk_not_found"
    message = "知识库中没有该片段。"


class IngestInProgress(StudyError):
    """Another ingest holds the index lock; two writers would race on the CURRENT pointer."""

    code = "ingest_in_progress"
    status = 409
    message = "已有导入任务正在进行，请等待其完成后再试。"


class DocumentConflict(StudyError):
    """An upload would take a document id or title that another ingest root (e.g. the shipped regulations)
    holds, or a file name that collides with a stored upload."""

    code = "document_conflict"
    status = 409
    message = "上传的文档与知识库中已有文档冲突。"


class BankItemNotFound(NotFound):
    code = "bank_item_not_found"
    message = "题库中没有该题目。"


class NothingToExport(StudyError):
    """An export selection holds no item the format can hold (none approved, or none of a type it supports)."""

    code = "nothing_to_export"
    status = 409
    message = "没有可导出的题目。"


class PracticeItemNotFound(NotFound):
    code = "practice_item_not_found"
    message = "练习题不存在或已下架。"


class IndexNotReady(StudyError):
    code = "index_not_ready"
    status = 503
    message = "知识库索引尚未就绪，请先导入知识库或稍后再试。"


class IndexDamaged(IndexNotReady):
    """The current index generation failed verification (missing, truncated or inconsistent files)."""

    code = "index_damaged"
    message = "知识库索引已损坏，请运行 study doctor 查看原因，并用 study ingest 重建。"


class BackendUnavailable(StudyError):
    code = "backend_unavailable"
    status = 503
    message = "后端服务暂时不可用，请稍后再试。"


class LLMUnavailable(BackendUnavailable):
    """The LLM failed, timed out or answered unusably; the answerer falls back to extraction."""

    code = "llm_unavailable"
    message = "大模型服务暂时不可用，请稍后再试。"


class Unauthorized(StudyError):
    code = "unauthorized"
    status = 401
    message = "缺少或无效的 API 密钥。"


class Forbidden(StudyError):
    code = "forbidden"
    status = 403
    message = "当前密钥无权执行此操作。"


class OriginNotAllowed(Forbidden):
    """A browser page on an origin outside ``cors_origins`` tried to call the API (see routes_widget)."""

    code = "origin_not_allowed"
    message = "该网站未获授权调用学习助手接口。"


class RateLimited(StudyError):
    code = "rate_limited"
    status = 429
    message = "请求过于频繁，请稍后再试。"


class PayloadTooLarge(StudyError):
    code = "payload_too_large"
    status = 413
    message = "请求内容过大。"


class Overloaded(StudyError):
    """Too many requests are waiting for a model slot; the client should retry shortly."""

    code = "overloaded"
    status = 503
    message = "服务繁忙，请稍后再试。"


class LoadError(StudyError):
    """A single source file could not be loaded; ingestion reports it and continues with the batch."""

    code = "load_error"
    status = 422
    message = "文件无法读取。"


class UnsupportedFormat(LoadError):
    code = "unsupported_format"
    message = "不支持的文件格式。"


class EmptyDocument(LoadError):
    code = "empty_document"
    message = "文件为空或没有可用文本。"


class NoTextLayer(LoadError):
    """A PDF whose pages are images only (a scan): there is no text to read, and we do no OCR."""

    code = "no_text_layer"
    message = "PDF 没有文字层（可能是扫描件或图片），无法提取文字；请提供可复制文字的 PDF 或 Word 文件。"


class CorruptFile(LoadError):
    code = "corrupt_file"
    message = "文件已损坏，无法解析。"


class BinaryFile(LoadError):
    code = "binary_file"
    message = "文件是二进制内容，不是可识别的文本或文档。"


class FileTooLarge(LoadError):
    code = "file_too_large"
    message = "文件过大，已跳过。"


class UnsafeFileName(InvalidInput):
    """An uploaded or archived file name that could escape its directory or hide its type."""

    code = "unsafe_file_name"
    message = "文件名不合法（不能包含路径、以点开头或使用不支持的扩展名）。"


class ArchiveBomb(LoadError):
    """A compressed file (docx is a zip) that would expand far beyond any real document."""

    code = "archive_bomb"
    message = "压缩内容解压后过大或压缩比异常，已拒绝。"


class CorruptArchive(InvalidInput):
    code = "corrupt_archive"
    message = "备份文件已损坏或不安全，已拒绝恢复。"


class MissingPath(LoadError):
    code = "not_found"
    message = "路径不存在，或既不是文件也不是目录。"


class InvalidManifest(LoadError):
    code = "invalid_manifest"
    message = "知识库清单 manifest.json 格式不正确。"


class InvalidRecord(LoadError):
    """One line of a .jsonl corpus is not a ``{"id", "title", "text"}`` record; the other lines still load."""

    code = "invalid_record"
    message = "JSONL 记录格式不正确（需要 id、title、text 字段）。"


class ConfigError(StudyError):
    code = "config_error"
    status = 500
    message = "配置错误。"


class UnknownBackend(ConfigError):
    """Settings name a backend (embedder, vector store) that no registry in ``service/backends`` has."""

    code = "unknown_backend"
    message = "配置的后端不存在。"


class UnsafeBind(ConfigError):
    """``study serve`` asked to listen on a non-loopback address while no API key exists."""

    code = "unsafe_bind"
    message = "未配置 API 密钥时拒绝监听非本机地址。"
