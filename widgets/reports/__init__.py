"""Printed reports in the GUI: the reports panel, a report's options dialog and the PDF viewer."""
