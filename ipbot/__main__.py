"""``python -m ipbot`` is the ``ipbot`` command."""

from __future__ import annotations

import sys

from ipbot.frontends.cli import main

sys.exit(main())
