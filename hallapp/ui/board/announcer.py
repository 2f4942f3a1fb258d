"""Spoken calls: "请A零零一号到3号窗口办理", after a chime, repeated, one at a time; with the
hall's ``announce_english``, each time followed by "Number A 0 0 1, please go to window 3".

Calls are queued: a burst of calls from several windows is spoken in order and never
overlaps, and a recall is spoken again in full. The number is read digit by digit (A001 →
A零零一, as halls do, so "001" is not heard as "one"); the window stays a plain number,
which every engine reads naturally (3 → 三, 12 → 十二).

With ``engine="auto"`` the engine and the chime are found by :meth:`Announcer.detect`, which
the display calls just after its first frame: QtTextToSpeech, QtMultimedia and its audio
backend cost ~20 MB, and a text-to-speech backend may take up to ``READY_WAIT_MS`` to
start. Calls announced before that are queued and spoken once it is done.
"""

from __future__ import annotations

import logging
from collections import deque
from pathlib import Path
from typing import Any, Literal

from PySide6.QtCore import QObject, QTimer, QUrl, Signal

from hallapp.config import resources_dir
from hallapp.ui.board.speech import SpeechEngine, detect_engine

log = logging.getLogger("hallapp.ui.announcer")

DEFAULT_TEMPLATE = "请{number}号到{window}号窗口办理"
ENGLISH_TEMPLATE = "Number {number}, please go to window {window}"
CHIME_PATH = resources_dir() / "sounds" / "chime.wav"
CHIME_MS = 1500
DIGITS = "零一二三四五六七八九"
WATCHDOG_MS = 20_000
GAP_MS = 600
MAX_REPEAT = 5


def spoken_number(number: str) -> str:
    """A001 → A零零一: each ASCII digit as its Chinese numeral, letters left as they are."""
    return "".join(DIGITS[ord(c) - ord("0")] if "0" <= c <= "9" else c for c in number)


def english_text(number: str, window: int | str) -> str:
    """The English call: the number read character by character, as the Chinese one is."""
    return ENGLISH_TEMPLATE.format(number=" ".join(number), window=window)


def announcement_text(template: str, number: str, window: int | str) -> str:
    """The hall's template filled in; a broken template falls back to the default one."""
    try:
        return template.format(number=spoken_number(number), window=window)
    except (KeyError, IndexError, ValueError):
        log.warning("bad announce_template %r; using the default", template)
        return DEFAULT_TEMPLATE.format(number=spoken_number(number), window=window)


class _Chime(QObject):
    """QSoundEffect when QtMultimedia loads and the device can play it; else nothing."""

    finished = Signal()

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._effect: Any = None
        self._timer = QTimer(self, singleShot=True, interval=CHIME_MS)
        self._timer.timeout.connect(self._on_timer_timeout)
        try:
            from PySide6.QtMultimedia import QSoundEffect
        except ImportError:
            log.info("QtMultimedia not available: no chime")
            return
        self._effect = QSoundEffect(self)
        self._effect.setSource(QUrl.fromLocalFile(str(path)))
        self._effect.playingChanged.connect(self._on_effect_playing_changed)

    def play(self) -> bool:
        """Start the chime; False (nothing to wait for) when it cannot play."""
        effect = self._effect
        if effect is None or effect.status() == effect.Status.Error:
            return False
        effect.play()
        self._timer.start()  # a device that never reports the end must not stall the queue
        return True

    def _on_effect_playing_changed(self) -> None:
        if self._timer.isActive() and not self._effect.isPlaying():
            self._timer.stop()
            self.finished.emit()

    def _on_timer_timeout(self) -> None:
        self.finished.emit()


