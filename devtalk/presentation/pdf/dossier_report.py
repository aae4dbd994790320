"""One employee's dossier on paper: every conversation across the years, then the notes between them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from devtalk.domain.models import DossierNote, Person
from devtalk.i18n import t
from devtalk.presentation.dossier_frames import check_ins_frame
from devtalk.presentation.formatting import format_date
from devtalk.presentation.pdf import comparison_blocks, report_blocks
from devtalk.presentation.pdf.content import ConversationContent
from devtalk.presentation.pdf.document import GREY, Document


def dossier_report(firm: str, employee: Person, entries: Sequence[ConversationContent], notes: Sequence[DossierNote],
                   names: Mapping[int, str], lang: str, check_ins=None) -> bytes:
    """An overview of the years, the notes and the check-ins (``check_ins``: services.check_ins.CheckIns,
    or None) first, then each conversation on a page of its own, newest first, as the dossier page orders them."""
    title = t("dossier.title", lang, name=employee.name)
    doc = Document(firm, title, lang)
    doc.title_block(title, firm)
    _overview(doc, entries, lang)
    _notes(doc, notes, names, lang)
    if check_ins is not None and check_ins.check_ins:
        # As the dossier page lists them: when and by whom, never what was said.
        frame = check_ins_frame(check_ins, lang)
        report_blocks.titled_table(doc, t("check_ins.dossier_heading", lang), list(frame.columns), frame.values.tolist(), "")
    for entry in entries:
        doc.add_page()
        _conversation(doc, entry, lang)
    return doc.to_bytes()


def _overview(doc: Document, entries: Sequence[ConversationContent], lang: str) -> None:
    """One line per conversation: where it stands, how far apart the two pictures were, what came of it."""
    headings = [t("dossier.col_round", lang), t("pdf.held_on", lang), t("dossier.col_status", lang),
                t("dossier.col_large_gaps", lang), t("dossier.col_actions", lang)]
    rows = [
        [entry.round.name, format_date(entry.conversation.held_at, lang) or "—",
         t(f"status.{entry.conversation.status}", lang),
         "—" if entry.comparison is None else str(len(entry.comparison.largest_gaps())), str(len(entry.actions))]
        for entry in entries
    ]
    report_blocks.titled_table(doc, t("dossier.overview", lang), headings, rows, t("dossier.empty", lang),
                               align=("LEFT", "LEFT", "LEFT", "CENTER", "CENTER"))


def _conversation(doc: Document, entry: ConversationContent, lang: str) -> None:
    doc.heading(f"{entry.round.name} · {t('dossier.with_manager', lang, name=entry.manager.name)}")
    comparison_blocks.facts(doc, entry, lang)
    if entry.comparison is None:
        doc.paragraph(t("dossier.no_comparison", lang), colour=GREY)
    else:
        comparison_blocks.comparison_tables(doc, entry.comparison, lang)
        comparison_blocks.open_answers(doc, entry.comparison, lang)
    if entry.report is None:
        doc.heading(t("report.title", lang))
        doc.paragraph(t("pdf.no_report", lang), colour=GREY)
    else:
        report_blocks.discussed_agenda(doc, entry.report.agenda, entry.questionnaire, entry.comparison,
                                       entry.earlier_actions, lang)
        report_blocks.report_text(doc, entry.report, lang)
    report_blocks.actions_table(doc, entry.actions, entry.names, lang)
    if entry.report is not None and entry.report.finalised_at:
        report_blocks.acknowledgement(doc, entry.report, lang)


def _notes(doc: Document, notes: Sequence[DossierNote], names: Mapping[int, str], lang: str) -> None:
    """Notes between conversations; a private one says so, so nobody hands it on by mistake."""
    doc.heading(t("dossier.notes", lang))
    if not notes:
        doc.paragraph(t("pdf.no_notes", lang), colour=GREY)
    for note in notes:
        byline = f"{format_date(note.created_at, lang)} · {names.get(note.author_id, '—')}"
        if note.private:
            byline += f" · {t('dossier.private', lang)}"
        doc.room_for(15)
        doc.paragraph(byline, size=8.5, colour=GREY)
        doc.paragraph(note.note)
        doc.ln(1.5)
