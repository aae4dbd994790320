"""Checking a questionnaire file against the contract, noting every problem with its line.

One walk over the composed node tree (see ``yaml_reading``) reads each part, notes what
is wrong with it and carries on, so the author sees every problem at once; the questionnaire
is only handed out when nothing was noted.
"""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from devtalk.i18n import LANGUAGES, Message
from devtalk.questionnaire.model import CONDITIONS, ITEM_TYPES, KINDS, TAGS, Item, Questionnaire, Scale, Section, default_kind
from devtalk.questionnaire.nodes import SLUG, NodeReader, join, line_of
from devtalk.questionnaire.problems import InvalidQuestionnaire, Problem
from devtalk.questionnaire.yaml_reading import NULL, compose

TOP_KEYS = ("id", "title", "intro", "languages", "scales", "sections")
SCALE_KEYS = ("points", "labels", "not_applicable")
SECTION_KEYS = ("id", "title", "intro", "functions", "condition", "kind", "items")
ITEM_KEYS = ("id", "type", "scale", "kind", "text", "text_manager", "help", "required", "tags")
MIN_POINTS, MAX_POINTS = 3, 10


def parse_questionnaire(text: str | bytes, filename: str = "<tekst>") -> Questionnaire:
    """The questionnaire in ``text``; raises InvalidQuestionnaire listing every problem at once."""
    checker = _Checker(filename)
    questionnaire = checker.questionnaire(compose(text, filename))
    if checker.problems:
        raise InvalidQuestionnaire(sorted(checker.problems, key=lambda problem: problem.line))
    return questionnaire


