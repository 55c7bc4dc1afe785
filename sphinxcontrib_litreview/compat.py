"""Small shims over API differences between Sphinx 8 and 9."""

from __future__ import annotations

from typing import TYPE_CHECKING

from docutils import nodes

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.builders import Builder
    from sphinx.domains.std import StandardDomain
    from sphinx.environment import BuildEnvironment


def current_docname(env: BuildEnvironment) -> str:
    # env.current_document arrived in Sphinx 8.2; env.docname is deprecated from then on.
    current = getattr(env, "current_document", None)
    if current is not None:
        return current.docname
    return env.docname


def current_builder(env: BuildEnvironment) -> Builder:
    # Sphinx 9 deprecates env.app (and a transform's self.app); its env keeps it as _app.
    app = getattr(env, "_app", None) or env.app
    return app.builder


def std_domain(env: BuildEnvironment) -> StandardDomain:
    domains = env.domains
    standard = getattr(domains, "standard_domain", None)
    if standard is not None:
        return standard
    return env.get_domain("std")  # type: ignore[return-value]


def fix_singlehtml_refuris(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """``doctree-resolved`` on singlehtml: turn ``#document-page#target`` into ``#target``.

    Sphinx 8.2 stopped collapsing these double fragments (sphinx-doc/sphinx#14221), so
    every cross-page reference to an anchor, ours and the std domain's, led nowhere.
    This is what ``SingleFileHTMLBuilder.fix_refuris`` did before; harmless once fixed.
    """
    if app.builder.name != "singlehtml":
        return
    for ref in doctree.findall(nodes.reference):
        refuri = ref.get("refuri", "")
        if refuri.startswith("#"):
            ref["refuri"] = single_fragment(refuri)


def single_fragment(uri: str) -> str:
    """``#document-page#target`` -> ``#target`` (see fix_singlehtml_refuris)."""
    return uri[uri.rindex("#") :] if uri.startswith("#") and uri.count("#") > 1 else uri
