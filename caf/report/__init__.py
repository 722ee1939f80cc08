"""The scorecard report: one self-contained HTML file (and optionally its PDF) for leaders."""
