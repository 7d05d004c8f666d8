"""The conversation engine: neutral events in, actions out, state in the database."""

from bot.engine.engine import Engine
from bot.engine.events import Action, Answer, Button, Edit, Incoming, Send, SendDocument

__all__ = ["Action", "Answer", "Button", "Edit", "Engine", "Incoming", "Send", "SendDocument"]
