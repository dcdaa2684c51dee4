"""Generic output: workbook writing, safe (atomic) output, links and CSV export."""
