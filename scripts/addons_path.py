"""Print the Odoo addons path: the host's addons folders, those of addons
installed from PyPI, then this repository."""

import os
import sys

import odoo

import odoo.addons


def is_addons_folder(path):
    return os.path.isdir(path) and any(
        os.path.isfile(os.path.join(path, name, "__manifest__.py"))
        for name in os.listdir(path)
    )


def addons_folders(repo_dir):
    odoo_root = os.path.dirname(os.path.abspath(odoo.__file__))
    candidates = [
        *os.environ.get("ODOO_ADDONS_PATH", "").split(","),
        os.path.join(odoo_root, "addons"),
        os.path.join(os.path.dirname(odoo_root), "addons"),
        *odoo.addons.__path__,
        repo_dir,
    ]
    seen = []
    for path in candidates:
        path = os.path.abspath(path) if path else ""
        if path and path not in seen and is_addons_folder(path):
            seen.append(path)
    return seen


if __name__ == "__main__":
    print(",".join(addons_folders(sys.argv[1])))
