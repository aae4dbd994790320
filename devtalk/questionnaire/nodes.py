"""Reading typed values out of a composed YAML node tree, noting each problem with its line.

Every reader returns a valid value or notes why it cannot (and returns None), so a caller
that finds no problems noted knows every value it read is complete.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable

from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from devtalk.i18n import Message
from devtalk.questionnaire.problems import Problem
from devtalk.questionnaire.yaml_reading import NULL, YAML_TAG

SLUG = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
INT, BOOL = YAML_TAG + "int", YAML_TAG + "bool"
# Only its scalar conversions are used, so 0x10, 1_000 and yes/no mean what YAML says they mean.
_YAML = SafeConstructor()

Reader = Callable[[Node, str], object]


def join(path: str, name: str) -> str:
    """``name`` inside ``path``: ``sections[0].title``."""
    return f"{path}.{name}" if path else name


def line_of(node: Node) -> int:
    """The 1-based line a node starts on."""
    return node.start_mark.line + 1


class NodeReader:
    """Reads values from nodes of one file and collects the problems found on the way."""

    def __init__(self, filename: str):
        self.filename = filename
        self.problems: list[Problem] = []

    def note(self, node: Node, path: str, kind: str, **params: object) -> None:
        """Record problem ``kind`` (a ``questionnaire.*`` text) at the line of ``node``."""
        self.problems.append(Problem(self.filename, line_of(node), path, Message(f"questionnaire.{kind}", **params)))

    # -- shapes ---------------------------------------------------------------------------

    def entries(self, node: Node, path: str) -> list[tuple[str, Node, Node]] | None:
        """A mapping's entries as (key text, key node, value node); odd and repeated keys are noted."""
        if not isinstance(node, MappingNode):
            self.note(node, path, "expected_mapping")
            return None
        first: dict[str, Node] = {}
        entries = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag == NULL:
                self.note(key_node, path, "bad_key")
            elif key_node.value in first:
                name = key_node.value
                self.note(key_node, join(path, name), "duplicate_key", name=name, first_line=line_of(first[name]))
            else:
                first[key_node.value] = key_node
                entries.append((key_node.value, key_node, value_node))
        return entries

    def fields(self, node: Node, path: str, allowed: tuple[str, ...], required: tuple[str, ...]) -> dict[str, Node] | None:
        """The value nodes of a mapping by key; unknown and missing keys are noted."""
        entries = self.entries(node, path)
        if entries is None:
            return None
        found = {}
        for name, key_node, value_node in entries:
            if name in allowed:
                found[name] = value_node
            else:
                self.unknown(key_node, join(path, name), "unknown_key", name, allowed)
        for name in required:
            if name not in found:
                self.note(node, path, "missing_key", name=name)
        return found

    def optional(self, fields: dict[str, Node], name: str, path: str, read: Reader, default: object = None):
        """``read`` applied to the field when it is there, else ``default``."""
        return read(fields[name], join(path, name)) if name in fields else default

    def sequence(self, node: Node, path: str, may_be_empty: bool = False) -> list[Node] | None:
        if not isinstance(node, SequenceNode):
            self.note(node, path, "expected_list")
            return None
        if not node.value and not may_be_empty:
            self.note(node, path, "empty_list")
            return None
        return node.value

    def listed(self, node: Node, path: str, read: Reader, may_be_empty: bool = False) -> tuple | None:
        """The values of a list, each read by ``read``; repeated values are noted."""
        entries = self.sequence(node, path, may_be_empty)
        if entries is None:
            return None
        values: list = []
        for index, entry in enumerate(entries):
            value = read(entry, f"{path}[{index}]")
            if value is not None and value in values:
                self.note(entry, f"{path}[{index}]", "duplicate_entry", value=value)
            elif value is not None:
                values.append(value)
        return tuple(values)

    def unknown(self, node: Node, path: str, kind: str, value: str, options: Iterable[str]) -> None:
        """An unknown name, with the nearest known one when it looks like a typo."""
        options = list(options)
        close = difflib.get_close_matches(value, options, n=1)
        if close:
            self.note(node, path, f"{kind}_suggest", value=value, suggestion=close[0])
        else:
            self.note(node, path, kind, value=value, options=", ".join(options) or "-")

    # -- values ---------------------------------------------------------------------------

    def text(self, node: Node, path: str) -> str | None:
        """A single text, trimmed; numbers and yes/no count as the text the author typed."""
        if not isinstance(node, ScalarNode):
            self.note(node, path, "expected_text")
            return None
        if node.tag == NULL or not node.value.strip():
            self.note(node, path, "empty_text")
            return None
        return node.value.strip()

    def slug(self, node: Node, path: str) -> str | None:
        value = self.text(node, path)
        if value is not None and not SLUG.fullmatch(value):
            self.note(node, path, "bad_id", value=value)
            return None
        return value

    def unique(self, node: Node, path: str, seen: dict[str, int]) -> str | None:
        """An id that no earlier section (or item) has used."""
        value = self.slug(node, path)
        if value in seen:
            self.note(node, path, "duplicate_id", value=value, first_line=seen[value])
        elif value is not None:
            seen[value] = line_of(node)
        return value

    def choice(self, options: tuple[str, ...]) -> Reader:
        """A reader for one of ``options``."""
        def read(node: Node, path: str) -> str | None:
            value = self.text(node, path)
            if value is not None and value not in options:
                self.unknown(node, path, "unknown_choice", value, options)
                return None
            return value
        return read

    def whole_number(self, node: Node, path: str) -> int | None:
        if isinstance(node, ScalarNode) and node.tag == INT:
            try:
                return _YAML.construct_yaml_int(node)
            except ValueError:  # digits beyond Python's limit, or a lone "0b_"
                pass
        self.note(node, path, "expected_whole_number")
        return None

    def boolean(self, node: Node, path: str) -> bool | None:
        if isinstance(node, ScalarNode) and node.tag == BOOL:
            return _YAML.construct_yaml_bool(node)
        self.note(node, path, "expected_boolean")
        return None

