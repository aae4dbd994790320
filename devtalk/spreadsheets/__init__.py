"""The spreadsheets HR exchanges with devtalk: reading CSV/XLSX rows safely, cells that cannot run as
formulas, and the people list in and out."""
