"""Every role resolves, from MyST and from reStructuredText."""

from __future__ import annotations

import pytest
from helpers import body, links, warnings_of

from sphinxcontrib_litreview.model import term_anchor


@pytest.mark.sphinx("html", testroot="myst-project")
def test_myst_roles_resolve(app):
    app.build()
    assert warnings_of(app) == []
    page = body(app.outdir, "training")
    refs = links(page, "a.litreview-ref-episode")
    assert ("E026", "episodes.html#episode-e026") in refs
    # a list of IDs renders each one, linked
    assert ("E011", "episodes.html#episode-e011") in refs
    # custom text keeps the target
    assert ("the DAPO paper", "episodes.html#episode-e048") in refs
    terms = links(page, "a.litreview-ref-term")
    assert ("entropy", "glossary.html#lr-term-entropy") in terms
    # the topic role renders the topic's title
    assert ("Evaluating Reasoning", "evaluation.html") in links(page, "p a")


@pytest.mark.sphinx("html", testroot="myst-project")
def test_myst_terms_alias_case_and_std_glossary(app):
    app.build()
    page = body(app.outdir, "evaluation")
    terms = links(page, "a.litreview-ref-term")
    # "Entropies" is an alias, matched case-insensitively
    assert ("Entropies", "glossary.html#lr-term-entropy") in terms
    assert ("pass@k", "glossary.html#" + term_anchor("pass@k")) in terms


@pytest.mark.sphinx("html", testroot="myst-project")
def test_reference_title_is_the_no_js_fallback(app):
    app.build()
    page = body(app.outdir, "training")
    link = page.select_one('a.litreview-ref-episode[href$="#episode-e026"]')
    assert link is not None
    assert link["title"] == "E026: RL calibrates rather than discovers"


@pytest.mark.sphinx("html", testroot="rst-project")
def test_rst_roles_resolve(app):
    app.build()
    assert warnings_of(app) == []
    page = body(app.outdir, "training")
    episodes = links(page, "a.litreview-ref-episode")
    assert ("E026", "episodes.html#episode-e026") in episodes
    assert ("E011", "episodes.html#episode-e011") in episodes
    assert ("the DAPO paper", "episodes.html#episode-e048") in episodes
    terms = links(page, "a.litreview-ref-term")
    # the standard :term: role resolves litreview terms, and an alias with custom text
    assert ("entropy", "glossary.html#lr-term-entropy") in terms
    assert ("High-Entropy", "glossary.html#lr-term-entropy") in terms
    # ... and still resolves terms of Sphinx's own glossary directive, with their definition
    assert ("RLVR", "glossary.html#term-RLVR") in terms
    rlvr = page.select_one('a.litreview-ref-term[href="glossary.html#term-RLVR"]')
    assert rlvr["title"] == "RLVR: Reinforcement learning with verifiable rewards."
    assert ("Training Methods", "#") in links(page, "a")


@pytest.mark.sphinx("html", testroot="rst-project")
def test_docutils_topic_directive_still_works(app):
    app.build()
    page = body(app.outdir, "training")
    topic = page.select_one(".topic")
    assert topic is not None
    assert "Docutils topic" in topic.get_text()


@pytest.mark.sphinx("html", testroot="rst-project")
def test_objects_are_in_the_domain_and_indices(app):
    app.build()
    domain = app.env.domains["litreview"]
    objects = {(name, typ) for name, _d, typ, *_ in domain.get_objects()}
    assert {("E026", "episode"), ("entropy", "term"), ("training", "topic")} <= objects
    assert ("high-entropy", "term") in objects  # aliases are findable too
    index = (app.outdir / "litreview-episodeindex.html").read_text("utf8")
    assert "E026" in index and "RL calibrates rather than discovers" in index
    assert "entropy" in (app.outdir / "litreview-termindex.html").read_text("utf8")
