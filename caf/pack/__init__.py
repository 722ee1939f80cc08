"""The workshop pack: agenda, template context, slide deck, and the folder and zip."""
