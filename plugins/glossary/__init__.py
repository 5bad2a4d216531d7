"""Parse, validate and cross-link a bilingual glossary of term files."""
