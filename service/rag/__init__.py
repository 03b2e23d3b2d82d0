"""Retrieval, answering, citation verification and conversations."""
