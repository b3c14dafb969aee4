"""The script and style sheet of the review pages (``extractor review``)."""
