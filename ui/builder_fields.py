"""The questionnaire builder's forms (pages/hr_builder.py): the questionnaire, its sections and
questions, and its scales, each field with the validator's problems beside it. Every change goes
through ``ui.builder_draft``, which holds the draft the tab shows."""

from __future__ import annotations

import streamlit as st

from devtalk.questionnaire import CONDITIONS, KINDS, TAGS, localized
from devtalk.questionnaire import builder as ops
from devtalk.services import builder
from ui import session
from ui.builder_draft import BUILDER, OPEN, SEEN, apply, chosen, generation, typed
from ui.session import tr
from ui.text import escape_markdown

ITEM_TEXTS = ("text", "text_manager", "help")
MIN_POINTS, MAX_POINTS = 3, 10


# -- problems at their fields ----------------------------------------------------------------

class Placed:
    """The draft's problems, each shown once: at its field's widget, else at the part it is about."""

    def __init__(self, problems):
        self.waiting = list(problems)

    def take(self, **where) -> list:
        """The problems at exactly this place (section, item, scale, point, field, lang; unnamed: None)."""
        place = {name: where.get(name) for name in ("section", "item", "scale", "point", "field", "lang")}
        found = [p for p in self.waiting if all(getattr(p, name) == value for name, value in place.items())]
        self.waiting = [p for p in self.waiting if p not in found]
        return found

    def rest(self, **where) -> list:
        """Whatever is still waiting about this part (any field)."""
        found = [p for p in self.waiting if all(getattr(p, name) == value for name, value in where.items())]
        self.waiting = [p for p in self.waiting if p not in found]
        return found

    def about(self, **where) -> bool:
        return any(all(getattr(p, name) == value for name, value in where.items()) for p in self.waiting)


def show_problems(found, lang: str) -> None:
    for problem in found:
        st.error(escape_markdown(problem.message.render(lang)), icon=":material/error:")


def text_box(label: str, key: str, value: str, placed: Placed, where: dict, lang: str, operation, *args) -> None:
    st.text_area(label, value=value, key=key, height="content", on_change=typed, args=(key, operation, *args))
    show_problems(placed.take(**where), lang)


def language_name(code: str) -> str:
    return tr(f"people.language_name_{code}")


def texts_row(label: str, key: str, values, draft, placed: Placed, where: dict, lang: str, operation, *args) -> None:
    """One text in each of the draft's languages, side by side (``operation(draft, *args, lang, text)``)."""
    st.markdown(f"**{escape_markdown(label)}**")
    for column, code in zip(st.columns(len(draft.languages)), draft.languages):
        with column:
            text_box(language_name(code), f"{key}_{code}", values.get(code, ""), placed, {**where, "lang": code},
                     lang, operation, *args, code)


# -- the questionnaire, its sections and questions ---------------------------------------------

def show_questionnaire(opened: builder.Opened, functions: dict[str, str], lang: str) -> None:
    """The questionnaire's own texts, then each section with its questions; ``functions`` names the job functions."""
    draft, placed, g = opened.draft, Placed(opened.problems), generation()
    top = st.container()
    texts_row(tr("builder.questionnaire_title"), f"builder_{g}_title", draft.title, draft, placed,
              {"field": "title"}, lang, ops.set_title)
    st.caption(tr("builder.questionnaire_id", id=draft.id))
    with st.expander(tr("builder.intro"), expanded=placed.about(field="intro")):
        texts_row(tr("builder.intro"), f"builder_{g}_intro", draft.intro, draft, placed, {"field": "intro"}, lang,
                  ops.set_intro)
    for index, section in enumerate(draft.sections):
        show_section(draft, index, section, placed, functions, lang)
    show_new_section(draft)
    with top:
        show_problems(placed.rest(section=None, item=None, scale=None), lang)


