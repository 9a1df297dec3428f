"""``spark-grpc mcp``: the log and the memories as Model Context Protocol
tools and resources, for agents that know nothing of the proto.

A client of a running server (``--addr``, token and TLS as the other client
commands), so that any number of MCP processes share one store safely.
Needs the ``mcp`` extra (``pip install 'spark-grpc[mcp]'``).
"""
