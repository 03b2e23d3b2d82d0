"""Prometheus metrics for the API.

Each app gets its own ``CollectorRegistry`` so that several apps in one process (tests build many) never
collide on metric names; ``/metrics`` renders only that app's registry. Routes are labelled by their
template (``/v1/ask``), never by raw path, so label cardinality stays bounded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from service.singleflight import CacheStats

CacheSources = Callable[[], Mapping[str, CacheStats]]
"""Returns the caches built so far by name (``answer``, ``query_embedding``); read at every scrape."""


class CacheCollector(Collector):
    """Exports the in-memory caches' counters at scrape time: ``study_cache_hits_total``,
    ``study_cache_misses_total``, ``study_cache_coalesced_total`` (a request waited for another's identical
    computation) and the gauge ``study_cache_entries``, each labelled ``cache``. A cache that was never built
    (no question asked yet) is simply absent."""

    def __init__(self, sources: CacheSources) -> None:
        self._sources = sources

    def collect(self) -> Iterator[Metric]:
        stats = dict(self._sources())
        families = {
            "hits": CounterMetricFamily("study_cache_hits", "Cache hits by cache.", labels=["cache"]),
            "misses": CounterMetricFamily(
                "study_cache_misses", "Cache misses (computations) by cache.", labels=["cache"]
            ),
            "coalesced": CounterMetricFamily(
                "study_cache_coalesced",
                "Requests that waited for an identical computation.",
                labels=["cache"],
            ),
        }
        entries = GaugeMetricFamily("study_cache_entries", "Values stored now, by cache.", labels=["cache"])
        for name, reading in sorted(stats.items()):
            families["hits"].add_metric([name], reading.hits)
            families["misses"].add_metric([name], reading.misses)
            families["coalesced"].add_metric([name], reading.coalesced)
            entries.add_metric([name], reading.entries)
        yield from families.values()
        yield entries


class ApiMetrics:
    """The counters and histograms the service exports."""

    content_type = CONTENT_TYPE_LATEST

    def __init__(self, caches: CacheSources | None = None) -> None:
        self.registry = CollectorRegistry()
        if caches is not None:
            self.registry.register(CacheCollector(caches))
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
