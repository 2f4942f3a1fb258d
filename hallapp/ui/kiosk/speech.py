"""Spoken prompts for elder mode: espeak-ng if installed, else silence.

The voice is a courtesy: a missing synthesiser or one that fails leaves the kiosk silent,
never stuck. ``espeak-ng`` runs detached (``QProcess.startDetached``), so speaking never
blocks the GUI thread; a new prompt does not wait for the previous one.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable

from PySide6.QtCore import QProcess

from hallapp.ui.common.errors import is_english

Speaker = Callable[[str], None]


class EspeakSpeaker:
    """Say a prompt with espeak-ng, in Mandarin (or English when the kiosk is in English).

    The Mandarin voice is the call display's choice (``board.speech.ESPEAK_VOICES``: the
    pinyin variant, which pronounces what plain "cmn" spells out in English), looked up at
    the first Chinese prompt rather than at the kiosk's start."""

    def __init__(self, program: str, speed: int = 140) -> None:
        self.program, self.speed = program, speed
        self.mandarin: str | None = None

    def __call__(self, text: str) -> None:
        voice = "en" if is_english() else self._mandarin()
        QProcess.startDetached(self.program, ["-v", voice, "-s", str(self.speed), text])

    def _mandarin(self) -> str:
        if self.mandarin is None:
            from hallapp.ui.board.speech import espeak_voice

            self.mandarin = espeak_voice(self.program) or "cmn"
        return self.mandarin


def silent(_text: str) -> None:
    """The speaker of a kiosk without a synthesiser."""


def default_speaker() -> Speaker:
    program = shutil.which("espeak-ng")
    return EspeakSpeaker(program) if program else silent
