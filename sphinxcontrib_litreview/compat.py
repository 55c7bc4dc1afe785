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
    """``doctree-resolved`` on singlehtml: turn ``#document-page#episode-e026`` into
    ``#episode-e026`` for links to the review's own anchors.

    Sphinx 8.2 stopped collapsing these double fragments (sphinx-doc/sphinx#14221), so
    cross-page references to an anchor lead nowhere in a single page. Only links to
    episodes and litreview terms are mended: links Sphinx made to anything else stay
    exactly as Sphinx makes them (an extension added to a project changes none of its
    links; the rest is Sphinx's to fix).
    """
    if app.builder.name != "singlehtml":
        return
    for ref in doctree.findall(nodes.reference):
        refuri = ref.get("refuri", "")
        if refuri.startswith("#") and refuri.rsplit("#", 1)[1].startswith(OWN_ANCHOR_PREFIXES):
            ref["refuri"] = single_fragment(refuri)


#: Anchors the extension makes (see model.episode_anchor and model.term_anchor).
OWN_ANCHOR_PREFIXES = ("episode-", "lr-term-")


def single_fragment(uri: str) -> str:
    """``#document-page#target`` -> ``#target`` (see fix_singlehtml_refuris)."""
    return uri[uri.rindex("#") :] if uri.startswith("#") and uri.count("#") > 1 else uri
