"""What a command does between parsing its options and rendering its result: one library
call per command.

- :mod:`~corpuscompare.app.commands` -- resolve the arguments, run the analysis, return a record.
- :mod:`~corpuscompare.app.publish` -- ``report``: compare (or take the cached comparison), render, write.
"""

from ..lazy import exports

__getattr__, __dir__ = exports(__name__, {"build_report": "publish", "diff_refs": "commands"})
__all__ = ["build_report", "diff_refs"]
