"""Durable application state in one SQLite file (``<data_dir>/app.db``): conversations, feedback,
question bank and API keys. Each owner module creates its own tables through ``connect``."""
