"""The pt-BR catalogue is complete: no untranslated or fuzzy message, and compiled."""

from pathlib import Path

import polib
import pytest

LOCALE = Path(__file__).resolve().parents[2] / "locale"


@pytest.mark.parametrize("language", ["pt_BR"])
@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_catalogue_is_complete_and_compiled(language, domain):
    po_path = LOCALE / language / "LC_MESSAGES" / f"{domain}.po"
    if domain == "djangojs" and not po_path.exists():
        pytest.skip("no JavaScript strings yet")
    catalogue = polib.pofile(str(po_path))
    untranslated = [e.msgid for e in catalogue.untranslated_entries()]
    fuzzy = [e.msgid for e in catalogue.fuzzy_entries()]
    assert not untranslated, f"untranslated in {language}: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy in {language}: {fuzzy[:10]}"
    compiled = polib.mofile(str(po_path.with_suffix(".mo")))
    compiled_ids = {e.msgid for e in compiled}
    missing = [e.msgid for e in catalogue.translated_entries() if e.msgid not in compiled_ids]
    assert not missing, f"{po_path.with_suffix('.mo')} is stale: run make messages"
