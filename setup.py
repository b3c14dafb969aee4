"""Build settings beyond pyproject.toml: the optional C accelerator of the segmenter.

If it cannot be compiled (no C compiler, no Python headers), the install still succeeds,
says so (in the build output, and on the terminal, where pip would hide it), and makes a
pure wheel (py3-none-any): the segmenter then runs its Python loop, which cuts exactly the
same tokens, only slower.
"""

import sys

from setuptools import Extension, setup
from setuptools.command.bdist_wheel import bdist_wheel
from setuptools.command.build_ext import build_ext
from setuptools.errors import BaseError, CCompilerError

ACCELERATOR = Extension("extractor._route", ["extractor/_route.c"], optional=True)
NOT_BUILT = (
    "the C accelerator of the segmenter was not built (no C compiler?): the Python loop will run, about a sixth slower"
)


class OptionalBuildExt(build_ext):
    """Builds the accelerator if it can; else warns, and the wheel is a pure one."""

    def build_extension(self, ext):
        try:
            super().build_extension(ext)
        except (CCompilerError, BaseError) as error:  # what distutils catches for an optional extension
            self.distribution.ext_modules = []  # nothing compiled: the files install as pure Python
            lines = str(error).strip().splitlines()
            reason = lines[-1] if lines else type(error).__name__
            message = f"WARNING: {NOT_BUILT}\n    ({type(error).__name__}: {reason})"
            sys.stderr.write(f"\n{message}\n\n")
            _tell_the_terminal(message)


def _tell_the_terminal(message):
    """pip shows a successful build's output only with -v, so the warning is also written
    to the terminal the install was started from, if there is one and our stderr is not it."""
    if sys.stderr.isatty():
        return  # already seen
    try:
        with open("/dev/tty", "w", encoding="utf-8") as tty:
            tty.write(f"\n{message}\n")
    except OSError:
        pass  # no terminal (CI, a service, Windows): the build log has it


class PureIfNotBuilt(bdist_wheel):
    """A wheel whose extension failed to build holds Python files only: tag it py3-none-any.

    bdist_wheel decides purity before it builds; the property reads the outcome of the
    build when the wheel is laid out and tagged (which happens after the build)."""

    @property
    def root_is_pure(self):
        return bool(self._root_is_pure) or not self.distribution.has_ext_modules()

    @root_is_pure.setter
    def root_is_pure(self, value):
        self._root_is_pure = value


setup(ext_modules=[ACCELERATOR], cmdclass={"build_ext": OptionalBuildExt, "bdist_wheel": PureIfNotBuilt})
