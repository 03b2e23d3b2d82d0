"""Prometheus metrics for the API.

Each app gets its own ``CollectorRegistry`` so that several apps in one process (tests build many) never
collide on metric names; ``/metrics`` renders only that app's registry. Routes are labelled by their
template (``/v1/ask``), never by raw path, so label cardinality stays bounded.
"""

from __future__ import annotations

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest


class ApiMetrics:
    """The counters and histograms the service exports."""

    content_type = CONTENT_TYPE_LATEST

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "study_http_requests_total",
            "HTTP requests by route template, method and status.",
            ["route", "method", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "study_http_request_seconds",
            "HTTP request latency by route template.",
            ["route", "method"],
            buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30),
            registry=self.registry,
        )
        self.answers = Counter(
            "study_answers_total",
            "Answers produced, by mode and whether they were refusals.",
            ["mode", "refused"],
            registry=self.registry,
        )
        self.flagged = Counter(
            "study_answer_sentences_flagged_total",
            "Answer sentences removed by citation verification.",
            registry=self.registry,
        )
        self.feedback = Counter(
            "study_feedback_total", "Feedback received, by rating.", ["rating"], registry=self.registry
        )

    def render(self) -> bytes:
        return generate_latest(self.registry)
