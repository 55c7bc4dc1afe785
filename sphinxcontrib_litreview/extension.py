"""Wire the extension's parts into Sphinx."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .bibliography import check_style
from .catalog import setup_catalog
from .cite_blocks import setup as setup_cite_blocks
from .collector import setup_collector
from .compat import fix_singlehtml_refuris, std_domain
from .config import register_config
from .directives import EpisodeDirective, TermDirective, TopicPageDirective
from .domain import GroupedIndex, LitreviewDomain, get_domain
from .downloads import setup_downloads
from .episode_nodes import setup_metadata
from .export import setup_export
from .hover import setup_hover
from .i18n import LOCALE_DIR, MESSAGE_CATALOG_NAME
from .incremental import pages_to_rewrite
from .navigation import setup_navigation
from .nodes import add_html_node, litreview_view
from .one_document import setup_one_document
from .roles import EpisodeRole, TagRole, TermRole, TopicRole
from .tag_links import setup as setup_tag_links
from .tags import ShowTagForms
from .views.directives import (
    EpisodeIndexDirective,
    EpisodeListDirective,
    EpisodeTimelineDirective,
    ReviewMapDirective,
    TagIndexDirective,
    TermIndexDirective,
    TopicIndexDirective,
)
from .views.explore import setup_explore
from .views.transform import PAGE_WRITTEN_PRIORITY, FillViews, page_written, visit_view
from .warnings_ import LitreviewWarning, warn

if TYPE_CHECKING:
    from sphinx.addnodes import pending_xref
    from sphinx.application import Sphinx
    from sphinx.config import Config
    from sphinx.domains import Domain
    from sphinx.environment import BuildEnvironment

STATIC_DIR = Path(__file__).resolve().parent / "static"

#: Bump when the shape of the stored domain data changes.
ENV_VERSION = 7

DIRECTIVES: dict[str, Any] = {
    "episode": EpisodeDirective,
    "term": TermDirective,
    "topic-page": TopicPageDirective,
    "episode-list": EpisodeListDirective,
    "topic-index": TopicIndexDirective,
    "episode-index": EpisodeIndexDirective,
    "term-index": TermIndexDirective,
    "review-map": ReviewMapDirective,
    "episode-timeline": EpisodeTimelineDirective,
    "tag-index": TagIndexDirective,
}

UNKNOWN = {
    "episode": (LitreviewWarning.UNKNOWN_EPISODE, "an episode directive or a catalog record"),
    "term": (LitreviewWarning.UNKNOWN_TERM, "a term directive or a glossary entry"),
    "topic": (LitreviewWarning.UNKNOWN_TOPIC, "a topic-page directive; name it by its page or :id:"),
    # No warning subtype of its own (SPEC §7 lists them): tags are the review's other
    # grouping of episodes, reported like topics.
    "tag": (LitreviewWarning.UNKNOWN_TOPIC, "the :tags: of an episode or catalog record"),
}


def reading_begins(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    get_domain(env).reading_begins()


def warn_unknown_reference(app: Sphinx, domain: Domain | None, node: pending_xref) -> bool | None:
    """``warn-missing-reference``: our own warning, with a "did you mean" hint."""
    if domain is None or domain.name != "litreview" or node["reftype"] not in UNKNOWN:
        return None
    assert isinstance(domain, LitreviewDomain)
    typ = node["reftype"]
    target = node["reftarget"]
    kind, how = UNKNOWN[typ]
    hint = domain.suggest(typ, target)
    message = f"unknown {typ} {target!r}"
    if hint:
        message += f"; did you mean {hint!r}?"
    message += f" (define it with {how})"
    warn(kind, message, location=node)
    return True


def add_assets(app: Sphinx) -> None:
    if app.builder.format == "html":
        app.add_css_file("litreview.css")


def add_static_path(app: Sphinx, config: Config) -> None:
    # A new list: Sphinx accepts a tuple here, and the user's object is theirs.
    config.html_static_path = [*config.html_static_path, str(STATIC_DIR)]


def after_reading(app: Sphinx, env: BuildEnvironment) -> None:
    """``env-updated``: what needs every page read, in the main process."""
    domain = get_domain(env)
    # Titles and toctrees are final only now: forget what was derived while reading
    # (the rest of the build, up to the digests and the writing, shares what is
    # derived from here on).
    domain._changed()
    domain.register_std_terms()
    drop_unwritten_index_labels(env)


def drop_unwritten_index_labels(env: BuildEnvironment) -> None:
    """Sphinx labels every domain index (``litreview-episodeindex``) for ``:ref:`` and
    ``objects.inv``, but writes only the indices that list something: a project that
    defines no episodes must not gain labels for pages it never has."""
    domain = get_domain(env)
    std = std_domain(env)
    for index_class in domain.indices:
        index = index_class(domain)
        empty = index.is_empty() if isinstance(index, GroupedIndex) else not index.generate()[0]
        if empty:
            label = f"{domain.name}-{index.name}"
            std.labels.pop(label, None)
            std.anonlabels.pop(label, None)


def setup_extension(app: Sphinx) -> dict[str, Any]:
    register_config(app)
    app.add_domain(LitreviewDomain)
    for name, directive in DIRECTIVES.items():
        app.add_directive_to_domain("litreview", name, directive)
        app.add_directive(name, directive)
    # ``{litreview:topic}`` as a directive; the bare name stays docutils' own ``topic``.
    app.add_directive_to_domain("litreview", "topic", TopicPageDirective)

    roles = {"episode": EpisodeRole(), "term": TermRole(), "topic": TopicRole(), "tag": TagRole()}
    for name, role in roles.items():
        app.add_role_to_domain("litreview", name, role)
    app.add_role("episode", EpisodeRole())
    app.add_role("topic", TopicRole())
    app.add_role("tag", TagRole())
    # Unprefixed {term} / :term: stays Sphinx's own role, with Sphinx's rules, warnings
    # and intersphinx lookups; it finds litreview terms because they are registered as
    # std terms too (register_std_terms).

    add_html_node(app, litreview_view, visit_view)
    app.add_post_transform(FillViews)
    app.add_post_transform(ShowTagForms)
    app.connect("html-page-context", page_written, priority=PAGE_WRITTEN_PRIORITY)
    app.connect("build-finished", page_written)
    app.connect("env-before-read-docs", reading_begins)
    app.connect("env-updated", after_reading)
    app.connect("env-get-updated", pages_to_rewrite)
    app.connect("warn-missing-reference", warn_unknown_reference)
    app.connect("doctree-resolved", fix_singlehtml_refuris)
    app.connect("builder-inited", add_assets)
    app.add_message_catalog(MESSAGE_CATALOG_NAME, str(LOCALE_DIR))
    app.connect("config-inited", add_static_path)
    setup_catalog(app)
    setup_one_document(app)
    setup_export(app)
    setup_downloads(app)
    app.connect("builder-inited", check_style)
    setup_hover(app)
    setup_navigation(app)
    setup_explore(app)
    setup_tag_links(app)
    setup_cite_blocks(app)
    setup_metadata(app)
    setup_collector(app)

    return {
        "version": __version__,
        "env_version": ENV_VERSION,
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
