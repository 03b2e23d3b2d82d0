"""The on-disk knowledge index: embedding cache, lexical BM25 index, vector collection and generations."""
