"""A draft to YAML and back, in the one layout the bundled templates are written in.

``from_yaml`` reads through the validator (nothing invalid becomes a draft) and looks at the
node tree only for what the model does not keep: which kinds a file wrote itself, and its
leading comment. ``to_yaml`` writes every part the same way, so a template read and written
again is the very same text: a saved version differs from the last one only where HR changed it.
"""

from __future__ import annotations

import re
from types import MappingProxyType

from yaml.nodes import MappingNode, Node

from devtalk.questionnaire.draft import (
    Draft,
    DraftItem,
    DraftScale,
    DraftSection,
    Texts,
    required_by_default,
    texts,
)
from devtalk.questionnaire.model import Item, Section
from devtalk.questionnaire.validation import parse_questionnaire
from devtalk.questionnaire.yaml_reading import LINE_BREAK, compose

# The questionnaire's intro is written as folded lines of at most this many characters after the indent.
WRAP = 94
# Characters a double-quoted YAML text must escape: quotes, backslashes, YAML's line breaks and
# everything outside what YAML calls printable (the validator refuses those, but a draft may hold them).
NEEDS_ESCAPE = re.compile("[\"\\\\\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")
SHORT_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
PLAIN_ID = re.compile(r"[a-z0-9][a-z0-9_-]*")


# -- reading -----------------------------------------------------------------------------------

def from_yaml(text: str | bytes, filename: str = "<tekst>") -> Draft:
    """The draft of a valid questionnaire file; raises InvalidQuestionnaire listing every problem when it is not."""
    questionnaire = parse_questionnaire(text, filename)
    root = compose(text, filename)
    section_nodes = [_keys(node) for node in _keys(root)["sections"].value]
    return Draft(
        id=questionnaire.id,
        title=texts(questionnaire.title),
        intro=texts(questionnaire.intro),
        languages=questionnaire.languages,
        comment=_leading_comment(text.decode("utf-8-sig") if isinstance(text, bytes) else text),
        scales=tuple(DraftScale(scale.id, scale.points,
                                MappingProxyType({point: texts(label) for point, label in scale.labels.items()}),
                                scale.not_applicable) for scale in questionnaire.scales.values()),
        sections=tuple(_section(section, keys) for section, keys in zip(questionnaire.sections, section_nodes)),
    )


def _keys(node: MappingNode) -> dict[str, Node]:
    return {key.value: value for key, value in node.value}


def _section(section: Section, keys: dict[str, Node]) -> DraftSection:
    item_keys = [_keys(node) for node in keys["items"].value]
    return DraftSection(
        id=section.id, title=texts(section.title), intro=texts(section.intro), functions=section.functions,
        condition=section.condition, kind=keys["kind"].value.strip() if "kind" in keys else None,
        items=tuple(_item(item, own) for item, own in zip(section.items, item_keys)),
    )


def _item(item: Item, keys: dict[str, Node]) -> DraftItem:
    return DraftItem(
        id=item.id, type=item.type, text=texts(item.text), text_manager=texts(item.text_manager),
        help=texts(item.help), scale=item.scale, kind=item.kind if "kind" in keys else None,
        required=item.required, tags=item.tags,
    )


def _leading_comment(text: str) -> str:
    """The comment a template opens with (what it is for, where its ids come from), kept across a round trip."""
    lines = []
    for line in LINE_BREAK.split(text):
        if not line.startswith("#"):
            break
        lines.append(line[2:] if line.startswith("# ") else line[1:])
    return "\n".join(lines)


# -- writing -----------------------------------------------------------------------------------

