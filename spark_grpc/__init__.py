"""Spark Memory: the event log and memory store of an agent swarm, served over gRPC."""

__version__ = "0.1.0"
