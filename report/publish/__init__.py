"""Publishing: suppression, formatting, charts, HTML and PDF from a computed ReportInput."""
