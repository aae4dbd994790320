"""The domain: records, who may see what, where a conversation stands, the comparison and the agenda.
Plain Python: no Streamlit, no SQL, no environment."""
