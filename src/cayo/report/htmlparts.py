"""Pieces of the HTML report shared by its sections: escaping, tables, inline figures."""

from __future__ import annotations

import base64
import html
import io
from typing import Any


def esc(text: Any) -> str:
    """Text made safe for HTML."""
    return html.escape(str(text))


def table(
    head: list[str],
    rows: list[list[str]],
    sortable: bool = False,
    right: frozenset[int] | set[int] = frozenset(),
) -> str:
    """An HTML table of already-rendered cells; columns in `right` are right-aligned."""
    cls = ' class="sortable"' if sortable else ""
    th = "".join(
        f'<th class="r">{h}</th>' if i in right else f"<th>{h}</th>" for i, h in enumerate(head)
    )
    body = "".join(
        "<tr>"
        + "".join(
            f'<td class="r">{c}</td>' if i in right else f"<td>{c}</td>" for i, c in enumerate(r)
        )
        + "</tr>"
        for r in rows
    )
    return f"<table{cls}><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def png(fig) -> str:  # type: ignore[no-untyped-def]
    """A matplotlib figure as an inline <img>."""
    import matplotlib.pyplot as plt

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100)
    plt.close(fig)
    return _img(buf.getvalue())


def _img(data: bytes, alt: str = "figure") -> str:
    return f'<img alt="{esc(alt)}" src="data:image/png;base64,{base64.b64encode(data).decode()}">'


def figure(img: str, caption: str) -> str:
    return f"<figure>{img}<figcaption>{caption}</figcaption></figure>"


def _plt():  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt
