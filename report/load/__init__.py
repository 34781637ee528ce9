"""Reading the council's input files into checked frames plus a list of row-level issues."""
