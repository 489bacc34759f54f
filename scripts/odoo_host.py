"""Finds the Odoo 18 the scripts run on, and what its Python needs.

``python3 scripts/odoo_host.py probe`` runs under the interpreter to look at
and prints, as JSON, what that interpreter imports as ``odoo``: its version and
the folder that holds the ``odoo`` package, or that it only finds a namespace
package (the ``site-packages/odoo/addons`` of OCA addons installed by pip,
which hides an editable install), or nothing.

``python3 scripts/odoo_host.py decide PYTHON [ODOO_SRC]`` probes PYTHON and
prints one line for the shell: ``use ROOT`` (put ROOT on the path of the
project's virtual environment), ``source SRC`` (install the Odoo source SRC
there) or ``fail MESSAGE``.

``python3 scripts/odoo_host.py unpack ARCHIVE DEST`` unpacks an Odoo source
archive into DEST and prints the folder in it that holds the ``odoo`` package.
"""

import json
import os
import shutil
import subprocess
import sys

VERSION = "18.0"
# the editable install's folder, found through pip's record of it when a
# namespace package hides it
EDITABLE_HINT = "direct_url.json"


def probe():
    """What this interpreter imports as odoo, found without importing it."""
    from importlib import util  # noqa: PLC0415

    found = {"version": None, "root": None, "namespace": False}
    spec = util.find_spec("odoo")
    if spec is None:
        return found | {"editable_root": editable_root()}
    if not spec.origin or not spec.origin.endswith("__init__.py"):
        return found | {"namespace": True, "editable_root": editable_root()}
    package = os.path.dirname(os.path.abspath(spec.origin))
    release_spec = util.spec_from_file_location(
        "odoo_release", os.path.join(package, "release.py")
    )
    release = util.module_from_spec(release_spec)
    release_spec.loader.exec_module(release)
    return found | {"version": release.major_version, "root": os.path.dirname(package)}


def editable_root():
    """The source folder of an ``odoo`` distribution installed with
    ``pip install -e``, if there is one."""
    from importlib import metadata  # noqa: PLC0415

    for name in ("odoo", "odoo18"):
        try:
            distribution = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        text = distribution.read_text(EDITABLE_HINT)
        if not text:
            continue
        url = json.loads(text).get("url", "")
        if url.startswith("file://"):
            return url[len("file://") :]
    return None


def run_probe(python):
    """Probe ``python``; None when it does not run."""
    try:
        output = subprocess.run(
            [python, os.path.abspath(__file__), "probe"],
            capture_output=True,
            text=True,
            check=True,
            timeout=120,
        ).stdout
        return json.loads(output.strip().splitlines()[-1])
    except (OSError, subprocess.SubprocessError, ValueError, IndexError):
        return None


def decide(found, odoo_src=None):
    """What to do with an interpreter that imports ``found``."""
    if found is None:
        return "fail", "this Python does not run"
    if found.get("version") == VERSION and found.get("root"):
        return "use", found["root"]
    if found.get("version"):
        return (
            "fail",
            f"it imports Odoo {found['version']}; this project needs {VERSION}",
        )
    if found.get("editable_root"):
        # pip's namespace package of OCA addons hides the editable Odoo:
        # naming its folder on the path makes the real package win again
        return "use", found["editable_root"]
    if odoo_src:
        return "source", odoo_src
    return "fail", "it does not import Odoo"


def source_root(folder):
    """The folder under ``folder`` (itself or one level down, as archives
    nest it) that holds Odoo's ``odoo/release.py``; None if none does."""
    candidates = [folder] + sorted(
        os.path.join(folder, name)
        for name in os.listdir(folder)
        if os.path.isdir(os.path.join(folder, name))
    )
    for candidate in candidates:
        if os.path.isfile(os.path.join(candidate, "odoo", "release.py")):
            return candidate
    return None


def unpack(archive, dest):
    shutil.rmtree(dest, ignore_errors=True)
    shutil.unpack_archive(archive, dest)
    return source_root(dest)


def main(argv):
    if argv[:1] == ["probe"]:
        sys.stdout.write(json.dumps(probe()) + "\n")
        return 0
    if argv[:1] == ["decide"] and len(argv) in (2, 3):
        action, detail = decide(run_probe(argv[1]), argv[2] if len(argv) == 3 else None)
        sys.stdout.write(f"{action} {detail}\n")
        return 0
    if argv[:1] == ["unpack"] and len(argv) == 3:
        root = unpack(argv[1], argv[2])
        if not root:
            sys.stderr.write(f"{argv[1]} holds no Odoo source (odoo/release.py)\n")
            return 1
        sys.stdout.write(root + "\n")
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
