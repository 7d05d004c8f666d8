"""What people see: order parsing, the conversation engine, replies, Telegram adapters and the CLI."""

from bot.compiled import use_if_fresh

use_if_fresh(__path__)  # the parser compiled by mypyc, when `make compiled` built it from these sources
