"""Reference tables generated from sphinxcontrib-litreview's own code.

``litreview-config-table`` renders every ``litreview_*`` configuration value
from :func:`sphinxcontrib_litreview.config.config_fields`, and
``litreview-warnings-table`` every warning subtype from
:class:`sphinxcontrib_litreview.warnings_.LitreviewWarning`, so the documentation
cannot drift from the code. Each configuration value is also registered as a
standard ``confval`` object, so ``{confval}`litreview_catalog``` links to its row.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.util.docutils import SphinxDirective
from sphinx.util.nodes import make_id

from sphinxcontrib_litreview.compat import std_domain
from sphinxcontrib_litreview.config import PREFIX, config_fields, default_of
from sphinxcontrib_litreview.warnings_ import LitreviewWarning

if TYPE_CHECKING:
    from sphinx.application import Sphinx


def python_literal(value: Any) -> str:
    """*value* as it would be written in ``conf.py``: double quotes, raw strings for regexes."""
    if isinstance(value, str):
        if "\\" in value and '"' not in value:
            return f'r"{value}"'
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if isinstance(value, list):
        return "[" + ", ".join(python_literal(item) for item in value) + "]"
    return repr(value)


class _TableDirective(SphinxDirective):
    """Builds a docutils table whose header and body rows are lists of cells."""

    has_content = False

    def build_table(
        self, header: Sequence[str], rows: Sequence[Sequence[nodes.Node]], widths: Sequence[int]
    ) -> nodes.table:
        table = nodes.table(classes=["litreview-reference", "longtable"])
        group = nodes.tgroup(cols=len(header))
        table += group
        for width in widths:
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        head += self._row([nodes.paragraph(text=title) for title in header])
        group += head
        body = nodes.tbody()
        for cells in rows:
            body += self._row(cells)
        group += body
        return table

    @staticmethod
    def _row(cells: Sequence[nodes.Node]) -> nodes.row:
        row = nodes.row()
        for content in cells:
            entry = nodes.entry()
            entry += content
            row += entry
        return row

    def inline_paragraph(self, text: str) -> nodes.paragraph:
        """Parse *text* as inline markup of the current document's language."""
        parsed, messages = self.state.inline_text(text, self.lineno)
        paragraph = nodes.paragraph("", "", *parsed)
        paragraph += messages
        return paragraph


class ConfigTable(_TableDirective):
    """A table of every ``litreview_*`` configuration value."""

    def run(self) -> list[nodes.Node]:
        std = std_domain(self.env)
        rows = []
        for field in config_fields():
            name = PREFIX + field.name
            node_id = make_id(self.env, self.state.document, "confval", name)
            std.note_object("confval", name, node_id, location=(self.env.docname, self.lineno))
            name_cell = nodes.paragraph(ids=[node_id])
            name_cell += nodes.literal(text=name)
            rows.append(
                [
                    name_cell,
                    nodes.paragraph("", "", nodes.literal(text=python_literal(default_of(field)))),
                    nodes.paragraph(text=field.metadata["allowed"]),
                    self.inline_paragraph(field.metadata["help"]),
                ]
            )
        return [
            self.build_table(
                ["Name", "Default", "Allowed values", "Meaning"], rows, [22, 14, 18, 46]
            )
        ]


class WarningsTable(_TableDirective):
    """A table of every ``litreview.*`` warning subtype."""

    def run(self) -> list[nodes.Node]:
        rows = [
            [
                nodes.paragraph("", "", nodes.literal(text=kind.code)),
                self.inline_paragraph(kind.description),
            ]
            for kind in LitreviewWarning
        ]
        return [self.build_table(["Warning type", "Emitted when"], rows, [30, 70])]


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("litreview-config-table", ConfigTable)
    app.add_directive("litreview-warnings-table", WarningsTable)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
