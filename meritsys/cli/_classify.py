"""``meritsys classify VALUE --rubrik ID``: the category of a value (imports no numpy)."""

from __future__ import annotations

import argparse
import json
from typing import Any, TextIO

from meritsys.cli._common import resolve_rubrik

__all__ = ["add", "run"]


def add(sub: Any) -> None:
    """Register the command."""
    p = sub.add_parser("classify", help="print the category of a value")
    p.add_argument("value", metavar="VALUE")
    p.add_argument("--rubrik", metavar="ID", required=True, help="rubric id or rubric file")
    p.add_argument("--classifier", metavar="NAME", default="band", help="classifier (default: band; plugins via meritsys.classifiers)")
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.set_defaults(func=run)


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Classify the value; print its label (or JSON); warn on stderr when it is outside the scale."""
    from meritsys._numbers import fmt
    from meritsys.scoring._classifier import BandClassifier

    rubrik = resolve_rubrik(args.rubrik, args.rubrik)
    if args.classifier == "band":
        classifier: Any = BandClassifier()
    else:
        from meritsys.scoring._registry import get_classifier

        classifier = get_classifier(args.classifier)
    klas = classifier.classify(rubrik, args.value)
    if klas.di_luar_skala:
        sk = rubrik.skala
        where = (
            f"below the published minimum {fmt(sk.minimum.nilai)}"
            if sk.maksimum is None
            else f"outside the published scale {fmt(sk.minimum.nilai)}..{fmt(sk.maksimum.nilai)}"
        )
        print(f"meritsys: warning: {args.value} lies {where} of {rubrik.id}; classified as {klas.kategori.label}", file=err)
    if args.format == "json":
        payload = {
            "nilai": format(klas.nilai, "f"),
            "kategori": {"kode": klas.kategori.kode, "label": klas.kategori.label},
            "di_luar_skala": klas.di_luar_skala,
        }
        print(json.dumps(payload, ensure_ascii=False), file=out)
    else:
        print(klas.kategori.label, file=out)
    return 0