def show_section(draft, index: int, section, placed: Placed, functions: dict, lang: str) -> None:
    g = generation()
    with st.container(border=True, key=f"bsec_{section.id}"):
        top = st.container()
        st.markdown(f"#### {index + 1}. {escape_markdown(localized(section.title, lang) or section.id)}")
        st.caption(tr("builder.section_id", id=section.id))
        where = {"section": index}
        texts_row(tr("builder.section_title"), f"builder_{g}_s_{section.id}_title", section.title, draft, placed,
                  {**where, "field": "title"}, lang, ops.rename_section, index)
        settings = ("functions", "kind", "condition", "intro")
        with st.expander(tr("builder.section_settings"),
                         expanded=any(placed.about(section=index, item=None, field=name) for name in settings)):
            show_section_settings(draft, index, section, placed, functions, lang)
        row = st.container(horizontal=True)  # one row of buttons, each as wide as its label
        row.button(tr("builder.up"), key=f"bw_{g}_s_{section.id}_up", disabled=index == 0, on_click=apply,
                   args=(ops.move_section, index, index - 1), icon=":material/arrow_upward:")
        row.button(tr("builder.down"), key=f"bw_{g}_s_{section.id}_down", disabled=index == len(draft.sections) - 1,
                   on_click=apply, args=(ops.move_section, index, index + 1), icon=":material/arrow_downward:")
        with row.popover(tr("builder.remove_section"), icon=":material/delete:"):  # its questions go with it
            st.caption(tr("builder.remove_section_explained", count=len(section.items)))
            st.button(tr("builder.remove_section_confirm"), key=f"bw_{g}_s_{section.id}_remove", type="primary",
                      on_click=apply, args=(ops.remove_section, index))
        for position, item in enumerate(section.items):
            show_item(draft, index, position, item, placed, lang)
        show_new_item(draft, index, section)
        with top:
            show_problems(placed.rest(section=index, item=None), lang)


def show_section_settings(draft, index: int, section, placed: Placed, functions: dict, lang: str) -> None:
    g, where = generation(), {"section": index}
    known = {**functions, **{f: f for f in section.functions or () if f not in functions}}
    key = f"bw_{g}_s_{section.id}_functions"
    st.multiselect(tr("builder.functions"), list(known), default=list(section.functions or ()), key=key,
                   format_func=known.get, placeholder=tr("builder.functions_everyone"),
                   on_change=chosen, args=(key, ops.set_section_functions, index))
    show_problems(placed.take(**where, field="functions"), lang)
    key = f"bw_{g}_s_{section.id}_kind"
    st.selectbox(tr("builder.section_kind"), [None, *KINDS], index=[None, *KINDS].index(section.kind), key=key,
                 format_func=lambda kind: tr(f"builder.kind_{kind}") if kind else tr("builder.kind_default"),
                 on_change=chosen, args=(key, ops.set_section_kind, index))
    show_problems(placed.take(**where, field="kind"), lang)
    key = f"bw_{g}_s_{section.id}_condition"
    st.selectbox(tr("builder.condition"), [None, *CONDITIONS], index=[None, *CONDITIONS].index(section.condition),
                 key=key, format_func=lambda c: tr(f"builder.condition_{c}") if c else tr("builder.condition_none"),
                 on_change=chosen, args=(key, ops.set_section_condition, index))
    show_problems(placed.take(**where, field="condition"), lang)
    texts_row(tr("builder.intro"), f"builder_{g}_s_{section.id}_intro", section.intro, draft, placed,
              {**where, "field": "intro"}, lang, ops.set_section_intro, index)


def toggle_item(item_id: str) -> None:
    shown = st.session_state.setdefault(OPEN, set())
    shown.symmetric_difference_update({item_id})


def show_item(draft, index: int, position: int, item, placed: Placed, lang: str) -> None:
    g = generation()
    problems = placed.about(item=item.id)
    is_open = problems or item.id in st.session_state.get(OPEN, set())
    kind = tr("builder.type_likert") if item.type == "likert" else tr("builder.type_open")
    st.markdown(f"**{escape_markdown(localized(item.text, lang) or '…')}**")
    st.caption(tr("builder.item_line", id=item.id, type=kind))
    st.button(tr("builder.close_item") if is_open else tr("builder.edit_item"), key=f"bw_{g}_i_{item.id}_edit",
              on_click=toggle_item, args=(item.id,), disabled=problems,
              icon=":material/expand_less:" if is_open else ":material/edit:")
    if is_open:
        with st.container(border=True, key=f"bitem_{item.id}"):
            show_item_editor(draft, index, position, item, placed, lang)