def to_yaml(draft: Draft) -> str:
    """The draft as a questionnaire file; required texts missing in a language are written empty,
    so the validator names that very language."""
    lines = [f"# {line}".rstrip() for line in draft.comment.splitlines()]
    lines += [f"id: {_id(draft.id)}",
              f"title: {_flow(draft.title, draft.languages)}",
              f"languages: [{', '.join(draft.languages)}]"]
    # A blank line follows each block of the top level that spans lines: the intro, the scales.
    if draft.intro:
        lines.append("intro:")
        for lang in draft.languages:
            lines += _folded(f"  {lang}: ", draft.intro.get(lang, ""), "    ")
        lines.append("")
    if draft.scales:
        lines.append("scales:")
        for scale in draft.scales:
            lines += _scale(scale, draft.languages)
        lines.append("")
    elif any(item.type == "likert" for section in draft.sections for item in section.items):
        # The last scale removed: each scale question is then told at its own scale field.
        lines.append("scales: {}")
    lines.append("sections:" if draft.sections else "sections: []")
    for number, section in enumerate(draft.sections):
        lines += ([""] if number else []) + _section_lines(section, draft.languages)
    return "\n".join(lines) + "\n"


def _scale(scale: DraftScale, languages: tuple[str, ...]) -> list[str]:
    lines = [f"  {_id(scale.id)}:", f"    points: [{', '.join(map(str, scale.points))}]"]
    labelled = [point for point in sorted(scale.labels) if scale.labels[point]]
    if labelled:
        lines.append("    labels:")
        lines += [f"      {point}: {_flow(scale.labels[point], languages)}" for point in labelled]
    return [*lines, f"    not_applicable: {'true' if scale.not_applicable else 'false'}"]


def _section_lines(section: DraftSection, languages: tuple[str, ...]) -> list[str]:
    lines = [f"  - id: {_id(section.id)}", f"    title: {_flow(section.title, languages)}"]
    if section.kind:
        lines.append(f"    kind: {section.kind}")
    if section.functions is not None:
        lines.append(f"    functions: [{', '.join(map(_id, section.functions))}]")
    if section.condition:
        lines.append(f"    condition: {section.condition}")
    if section.intro:
        lines.append(f"    intro: {_flow(section.intro, languages)}")
    lines.append("    items:" if section.items else "    items: []")
    for item in section.items:
        lines += _item_lines(item, languages)
    return lines


def _item_lines(item: DraftItem, languages: tuple[str, ...]) -> list[str]:
    lines = [f"      - id: {_id(item.id)}", f"        type: {item.type}"]
    if item.kind:
        lines.append(f"        kind: {item.kind}")
    if item.scale:
        lines.append(f"        scale: {_id(item.scale)}")
    if item.required != required_by_default(item.type):
        lines.append(f"        required: {'true' if item.required else 'false'}")
    if item.tags:
        lines.append(f"        tags: [{', '.join(item.tags)}]")
    lines.append(f"        text: {_flow(item.text, languages)}")
    for name in ("text_manager", "help"):
        if getattr(item, name):
            lines.append(f"        {name}: {_flow(getattr(item, name), languages)}")
    return lines


def _flow(values: Texts, languages: tuple[str, ...]) -> str:
    """``{nl: "...", en: "..."}`` in the file's languages."""
    return "{" + ", ".join(f"{lang}: {_quoted(values.get(lang, ''))}" for lang in languages) + "}"


def _folded(head: str, text: str, indent: str) -> list[str]:
    """A long text as a folded block of whole words; a text folding would change is quoted on one line."""
    words = text.split(" ")
    if not text or "" in words or NEEDS_ESCAPE.search(text):
        return [head + _quoted(text)]
    lines = [words[0]]
    for word in words[1:]:
        if len(lines[-1]) + 1 + len(word) > WRAP:
            lines.append(word)
        else:
            lines[-1] += " " + word
    return [head + ">-", *(indent + line for line in lines)]


def _quoted(text: str) -> str:
    return '"' + NEEDS_ESCAPE.sub(_escape, text) + '"'


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in SHORT_ESCAPES:
        return SHORT_ESCAPES[char]
    code = ord(char)
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _id(value: str) -> str:
    """An id as written: plain, unless YAML would read it as something else than that text (null, or odd characters)."""
    return value if PLAIN_ID.fullmatch(value) and value != "null" else _quoted(value)
