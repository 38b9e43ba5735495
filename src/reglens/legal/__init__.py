"""How Japanese law is structured and cited — the one place every stage asks.

``numerals`` (二十七 ⇄ 27, article keys), ``grammar`` (the reference grammar and its
scanner), ``names`` (law titles and aliases), ``catalog`` (a library's documents as
laws, articles in order), ``provisions`` (paragraphs and items of an article),
``format`` (the one citation formatter) and ``graph`` (references, delegations and
definitions, resolved by the build). See README, "The legal core".
"""
