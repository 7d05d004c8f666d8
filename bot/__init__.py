"""What people see: order parsing, the conversation engine, replies, Telegram adapters and the CLI."""
