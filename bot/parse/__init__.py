"""Reading sellers' order messages (Indonesian, Vietnamese, English/Malay) into order drafts."""

from bot.parse.correction import Correction
from bot.parse.money import parse_amount
from bot.parse.parser import Parser

__all__ = ["Correction", "Parser", "parse_amount"]
