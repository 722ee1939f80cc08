"""Find the folders caf ships with: ``frameworks/`` and ``templates/``.

In the repository (and an editable install) they sit at the top, beside the package. A wheel
carries them inside the package as ``caf/_data/``. :func:`data_dir` is the one place that knows.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

_PACKAGE = Path(__file__).resolve().parent


def data_dir(name: Literal["frameworks", "templates"]) -> Path:
    """The shipped folder ``name``, from an installed wheel or from the source tree."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    message = f"caf's {name}/ folder is missing from this installation; reinstall caf"
    raise FileNotFoundError(message)
