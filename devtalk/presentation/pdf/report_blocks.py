"""The parts of a conversation's outcome: agenda, report text, actions, acknowledgement, signatures."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from devtalk.domain.agenda import action_helped, agenda_scores, agenda_title, discussed
from devtalk.domain.comparison import Comparison
from devtalk.domain.models import Action, AgendaPoint, Person, Report
from devtalk.i18n import t
from devtalk.presentation.formatting import format_date
from devtalk.presentation.pdf.document import GREY, LINE, RULE, Document, plain
from devtalk.questionnaire import Questionnaire


def agenda(doc: Document, title: str, points: Sequence[AgendaPoint], questionnaire: Questionnaire,
           comparison: Comparison | None, earlier: Mapping[int, Action], lang: str) -> None:
    """Numbered points, each with what kind of point it is, both answers it is about and the
    manager's note on it."""
    doc.heading(title)
    if not points:
        doc.paragraph(t("pdf.no_agenda", lang), colour=GREY)
    for number, point in enumerate(points, 1):
        doc.room_for(3 * LINE)
        subject = agenda_title(point, questionnaire, earlier, lang)
        doc.paragraph(f"{number}. {t(f'agenda.kind_{point.kind}', lang)} · {subject}", bold=True)
        scores = agenda_scores(point, comparison, lang)
        if scores:
            doc.paragraph(scores, size=9, colour=GREY, indent=5)
        helped = action_helped(point, earlier)
        if helped:
            doc.paragraph(f"{t('report.did_it_help', lang)} {t(f'report.helped_{helped}', lang)}", size=9, indent=5)
        if point.note.strip():
            doc.paragraph(point.note, size=9.5, indent=5)
        doc.ln(1)


def discussed_agenda(doc: Document, points: Sequence[AgendaPoint], questionnaire: Questionnaire,
                     comparison: Comparison | None, earlier: Mapping[int, Action], lang: str) -> None:
    """The report's agenda: only the points the meeting wrote something about, and how many
    proposed points were left out for want of a note."""
    noted = discussed(points, earlier)
    agenda(doc, t("report.agenda", lang), noted, questionnaire, comparison, earlier, lang)
    if len(noted) < len(points):
        doc.paragraph(t("pdf.points_left_out", lang, count=len(points) - len(noted)), size=9, colour=GREY)


def report_text(doc: Document, report: Report, lang: str) -> None:
    """Summary and agreements, and whether the report is final."""
    doc.heading(t("report.summary", lang))
    doc.paragraph(report.summary)
    doc.heading(t("report.agreements", lang))
    doc.paragraph(report.agreements)
    if report.finalised_at:
        doc.paragraph(t("report.finalised_on", lang, date=format_date(report.finalised_at, lang)), size=8.5, colour=GREY)
    else:
        doc.paragraph(t("pdf.draft", lang), bold=True)


def titled_table(doc: Document, title: str, headings: Sequence[str], rows: Sequence[Sequence[str]], empty: str,
                 align: Sequence[str] | None = None) -> None:
    """A heading and its table, or a grey line saying there is nothing to list."""
    doc.heading(title)
    if rows:
        doc.grid(headings, rows, align=align)
    else:
        doc.paragraph(empty, colour=GREY)


def actions_table(doc: Document, actions: Sequence[Action], names: Mapping[int, str], lang: str) -> None:
    headings = [t("pdf.col_what", lang), t("pdf.col_kind", lang), t("pdf.col_owner", lang),
                t("pdf.col_due", lang), t("pdf.col_status", lang)]
    rows = [
        [action.what, t(f"action.kind_{action.kind}", lang), names.get(action.owner_id, "—"),
         format_date(action.due_date, lang) or "—", t(f"action.status_{action.status}", lang)]
        for action in actions
    ]
    titled_table(doc, t("report.actions", lang), headings, rows, t("pdf.no_actions", lang))


def acknowledgement(doc: Document, report: Report, lang: str) -> None:
    """Whether the employee has read the report, and what they said about it, in their own words."""
    doc.heading(t("pdf.acknowledgement", lang))
    if report.acknowledged_at:
        doc.paragraph(t("report.acknowledged_on", lang, date=format_date(report.acknowledged_at, lang)))
    else:
        doc.paragraph(t("pdf.not_acknowledged", lang))
    doc.subheading(t("pdf.employee_comment", lang))
    doc.paragraph(report.employee_comment, empty=t("pdf.no_comment", lang))


def signatures(doc: Document, employee: Person, manager: Person, lang: str) -> None:
    """Two boxes side by side with name, date and room to sign: the copy for the personnel file."""
    height, gap = 42, 8
    doc.room_for(height + 20)
    doc.heading(t("pdf.signatures", lang))
    top, width = doc.get_y(), (doc.epw - gap) / 2
    for column, (role, person) in enumerate(((t("pdf.employee", lang), employee), (t("pdf.manager", lang), manager))):
        left = doc.l_margin + column * (width + gap)
        doc.set_draw_color(*RULE)
        doc.rect(left, top, width, height)
        doc.set_xy(left + 3, top + 2)
        doc.body(9, bold=True)
        doc.cell(width - 6, LINE, role)
        _signature_line(doc, left, top + 10, width, t("pdf.sign_name", lang), person.name)
        _signature_line(doc, left, top + 18, width, t("pdf.sign_date", lang), "")
        _signature_line(doc, left, top + 35, width, t("pdf.sign_here", lang), "")
    doc.set_xy(doc.l_margin, top + height + 4)
    doc.body()


def _signature_line(doc: Document, left: float, y: float, width: float, label: str, value: str) -> None:
    doc.set_xy(left + 3, y)
    doc.body(8.5, colour=GREY)
    doc.cell(26, LINE, label)
    doc.body(10)
    doc.cell(width - 32, LINE, doc.fit(plain(value), width - 32))
    doc.set_draw_color(*RULE)
    doc.line(left + 29, y + LINE, left + width - 3, y + LINE)
