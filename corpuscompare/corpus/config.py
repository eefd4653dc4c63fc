"""``corpus.yaml``, watch lists and theme lexicons: a corpus's own settings.

- :func:`read_config` -- ``corpus.yaml`` of a folder -> :class:`~corpuscompare.model.document.CorpusConfig`
  (a broken file is a problem, not a crash).
- :func:`load_watchlist`, :func:`load_lexicon` -- the files ``track`` and ``themes`` read.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError, DecodeError
from ..model.document import CorpusConfig, Problem
from .decode import decode, load_yaml
from .normalize import normalize_phrase
from .segment import load_dictionary_file

__all__ = ["CONFIG_NAME", "config_from_mapping", "load_lexicon", "load_watchlist", "read_config"]

CONFIG_NAME = "corpus.yaml"


def read_config(folder: Path | None, default_name: str) -> tuple[CorpusConfig, list[Problem]]:
    """Read ``corpus.yaml`` in ``folder``; a broken file is a problem, not a crash."""
    problems: list[Problem] = []
    if folder is None or not (folder / CONFIG_NAME).is_file():
        return CorpusConfig(name=default_name), problems
    path = folder / CONFIG_NAME
    try:
        text, _ = decode(path.read_bytes())
        data = load_yaml(text) or {}
        if not isinstance(data, dict):
            raise ConfigError(f"{CONFIG_NAME} is not a mapping")
        return config_from_mapping(data, folder, default_name), problems
    except (yaml.YAMLError, DecodeError, ConfigError, OSError) as exc:
        problems.append(Problem(CONFIG_NAME, f"ignored: {_yaml_message(exc)}"))
        return CorpusConfig(name=default_name), problems


def _yaml_message(exc: BaseException) -> str:
    mark = getattr(exc, "problem_mark", None)
    if mark is not None:
        return f"malformed YAML at line {mark.line + 1}: {getattr(exc, 'problem', '')}"
    return str(exc)


def config_from_mapping(data: dict[str, Any], folder: Path, default_name: str) -> CorpusConfig:
    """Build a CorpusConfig; ``dictionary``/``slogans``/``themes`` may also name files."""
    lang = data.get("lang")
    dictionary = _word_list(data.get("dictionary"), folder, "dictionary")
    slogans = _word_list(data.get("slogans"), folder, "slogans")
    themes = data.get("themes") or {}
    if isinstance(themes, str):
        themes = load_lexicon(folder / themes)
    if not isinstance(themes, dict):
        raise ConfigError("themes must map each theme to a list of terms")
    norm = lang or "zh"
    return CorpusConfig(
        name=str(data.get("name") or default_name),
        description=str(data.get("description") or "").strip(),
        focus=str(data["focus"]) if data.get("focus") else None,
        lang=str(lang) if lang else None,
        dictionary=tuple(dict.fromkeys(normalize_phrase(w, norm) for w in dictionary)),
        slogans=tuple(dict.fromkeys(normalize_phrase(w, norm) for w in slogans)),
        themes={str(k): tuple(normalize_phrase(str(t), norm) for t in (v or [])) for k, v in themes.items()},
        stopwords=tuple(_word_list(data.get("stopwords"), folder, "stopwords")),
        series=_fields(data.get("series")),
    )


def _fields(value: Any) -> tuple[str, ...]:
    """``series: speaker`` / ``series: speaker, genre`` / ``series: [speaker, genre]``."""
    if value is None:
        return ()
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(v, str) for v in items):
        raise ConfigError("series must name front-matter fields: 'speaker', 'speaker, genre' or a list")
    return tuple(v.strip() for v in items if v.strip())


def _word_list(value: Any, folder: Path, what: str) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        path = folder / value
        if not path.is_file():
            raise ConfigError(f"{what}: no such file {value}")
        if path.suffix in (".yaml", ".yml"):
            return load_watchlist(path)
        return load_dictionary_file(path)
    if isinstance(value, list):
        return [str(v).strip() for v in value if v is not None and str(v).strip()]
    raise ConfigError(f"{what} must be a list of words or the name of a file")


def load_watchlist(path: Path) -> list[str]:
    """Slogans from a YAML list (or ``{slogans: [...]}``) or a text file, one a line."""
    try:
        text, _ = decode(path.read_bytes())
    except (OSError, DecodeError) as exc:
        raise ConfigError(f"cannot read watch list {path}: {exc}") from None
    if path.suffix in (".yaml", ".yml"):
        try:
            data = load_yaml(text)
        except yaml.YAMLError as exc:
            raise ConfigError(f"watch list {path}: {_yaml_message(exc)}") from None
        if isinstance(data, dict):
            data = data.get("slogans", [])
        if data is None:
            return []
        if not isinstance(data, list):
            raise ConfigError(f"watch list {path} must be a list of slogans")
        return [str(v).strip() for v in data if v is not None and str(v).strip()]
    return [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]


def load_lexicon(path: Path) -> dict[str, tuple[str, ...]]:
    """A theme lexicon: YAML ``{theme: [terms]}`` (or ``{themes: {...}}``)."""
    try:
        text, _ = decode(path.read_bytes())
        data = load_yaml(text)
    except OSError as exc:
        raise ConfigError(f"cannot read lexicon {path}: {exc.strerror}") from None
    except DecodeError as exc:
        raise ConfigError(f"cannot read lexicon {path}: {exc}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"lexicon {path}: {_yaml_message(exc)}") from None
    if isinstance(data, dict) and isinstance(data.get("themes"), dict):
        data = data["themes"]
    if not isinstance(data, dict) or not all(isinstance(v, list | type(None)) for v in data.values()):
        raise ConfigError(f"lexicon {path} must map each theme to a list of terms")
    return {str(k): tuple(str(t) for t in (v or []) if str(t).strip()) for k, v in data.items()}
