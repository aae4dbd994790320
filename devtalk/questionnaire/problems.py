"""What is wrong with a questionnaire file: each problem with its line, and the error carrying them all."""

from __future__ import annotations

from dataclasses import dataclass

from devtalk.errors import DevtalkError
from devtalk.i18n import Message


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a file, with where it is."""

    file: str
    line: int | None
    path: str
    message: Message

    def render(self, lang: str = "nl") -> str:
        """``FILE:LINE: PATH: message``, leaving out the line when unknown and the path when empty."""
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return ": ".join(part for part in (where, self.path, self.message.render(lang)) if part)


class InvalidQuestionnaire(DevtalkError):
    """The file cannot be used as a questionnaire; ``problems`` holds every reason at once."""

    key = "questionnaire.invalid"

    def __init__(self, problems: list[Problem]):
        super().__init__(count=len(problems))
        self.problems = list(problems)

    def report(self, lang: str = "nl") -> str:
        """The summary line followed by one line per problem, as the CLI and upload page show it."""
        return "\n".join([self.render(lang), *(problem.render(lang) for problem in self.problems)])
