"""A test-only app for tests/deploy/test_multi.py: one file uploader that shows the uploaded
file's size, to check that an upload reaches the process holding the visitor's session."""

import streamlit as st

st.title("Upload")
uploaded = st.file_uploader("A file")
if uploaded is not None:
    st.write(f"Uploaded {len(uploaded.getvalue())} bytes")
