"""Speech engines for the call display, one utterance at a time.

Which engine speaks depends on the machine: Qt's text-to-speech when a real (non-"mock")
backend has a Chinese voice and becomes Ready (Windows SAPI/WinRT, macOS, speech-dispatcher
with a Mandarin voice), otherwise the ``espeak-ng`` program, otherwise none. Every engine
reports the end of an utterance with ``finished`` -- also when it failed -- so the announcer
queue never stalls on a broken sound setup. An English text (``lang="en"``) takes the
engine's English voice; an engine without one skips it.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEventLoop, QLocale, QObject, QProcess, QTimer, Signal

if TYPE_CHECKING:
    from PySide6.QtTextToSpeech import QTextToSpeech

log = logging.getLogger("hallapp.ui.speech")

READY_WAIT_MS = 3000
# espeak-ng 1.51's "cmn" voice reads many characters as pinyin spelled out in English
# ("hao four"); the pinyin variant of the same voice pronounces them as Mandarin.
ESPEAK_VOICES = ("cmn-latn-pinyin", "cmn")
ESPEAK_RATE_WPM = "150"
ESPEAK_ENGLISH = "en"


class SpeechEngine(QObject):
    """Says one text at a time; ``finished`` fires once when it ended, spoken or failed."""

    finished = Signal()
    name = "none"

    def say(self, text: str, lang: str = "zh") -> None:
        raise NotImplementedError

    def stop(self) -> None:
        """Abandon the current utterance without emitting ``finished``."""


class SilentEngine(SpeechEngine):
    """Says nothing and is done at once: screenshots, demos on machines without sound."""

    name = "silent"

    def say(self, text: str, lang: str = "zh") -> None:
        QTimer.singleShot(0, self.finished.emit)


class QtSpeechEngine(SpeechEngine):
    """QTextToSpeech with a Chinese voice already chosen (see :func:`qt_engine`), and an
    English one if the backend has it."""

    def __init__(self, tts: QTextToSpeech, backend: str, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.tts = tts
        tts.setParent(self)
        self.name = f"QtTextToSpeech ({backend})"
        self._busy = False
        self.voices = {"zh": (tts.locale(), tts.voice())}
        english = _find_voice(tts, QLocale.Language.English, QLocale.Country.UnitedStates)
        if english is not None:
            self.voices["en"] = english
            tts.setLocale(self.voices["zh"][0])
            tts.setVoice(self.voices["zh"][1])
        tts.stateChanged.connect(self._on_tts_state_changed)

    def say(self, text: str, lang: str = "zh") -> None:
        if lang not in self.voices:
            QTimer.singleShot(0, self.finished.emit)
            return
        locale, voice = self.voices[lang]
        if self.tts.locale() != locale:
            self.tts.setLocale(locale)
            self.tts.setVoice(voice)
        self._busy = True
        self.tts.say(text)

    def stop(self) -> None:
        self._busy = False
        self.tts.stop()

    def _on_tts_state_changed(self, state: object) -> None:
        if self._busy and state in (self.tts.State.Ready, self.tts.State.Error):
            self._busy = False
            self.finished.emit()


class EspeakEngine(SpeechEngine):
    """Runs ``espeak-ng`` per utterance; with ``wav_dir`` it writes numbered wav files instead
    of playing (tests, and halls that route audio elsewhere)."""

    def __init__(self, binary: str, voice: str, parent: QObject | None = None, *,
                 wav_dir: Path | None = None) -> None:
        super().__init__(parent)
        self.binary, self.voice, self.wav_dir = binary, voice, wav_dir
        self.name = f"espeak-ng ({voice})"
        self.written: list[Path] = []
        self._process: QProcess | None = None

    def say(self, text: str, lang: str = "zh") -> None:
        voice = ESPEAK_ENGLISH if lang == "en" else self.voice
        args = ["-v", voice, "-s", ESPEAK_RATE_WPM]
        if self.wav_dir is not None:
            path = self.wav_dir / f"utterance-{len(self.written) + 1:03d}.wav"
            self.written.append(path)
            args += ["-w", str(path)]
        process = QProcess(self)
        process.finished.connect(self._on_process_finished)
        process.errorOccurred.connect(self._on_process_error_occurred)
        self._process = process
        process.start(self.binary, [*args, text])

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None:
            process.kill()
            process.waitForFinished(1000)
            process.deleteLater()

    def _on_process_finished(self, code: int = 0, _status: object = None) -> None:
        if code:
            log.warning("espeak-ng exited with %s", code)
        self._end()

    def _on_process_error_occurred(self, error: QProcess.ProcessError) -> None:
        if error == QProcess.ProcessError.FailedToStart:  # no finished() follows this one
            log.warning("espeak-ng failed to start")
            self._end()

    def _end(self) -> None:
        process, self._process = self._process, None
        if process is None:
            return  # already ended, or stopped on purpose
        process.deleteLater()
        self.finished.emit()


def detect_engine(parent: QObject | None = None) -> SpeechEngine | None:
    """The first engine that can speak Mandarin here, or None."""
    return qt_engine(parent) or espeak_engine(parent)


def qt_engine(parent: QObject | None = None) -> SpeechEngine | None:
    try:
        from PySide6.QtTextToSpeech import QTextToSpeech
    except ImportError:
        return None
    for backend in QTextToSpeech.availableEngines():
        if backend == "mock":
            continue
        tts = QTextToSpeech(backend)
        if _wait_ready(tts) and _choose_chinese(tts):
            return QtSpeechEngine(tts, backend, parent)
        tts.deleteLater()
    return None


def _wait_ready(tts: QTextToSpeech) -> bool:
    """Some backends initialise asynchronously; give them a bounded moment at startup."""
    if tts.state() == tts.State.Ready:
        return True
    if tts.state() == tts.State.Error:
        return False
    loop = QEventLoop()
    tts.stateChanged.connect(loop.quit)
    QTimer.singleShot(READY_WAIT_MS, loop.quit)
    loop.exec()
    return bool(tts.state() == tts.State.Ready)


def _choose_chinese(tts: QTextToSpeech) -> bool:
    return _find_voice(tts, QLocale.Language.Chinese, QLocale.Country.China) is not None


def _find_voice(tts: QTextToSpeech, language: QLocale.Language,
                territory: QLocale.Country) -> tuple[QLocale, Any] | None:
    """Set ``tts`` to a voice of ``language`` (``territory``'s first) and return it."""
    locales = [loc for loc in tts.availableLocales() if loc.language() == language]
    locales.sort(key=lambda loc: loc.territory() != territory)
    for locale in locales:
        tts.setLocale(locale)
        voices = tts.availableVoices()
        if voices:
            tts.setVoice(voices[0])
            return locale, voices[0]
    return None


def espeak_engine(parent: QObject | None = None, *,
                  wav_dir: Path | None = None) -> EspeakEngine | None:
    binary = shutil.which("espeak-ng")
    if binary is None:
        return None
    voice = espeak_voice(binary)
    return EspeakEngine(binary, voice, parent, wav_dir=wav_dir) if voice else None


def espeak_voice(binary: str) -> str | None:
    """The best Mandarin voice of this espeak-ng (:data:`ESPEAK_VOICES`), or None."""
    try:
        listing = subprocess.run([binary, "--voices=cmn"], capture_output=True, text=True,
                                 timeout=5, check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    names = {line.split()[1] for line in listing.splitlines()[1:] if len(line.split()) > 1}
    return next((v for v in ESPEAK_VOICES if v in names), None)
