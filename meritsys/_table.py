"""Plain-text tables for the command line (no dependency)."""

from __future__ import annotations

from collections.abc import Sequence

__all__ = ["render"]


def render(headers: Sequence[str], rows: Sequence[Sequence[str]], *, right: Sequence[int] = ()) -> str:
    """Render rows under headers with aligned columns; columns in *right* align right.

    Examples:
        >>> print(render(["a", "b"], [["x", "1"], ["yy", "10"]], right=[1]))
        a    b
        --  --
        x    1
        yy  10
    """
    widths = [len(h) for h in headers]
    for row in rows:
        for i, cell in enumerate(row):
            widths[i] = max(widths[i], len(cell))

    def line(cells: Sequence[str]) -> str:
        parts = [c.rjust(widths[i]) if i in right else c.ljust(widths[i]) for i, c in enumerate(cells)]
        return "  ".join(parts).rstrip()

    out = [line(headers), line(["-" * w for w in widths])]
    out.extend(line(r) for r in rows)
    return "\n".join(out)
