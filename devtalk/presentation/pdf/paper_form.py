"""The empty questionnaire on paper, for whoever prefers a pen; HR types the answers in afterwards.

Likert items are printed as a grid: the scale's labels head the columns, each item gets a box per
point to tick. Consecutive items on the same scale share one header, repeated after a page break,
so a tick can always be read against its label.
"""

from __future__ import annotations

from devtalk.domain.models import JobFunction, QuestionnaireVersion
from devtalk.i18n import t
from devtalk.presentation.pdf.document import GREY, LINE, RULE, Document, plain
from devtalk.questionnaire import Item, Questionnaire, Scale, Section, localized

BOX = 3.6  # mm: a square you can tick with a pen
WRITING_LINES, LINE_GAP = 5, 8.0  # room for an open answer in handwriting
MIN_QUESTION_WIDTH = 70


def paper_form(firm: str, version: QuestionnaireVersion, questionnaire: Questionnaire, function: JobFunction | None,
               side: str, lang: str) -> bytes:
    title = localized(questionnaire.title, lang)
    doc = Document(firm, title, lang)
    for_whom = t("pdf.form_for_manager", lang) if side == "manager" else t("pdf.form_for_employee", lang)
    doc.title_block(title, for_whom)
    doc.facts([
        (t("pdf.job_function", lang), function.name if function else t("pdf.no_function", lang)),
        (t("pdf.questionnaire", lang), t("pdf.questionnaire_version", lang, id=version.questionnaire_id,
                                         version=version.version)),
    ])
    blanks = [t("pdf.sign_name", lang), t("pdf.sign_date", lang)]
    if side == "manager":
        blanks.insert(1, t("pdf.form_about", lang))
    for label in blanks:
        _blank(doc, label)
    doc.ln(3)
    if questionnaire.intro:
        doc.paragraph(localized(questionnaire.intro, lang), size=9.5)
    doc.paragraph(t("pdf.form_how", lang), size=9.5, bold=True)
    for section in questionnaire.sections_for(function.id if function else None, side):
        _section(doc, questionnaire, section, side, lang)
    return doc.to_bytes()


def _blank(doc: Document, label: str) -> None:
    """A label with a line to write on."""
    doc.body(9.5, colour=GREY)
    doc.cell(45, LINE + 2, label)
    y = doc.get_y() + LINE + 1
    doc.set_draw_color(*RULE)
    doc.line(doc.l_margin + 45, y, doc.l_margin + 130, y)
    doc.ln(LINE + 3)
    doc.body()


def _section(doc: Document, questionnaire: Questionnaire, section: Section, side: str, lang: str) -> None:
    doc.heading(localized(section.title, lang), keep=55)  # the title, the scale header and a first item
    if section.intro:
        doc.paragraph(localized(section.intro, lang), size=9, colour=GREY)
    run: list[Item] = []
    for item in section.items:
        if run and (item.type != "likert" or item.scale != run[0].scale):
            _likert_grid(doc, questionnaire.scale_of(run[0]), run, side, lang)
            run = []
        if item.type == "likert":
            run.append(item)
        else:
            _open_item(doc, item, side, lang)
    if run:
        _likert_grid(doc, questionnaire.scale_of(run[0]), run, side, lang)


def _columns(scale: Scale, lang: str) -> list[str]:
    labels = [f"{point}\n{scale.label(point, lang)}".strip() for point in scale.points]
    return labels + [t("fill.not_applicable", lang)] if scale.not_applicable else labels


def _likert_grid(doc: Document, scale: Scale, items: list[Item], side: str, lang: str) -> None:
    columns = _columns(scale, lang)
    box_width = min(15.0, (doc.epw - MIN_QUESTION_WIDTH) / len(columns))
    question_width = doc.epw - box_width * len(columns)
    header_height = _header(doc, columns, question_width, box_width, draw=False)
    doc.room_for(header_height + 12)
    _header(doc, columns, question_width, box_width)
    for item in items:
        height = _question(doc, item, side, lang, question_width, draw=False)
        if doc.get_y() + height > doc.page_break_trigger:
            doc.add_page()
            _header(doc, columns, question_width, box_width)
        top = doc.get_y()
        _question(doc, item, side, lang, question_width)
        doc.set_draw_color(*GREY)
        for index in range(len(columns)):
            centre = doc.l_margin + question_width + box_width * (index + 0.5)
            doc.rect(centre - BOX / 2, top + 1.6, BOX, BOX)
        doc.set_draw_color(*RULE)
        doc.line(doc.l_margin, top + height, doc.l_margin + doc.epw, top + height)
        doc.set_xy(doc.l_margin, top + height)
    doc.ln(3)


def _header(doc: Document, columns: list[str], question_width: float, box_width: float, draw: bool = True) -> float:
    """The scale labels over the boxes; returns the height it takes."""
    doc.body(6.5, colour=GREY)
    lines = max(len(doc.multi_cell(box_width, 2.8, c, dry_run=True, output="LINES")) for c in columns)
    height = lines * 2.8 + 1.5
    if draw:
        top = doc.get_y()
        for index, label in enumerate(columns):
            doc.set_xy(doc.l_margin + question_width + box_width * index, top)
            doc.multi_cell(box_width, 2.8, label, align="C", markdown=False)
        doc.set_xy(doc.l_margin, top + height)
    doc.body()
    return height


def _question(doc: Document, item: Item, side: str, lang: str, width: float, draw: bool = True) -> float:
    """The item's wording (and why we ask it, in grey) in the left column; returns its height."""
    text = plain(item.wording(side, lang)) + ("" if item.required else f" ({t('fill.optional', lang)})")
    help_text = plain(localized(item.help, lang))
    doc.body(9.5)
    height = len(doc.multi_cell(width - 3, 4.4, text, dry_run=True, output="LINES")) * 4.4 + 2.4
    if draw:
        top = doc.get_y()
        doc.set_xy(doc.l_margin, top + 1.2)
        doc.multi_cell(width - 3, 4.4, text, align="L", markdown=False)
    if help_text:
        doc.body(7.5, colour=GREY)
        lines = doc.multi_cell(width - 3, 3.4, help_text, dry_run=True, output="LINES")
        if draw:
            doc.set_xy(doc.l_margin, top + height - 1.2)
            doc.multi_cell(width - 3, 3.4, help_text, align="L", markdown=False)
        height += len(lines) * 3.4
    doc.body()
    return height


def _open_item(doc: Document, item: Item, side: str, lang: str) -> None:
    """The question and lines to write the answer on, kept together on one page."""
    doc.room_for(12 + WRITING_LINES * LINE_GAP)
    optional = "" if item.required else f" ({t('fill.optional', lang)})"
    doc.paragraph(item.wording(side, lang) + optional, size=9.5, bold=True)
    if item.help:
        doc.paragraph(localized(item.help, lang), size=7.5, colour=GREY)
    doc.set_draw_color(*RULE)
    for _ in range(WRITING_LINES):
        doc.ln(LINE_GAP)
        doc.line(doc.l_margin, doc.get_y(), doc.l_margin + doc.epw, doc.get_y())
    doc.ln(4)
