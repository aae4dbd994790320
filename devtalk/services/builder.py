"""The questionnaire builder: HR composes a questionnaire as a draft, changed one operation at a time
and stored at every change, then saved as a new immutable version through the library.

A draft is one HR person's own, for one questionnaire. Two things are told, never overwritten:
a change made from a tab that saw an older revision of the draft (another tab or device:
``DraftChanged``), and a version of the questionnaire stored by anyone since the draft started
(``NewerVersion``), which the person may replace their draft with or save over.

Drafts are not in the audit log: they are work in progress that nobody else reads; the version a
save stores is recorded by the library, as every stored version is.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime

import sqlite_utils

from db import people, rounds
from db import questionnaire_drafts as drafts
from db import questionnaires as versions
from db.connection import transaction
from devtalk.domain import access
from devtalk.domain.models import Person, QuestionnaireDraft, QuestionnaireVersion
from devtalk.errors import DevtalkError, InvalidInput, NotFound
from devtalk.questionnaire import InvalidQuestionnaire, Questionnaire, builder, diff
from devtalk.services import library


class DraftChanged(DevtalkError):
    """The draft changed (in another tab or on another device) since this tab last saw it."""

    key = "builder.error_draft_changed"

    def __init__(self, changed_at: datetime):
        super().__init__()
        self.changed_at = changed_at


class YamlKept(InvalidQuestionnaire):
    """The text typed in the YAML view does not read as a questionnaire: it is kept as typed beside
    the draft (``record``, at its next revision), so a reload or another tab shows it again, while
    the draft keeps its last readable form."""

    def __init__(self, problems, record: QuestionnaireDraft):
        super().__init__(problems)
        self.record = record


class NewerVersion(DevtalkError):
    """Someone stored a version of this questionnaire after the draft started from an older one."""

    key = "builder.error_newer_version"

    def __init__(self, version: QuestionnaireVersion, by: str):
        super().__init__(version=version.version, by=by)
        self.version, self.by = version, by


@dataclass(frozen=True)
class OtherDraft:
    """Another HR person composing the same questionnaire: who, and when they last changed it."""

    name: str
    updated_at: datetime


@dataclass(frozen=True)
class Opened:
    """A draft as the builder shows it: the stored row, its model, every problem, who else works on it."""

    record: QuestionnaireDraft
    draft: builder.Draft
    problems: tuple[builder.DraftProblem, ...]
    others: tuple[OtherDraft, ...]
    newer: tuple[QuestionnaireVersion, str] | None  # a version stored since the draft started, and by whom
    typed_problems: tuple = ()  # what is wrong with the text waiting in the YAML view (record.yaml_text)

    @property
    def valid(self) -> bool:
        """Whether it may be saved: the draft has no problems and no text waits in the YAML view."""
        return not self.problems and self.record.yaml_text is None


@dataclass(frozen=True)
class Compared:
    """What changed from a stored version (``before``) to the draft (``after``), both as parsed."""

    diff: diff.Diff
    before: Questionnaire
    after: Questionnaire


@dataclass(frozen=True)
class Listed:
    """One of the person's drafts as the list of them shows it."""

    record: QuestionnaireDraft
    title: Mapping[str, str] = field(hash=False)


@dataclass(frozen=True)
class Started:
    record: QuestionnaireDraft
    resumed: bool  # True: the person already had a draft of this questionnaire, kept as it was


def start_from_template(db: sqlite_utils.Database, actor: Person, name: str, *, again: bool = False) -> Started:
    """A draft of a bundled template (``library.templates``); the person's own draft of the same
    questionnaire is kept and returned, unless ``again`` asks to start it over."""
    access.require_hr(actor)
    found = {path.name: path for path in library.bundled_templates()}
    if name not in found:
        raise NotFound()
    return _start(db, actor, builder.from_yaml(found[name].read_text(encoding="utf-8"), name), again)


def start_from_version(db: sqlite_utils.Database, actor: Person, version_id: int, *, again: bool = False) -> Started:
    """A draft of a stored version, to change into the next version."""
    access.require_hr(actor)
    version = library.get_version(db, version_id)
    return _start(db, actor, builder.from_yaml(version.yaml, f"{version.questionnaire_id}.yaml"), again)


def start_empty(db: sqlite_utils.Database, actor: Person, title: Mapping[str, str],
                languages: tuple[str, ...] = ("nl", "en"), *, again: bool = False) -> Started:
    """An empty questionnaire in these languages, its id taken from the title; a new questionnaire,
    so never the id of one in the library (saving it would make it that one's next version)."""
    access.require_hr(actor)
    model = builder.new_draft(dict(title), tuple(languages))
    in_library = {version.questionnaire_id for version in versions.list_versions(db)}
    return _start(db, actor, builder.set_questionnaire_id(model, builder.unique(model.id, in_library)), again)


