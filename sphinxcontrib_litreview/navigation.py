"""Share the sidebar's table of contents among pages that are in no toctree.

Themes call the page context's ``toctree(...)`` to draw the site navigation, and
Sphinx rebuilds it for every page: a deep copy of the whole global table of
contents, pruned, marked and rendered to HTML. On a large review that is the
biggest single cost of a build (44% at 1,500 episodes), because every page pays
for the size of the site.

For a page that no toctree reachable from the root includes (every generated
episode page is an orphan, at most listed by the appendix page, itself an orphan)
nothing in that tree is "current", and no ancestor of the page is in it, so the
result depends on only two things: the call's arguments, and where the page sits
in the URL space, since links in the tree are made relative to the page. Pages
that agree on both get the same HTML, which is computed once per build.

Where a page "sits" is less than its folder. Sphinx makes a link relative with
:func:`sphinx.util.osutil.relative_uri`, which strips the folders the page and the
target share, climbs ``../`` once per folder left on the page's side and appends
the rest of the target's path. So what matters is the page's folder depth and the
part of its folder path that some other document's folder also starts with; a
folder that holds no other document (``episodes/E0001/`` under ``dirhtml``) is
interchangeable with its siblings. See :meth:`SidebarMemo.position`.

One visible difference: Sphinx repeats its warnings about the tree (a toctree
entry without a title) each time it computes the tree, so once per page without
the memo and once per shared sidebar with it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from sphinx.builders import Builder
from sphinx.builders.html import StandaloneHTMLBuilder

if TYPE_CHECKING:
    from docutils import nodes
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: Tests switch the memo off to compare output with and without it; not a setting.
ENABLED = True

#: Before themes' handlers (default 500), which call ``toctree`` to build their own
#: navigation (furo does it in ``html-page-context``).
PRIORITY = 100

#: Pages a toctree may link to that are not documents (``genindex``, ``search``, …).
_VIRTUAL_DOCS = ("genindex", "py-modindex", "search")

Position = tuple[tuple[str, ...], int, bool]


def _virtual_docnames() -> set[str]:
    from sphinx.domains.std import StandardDomain

    virtual = getattr(StandardDomain, "_virtual_doc_names", {})
    return {*_VIRTUAL_DOCS, *(docname for docname, _ in virtual.values())}


def _folders(uri: str) -> tuple[tuple[str, ...], str]:
    """The folders of a page's URI and its last part ("" for ``dirhtml``'s ``a/b/``)."""
    *folders, last = uri.partition("#")[0].split("/")
    return tuple(folders), last


class SidebarMemo:
    """One build's shared ``toctree(...)`` results; made anew when a build reads its sources.

    Nothing is carried from one build to the next: a page added to a toctree, a
    changed title or a new document invalidate the whole memo, not just an entry.
    """

    def __init__(self) -> None:
        self._ready = False
        #: Documents the root's toctrees reach (hidden ones too), and the root: their
        #: sidebars are their own.
        self._in_toctree: set[str] = set()
        #: How many documents' (and virtual pages') folder paths start with each path.
        self._folder_prefixes: Counter[tuple[str, ...]] = Counter()
        self._html: dict[tuple[Any, ...], str] = {}

    def reset(self, app: Sphinx, env: BuildEnvironment) -> None:
        """``env-updated``: a build has read its sources; forget the previous build."""
        self._ready = False
        self._in_toctree = set()
        self._folder_prefixes = Counter()
        self._html = {}

    def _prepare(self, builder: Builder) -> None:
        env = builder.env
        # Only pages the root's tree reaches can be "current" or expanded in it; a page
        # listed only by an orphan's toctree (the generated appendix of episode pages
        # that LaTeX and singlehtml include) is as absent from the sidebar as any orphan.
        reached = {env.config.root_doc}
        stack = [env.config.root_doc]
        while stack:
            for child in env.toctree_includes.get(stack.pop(), ()):
                if child not in reached:
                    reached.add(child)
                    stack.append(child)
        self._in_toctree = reached
        for docname in {*env.all_docs, *_virtual_docnames()}:
            folders, _ = _folders(builder.get_target_uri(docname))
            for depth in range(len(folders) + 1):
                self._folder_prefixes[folders[:depth]] += 1
        self._ready = True

    def position(self, builder: Builder, pagename: str) -> Position:
        """What links made relative to *pagename* depend on.

        For a page in folders ``D`` (its URI's path without the last part), a link to
        a target in folders ``T`` is ``../`` once per folder of ``D`` below their common
        path, then the rest of the target's URI. Let ``P`` be the longest start of
        ``D`` that another document's folders also start with; the common path of
        ``D`` and any target's ``T`` is then a start of ``P``, and the same as that of
        ``P`` and ``T``. So ``P`` and the length of ``D`` decide every link, except
        ``relative_uri``'s special cases for a target in the page's own folder, which
        also look at whether the page's URI ends in a folder (``dirhtml``).
        """
        folders, last = _folders(builder.get_target_uri(pagename))
        shared = len(folders)
        # Every prefix of the page's own folders counts the page itself once.
        while shared and self._folder_prefixes[folders[:shared]] < 2:
            shared -= 1
        return folders[:shared], len(folders), last == ""

    def page_context(
        self, app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: nodes.document | None
    ) -> None:
        """``html-page-context``: give a page in no toctree the shared ``toctree``."""
        toctree = context.get("toctree")
        builder = app.builder
        if not ENABLED or doctree is None or not callable(toctree) or not _plain_relative_links(builder):
            return
        if not self._ready:
            self._prepare(builder)
        if pagename in self._in_toctree or pagename not in builder.env.all_docs:
            return
        context["toctree"] = self._shared(toctree, self.position(builder, pagename))

    def _shared(self, toctree: Callable[..., Any], position: Position) -> Callable[..., Any]:
        memo = self._html

        def shared_toctree(*args: Any, **kwargs: Any) -> Any:
            if args:
                return toctree(*args, **kwargs)
            # The type is part of the key: True == 1 and 1 == 1.0, and a theme option
            # may arrive as "1"; only identical calls share a result.
            key = (position, *sorted((name, type(value), value) for name, value in kwargs.items()))
            try:
                return memo[key]
            except KeyError:
                pass
            except TypeError:  # an unhashable argument: compute, as without the memo
                return toctree(**kwargs)
            result = toctree(**kwargs)
            if isinstance(result, str):
                memo[key] = result
            return result

        return shared_toctree


def _plain_relative_links(builder: Builder) -> bool:
    """Whether the builder makes links relative as :meth:`SidebarMemo.position` assumes.

    ``singlehtml`` does not (all pages are one), nor do builders that override how
    a page's ``toctree`` is computed; those keep Sphinx's own per-page result.
    """
    return (
        isinstance(builder, StandaloneHTMLBuilder)
        and type(builder).get_relative_uri is Builder.get_relative_uri
        and getattr(type(builder), "_get_local_toctree", None)
        is getattr(StandaloneHTMLBuilder, "_get_local_toctree", None)
    )


def setup_navigation(app: Sphinx) -> None:
    memo = SidebarMemo()
    app.connect("env-updated", memo.reset)
    app.connect("html-page-context", memo.page_context, priority=PRIORITY)
