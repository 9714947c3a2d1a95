"""Bundled sample data."""

from xlpareto.data.sample import sample_clients

__all__ = ["sample_clients"]
