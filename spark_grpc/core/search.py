"""The search query language, parsed into terms that a store translates
into its own engine's syntax (never passing the caller's text through).

Syntax: words (all must match), ``"quoted phrases"`` (those words in that
order), and prefixes (``pars*``). A word is a run of letters, digits and
underscores (``\\w``); a term with other characters inside (``agent-7``,
``E_CONN.reset``) is a phrase of its words, so it finds that exact text.
Every other character is plain text: no operators, no column filters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spark_grpc.core.errors import InvalidArgument

MAX_QUERY_LENGTH = 1000
MAX_TERMS = 32

_WORD = re.compile(r"\w+")
# A quoted phrase (the closing quote may be missing), or a run of non-space.
_PART = re.compile(r'"([^"]*)"?|(\S+)')


@dataclass(frozen=True, slots=True)
class SearchTerm:
    """Words that must appear in this order; with ``prefix`` the last word
    may be the start of a longer one."""

    words: tuple[str, ...]
    prefix: bool = False
    # The term as written (without quotes or the star), for an engine that
    # splits text into words its own way (PostgreSQL's parser).
    text: str = ""


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """A parsed query: every term must match."""

    terms: tuple[SearchTerm, ...]

    @property
    def words(self) -> list[str]:
        return [word for term in self.terms for word in term.words]


def words_of(text: str) -> tuple[str, ...]:
    return tuple(word.lower() for word in _WORD.findall(text))


def parse_query(text: str, field: str = "query") -> SearchQuery:
    """The terms of a query; InvalidArgument naming ``field`` when there is
    nothing to search for."""
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidArgument(
            field, f"must be at most {MAX_QUERY_LENGTH} characters, got {len(text)}"
        )
    text = text.replace("\x00", " ")
    terms: list[SearchTerm] = []
    for match in _PART.finditer(text):
        phrase, bare = match.groups()
        if phrase is not None:
            raw, words, prefix = phrase, words_of(phrase), False
        else:
            raw = bare.rstrip("*")
            prefix = bare.endswith("*")
            words = words_of(bare)
            # `pars*` is a prefix; `*` after punctuation (`agent-*`) too.
            prefix = prefix and bool(words)
        if words:
            terms.append(SearchTerm(words, prefix, raw))
    if not terms:
        raise InvalidArgument(
            field, f"must hold at least one word (letters or digits), got {text!r}"
        )
    if len(terms) > MAX_TERMS:
        raise InvalidArgument(field, f"must hold at most {MAX_TERMS} terms, got {len(terms)}")
    return SearchQuery(tuple(terms))
