"""``python -m spark_grpc``: the ``spark-grpc`` command."""

import sys

from spark_grpc.cli import main

sys.exit(main())
