"""Benchmarks: scenarios run by `regie bench <scenario>`, their statistics and result tables."""
