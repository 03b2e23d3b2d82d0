"""party-study-assistant: 党建学习助手.

Retrieval-augmented study assistant over Party regulations and theory articles, with cited answers,
quiz generation and an evaluation harness. See README.md for the architecture map.
"""

__version__ = "0.1.0"
