"""Operating the server: metrics, the per-call observer, log formats."""
