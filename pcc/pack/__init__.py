"""`pcc pack`: the quarterly board pack (Excel workbook and PDF) for the Performance & Delivery Board."""
