"""The only package that imports langchain, chromadb and sentence-transformers.

Each framework sits behind a small protocol from ``service.backends.base``; implementations are picked by
name from a registry so settings, not code, choose them. Heavy imports happen lazily inside the
implementation so that importing ``service`` stays fast and an absent optional package gives a clear
install hint instead of an ImportError at start-up.
"""
