"""Works and their versions: which version of a regulation a question targets, notices naming the version
an answer comes from, 新旧条文对照 (article alignment between two versions) and document facts.

- ``model``: ``Version``/``Works`` built from the index's ``DocInfo`` metadata (manifest fields ``work``,
  ``version``, ``status``, ``effective_date``, ``supersedes``, ``superseded_by``, ``newer_version``).
- ``scope``: the version a question targets → search filters (current versions by default).
- ``notice``: the hook that marks answers from a non-current or outdated version.
- ``diff`` / ``export``: the alignment and its xlsx / HTML / markdown tables.
- ``facts``: 一共多少条 / 什么时候开始施行 / 哪次会议通过 and 新旧对照 questions, answered from structure.
"""
