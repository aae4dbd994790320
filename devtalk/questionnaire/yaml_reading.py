"""Turning untrusted bytes into a PyYAML node tree, refusing what a questionnaire never needs.

The file is composed, not loaded: every key and value keeps its line so problems can point
at it, and no Python object is ever constructed. Before composing, one pass over the parser's
events refuses aliases (a few lines could expand to billions of nodes), deep nesting (PyYAML
composes recursively) and unusual tags (they could only be a mistake in a questionnaire).
"""

from __future__ import annotations

import re

import yaml
from yaml.nodes import Node, ScalarNode

from devtalk.i18n import Message
from devtalk.questionnaire.problems import InvalidQuestionnaire, Problem

MAX_CHARACTERS = 1_000_000
MAX_DEPTH = 20
# libyaml is twenty times faster than the pure-Python parser: a large template reads in milliseconds.
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# What YAML calls printable; checked here so the line of a stray character is exact.
NOT_PRINTABLE = yaml.reader.Reader.NON_PRINTABLE
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # YAML's, not just "\n"
YAML_TAG = "tag:yaml.org,2002:"
NULL = YAML_TAG + "null"
# None: no tag written; "!": the plain "treat as text" marker.
ALLOWED_TAGS = {None, "!", *(YAML_TAG + name for name in ("str", "int", "float", "bool", "null", "map", "seq"))}


def compose(text: str | bytes, filename: str) -> Node:
    """The root node of ``text``; raises InvalidQuestionnaire when it cannot be read safely."""
    if len(text) > MAX_CHARACTERS:
        raise _refusal(filename, 1, "too_large", limit=MAX_CHARACTERS)
    decoded = _decoded(text, filename)
    if not decoded.strip():
        raise _refusal(filename, 1, "empty")
    _check_events(decoded, filename)
    root = yaml.compose(decoded, Loader=LOADER)
    if root is None or (isinstance(root, ScalarNode) and root.tag == NULL):
        raise _refusal(filename, 1, "empty")
    return root


def _refusal(filename: str, line: int, kind: str, **params: object) -> InvalidQuestionnaire:
    return InvalidQuestionnaire([Problem(filename, line, "", Message(f"questionnaire.{kind}", **params))])


def _decoded(text: str | bytes, filename: str) -> str:
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise _refusal(filename, text.count(b"\n", 0, error.start) + 1, "not_text") from None
    if stray := NOT_PRINTABLE.search(text):
        raise _refusal(filename, text.count("\n", 0, stray.start()) + 1, "not_text")
    return text


def _check_events(text: str, filename: str) -> None:
    depth = documents = 0
    try:
        for event in yaml.parse(text, Loader=LOADER):
            line = event.start_mark.line + 1
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
            elif isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if documents > 1:
                raise _refusal(filename, line, "multiple_documents")
            if getattr(event, "anchor", None):
                raise _refusal(filename, line, "alias")
            if getattr(event, "tag", None) not in ALLOWED_TAGS:
                raise _refusal(filename, line, "unsupported_tag", tag=_written(event.tag))
            if depth > MAX_DEPTH:
                raise _refusal(filename, line, "too_deep", limit=MAX_DEPTH)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        # At the end of a file without a final newline the parser points one line past it.
        line = min(mark.line + 1, len(LINE_BREAK.split(text))) if mark else 1
        raise _refusal(filename, line, "yaml_syntax", detail=getattr(error, "problem", None) or "") from None


def _written(tag: str) -> str:
    """A tag as the author wrote it: ``!!python/object`` rather than its expanded form."""
    return "!!" + tag[len(YAML_TAG):] if tag.startswith(YAML_TAG) else tag
