"""``spark_grpc.compat`` is ``spark_grpc.client.compat``: the old module's
API over gRPC (one import to change). This name is kept for existing code."""

import importlib
import sys

sys.modules[__name__] = importlib.import_module("spark_grpc.client.compat")