def show_item_editor(draft, index: int, position: int, item, placed: Placed, lang: str) -> None:
    where, prefix = {"section": index, "item": item.id}, f"_{generation()}_i_{item.id}"
    top = st.container()
    st.caption(tr("builder.item_id", id=item.id))
    key = f"bw{prefix}_type"
    st.segmented_control(tr("builder.type"), ["likert", "open"], default=item.type, key=key, required=True,
                         format_func=lambda t: tr(f"builder.type_{t}"), on_change=chosen,
                         args=(key, ops.set_item_type, item.id))
    show_problems(placed.take(**where, field="type"), lang)
    for field in ITEM_TEXTS:
        texts_row(tr(f"builder.item_{field}"), f"builder{prefix}_{field}", getattr(item, field), draft, placed,
                  {**where, "field": field}, lang, ops.set_item_text, item.id, field)
    if item.type == "likert":
        scales = [scale.id for scale in draft.scales]
        key = f"bw{prefix}_scale"
        st.selectbox(tr("builder.scale"), scales, index=scales.index(item.scale) if item.scale in scales else None,
                     key=key, placeholder=tr("builder.choose_scale"), on_change=chosen,
                     args=(key, ops.set_item_scale, item.id), format_func=lambda s: scale_label(draft.scale(s), lang))
        show_problems(placed.take(**where, field="scale"), lang)
        key = f"bw{prefix}_kind"
        st.selectbox(tr("builder.item_kind"), [None, *KINDS], index=[None, *KINDS].index(item.kind), key=key,
                     format_func=lambda k: tr(f"builder.kind_{k}") if k else tr(
                         "builder.kind_follows", kind=tr(f"builder.kind_{ops.effective_kind(draft, item.id)}")),
                     on_change=chosen, args=(key, ops.set_item_kind, item.id))
        show_problems(placed.take(**where, field="kind"), lang)
    else:
        # What the conversation does with the answer: energy and learning wishes go on its agenda.
        key = f"bw{prefix}_tags"
        st.multiselect(tr("builder.tags"), TAGS, default=list(item.tags), key=key, placeholder=tr("builder.no_tags"),
                       format_func=lambda tag: tr(f"builder.tag_{tag}"), on_change=chosen,
                       args=(key, ops.set_item_tags, item.id))
        show_problems(placed.take(**where, field="tags"), lang)
    key = f"bw{prefix}_required"
    st.toggle(tr("builder.required"), value=item.required, key=key, on_change=chosen,
              args=(key, ops.set_item_required, item.id))
    show_problems(placed.take(**where, field="required"), lang)
    show_item_moves(draft, index, position, item, prefix, lang)
    with top:
        show_problems(placed.rest(item=item.id), lang)


def show_item_moves(draft, index: int, position: int, item, prefix: str, lang: str) -> None:
    row = st.container(horizontal=True)  # one row of buttons, each as wide as its label
    last = len(draft.sections[index].items) - 1
    row.button(tr("builder.up"), key=f"bw{prefix}_up", disabled=position == 0, on_click=apply,
               args=(ops.move_item, item.id, index, position - 1), icon=":material/arrow_upward:")
    row.button(tr("builder.down"), key=f"bw{prefix}_down", disabled=position == last, on_click=apply,
               args=(ops.move_item, item.id, index, position + 1), icon=":material/arrow_downward:")
    row.button(tr("builder.remove_item"), key=f"bw{prefix}_remove", on_click=apply,
               args=(ops.remove_item, item.id), icon=":material/delete:")
    if len(draft.sections) > 1:
        key = f"bw{prefix}_section"
        # Into another section at its end; the list counts its items without this one.
        ends = tuple(len(section.items) for section in draft.sections)
        st.selectbox(tr("builder.move_to_section"), range(len(draft.sections)), index=index, key=key,
                     format_func=lambda i: f"{i + 1}. {localized(draft.sections[i].title, lang) or draft.sections[i].id}",
                     on_change=lambda: apply(ops.move_item, item.id, st.session_state[key], ends[st.session_state[key]]))


def show_new_item(draft, index: int, section) -> None:
    key = f"bnew_item_{section.id}"
    with st.container(key=f"bnew_{section.id}"):
        st.text_input(tr("builder.new_item", language=language_name(draft.languages[0])), key=key,
                      placeholder=tr("builder.new_item_example"))
        st.segmented_control(tr("builder.type"), ["likert", "open"], default="likert", key=f"{key}_type",
                             required=True, format_func=lambda t: tr(f"builder.type_{t}"))
        st.button(tr("builder.add_item"), key=f"{key}_add", on_click=add_item, args=(draft, index, key),
                  icon=":material/add:")