def my_drafts(db: sqlite_utils.Database, actor: Person) -> list[Listed]:
    """The person's own drafts, the one changed last first, each with its title."""
    access.require_hr(actor)
    return [Listed(record, builder.from_json(record.content).title) for record in drafts.drafts_of(db, actor.id)]


def open_draft(db: sqlite_utils.Database, actor: Person, draft_id: int) -> Opened:
    access.require_hr(actor)
    record = _own(db, actor, draft_id)
    model = builder.from_json(record.content)
    others = drafts.others_drafting(db, record.questionnaire_id, actor.id)
    names = people.people_by_id(db, [other.owner_id for other in others])
    newer = _newer_version(db, record)
    return Opened(record, model, builder.validate(model),
                  tuple(OtherDraft(names[other.owner_id].name, other.updated_at) for other in others),
                  (newer, _author(db, newer)) if newer else None, tuple(_typed_problems(record)))


def change(db: sqlite_utils.Database, actor: Person, draft_id: int, seen_revision: int,
           operation: Callable[..., builder.Draft], *args: object) -> QuestionnaireDraft:
    """Apply one of ``devtalk.questionnaire.builder``'s operations (``operation(draft, *args)``) and
    store the result at once. Raises DraftChanged when the draft is no longer at ``seen_revision``,
    and the operation's DraftError when it cannot be done; either way nothing changes."""
    access.require_hr(actor)
    with transaction(db):
        record = _current(db, actor, draft_id, seen_revision)
        return _write(db, record, operation(builder.from_json(record.content), *args))


def replace_with_yaml(db: sqlite_utils.Database, actor: Person, draft_id: int, seen_revision: int,
                      text: str) -> QuestionnaireDraft:
    """The draft as typed in the YAML view. While the text does not read as a questionnaire, the
    draft keeps its last form and the text is stored as typed beside it: raises YamlKept (every
    problem with its line, and the draft at its next revision)."""
    access.require_hr(actor)
    text = text.replace("\r\n", "\n")
    try:
        model = builder.from_yaml(text, "concept.yaml")
    except InvalidQuestionnaire as error:
        with transaction(db):
            record = drafts.write_yaml_text(db, _current(db, actor, draft_id, seen_revision).id, text)
        raise YamlKept(error.problems, record) from None
    with transaction(db):
        return _write(db, _current(db, actor, draft_id, seen_revision), model)


def keep_mine(db: sqlite_utils.Database, actor: Person, draft_id: int, content: str,
              yaml_text: str | None = None) -> QuestionnaireDraft:
    """After DraftChanged: the draft as this tab showed it (``record.content``, and the text waiting
    in its YAML view, if any) wins over the newer one."""
    access.require_hr(actor)
    with transaction(db):
        return _write(db, _own(db, actor, draft_id), builder.from_json(content), yaml_text)


def as_yaml(db: sqlite_utils.Database, actor: Person, draft_id: int) -> str:
    """The draft as the YAML a stored version would hold."""
    access.require_hr(actor)
    return builder.to_yaml(builder.from_json(_own(db, actor, draft_id).content))


def preview(db: sqlite_utils.Database, actor: Person, draft_id: int, function_id: str | None, side: str,
            lang: str) -> library.Preview | None:
    """What the fill-in page would show this side for a person in ``function_id``, as the library's
    preview of a stored version does; None while the draft is invalid."""
    access.require_hr(actor)
    questionnaire = _questionnaire(_own(db, actor, draft_id))
    return None if questionnaire is None else library.preview_of(questionnaire, function_id, side, lang)


def comparable_versions(db: sqlite_utils.Database, actor: Person, draft_id: int
                        ) -> tuple[list[QuestionnaireVersion], int | None]:
    """The stored versions of the draft's questionnaire, newest first, and the one to compare with
    by default: the version last year's round used, else the newest one a round used, else the one
    the draft started from, else the newest."""
    access.require_hr(actor)
    record = _own(db, actor, draft_id)
    own = _versions_of(db, record.questionnaire_id)
    if not own:
        return [], None
    ids = {version.id for version in own}
    used = [round_ for round_ in rounds.list_rounds(db) if round_.questionnaire_version_id in ids]
    this_year = datetime.now().year
    earlier = [round_ for round_ in used if round_.created_at.year < this_year]
    for candidates in (earlier, used):
        if candidates:
            return own, candidates[0].questionnaire_version_id
    return own, record.base_version_id if record.base_version_id in ids else own[0].id


