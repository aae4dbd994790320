"""The sheet a manager takes into the meeting: both pictures side by side and what to talk about."""

from __future__ import annotations

from devtalk.i18n import t
from devtalk.presentation.pdf import comparison_blocks, report_blocks
from devtalk.presentation.pdf.content import ConversationContent
from devtalk.presentation.pdf.document import GREY, Document


def preparation_sheet(content: ConversationContent, lang: str) -> bytes:
    """The proposed agenda first (that is what the meeting follows), then the comparison it came from."""
    title = t("pdf.preparation_title", lang)
    doc = Document(content.firm, title, lang)
    doc.title_block(title, content.employee.name)
    comparison_blocks.facts(doc, content, lang)
    doc.paragraph(t("pdf.preparation_explained", lang), size=9, colour=GREY)
    report_blocks.agenda(doc, t("compare.tab_agenda", lang), content.proposed_agenda, content.questionnaire,
                         content.comparison, content.earlier_actions, lang)
    comparison_blocks.comparison_tables(doc, content.comparison, lang, content.third_voice)
    comparison_blocks.chart(doc, content.comparison, lang)
    comparison_blocks.open_answers(doc, content.comparison, lang)
    comparison_blocks.third_voice(doc, content.third_voice, lang)
    return doc.to_bytes()
