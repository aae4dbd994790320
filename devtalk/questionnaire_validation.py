"""Checking a questionnaire file against the contract, reporting every problem with its line.

The YAML is composed into PyYAML's node tree rather than loaded, so each problem can point
at the line of the key or value it is about. Nothing here raises anything but
InvalidQuestionnaire, whatever the bytes: a bad file is the user's problem to fix, never a
traceback.
"""

from __future__ import annotations

import difflib
import re
from types import MappingProxyType

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from devtalk.i18n import LANGUAGES, Message
from devtalk.questionnaire import (
    CONDITIONS, ITEM_TYPES, TAGS, InvalidQuestionnaire, Item, Problem, Questionnaire, Scale, Section,
)

SLUG = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
STR, INT, BOOL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool"
TOP_KEYS = {"id", "title", "intro", "languages", "scales", "sections"}
SCALE_KEYS = {"points", "labels", "not_applicable"}
SECTION_KEYS = {"id", "title", "intro", "functions", "condition", "items"}
MAX_DEPTH = 20
ITEM_KEYS = {"id", "type", "scale", "text", "text_manager", "help", "required", "tags"}


def validate(text: str | bytes, filename: str) -> Questionnaire:
    checker = _Checker(filename)
    root = checker.compose(text)
    questionnaire = checker.questionnaire(root) if root is not None else None
    if checker.problems or questionnaire is None:
        raise InvalidQuestionnaire(checker.problems)
    return questionnaire


def _suggestion(word: str, options) -> str:
    close = difflib.get_close_matches(word, sorted(options), n=1)
    return close[0] if close else ""


