"""The conversation report on paper: what goes, signed, into the personnel file."""

from __future__ import annotations

from devtalk.i18n import t
from devtalk.pdf import comparison_blocks, report_blocks
from devtalk.pdf.content import ConversationContent
from devtalk.pdf.document import Document


def conversation_report(content: ConversationContent, lang: str) -> bytes:
    """Who and when, the comparison with its chart, both sides' open answers, then the report itself:
    agenda with notes, agreements, summary, actions, the employee's acknowledgement and two signatures."""
    title = t("pdf.report_title", lang)
    doc = Document(content.firm, title, lang)
    doc.title_block(title, content.employee.name)
    comparison_blocks.facts(doc, content, lang)
    if content.comparison is not None:
        comparison_blocks.comparison_tables(doc, content.comparison, lang)
        comparison_blocks.chart(doc, content.comparison, lang)
        comparison_blocks.open_answers(doc, content.comparison, lang)
    report = content.report
    report_blocks.agenda(doc, t("report.agenda", lang), report.agenda, content.questionnaire,
                         content.earlier_actions, lang)
    report_blocks.report_text(doc, report, lang)
    report_blocks.actions_table(doc, content.actions, content.names, lang)
    report_blocks.acknowledgement(doc, report, lang)
    report_blocks.signatures(doc, content.employee, content.manager, lang)
    return doc.to_bytes()
