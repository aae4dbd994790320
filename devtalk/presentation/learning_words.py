"""A learning request's codes in the reader's words: status, decision, subsidy status and the
evaluation's answers (pages, the training plan and its PDF share them)."""

from __future__ import annotations

from devtalk.i18n import t


def status_words(status: str, lang: str) -> str:
    return t(f"learning.status_{status}", lang)


def decision_words(decision: str | None, lang: str) -> str:
    """Internal or external; a dash while the coordinator has not decided."""
    return t(f"learning.decision_{decision}", lang) if decision else "—"


def subsidy_status_words(status: str, lang: str) -> str:
    return t(f"learning.subsidy_{status}", lang)


def satisfaction_words(satisfaction: int, lang: str) -> str:
    return t(f"learning.satisfaction_{satisfaction}", lang)


def helped_words(helped: str, lang: str) -> str:
    return t(f"learning.helped_{helped}", lang)
