"""The kiosk's spoken prompts (elder mode): the call display's Mandarin voice, English in
English, and silence without espeak-ng."""

from __future__ import annotations

import shutil
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from hallapp.ui.board.speech import ESPEAK_VOICES, espeak_voice
from hallapp.ui.kiosk import speech
from hallapp.ui.kiosk.speech import EspeakSpeaker, default_speaker, silent


def _started(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    runs: list[list[str]] = []

    def start(program: str, args: list[str], *_: Any) -> bool:
        runs.append([program, *args])
        return True

    monkeypatch.setattr(speech.QProcess, "startDetached", start)
    return runs


@pytest.mark.skipif(shutil.which("espeak-ng") is None, reason="espeak-ng not installed")
def test_prompts_use_the_displays_mandarin_voice_and_english_in_english(
        qapp: QApplication, monkeypatch: pytest.MonkeyPatch) -> None:
    program = shutil.which("espeak-ng") or ""
    mandarin = espeak_voice(program)
    assert mandarin in ESPEAK_VOICES  # the pinyin variant where espeak-ng has it
    runs = _started(monkeypatch)
    say = EspeakSpeaker(program)
    say("请点击要办理的业务")
    qapp.setProperty("hallapp_lang", "en")
    try:
        say("Please choose a service")
    finally:
        qapp.setProperty("hallapp_lang", "zh")
    assert [run[1:3] for run in runs] == [["-v", mandarin], ["-v", "en"]]
    assert runs[0][-1] == "请点击要办理的业务"


def test_without_espeak_ng_the_kiosk_is_silent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(speech.shutil, "which", lambda _name: None)
    assert default_speaker() is silent