class Announcer(QObject):
    """Queue of announcements spoken by one engine; ``spoken`` fires after each utterance.

    ``engine="auto"``: no engine until :meth:`detect` has run (``detecting`` until then);
    ``ready`` fires when it has, whether it found an engine or not.
    """

    spoken = Signal(str)
    started = Signal(str)
    ready = Signal()

    def __init__(self, parent: QObject | None = None, *,
                 engine: SpeechEngine | Literal["auto"] | None = "auto",
                 chime: Path | None = CHIME_PATH, gap_ms: int = GAP_MS,
                 watchdog_ms: int = WATCHDOG_MS) -> None:
        super().__init__(parent)
        self.engine: SpeechEngine | None = None
        self._chime: _Chime | None = None
        self._chime_path = chime
        self.detecting, self._probing = engine == "auto", False
        self.template, self.repeat, self.english = DEFAULT_TEMPLATE, 2, False
        self._queue: deque[tuple[str, str]] = deque()
        self._current: tuple[str, str] | None = None
        self._gap = QTimer(self, singleShot=True, interval=gap_ms)
        self._gap.timeout.connect(self._next)
        self._watchdog = QTimer(self, singleShot=True, interval=watchdog_ms)
        self._watchdog.timeout.connect(self._on_watchdog_timeout)
        if engine != "auto":
            self._use(engine)

    def _use(self, engine: SpeechEngine | None) -> None:
        self.engine = engine
        if engine is None:
            return
        engine.setParent(self)
        engine.finished.connect(self._on_engine_finished)
        if self._chime_path is not None:
            self._chime = _Chime(self._chime_path, self)
            self._chime.finished.connect(self._on_chime_finished)

    def detect(self) -> None:
        """Find the engine and load the chime (``engine="auto"``), then speak what waited."""
        if not self.detecting or self._probing:
            return
        self._probing = True  # detect_engine may wait for a backend in a nested event loop
        self._use(detect_engine(self))
        self.detecting = self._probing = False
        if self.engine is None:
            self._queue.clear()  # nothing can speak them
        self.ready.emit()
        if self._current is None and not self._gap.isActive():
            self._next()

    @property
    def engine_name(self) -> str | None:
        return self.engine.name if self.engine is not None else None

    @property
    def busy(self) -> bool:
        return self._current is not None or bool(self._queue) or self._gap.isActive()

    def configure(self, template: str | None, repeat: int | None,
                  english: bool = False) -> None:
        """Apply the hall settings ``announce_template`` / ``announce_repeat`` /
        ``announce_english``."""
        self.template = template or DEFAULT_TEMPLATE
        self.repeat = max(1, min(int(repeat or 1), MAX_REPEAT))
        self.english = english

    def announce(self, number: str, window: int | str) -> None:
        """Queue one call: the chime, then the text ``repeat`` times (each time followed by
        the English text when the hall asks for it)."""
        if self.engine is None and not self.detecting:
            return
        said = [("zh", announcement_text(self.template, number, window))]
        if self.english:
            said.append(("en", english_text(number, window)))
        if self._chime is not None or (self.detecting and self._chime_path is not None):
            self._queue.append(("chime", ""))
        for _ in range(self.repeat):
            self._queue.extend(said)
        if self._current is None and not self._gap.isActive():
            self._next()

    def clear(self) -> None:
        """Drop everything queued and stop the current utterance (closing the display)."""
        self._queue.clear()
        self._gap.stop()
        self._watchdog.stop()
        if self._current is not None and self.engine is not None:
            self.engine.stop()
        self._current = None

    def _next(self) -> None:
        if self.engine is None:
            return  # still detecting: detect() starts the queue
        while self._queue and self._current is None:
            kind, text = self._queue.popleft()  # kind: "chime", or the language to say it in
            if kind == "chime":
                if self._chime is not None and self._chime.play():
                    self._current = (kind, text)
                continue
            assert self.engine is not None
            self._current = (kind, text)
            self._watchdog.start()
            self.started.emit(text)
            self.engine.say(text, kind)

    def _done(self) -> None:
        self._current = None
        self._watchdog.stop()
        self._gap.start()

    def _on_chime_finished(self) -> None:
        if self._current is not None and self._current[0] == "chime":
            self._done()

    def _on_engine_finished(self) -> None:
        if self._current is None or self._current[0] == "chime":
            return
        text = self._current[1]
        self._done()
        self.spoken.emit(text)

    def _on_watchdog_timeout(self) -> None:
        log.warning("speech engine did not finish %r in time; skipping it", self._current)
        if self.engine is not None:
            self.engine.stop()
        self._done()
