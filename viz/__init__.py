"""Plotly figure builders and exports: pure functions from NumPy arrays to figures and files."""