class _Checker:
    def __init__(self, filename: str):
        self.filename = filename
        self.problems: list[Problem] = []
        self.languages: tuple[str, ...] = ("nl",)

    def problem(self, node: Node | None, path: str, kind: str, **params) -> None:
        line = node.start_mark.line + 1 if node is not None else None
        self.problems.append(Problem(self.filename, line, path, Message(f"questionnaire.{kind}", **params)))

    # -- reading the file -------------------------------------------------------------

    def compose(self, text: str | bytes) -> Node | None:
        if isinstance(text, bytes):
            try:
                text = text.decode("utf-8-sig")
            except UnicodeDecodeError:
                self.problems.append(Problem(self.filename, None, "", Message("questionnaire.not_text")))
                return None
        if "\x00" in text:
            self.problems.append(Problem(self.filename, None, "", Message("questionnaire.not_text")))
            return None
        try:
            if not self._plain_enough(text):
                return None
            root = yaml.compose(text, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = mark.line + 1 if mark else None
            self.problems.append(Problem(self.filename, line, "", Message("questionnaire.yaml_syntax", detail=error.problem or "")))
            return None
        except (yaml.YAMLError, RecursionError):
            self.problems.append(Problem(self.filename, None, "", Message("questionnaire.yaml_syntax", detail="")))
            return None
        if root is None:
            self.problems.append(Problem(self.filename, 1, "", Message("questionnaire.empty")))
        return root

    def _plain_enough(self, text: str) -> bool:
        """Refuse aliases (a small file could expand to billions of nodes) and deep nesting
        (PyYAML composes recursively) before building the node tree; templates need neither."""
        depth = 0
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            kind = None
            if isinstance(event, yaml.AliasEvent):
                kind = "alias"
            elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                kind = "too_deep" if depth > MAX_DEPTH else None
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
            if kind:
                self.problems.append(Problem(self.filename, event.start_mark.line + 1, "", Message(f"questionnaire.{kind}")))
                return False
        return True

    def mapping(self, node: Node, path: str, allowed: set[str], required: tuple[str, ...] = ()) -> dict[str, Node] | None:
        if not isinstance(node, MappingNode):
            self.problem(node, path, "expected_mapping")
            return None
        found: dict[str, Node] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, ScalarNode) else None
            where = f"{path}.{key}" if path else str(key)
            if not isinstance(key, str) or key_node.tag not in (STR, INT, BOOL):
                self.problem(key_node, path, "bad_key")
            elif key in found:
                self.problem(key_node, where, "duplicate_key", name=key)
            elif key not in allowed:
                self.unknown(key_node, where, "unknown_key", key, allowed)
            else:
                found[key] = value_node
        for key in required:
            if key not in found:
                self.problem(node, path, "missing_key", name=key)
        return found

    def unknown(self, node: Node, path: str, kind: str, value: str, options) -> None:
        """An unknown name, with the nearest known one when it looks like a typo."""
        close = _suggestion(value, options)
        if close:
            self.problem(node, path, f"{kind}_suggest", value=value, suggestion=close)
        else:
            self.problem(node, path, kind, value=value)

    def string(self, node: Node, path: str) -> str | None:
        if not isinstance(node, ScalarNode) or node.tag != STR or not node.value.strip():
            self.problem(node, path, "expected_text")
            return None
        return node.value.strip()

    def slug(self, node: Node, path: str) -> str | None:
        value = self.string(node, path)
        if value is not None and not SLUG.match(value):
            self.problem(node, path, "bad_id", value=value)
            return None
        return value

    def boolean(self, node: Node, path: str) -> bool | None:
        if not isinstance(node, ScalarNode) or node.tag != BOOL:
            self.problem(node, path, "expected_boolean")
            return None
        return node.value.lower() in ("true", "yes", "on")

    def sequence(self, node: Node, path: str) -> list[Node]:
        if not isinstance(node, SequenceNode) or not node.value:
            self.problem(node, path, "expected_list")
            return []
        return node.value

    def translated(self, node: Node, path: str) -> dict[str, str] | None:
        """A text in every language the file declares."""
        if isinstance(node, ScalarNode) and node.tag == STR:
            if len(self.languages) != 1:
                self.problem(node, path, "needs_translations", languages=", ".join(self.languages))
                return None
            value = self.string(node, path)
            return {self.languages[0]: value} if value else None
        entries = self.mapping(node, path, set(LANGUAGES) | set(self._keys(node)))
        if entries is None:
            return None
        texts = {}
        for lang, value_node in entries.items():
            if lang not in self.languages:
                self.problem(value_node, f"{path}.{lang}", "undeclared_language", language=lang)
            elif (value := self.string(value_node, f"{path}.{lang}")) is not None:
                texts[lang] = value
        for lang in self.languages:
            if lang not in entries:
                self.problem(node, path, "missing_translation", language=lang)
        return texts if len(texts) == len(self.languages) else None

    @staticmethod
    def _keys(node: MappingNode) -> list[str]:
        return [k.value for k, _ in node.value if isinstance(k, ScalarNode) and isinstance(k.value, str)]

    # -- the contract -----------------------------------------------------------------

    def questionnaire(self, root: Node) -> Questionnaire | None:
        top = self.mapping(root, "", TOP_KEYS, ("id", "title", "sections"))
        if top is None:
            return None
        self.languages = self.declared_languages(top)
        qid = self.slug(top["id"], "id") if "id" in top else None
        title = self.translated(top["title"], "title") if "title" in top else None
        intro = self.translated(top["intro"], "intro") if "intro" in top else None
        scales = self.scales(top["scales"]) if "scales" in top else {}
        sections = self.sections(top["sections"], scales) if "sections" in top else ()
        if self.problems:
            return None
        return Questionnaire(qid, MappingProxyType(title), self.languages, MappingProxyType(scales), sections,
                             MappingProxyType(intro) if intro else None)

    def declared_languages(self, top: dict[str, Node]) -> tuple[str, ...]:
        if "languages" in top:
            declared = []
            for index, node in enumerate(self.sequence(top["languages"], "languages")):
                lang = self.string(node, f"languages[{index}]")
                if lang is not None and lang not in LANGUAGES:
                    self.problem(node, f"languages[{index}]", "unknown_language", language=lang, known=", ".join(LANGUAGES))
                elif lang is not None:
                    declared.append(lang)
            return tuple(declared) or ("nl",)
        title = top.get("title")
        if isinstance(title, MappingNode):
            known = tuple(lang for lang in self._keys(title) if lang in LANGUAGES)
            return known or ("nl",)
        return ("nl",)

    def scales(self, node: Node) -> dict[str, Scale]:
        entries = self.mapping(node, "scales", set(self._keys(node)) if isinstance(node, MappingNode) else set())
        scales = {}
        for name, scale_node in (entries or {}).items():
            path = f"scales.{name}"
            if not SLUG.match(name):
                self.problem(scale_node, path, "bad_id", value=name)
            scale = self.scale(scale_node, path, name)
            if scale is not None:
                scales[name] = scale
        return scales

    def scale(self, node: Node, path: str, name: str) -> Scale | None:
        fields = self.mapping(node, path, SCALE_KEYS, ("points",))
        if fields is None or "points" not in fields:
            return None
        points = self.points(fields["points"], f"{path}.points")
        labels = {}
        if "labels" in fields:
            label_nodes = fields["labels"]
            if not isinstance(label_nodes, MappingNode):
                self.problem(label_nodes, f"{path}.labels", "expected_mapping")
            else:
                for key_node, text_node in label_nodes.value:
                    where = f"{path}.labels.{key_node.value}"
                    if key_node.tag != INT or (points and int(key_node.value) not in points):
                        self.problem(key_node, where, "label_without_point", point=key_node.value)
                    elif (text := self.translated(text_node, where)) is not None:
                        labels[int(key_node.value)] = MappingProxyType(text)
        not_applicable = self.boolean(fields["not_applicable"], f"{path}.not_applicable") if "not_applicable" in fields else False
        if points is None:
            return None
        return Scale(name, points, MappingProxyType(labels), bool(not_applicable))

    def points(self, node: Node, path: str) -> tuple[int, ...] | None:
        values = []
        for index, point in enumerate(self.sequence(node, path)):
            if not isinstance(point, ScalarNode) or point.tag != INT:
                self.problem(point, f"{path}[{index}]", "point_not_whole_number", value=getattr(point, "value", ""))
                return None
            values.append(int(point.value))
        if not values:
            return None
        if any(b <= a for a, b in zip(values, values[1:])):
            self.problem(node, path, "points_not_ascending")
            return None
        if not 3 <= len(values) <= 10:
            self.problem(node, path, "points_count", count=len(values))
            return None
        return tuple(values)

    def sections(self, node: Node, scales: dict[str, Scale]) -> tuple[Section, ...]:
        seen_sections: set[str] = set()
        seen_items: dict[str, str] = {}
        built = []
        for index, section_node in enumerate(self.sequence(node, "sections")):
            section = self.section(section_node, f"sections[{index}]", scales, seen_sections, seen_items)
            if section is not None:
                built.append(section)
        return tuple(built)

    def section(self, node, path, scales, seen_sections, seen_items) -> Section | None:
        fields = self.mapping(node, path, SECTION_KEYS, ("id", "title", "items"))
        if fields is None:
            return None
        sid = self.slug(fields["id"], f"{path}.id") if "id" in fields else None
        if sid in seen_sections:
            self.problem(fields["id"], f"{path}.id", "duplicate_id", value=sid)
        seen_sections.add(sid)
        title = self.translated(fields["title"], f"{path}.title") if "title" in fields else None
        intro = self.translated(fields["intro"], f"{path}.intro") if "intro" in fields else None
        functions = self.slugs(fields["functions"], f"{path}.functions") if "functions" in fields else None
        condition = self.choice(fields["condition"], f"{path}.condition", CONDITIONS) if "condition" in fields else None
        items = []
        for index, item_node in enumerate(self.sequence(fields["items"], f"{path}.items") if "items" in fields else []):
            item = self.item(item_node, f"{path}.items[{index}]", scales, seen_items)
            if item is not None:
                items.append(item)
        if sid is None or title is None:
            return None
        return Section(sid, MappingProxyType(title), tuple(items), MappingProxyType(intro) if intro else None,
                       tuple(functions) if functions else None, condition)

    def slugs(self, node: Node, path: str) -> list[str]:
        return [value for index, n in enumerate(self.sequence(node, path)) if (value := self.slug(n, f"{path}[{index}]"))]

    def choice(self, node: Node, path: str, options) -> str | None:
        value = self.string(node, path)
        if value is not None and value not in options:
            self.problem(node, path, "unknown_choice", value=value, options=", ".join(options))
            return None
        return value

    def item(self, node, path, scales, seen_items) -> Item | None:
        fields = self.mapping(node, path, ITEM_KEYS, ("id", "type", "text"))
        if fields is None:
            return None
        iid = self.slug(fields["id"], f"{path}.id") if "id" in fields else None
        if iid in seen_items:
            self.problem(fields["id"], f"{path}.id", "duplicate_id", value=iid)
        elif iid:
            seen_items[iid] = path
        kind = self.choice(fields["type"], f"{path}.type", ITEM_TYPES) if "type" in fields else None
        scale = self.item_scale(fields, path, kind, scales)
        texts = {name: self.translated(fields[name], f"{path}.{name}") if name in fields else None
                 for name in ("text", "text_manager", "help")}
        required = self.boolean(fields["required"], f"{path}.required") if "required" in fields else kind == "likert"
        tags = tuple(self.choice(n, f"{path}.tags[{i}]", TAGS) for i, n in enumerate(self.sequence(fields["tags"], f"{path}.tags"))) if "tags" in fields else ()
        if iid is None or kind is None or texts["text"] is None:
            return None
        wrap = lambda value: MappingProxyType(value) if value else None  # noqa: E731
        return Item(iid, kind, wrap(texts["text"]), scale, wrap(texts["text_manager"]), wrap(texts["help"]),
                    bool(required), tuple(tag for tag in tags if tag))

    def item_scale(self, fields, path, kind, scales) -> str | None:
        if kind == "open":
            if "scale" in fields:
                self.problem(fields["scale"], f"{path}.scale", "scale_on_open")
            return None
        if kind != "likert":
            return None
        if "scale" not in fields:
            self.problem(fields.get("type"), path, "missing_key", name="scale")
            return None
        name = self.string(fields["scale"], f"{path}.scale")
        if name is not None and name not in scales:
            self.unknown(fields["scale"], f"{path}.scale", "unknown_scale", name, scales)
            return None
        return name
