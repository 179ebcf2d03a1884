"""The gold format of tests/gold/README.md: an article's pasted text and its annotation."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from pourparler.errors import PourparlerError


@dataclass(frozen=True, slots=True)
class GoldArticle:
    name: str
    path: Path
    text: str
    annotation: dict[str, Any]


def load_gold(folder: Path) -> list[GoldArticle]:
    """Every annotated article in a folder, in name order."""
    if not folder.is_dir():
        raise PourparlerError(
            f"no gold folder at {folder}; give the folder that holds NAME.txt + NAME.yaml pairs"
        )
    articles = []
    for ann_path in sorted(folder.glob("*.yaml")):
        txt_path = ann_path.with_suffix(".txt")
        if not txt_path.exists():
            raise PourparlerError(f"{ann_path} has no article beside it ({txt_path.name})")
        try:
            annotation = yaml.safe_load(ann_path.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise PourparlerError(f"cannot read the annotation {ann_path}: {exc}") from exc
        articles.append(
            GoldArticle(ann_path.stem, txt_path, txt_path.read_text(encoding="utf-8"), annotation)
        )
    if not articles:
        raise PourparlerError(f"no annotated articles (NAME.yaml) in {folder}")
    return articles
