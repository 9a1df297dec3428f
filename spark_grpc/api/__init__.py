"""The gRPC face of the service: the servicer (check, call, map), request
validation, proto mapping, the one table from domain errors to gRPC statuses,
and bearer-token authentication. Nothing here writes SQL."""
