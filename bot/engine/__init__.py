"""The conversation engine: neutral events in, actions out, state in the database."""
