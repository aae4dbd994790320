"""What people read, shared by the pages and the PDFs: translated tables, chart specs, dates and numbers
in the reader's language, the audit log in words, and the PDFs themselves. No Streamlit, no SQL."""
