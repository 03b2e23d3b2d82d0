"""Curated answers (标注回复): a correct answer pinned by an administrator to a question that went wrong.

A curated answer is composed from chosen passages of the knowledge base; each passage becomes a verified
citation whose quote is the passage's current text, so a curated answer keeps the verbatim-quote guarantee
of every other answer. New questions are matched to curated ones by lexical + dense similarity
(``match.py``); the answerer applies a match before normal answering and flags it ``curated: true``.
"""
