"""Allow ``python -m coachkit``."""

import sys

from coachkit.cli import main

sys.exit(main())