def load_questionnaire_file(path: str | Path) -> Questionnaire:
    """The questionnaire in the file at ``path``; problems name the path as given."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        reason = Message("questionnaire.unreadable", reason=error.strerror or type(error).__name__)
        raise InvalidQuestionnaire([Problem(str(path), None, "", reason)]) from error
    return parse_questionnaire(data, str(path))


class _Checker(NodeReader):
    """The contract: which fields each part has and what they may hold."""

    def __init__(self, filename: str):
        super().__init__(filename)
        self.languages: tuple[str, ...] = ("nl",)
        self.section_ids: dict[str, int] = {}
        self.item_ids: dict[str, int] = {}
        self.needs_scales = False

    # -- texts in the file's languages ----------------------------------------------------

    def language(self, node: Node, path: str) -> str | None:
        value = self.text(node, path)
        if value is not None and value not in LANGUAGES:
            self.note(node, path, "unknown_language", value=value, options=", ".join(LANGUAGES))
            return None
        return value

    def translated(self, node: Node, path: str) -> MappingProxyType | None:
        """A text in every language of the file; a plain text only when it has one."""
        if isinstance(node, MappingNode):
            return self.translations(node, path)
        if isinstance(node, ScalarNode) and node.tag != NULL and len(self.languages) > 1:
            self.note(node, path, "needs_translations", languages=", ".join(self.languages))
            return None
        value = self.text(node, path)
        return None if value is None else MappingProxyType({self.languages[0]: value})

    def name(self, node: Node, path: str) -> MappingProxyType | None:
        """The questionnaire's title: translated, or one plain text that is its name in every language."""
        if isinstance(node, MappingNode):
            return self.translations(node, path)
        value = self.text(node, path)
        return None if value is None else MappingProxyType(dict.fromkeys(self.languages, value))

    def translations(self, node: MappingNode, path: str) -> MappingProxyType | None:
        texts = {}
        entries = self.entries(node, path) or []
        for lang, key_node, value_node in entries:
            where = join(path, lang)
            if lang not in LANGUAGES:
                self.note(key_node, where, "unknown_language", value=lang, options=", ".join(LANGUAGES))
            elif lang not in self.languages:
                self.note(key_node, where, "undeclared_language", language=lang, declared=", ".join(self.languages),
                          extended=", ".join((*self.languages, lang)))
            elif (value := self.text(value_node, where)) is not None:
                texts[lang] = value
        given = {lang for lang, _, _ in entries}
        for lang in self.languages:
            if lang not in given:
                self.note(node, path, "missing_translation", language=lang)
        return MappingProxyType(texts) if len(texts) == len(self.languages) else None

    # -- the contract ---------------------------------------------------------------------

    def questionnaire(self, root: Node) -> Questionnaire | None:
        top = self.fields(root, "", TOP_KEYS, ("id", "title", "sections"))
        if top is None:
            return None
        self.languages = self.file_languages(root, top)
        scales = self.optional(top, "scales", "", self.scales)
        questionnaire = Questionnaire(
            id=self.optional(top, "id", "", self.slug),
            title=self.optional(top, "title", "", self.name),
            intro=self.optional(top, "intro", "", self.translated),
            languages=self.languages,
            scales=MappingProxyType(scales or {}),
            sections=self.optional(top, "sections", "", lambda node, path: self.sections(node, path, scales)),
        )
        if self.needs_scales and "scales" not in top:
            self.note(root, "", "missing_key", name="scales")
        return questionnaire

    def file_languages(self, root: Node, top: dict[str, Node]) -> tuple[str, ...]:
        """The declared languages; when missing or broken, the languages the file's texts give."""
        noted = len(self.problems)
        declared = self.optional(top, "languages", "", lambda node, path: self.listed(node, path, self.language))
        # A broken list is noted once; checking every text against half of it would note more.
        if len(self.problems) > noted:
            declared = None
        return declared or text_languages(root) or ("nl",)

    def scales(self, node: Node, path: str) -> dict[str, Scale | None] | None:
        entries = self.entries(node, path)
        if entries is None:
            return None
        scales = {}
        for name, key_node, scale_node in entries:
            if not SLUG.fullmatch(name):
                self.note(key_node, join(path, name), "bad_id", value=name)
            scales[name] = self.scale(name, scale_node, join(path, name))
        return scales

    def scale(self, name: str, node: Node, path: str) -> Scale | None:
        fields = self.fields(node, path, SCALE_KEYS, ("points",))
        if fields is None:
            return None
        points = self.optional(fields, "points", path, self.points)
        return Scale(
            id=name,
            points=points,
            labels=self.optional(fields, "labels", path, lambda n, p: self.labels(n, p, points), MappingProxyType({})),
            not_applicable=self.optional(fields, "not_applicable", path, self.boolean, False),
        )

    def points(self, node: Node, path: str) -> tuple[int, ...] | None:
        entries = self.sequence(node, path, may_be_empty=True)
        if entries is None:
            return None
        values = [self.whole_number(entry, f"{path}[{index}]") for index, entry in enumerate(entries)]
        if None in values:
            return None
        if not MIN_POINTS <= len(values) <= MAX_POINTS:
            self.note(node, path, "points_count", count=len(values), min=MIN_POINTS, max=MAX_POINTS)
            return None
        for index in range(1, len(values)):
            if values[index] <= values[index - 1]:
                self.note(entries[index], f"{path}[{index}]", "points_not_ascending")
                return None
        return tuple(values)

    def labels(self, node: Node, path: str, points: tuple[int, ...] | None) -> MappingProxyType | None:
        entries = self.entries(node, path)
        if entries is None:
            return None
        labels: dict[int, MappingProxyType] = {}
        first_lines: dict[int, int] = {}
        for name, key_node, text_node in entries:
            where = join(path, name)
            point = self.whole_number(key_node, where)
            text = self.translated(text_node, where)
            if point is None:
                continue
            if points is not None and point not in points:
                self.note(key_node, where, "label_without_point", point=point, points=", ".join(map(str, points)))
            elif point in first_lines:  # 1 and 0x1 are different keys to YAML, the same point to us
                self.note(key_node, where, "duplicate_key", name=name, first_line=first_lines[point])
            elif text is not None:
                labels[point] = text
            first_lines.setdefault(point, line_of(key_node))
        return MappingProxyType(labels)

    def sections(self, node: Node, path: str, scales: dict | None) -> tuple[Section | None, ...]:
        entries = self.sequence(node, path) or []
        return tuple(self.section(entry, f"{path}[{index}]", scales) for index, entry in enumerate(entries))

    def section(self, node: Node, path: str, scales: dict | None) -> Section | None:
        fields = self.fields(node, path, SECTION_KEYS, ("id", "title", "items"))
        if fields is None:
            return None
        items = self.optional(fields, "items", path, self.sequence) or []
        functions = self.optional(fields, "functions", path, lambda n, p: self.listed(n, p, self.slug))
        condition = self.optional(fields, "condition", path, self.choice(CONDITIONS))
        section_kind = self.item_kind(fields, path, condition) or default_kind(functions, condition)
        return Section(
            id=self.optional(fields, "id", path, lambda n, p: self.unique(n, p, self.section_ids)),
            title=self.optional(fields, "title", path, self.translated),
            intro=self.optional(fields, "intro", path, self.translated),
            functions=functions,
            condition=condition,
            items=tuple(self.item(entry, f"{path}.items[{index}]", scales, condition, section_kind)
                        for index, entry in enumerate(items)),
        )

    def item_kind(self, fields: dict[str, Node], path: str, condition: str | None) -> str | None:
        """The kind the section or item names, if any. A skill is shown per person, so it may not be
        in a learning-climate section, whose answers nobody but the employee sees."""
        kind = self.optional(fields, "kind", path, self.choice(KINDS))
        if kind == "skill" and condition is not None:
            self.note(fields["kind"], join(path, "kind"), "skill_in_climate", condition=condition)
            return None
        return kind

    def item(self, node: Node, path: str, scales: dict | None, condition: str | None, section_kind: str) -> Item | None:
        fields = self.fields(node, path, ITEM_KEYS, ("id", "type", "text"))
        if fields is None:
            return None
        kind = self.optional(fields, "type", path, self.choice(ITEM_TYPES))
        own_kind = self.item_kind(fields, path, condition)
        if kind == "open" and "kind" in fields:
            self.note(fields["kind"], join(path, "kind"), "kind_on_open")
        return Item(
            id=self.optional(fields, "id", path, lambda n, p: self.unique(n, p, self.item_ids)),
            type=kind,
            scale=self.item_scale(node, fields, path, kind, scales),
            kind=(own_kind or section_kind) if kind == "likert" else None,
            text=self.optional(fields, "text", path, self.translated),
            text_manager=self.optional(fields, "text_manager", path, self.translated),
            help=self.optional(fields, "help", path, self.translated),
            required=self.optional(fields, "required", path, self.boolean, kind == "likert"),
            tags=self.optional(fields, "tags", path, lambda n, p: self.listed(n, p, self.choice(TAGS), True), ()),
        )

    def item_scale(self, node: Node, fields: dict[str, Node], path: str, kind: str | None, scales: dict | None) -> str | None:
        """The scale a likert item names: required there, refused on open items."""
        if kind == "open" and "scale" in fields:
            self.note(fields["scale"], join(path, "scale"), "scale_on_open")
        if kind != "likert":
            return None
        if "scale" not in fields:
            self.note(node, path, "missing_key", name="scale")
            return None
        self.needs_scales = True
        name = self.text(fields["scale"], join(path, "scale"))
        # Without a usable scales block that block's own problem says it all.
        if name is not None and scales is not None and name not in scales:
            self.unknown(fields["scale"], join(path, "scale"), "unknown_scale", name, scales)
            return None
        return name


TEXT_KEYS = ("title", "intro", "text", "text_manager", "help")


def text_languages(node: Node) -> tuple[str, ...]:
    """The known languages the texts anywhere in the file are given in, in the catalogue's order (Dutch first).

    Every text is one of the ``TEXT_KEYS`` fields or a scale label; a text in the wrong place is
    noted as an unknown key by the checker itself, so counting it here does no harm.
    """
    found: set[str] = set()

    def walk(node: Node, parent_key: str | None) -> None:
        if isinstance(node, SequenceNode):
            for entry in node.value:
                walk(entry, None)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                name = key.value if isinstance(key, ScalarNode) else None
                if isinstance(value, MappingNode) and (name in TEXT_KEYS or parent_key == "labels"):
                    found.update(k.value for k, _ in value.value if isinstance(k, ScalarNode))
                else:
                    walk(value, name)

    walk(node, None)
    return tuple(lang for lang in LANGUAGES if lang in found)
