"""Pure scoring of assessments against frameworks, and scoring many files."""
