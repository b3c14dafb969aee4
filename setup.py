"""Build settings beyond pyproject.toml: the optional C accelerator of the segmenter.

If it cannot be compiled (no C compiler), the install still succeeds and the segmenter
runs its Python loop, which cuts exactly the same tokens, only slower.
"""
from setuptools import Extension, setup

setup(ext_modules=[Extension("extractor._route", ["extractor/_route.c"], optional=True)])
