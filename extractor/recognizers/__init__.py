"""Recognizers: one module per dimension.

Each exposes ``recognize(text, lexicon, ...) -> list[...Found]``: it reads the text,
mutates nothing, and imports no sibling recognizer. Conflicts between their results are
settled by ``extractor.resolve``.
"""
