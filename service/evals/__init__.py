"""Evaluation harness: datasets as files, metrics as pure functions, a runner, reports and baselines."""
