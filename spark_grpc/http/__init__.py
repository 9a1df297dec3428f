"""The HTTP side (``serve --http HOST:PORT``): metrics, health, JSON reads,
Server-Sent Events and the live swarm view, from the gRPC server's process
and store. ``HttpSide`` in ``app`` assembles it."""
