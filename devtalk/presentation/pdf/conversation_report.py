"""The conversation report on paper: what goes, signed, into the personnel file."""

from __future__ import annotations

from devtalk.i18n import t
from devtalk.presentation.pdf import comparison_blocks, report_blocks
from devtalk.presentation.pdf.content import ConversationContent
from devtalk.presentation.pdf.document import GREY, Document


def conversation_report(content: ConversationContent, lang: str) -> bytes:
    """What was agreed first: who and when, summary, agreements, actions, the agenda points the
    meeting wrote about, the employee's acknowledgement and two signatures. The comparison it
    came from (tables, chart, open answers) follows as an appendix on pages of its own, so the
    outcome is not buried behind sixty rows of scores."""
    title = t("pdf.report_title", lang)
    doc = Document(content.firm, title, lang)
    doc.title_block(title, content.employee.name)
    comparison_blocks.facts(doc, content, lang)
    report = content.report
    report_blocks.report_text(doc, report, lang)
    report_blocks.actions_table(doc, content.actions, content.names, lang)
    report_blocks.discussed_agenda(doc, report.agenda, content.questionnaire, content.comparison,
                                   content.earlier_actions, lang)
    report_blocks.acknowledgement(doc, report, lang)
    report_blocks.signatures(doc, content.employee, content.manager, lang)
    if content.comparison is not None:
        doc.add_page()
        doc.heading(t("pdf.appendix", lang), keep=0)
        doc.paragraph(t("pdf.appendix_explained", lang), size=9, colour=GREY)
        comparison_blocks.comparison_tables(doc, content.comparison, lang)
        comparison_blocks.chart(doc, content.comparison, lang)
        comparison_blocks.open_answers(doc, content.comparison, lang)
    return doc.to_bytes()
