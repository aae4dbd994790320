"""Static twins: pages that render the same widgets, tables and charts from constants.

Their run time is what Streamlit itself costs for that much page; the real page's time over
the twin's (plus the raw SQL) is our own overhead. Tables come as constant columns (a dict of
lists), as a static page would write them: handing the same DataFrame object to every run
would let pandas reuse work a real page can never reuse.
"""

from __future__ import annotations

# The constants each twin renders, by the twin's folder; set by the benchmark before it runs the twin.
ARGUMENTS: dict[str, tuple] = {}


def comparison_twin(sections: int, tables, spec, can_want_rows: int, agenda_points: int, scored_points: int) -> None:
    import streamlit as st

    st.title("Vergelijking")
    st.caption("subtitle")
    st.info("how to read")
    left, right = st.columns(2)
    left.metric("agree", 1)
    right.metric("gaps", 2)
    table, graph, can_want, agenda = st.tabs(["a", "b", "c", "d"])
    with table:
        for _ in range(sections):
            st.subheader("section")
        for columns in tables:  # st.table, as the page's plain_table (its cells wrap)
            st.table(columns, hide_index=True)
    with graph:
        st.caption("explained")
        st.vega_lite_chart(spec=spec, width="stretch")
    with can_want:
        left, right = st.columns(2)
        for column in (left, right):
            column.subheader("can")
            column.caption("explained")
        for _ in range(can_want_rows):
            left.markdown("**item**")
            left.caption("values")
    with agenda:
        for point in range(agenda_points):
            st.markdown("**kind** · item")
            if point < scored_points:  # a point about a scale item shows both answers under it
                st.caption("scores")
    st.button("report", key="twin_report")


def fill_in_twin(sections) -> None:
    """Per section a header, per item a bordered block: its text, the answer buttons (or a text
    box), and the saved mark every answered item carries. As on the page, each block with answer
    buttons is a fragment, and so are the progress line and the foot."""
    import streamlit as st

    def block(key: str, labels) -> None:
        with st.container(border=True, key=f"block_{key}"):
            st.markdown("**item**")
            if labels is not None:
                st.pills("item", list(labels), key=key, format_func=labels.__getitem__, label_visibility="collapsed")
            else:
                st.text_area("item", key=key, label_visibility="collapsed")
            st.caption("saved")

    st.title("Vragenlijst invullen")
    st.caption("round")
    st.info("intro")
    st.fragment(lambda: st.progress(0.5, text="progress"), key="twin_progress")()
    for number, items in enumerate(sections):
        st.header(f"section {number}")
        for index, labels in enumerate(items):
            key = f"twin_{number}_{index}"
            if labels is not None:
                st.fragment(block, key=f"fragment_{key}")(key, labels)
            else:
                block(key, labels)
    st.divider()
    st.subheader("submit")
    st.write("explained")
    st.fragment(lambda: None, key="twin_foot")()
    st.checkbox("done", key="twin_done")
    st.button("submit", key="twin_submit")
    # Input from colleagues: the employee may propose one, behind a switch.
    st.divider()
    st.subheader("third voice")
    st.caption("explained")
    st.toggle("propose", key="twin_propose")


def dossier_twin(overview, table, open_table, rounds: list[str], texts: list[str]) -> None:
    import streamlit as st

    st.title("Dossier")
    st.button("pdf", key="twin_pdf")
    st.subheader("overview")
    st.dataframe(overview, hide_index=True, width="stretch")
    st.selectbox("which", range(len(rounds)), format_func=rounds.__getitem__)
    st.subheader("round")
    st.caption("with")
    st.dataframe(table, hide_index=True, width="stretch")
    st.dataframe(open_table, hide_index=True, width="stretch")
    for text in texts:
        st.markdown("**label**")
        st.text(text)
    st.header("notes")
