"""``python -m plantargets`` is the same as the ``plantargets`` command."""

import sys

from .cli import main

sys.exit(main())
