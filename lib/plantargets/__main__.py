"""``python -m plantargets`` is the same as the ``plantargets`` command."""

import sys

from plantargets.cli import main

sys.exit(main())
