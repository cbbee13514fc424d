"""Importing a GEDCOM file into the database (merging with what is there) and exporting it back."""
