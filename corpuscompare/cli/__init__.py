"""The ``corpuscompare`` command (click): parse options, call one library function, print.

- :mod:`~corpuscompare.cli.main` -- the commands, their errors and exit codes.
- :mod:`~corpuscompare.cli.options` -- option sets shared by the commands.
"""

from ..lazy import exports

__getattr__, __dir__ = exports(__name__, {"main": "main", "run": "main"})
__all__ = ["main", "run"]
