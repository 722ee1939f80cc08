"""The one Jinja2 environment of caf, shared by every HTML and text output (pack, report).

Templates are found on a search path: a user's ``--templates`` folders first, then caf's
built-in ``templates/`` folder. A name that starts with ``default:`` always means the built-in
template, so a user's template can build on the one it replaces::

    {% extends "default:pack/facilitator-guide.html" %}

Undefined names fail loudly (``StrictUndefined``), HTML is autoescaped (user text is shown,
never interpreted as markup), and as soon as a user folder is on the path, templates are
rendered in Jinja's sandbox: a template from outside caf cannot reach Python internals.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from caf.errors import CafError
from caf.resources import data_dir

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from pathlib import Path

DEFAULT_PREFIX = "default:"
"""A template name with this prefix is always looked up among the built-in templates."""

AUTOESCAPED = ("html", "htm", "xml")
"""Template file extensions whose output is escaped for HTML."""


class SearchLoader(jinja2.BaseLoader):
    """Finds a template in the user's folders first, then among the built-ins.

    A ``default:`` name skips the user's folders.
    """

    def __init__(self, user_dirs: Sequence[Path], builtin: Path) -> None:
        """Search ``user_dirs`` in order, then ``builtin``."""
        self.user = jinja2.FileSystemLoader([str(d) for d in user_dirs])
        self.builtin = jinja2.FileSystemLoader(str(builtin))

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        """The template's text, file name and up-to-date check."""
        if template.startswith(DEFAULT_PREFIX):
            return self.builtin.get_source(environment, template.removeprefix(DEFAULT_PREFIX))
        try:
            return self.user.get_source(environment, template)
        except jinja2.TemplateNotFound:
            return self.builtin.get_source(environment, template)

    def list_templates(self) -> list[str]:
        """Every template name the loader can find (user ones shadow built-ins)."""
        return sorted(set(self.user.list_templates()) | set(self.builtin.list_templates()))


def environment(user_dirs: Sequence[Path] = ()) -> jinja2.Environment:
    """The Jinja2 environment for caf's outputs, searching ``user_dirs`` before the built-ins.

    Raises:
        CafError: a user template folder does not exist.
    """
    for folder in user_dirs:
        if not folder.is_dir():
            raise CafError(f"{folder}: the templates folder does not exist")
    # Built-in templates are ours; anything from a user's folder is treated as untrusted.
    kind = SandboxedEnvironment if user_dirs else jinja2.Environment
    return kind(
        loader=SearchLoader(user_dirs, data_dir("templates")),
        undefined=jinja2.StrictUndefined,
        autoescape=jinja2.select_autoescape(AUTOESCAPED, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render(env: jinja2.Environment, name: str, context: Mapping[str, object]) -> str:
    """Render the template ``name`` with ``context``.

    Raises:
        CafError: the template is missing, has a syntax error, uses a name the context lacks,
            or tries something the sandbox forbids; the message names the template.
    """
    try:
        return env.get_template(name).render(context)
    except jinja2.TemplateSyntaxError as error:
        where = f"{error.filename or error.name}:{error.lineno}"
        raise CafError(f"{where}: template error: {error.message}") from error
    except jinja2.TemplateNotFound as error:
        raise CafError(f"template {error.name} not found") from error
    except (jinja2.UndefinedError, SecurityError) as error:
        raise CafError(f"{name}: template error: {error}") from error
