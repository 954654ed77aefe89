"""Tooling of the cx_metrics dbt project: sample-data generation and benchmarks."""
