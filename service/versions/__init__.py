"""Works and their versions: which version of a regulation a question targets, notices naming the version
an answer comes from, 新旧条文对照 (article alignment between two versions) and document facts
(docs/versions.md).

- ``model``: ``Version``/``Works`` built from the index's ``DocInfo`` metadata (manifest fields ``work``,
  ``version``, ``status``, ``effective_date``, ``supersedes``, ``superseded_by``, ``newer_version``).
- ``scope``: the version a question targets → search filters (current versions by default).
- ``followup``: follow-ups keep or switch the conversation's version.
- ``notice``: the hook that marks answers from a non-current or outdated version.
- ``diff`` / ``export``: the alignment, what changed in words, and its xlsx / HTML / markdown tables.
- ``compare`` / ``topics``: 新旧对照 questions answered from the alignment; umbrella topics (中央八项规定精神).
- ``facts``: 一共多少条 / 什么时候开始施行 / 哪次会议通过 / 由谁解释, and refusals for what is not held.
- ``evidence``: citations built from structure, shared by ``facts`` and ``compare``.
"""
