# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Every text of the four addons reads in Chinese: the terms Odoo extracts
from their code, views and data each have a translation in the addon's
i18n/zh_CN.po, written with Chinese punctuation."""

import re
from pathlib import Path

import polib
from babel.messages.extract import extract_python

from odoo.tests import TransactionCase, tagged
from odoo.tools.translate import TranslationModuleReader

ADDONS = (
    "hr_work_plan",
    "hr_work_plan_penalty",
    "hr_work_plan_report",
    "hr_work_plan_payroll",
)
REPO = Path(__file__).resolve().parent.parent
# ASCII punctuation touching a Chinese character
LATIN_PUNCTUATION = re.compile(r"[\u4e00-\u9fff][,:;()!?]|[,:;()!?][\u4e00-\u9fff]")


@tagged("post_install", "-at_install")
class TestTranslationsComplete(TransactionCase):
    def _translations(self, addon):
        path = REPO / addon / "i18n" / "zh_CN.po"
        if not path.exists():
            return {}
        return {
            entry.msgid: entry.msgstr
            for entry in polib.pofile(str(path))
            if not entry.obsolete
        }

    def test_every_term_has_a_chinese_translation(self):
        for addon in ADDONS:
            translations = self._translations(addon)
            terms = {
                source
                for module, _type, _name, _res_id, source, _value, _comments in (
                    TranslationModuleReader(self.env.cr, modules=[addon])
                )
                if module == addon
            }
            missing = sorted(term for term in terms if not translations.get(term))
            with self.subTest(addon=addon):
                self.assertEqual(missing, [], f"{addon}/i18n/zh_CN.po lacks these")

    def test_chinese_texts_use_chinese_punctuation(self):
        for addon in ADDONS:
            latin = sorted(
                text
                for text in self._translations(addon).values()
                if LATIN_PUNCTUATION.search(text)
            )
            with self.subTest(addon=addon):
                self.assertEqual(latin, [])

    def test_every_python_file_is_read_by_the_term_extractor(self):
        """Babel's extractor gives up on a whole file at the first string it
        cannot evaluate inside a call (an f-string): its terms would go
        untranslated without a word."""
        for addon in ADDONS:
            for path in sorted((REPO / addon).rglob("*.py")):
                with (
                    self.subTest(path=str(path.relative_to(REPO))),
                    path.open("rb") as source,
                ):
                    list(extract_python(source, ["_", "_lt"], [], {}))
