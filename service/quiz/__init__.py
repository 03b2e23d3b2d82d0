"""Quiz items for trainers: rule-based and LLM generation, validation, export formats and parsers.

Everything here speaks ``service.schemas.QuizItem``; the question bank lives in ``service/store/bank.py``.
"""
