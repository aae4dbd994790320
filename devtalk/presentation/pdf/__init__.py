"""Printable documents (fpdf2, embedded DejaVu font): each builder takes plain records and returns PDF bytes.

Access is not checked here: devtalk.services.printing gathers the records through the same
services the pages use, and only then calls a builder. One module per document
(conversation_report, preparation_sheet, paper_form, dossier_report); document.py is the sheet
they share.
"""
