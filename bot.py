"""Start ipbot: the Telegram bot when TELEGRAM_BOT_TOKEN is set, the terminal chat otherwise."""

from __future__ import annotations

import sys

from ipbot.frontends.cli import main

if __name__ == "__main__":
    sys.exit(main(["run"]))
