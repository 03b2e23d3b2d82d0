"""Quiz items for trainers: rule-based and LLM generation, validation, export formats and parsers.

Everything here speaks ``service.schemas.QuizItem``; the question bank lives in ``service/store/bank.py``.
``validate_item`` is re-exported for the eval harness (``study eval quiz``).
"""

from service.quiz.validate import validate_item

__all__ = ["validate_item"]