def changes_since(db: sqlite_utils.Database, actor: Person, draft_id: int, version_id: int) -> Compared | None:
    """What the draft changes against a stored version; None while the draft is invalid."""
    access.require_hr(actor)
    questionnaire = _questionnaire(_own(db, actor, draft_id))
    if questionnaire is None:
        return None
    before = library.parsed(library.get_version(db, version_id))
    return Compared(diff.compare(before, questionnaire), before, questionnaire)


def save(db: sqlite_utils.Database, actor: Person, draft_id: int, seen_revision: int, *,
         over_newer: bool = False) -> library.Saved:
    """Store the draft as a new immutable version (the library's save) and let the draft go.

    Raises InvalidQuestionnaire and stores nothing while the draft is invalid; raises NewerVersion
    when a version of the questionnaire was stored after the one the draft started from, unless
    ``over_newer`` says to store this one after it anyway.
    """
    access.require_hr(actor)
    with transaction(db):
        record = _current(db, actor, draft_id, seen_revision)
        if record.yaml_text is not None:  # what HR typed last is not readable yet: not the draft to store
            raise InvalidQuestionnaire(_typed_problems(record))
        model = builder.from_json(record.content)
        builder.to_questionnaire(model)  # InvalidQuestionnaire while invalid: the builder shows each problem at its field
        if not over_newer and (newer := _newer_version(db, record)):
            raise NewerVersion(newer, _author(db, newer))
        saved = library.save_text(db, actor, builder.to_yaml(model), f"{record.questionnaire_id}.yaml")
        drafts.delete_draft(db, record.id)
    return saved


def discard(db: sqlite_utils.Database, actor: Person, draft_id: int) -> None:
    access.require_hr(actor)
    with transaction(db):
        drafts.delete_draft(db, _own(db, actor, draft_id).id)


def _start(db, actor: Person, model: builder.Draft, again: bool) -> Started:
    with transaction(db):
        existing = drafts.draft_of(db, actor.id, model.id)
        if existing and not again:
            return Started(existing, resumed=True)
        # Whatever it starts from, only versions stored from now on are someone else's newer work.
        base_version_id = _newest_id(db, model.id)
        content = builder.to_json(model)
        if existing:
            return Started(drafts.write_draft(db, existing.id, model.id, content, base_version_id), resumed=False)
        return Started(drafts.add_draft(db, actor.id, model.id, base_version_id, content), resumed=False)


def _own(db, actor: Person, draft_id: int) -> QuestionnaireDraft:
    """The actor's own draft; another person's is as unknown as one that never existed."""
    record = drafts.get_draft(db, draft_id)
    if record is None or record.owner_id != actor.id:
        raise NotFound()
    return record


def _current(db, actor: Person, draft_id: int, seen_revision: int) -> QuestionnaireDraft:
    record = _own(db, actor, draft_id)
    if record.revision != seen_revision:
        raise DraftChanged(record.updated_at)
    return record


def _write(db, record: QuestionnaireDraft, model: builder.Draft, yaml_text: str | None = None) -> QuestionnaireDraft:
    if model.id != record.questionnaire_id and drafts.draft_of(db, record.owner_id, model.id):
        raise InvalidInput("builder.already_drafting", field="id", id=model.id)
    return drafts.write_draft(db, record.id, model.id, builder.to_json(model), record.base_version_id, yaml_text)


def _typed_problems(record: QuestionnaireDraft) -> list:
    """What is wrong with the text waiting in the draft's YAML view; none when none waits."""
    if record.yaml_text is None:
        return []
    try:
        builder.from_yaml(record.yaml_text, "concept.yaml")
    except InvalidQuestionnaire as error:
        return error.problems
    return []


def _questionnaire(record: QuestionnaireDraft) -> Questionnaire | None:
    try:
        return builder.to_questionnaire(builder.from_json(record.content))
    except InvalidQuestionnaire:
        return None


def _newer_version(db, record: QuestionnaireDraft) -> QuestionnaireVersion | None:
    """The newest stored version of the draft's questionnaire, when it is not the one the draft started from."""
    newest = _versions_of(db, record.questionnaire_id)[:1]
    return newest[0] if newest and newest[0].id != record.base_version_id else None


def _author(db, version: QuestionnaireVersion) -> str:
    """Who stored the version, by name; "" for the command line."""
    author_id = drafts.stored_by(db, version.id)
    author = people.get_person(db, author_id) if author_id else None
    return author.name if author else ""


def _versions_of(db, questionnaire_id: str) -> list[QuestionnaireVersion]:
    """The stored versions of one questionnaire, newest first."""
    return [version for version in versions.list_versions(db) if version.questionnaire_id == questionnaire_id]


def _newest_id(db, questionnaire_id: str) -> int | None:
    return next((version.id for version in _versions_of(db, questionnaire_id)), None)