def add_item(draft, index: int, key: str) -> None:
    text = (st.session_state.get(key) or "").strip()
    if not text:
        session.say(BUILDER, "builder.item_text_first", kind=session.ERROR)
        return
    if apply(ops.add_item, index, {draft.languages[0]: text}, st.session_state.get(f"{key}_type") or "likert"):
        st.session_state[key] = ""
        # The new question opens, to give it its other texts.
        stored = ops.from_json(st.session_state[SEEN][2])
        st.session_state.setdefault(OPEN, set()).add(stored.sections[index].items[-1].id)


def show_new_section(draft) -> None:
    with st.container(border=True, key="bnew_section"):
        st.markdown(f"**{tr('builder.new_section')}**")
        for column, code in zip(st.columns(len(draft.languages)), draft.languages):
            column.text_input(language_name(code), key=f"bnew_section_{code}")
        st.button(tr("builder.add_section"), key="bnew_section_add", on_click=add_section, args=(draft,),
                  icon=":material/add:")


def add_section(draft) -> None:
    title = {code: st.session_state.get(f"bnew_section_{code}") or "" for code in draft.languages}
    if not any(text.strip() for text in title.values()):
        session.say(BUILDER, "builder.section_title_first", kind=session.ERROR)
        return
    apply(ops.add_section, title)
    for code in draft.languages:
        st.session_state[f"bnew_section_{code}"] = ""


# -- scales ----------------------------------------------------------------------------------

def scale_label(scale, lang: str) -> str:
    points = f"{scale.points[0]}-{scale.points[-1]}" if scale.points else "—"
    return tr("builder.scale_choice", id=scale.id, points=points)


def show_scales(opened: builder.Opened, lang: str) -> None:
    draft, placed, g = opened.draft, Placed(opened.problems), generation()
    st.caption(tr("builder.scales_explained"))
    used = {}
    for section in draft.sections:
        for item in section.items:
            used[item.scale] = used.get(item.scale, 0) + 1
    for scale in draft.scales:
        with st.container(border=True, key=f"bscale_{scale.id}"):
            top = st.container()
            st.markdown(f"**{escape_markdown(scale.id)}**")
            st.caption(tr("builder.scale_used", count=used.get(scale.id, 0)))
            where = {"scale": scale.id}
            key = f"bw_{g}_c_{scale.id}_points"
            st.number_input(tr("builder.points"), MIN_POINTS, MAX_POINTS, value=len(scale.points), step=1, key=key,
                            on_change=chosen, args=(key, ops.set_scale_points, scale.id))
            show_problems(placed.take(**where, field="points"), lang)
            key = f"bw_{g}_c_{scale.id}_na"
            st.toggle(tr("builder.not_applicable"), value=scale.not_applicable, key=key, on_change=chosen,
                      args=(key, ops.set_scale_not_applicable, scale.id))
            for point in scale.points:
                texts_row(tr("builder.point_label", point=point), f"builder_{g}_c_{scale.id}_label_{point}",
                          scale.labels.get(point, {}), draft, placed, {**where, "point": point, "field": "labels"},
                          lang, ops.set_scale_label, scale.id, point)
            st.button(tr("builder.remove_scale"), key=f"bw_{g}_c_{scale.id}_remove", on_click=apply,
                      args=(ops.remove_scale, scale.id), icon=":material/delete:")
            with top:
                show_problems(placed.rest(scale=scale.id), lang)
    with st.container(border=True, key="bnew_scale"):
        st.markdown(f"**{tr('builder.new_scale')}**")
        st.text_input(tr("builder.scale_name"), key="bnew_scale_name", placeholder=tr("builder.scale_name_example"))
        st.number_input(tr("builder.points"), MIN_POINTS, MAX_POINTS, value=5, step=1, key="bnew_scale_points")
        st.toggle(tr("builder.not_applicable"), key="bnew_scale_na")
        st.button(tr("builder.add_scale"), key="bnew_scale_add", on_click=add_scale, icon=":material/add:")


def add_scale() -> None:
    state = st.session_state
    name = (state.get("bnew_scale_name") or "").strip()
    if not name:
        session.say(BUILDER, "builder.scale_name_first", kind=session.ERROR)
        return
    apply(ops.add_scale, name, int(state.get("bnew_scale_points") or 5), bool(state.get("bnew_scale_na")))
    state["bnew_scale_name"] = ""
