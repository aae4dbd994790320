"""The parts every conversation document shares: who and what, the comparison, the open answers."""

from __future__ import annotations

from devtalk.domain.comparison import LARGE_GAP, Comparison
from devtalk.domain.third_voice import ThirdColumn
from devtalk.i18n import t
from devtalk.presentation.comparison_frames import likert_frame
from devtalk.presentation.formatting import format_date
from devtalk.presentation.pdf.chart import chart_pictures
from devtalk.presentation.pdf.content import ConversationContent
from devtalk.presentation.pdf.document import GREY, Document
from devtalk.questionnaire import localized

CHART_CAPTION = 32  # mm above a chart for its heading, explanation and part number


def facts(doc: Document, content: ConversationContent, lang: str) -> None:
    """Who talked with whom, when, and on which exact questionnaire version."""
    held = content.conversation.held_at
    doc.facts([
        (t("pdf.firm", lang), content.firm),
        (t("pdf.employee", lang), content.employee.name),
        (t("pdf.manager", lang), content.manager.name),
        (t("pdf.round", lang), content.round.name),
        (t("pdf.held_on", lang), format_date(held, lang) if held else t("pdf.not_held_yet", lang)),
        (t("pdf.questionnaire", lang), t("pdf.questionnaire_version", lang, id=content.version.questionnaire_id,
                                         version=content.version.version)),
        (t("pdf.status", lang), t(f"status.{content.conversation.status}", lang)),
    ])


def comparison_tables(doc: Document, comparison: Comparison, lang: str, third: ThirdColumn | None = None) -> None:
    """Per section both answers (and the colleagues' where they may be shown) and the difference
    with its marker; large gaps printed bold."""
    if not comparison.likert:
        return
    doc.heading(t("compare.title", lang))
    frame = likert_frame(comparison, lang, third)  # rows in comparison.likert order, section after section
    headings = list(frame.columns)
    # Item, the levels (both answers, agreed, required where there are any), difference with its marker.
    align = ("LEFT",) + ("CENTER",) * (len(headings) - 2) + ("LEFT",)
    rows = [[str(value) for value in record] for record in frame.itertuples(index=False)]
    widths = doc.column_widths(headings, rows)  # one set for all sections, so the columns line up
    start = 0
    for section in comparison.sections:
        if section.likert:
            doc.subheading(localized(section.title, lang))
            large = [index for index, row in enumerate(section.likert) if row.flag == LARGE_GAP]
            doc.grid(headings, rows[start:start + len(section.likert)], widths, align, emphasis=large)
        start += len(section.likert)
    if comparison.has_requirements:
        doc.paragraph(t("skills.critical_legend", lang), size=8.5, colour=GREY)


def third_voice(doc: Document, third: ThirdColumn | None, lang: str) -> None:
    """Whose the colleagues' column is, or why it is left out, and their open answers without names."""
    if third is None:
        return
    doc.heading(t("third_voice.section_heading", lang))
    if not third.shown:
        doc.paragraph(t("third_voice.hidden", lang, count=third.answered), size=9, colour=GREY)
        return
    if third.named:
        doc.paragraph(t("third_voice.column_named", lang, name=third.named), size=9, colour=GREY)
    else:
        doc.paragraph(t("third_voice.column_group", lang, count=third.answered), size=9, colour=GREY)
        if third.open_answers:
            doc.paragraph(t("third_voice.open_anonymous", lang), size=9, colour=GREY)
    for text in third.open_answers:
        doc.paragraph(text, indent=4)


def chart(doc: Document, comparison: Comparison, lang: str) -> None:
    """The chart, part by part; each part fits on a page together with the heading above it."""
    pictures = chart_pictures(comparison, lang)
    if not pictures:
        return
    tallest = doc.page_break_trigger - doc.body_top - CHART_CAPTION
    doc.room_for(CHART_CAPTION + doc.image_size(pictures[0].width, pictures[0].height, tallest)[1])
    doc.heading(t("compare.tab_chart", lang), keep=0)
    doc.paragraph(t("compare.chart_explained", lang), size=9, colour=GREY)
    for number, picture in enumerate(pictures, 1):
        if len(pictures) > 1:
            doc.room_for(8 + doc.image_size(picture.width, picture.height, tallest)[1])
            doc.paragraph(t("pdf.chart_part", lang, part=number, parts=len(pictures)), size=8.5, colour=GREY)
        picture.draw(doc, tallest)


def open_answers(doc: Document, comparison: Comparison, lang: str) -> None:
    """Both sides' own words under each open question; long answers run on over pages."""
    if not comparison.open:
        return
    doc.heading(t("pdf.open_answers", lang))
    for row in comparison.open:
        doc.subheading(row.item.wording("employee", lang))
        for label, text in ((t("pdf.employee", lang), row.employee_text), (t("pdf.manager", lang), row.manager_text)):
            doc.paragraph(label, size=8.5, colour=GREY)
            doc.paragraph(text, empty=t("pdf.no_answer", lang), indent=4)
        doc.ln(1)
