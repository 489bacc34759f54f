# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Values as messages show them."""


def number(value):
    """A number as people write it: 100, 92.5, 87.25 — at most two
    decimals and no trailing zeros."""
    text = f"{value or 0:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
