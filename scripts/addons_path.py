"""Print the Odoo addons path: the host's addons folders, those of addons
installed from PyPI, then this repository.

Stops with a message when an OCA addon pinned in requirements.txt would be
loaded from another folder than the one pip installed that version in (an
older copy earlier on the path, e.g. through ODOO_ADDONS_PATH), or when pip
has another version than the pin."""

import importlib.metadata
import os
import re
import sys

import odoo

import odoo.addons

PINNED_ADDON = re.compile(r"^odoo-addon-(?P<name>[A-Za-z0-9_.-]+)==(?P<version>\S+)")


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


def pinned_addons(requirements):
    """(distribution, module, version) of each OCA addon pinned there."""
    with open(requirements, encoding="utf-8") as lines:
        for line in lines:
            match = PINNED_ADDON.match(line.strip())
            if match:
                name, version = match["name"], match["version"]
                yield f"odoo-addon-{name}", name.replace("-", "_"), version


def pin_problems(folders, requirements):
    """Why the addons path would not load the pinned OCA addons."""
    for dist_name, module, version in pinned_addons(requirements):
        try:
            dist = importlib.metadata.distribution(dist_name)
        except importlib.metadata.PackageNotFoundError:
            yield f"{dist_name}=={version} is not installed"
            continue
        if dist.version != version:
            yield (
                f"{dist_name} {dist.version} is installed, "
                f"requirements.txt pins {version}"
            )
            continue
        installed = os.path.realpath(dist.locate_file(f"odoo/addons/{module}"))
        loaded = next(
            (
                os.path.join(folder, module)
                for folder in folders
                if os.path.isfile(os.path.join(folder, module, "__manifest__.py"))
            ),
            None,
        )
        if loaded is None or os.path.realpath(loaded) != installed:
            yield (
                f"Odoo would load {module} from {loaded}, not from {installed} "
                f"where pip installed {dist_name}=={version}; remove that copy or "
                "take its folder out of ODOO_ADDONS_PATH"
            )


if __name__ == "__main__":
    repo = sys.argv[1]
    folders = addons_folders(repo)
    problems = list(pin_problems(folders, os.path.join(repo, "requirements.txt")))
    if problems:
        sys.exit("error: " + "\nerror: ".join(problems))
    print(",".join(folders))
