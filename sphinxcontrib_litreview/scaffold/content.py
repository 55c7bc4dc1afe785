"""The files ``litreview new`` writes, as ``string.Template`` sources.

Kept as Python constants rather than data files so they ship inside the package
without any package-data configuration.  Placeholders: ``$title`` (plain text for
Markdown), ``$title_literal``, ``$author_literal`` and ``$copyright_literal``
(Python string literals for ``conf.py``) and ``$version`` (this package's version).
"""

from __future__ import annotations

CONF_PY = '''\
"""Sphinx configuration of this literature review (written by `litreview new`)."""

project = $title_literal
author = $author_literal
# The footer's line, and the EPUB and PDF metadata.
copyright = $copyright_literal
# The review's edition (EPUB requires one); raise it when you publish a new one.
version = release = "0.1"

extensions = ["myst_parser", "sphinxcontrib_litreview"]

# sphinx-design is optional: with it, listings can be shown as cards; without it,
# every view falls back to plain lists and tables and the site still builds.
try:
    import sphinx_design  # noqa: F401
except ImportError:
    pass
else:
    extensions.append("sphinx_design")

# ::: fences let directives nest cleanly inside Markdown.
myst_enable_extensions = ["colon_fence"]

# Each record of these files becomes a page under episodes/ (generated at build time).
litreview_catalog = ["episodes.yaml"]

# Keep local virtual environments out of the source tree Sphinx scans.
exclude_patterns = ["_build", ".venv", "venv", "Thumbs.db", ".DS_Store"]

html_theme = "alabaster"
'''

INDEX_MD = """\
# $title

A literature review built with
[sphinxcontrib-litreview](https://pypi.org/project/sphinxcontrib-litreview/).
Each topic page discusses a question and cites the episodes (papers, talks, posts)
that bear on it; every episode page shows where it is cited.

% To add a topic: write a page such as my-topic.md that starts with a title and a
% topic-page directive (copy example-topic.md), then add its name, my-topic, to
% the toctree below. The all-topics page lists it from then on.

```{toctree}
:maxdepth: 1

topics
example-topic
glossary
episodes/index
```
"""

TOPICS_MD = """\
# All topics

:::{topic-index}
:::
"""

TOPIC_MD = """\
# Example topic: calibration of language models

:::{topic-page}
:summary: An example topic page. Replace it with your own question and sources.
:anchors: E001 E002
:::

% This page is an example. The anchors above are the episodes the topic rests on;
% everything cited below with {episode} is counted on the episode pages as well.

A model is {term}`calibrated <calibration>` when its confidence matches how often it
is right. The survey in {episode}`E001` frames the question, and {episode}`E002`
proposes a way to measure it on open-ended answers.

Whether calibration survives fine-tuning is less settled: {episode}`E003` reports
that it degrades on most {term}`benchmarks`, while {episode}`the survey <E001>` finds
the evidence mixed. Taken together, {episode}`E002,E003` suggest measuring it before
and after every training stage.

:::{episode-list}
:heading: Episodes anchoring this topic
:::
"""

GLOSSARY_MD = """\
# Glossary

Terms are defined once here and cited anywhere with the `term` role; each
definition lists the pages that use it.

:::{term} calibration
:aliases: calibrated, well-calibrated
The agreement between a model's stated confidence and how often it is correct.
:::

:::{term} benchmark
:aliases: benchmarks
A fixed set of tasks with a scoring rule, used to compare models.
:::

## All terms

:::{term-index}
:::
"""

EPISODES_YAML = """\
# The review's catalog: one record per episode (paper, talk, post).
# These three records are examples; replace them with your own sources.
# A list shows the first sentence of each summary, so make it count.
# Fields: id and title are required; authors, year, venue, url, doi, tags and
# summary (MyST markup, {term} and {episode} roles work) are optional.

- id: E001
  title: "Example: a survey of calibration in language models"
  authors: [Jane Doe, Rick Roe]
  year: 2024
  venue: Example Journal
  url: https://example.org/papers/e001
  tags: [survey, calibration]
  summary: >-
    Surveys how {term}`calibration` of language models is defined and measured.
    (An example record.)

- id: E002
  title: "Example: measuring confidence on open-ended answers"
  authors: [Ada Example]
  year: 2025
  venue: Example Conference
  url: https://example.org/papers/e002
  tags: [method, calibration]
  summary: >-
    Proposes a way to measure calibration when answers are free text rather
    than multiple choice, building on {episode}`E001`. (An example record.)

- id: E003
  title: "Example: does fine-tuning break calibration?"
  authors: [Jane Doe, Sam Sample]
  year: 2025
  venue: arXiv
  url: https://example.org/papers/e003
  tags: [fine-tuning, calibration]
  summary: >-
    Reports that fine-tuning degrades calibration on most {term}`benchmarks`
    it tests. (An example record.)
"""

READTHEDOCS_YAML = """\
# Read the Docs configuration: https://docs.readthedocs.io/en/stable/config-file/v2.html
version: 2

build:
  os: ubuntu-24.04
  tools:
    python: "3.12"

sphinx:
  configuration: conf.py
  fail_on_warning: true

python:
  install:
    - requirements: requirements.txt
"""

REQUIREMENTS_TXT = """\
# sphinxcontrib-litreview is not on PyPI yet: until it is, replace the next line with
# the wheel you install it from (a path or URL ending in .whl) or a checkout's URL.
sphinxcontrib-litreview>=$version
sphinx-design>=0.6
"""

GITIGNORE = """\
_build/
.venv/
# Written by sphinxcontrib-litreview at build time from episodes.yaml: a file per
# episode and per tag. Pages you write yourself in episodes/ are kept in git.
episodes/*.litreview
episodes/tags/*.litreview
"""
