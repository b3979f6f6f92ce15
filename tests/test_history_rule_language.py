"""``hiptimer history`` says the rule a session counts by in the language, when a session
listed does not count."""

from __future__ import annotations

from pathlib import Path

import pytest

from hiptimer.base.language import Language
from hiptimer.history.sessions import STOPPED
from hiptimer.history.store import HistoryStore
from hiptimer.session.counting import RULE, rule_text
from hiptimer.terminal import commands
from tests.support.languages import LANGUAGES


@pytest.mark.parametrize("spoken", LANGUAGES, indirect=True)
def test_the_rule_is_said_in_the_language(spoken: Language, data_dir: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    with HistoryStore(data_dir / "history.sqlite") as store:
        number = store.start("Daily", None, "hash", 600.0)
        store.add_work(number, "Frog", "left", 1, 1, 30.0)
        store.finish(number, STOPPED)
    assert commands.cmd_history(as_json=False, target=2) == 0
    lines = capsys.readouterr().out.splitlines()
    assert rule_text() in lines
    assert (RULE in lines) is (spoken is Language.ENGLISH)
