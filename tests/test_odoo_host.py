"""How the scripts find the Odoo they run on (scripts/odoo_host.py), for each
kind of host: a source checkout, an editable install hidden by the OCA addons'
namespace package, a Debian package, none with or without ODOO_SRC."""

import json
import os
import subprocess
import sys
import tarfile
import tempfile
import unittest

SCRIPT = os.path.join(os.path.dirname(__file__), os.pardir, "scripts", "odoo_host.py")


def decide(python, odoo_src=None):
    args = [sys.executable, SCRIPT, "decide", python] + ([odoo_src] if odoo_src else [])
    output = subprocess.run(args, capture_output=True, text=True, check=True).stdout
    action, _space, detail = output.strip().partition(" ")
    return action, detail


class TestOdooHost(unittest.TestCase):
    def setUp(self):
        super().setUp()
        self.folder = tempfile.TemporaryDirectory()
        self.addCleanup(self.folder.cleanup)

    def _interpreter(self, probe=None, fails=False):
        """A fake interpreter that answers the probe with ``probe``."""
        path = os.path.join(
            self.folder.name, f"python-{len(os.listdir(self.folder.name))}"
        )
        with open(path, "w", encoding="utf-8") as script:
            script.write("#!/bin/sh\n")
            script.write("exit 1\n" if fails else f"echo '{json.dumps(probe)}'\n")
        os.chmod(path, 0o755)
        return path

    def test_source_checkout_or_debian_package_is_used_where_it_is(self):
        for root in ("/srv/odoo18", "/usr/lib/python3/dist-packages"):
            python = self._interpreter(
                {"version": "18.0", "root": root, "namespace": False}
            )
            self.assertEqual(decide(python), ("use", root))

    def test_editable_install_hidden_by_the_namespace_is_found_again(self):
        python = self._interpreter(
            {
                "version": None,
                "root": None,
                "namespace": True,
                "editable_root": "/src/odoo",
            }
        )
        self.assertEqual(decide(python), ("use", "/src/odoo"))

    def test_without_odoo_the_source_named_is_installed(self):
        python = self._interpreter({"version": None, "root": None, "namespace": False})
        self.assertEqual(
            decide(python, "/tmp/odoo.tar.gz"), ("source", "/tmp/odoo.tar.gz")
        )
        action, message = decide(python)
        self.assertEqual(action, "fail")
        self.assertIn("does not import Odoo", message)

    def test_another_odoo_or_a_broken_python_fails(self):
        python = self._interpreter({"version": "17.0", "root": "/srv/odoo17"})
        self.assertEqual(decide(python, "/tmp/odoo.tar.gz")[0], "fail")
        self.assertEqual(decide(self._interpreter(fails=True))[0], "fail")

    def _probe(self, *path):
        """Probe this machine's Python with only ``path`` to import from."""
        env = {"PATH": os.environ["PATH"], "PYTHONPATH": os.pathsep.join(path)}
        output = subprocess.run(
            [sys.executable, "-S", SCRIPT, "probe"],
            capture_output=True,
            text=True,
            check=True,
            env=env,
        ).stdout
        return json.loads(output)

    def test_the_namespace_package_hides_odoo_until_its_folder_is_on_the_path(self):
        import odoo  # noqa: PLC0415

        root = os.path.dirname(os.path.dirname(os.path.abspath(odoo.__file__)))
        # what pip leaves in site-packages when it installs an OCA addon
        site = os.path.join(self.folder.name, "site-packages")
        os.makedirs(os.path.join(site, "odoo", "addons", "payroll"))
        self.assertTrue(self._probe(site)["namespace"])
        found = self._probe(site, root)
        self.assertEqual((found["version"], found["root"]), ("18.0", root))

    def test_an_archive_unpacks_to_its_odoo_folder(self):
        source = os.path.join(self.folder.name, "odoo-18.0", "odoo")
        os.makedirs(source)
        with open(os.path.join(source, "release.py"), "w", encoding="utf-8") as release:
            release.write("version_info = (18, 0)\n")
        archive = os.path.join(self.folder.name, "odoo.tar.gz")
        with tarfile.open(archive, "w:gz") as tar:
            tar.add(os.path.dirname(source), arcname="odoo-18.0")
        dest = os.path.join(self.folder.name, "unpacked")
        output = subprocess.run(
            [sys.executable, SCRIPT, "unpack", archive, dest],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        self.assertEqual(output.strip(), os.path.join(dest, "odoo-18.0"))
