"""Start the desktop app."""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from .errors import install_excepthook, setup_logging
from .fonts import ensure_japanese_font
from .i18n import install_translator
from .main_window import MainWindow
from .settings import Settings

# Qt's X11 plugin needs these system libraries (Qt ≥ 6.5); without them Qt aborts
# with a message about plugins that users cannot act on.
X11_LIBS = {"xcb-cursor": "libxcb-cursor0", "xcb-icccm": "libxcb-icccm4", "xcb-keysyms": "libxcb-keysyms1",
            "xkbcommon-x11": "libxkbcommon-x11-0"}


def missing_x11_libraries() -> list[str]:
    """Debian package names of the X11 libraries Qt will fail to load, if it is going to use X11."""
    import ctypes.util
    import os
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM", "xcb") != "xcb" \
            or not os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"):
        return []
    return [pkg for lib, pkg in X11_LIBS.items() if ctypes.util.find_library(lib) is None]


def main(argv: list[str] | None = None, smoke_test: bool = False) -> int:
    """Open the window; ``smoke_test`` quits once the index is loaded (packaging checks)."""
    started = time.perf_counter()
    from .. import threads
    threads.configure()  # a no-op when the CLI entry point already did it
    missing = missing_x11_libraries()
    if missing:
        print("reglens: the window needs X11 libraries that are not installed: " + ", ".join(missing)
              + f"\n  install them (Debian/Ubuntu: apt install {' '.join(missing)}), or use the "
              "command line (reglens --help)", file=sys.stderr)
        return 2
    app = QApplication.instance() or QApplication(argv or sys.argv)
    app.setApplicationName("RegLens")
    app.setOrganizationName("RegLens")
    settings = Settings()
    install_translator(app, settings.language)
    ensure_japanese_font(app)
    setup_logging()
    window = MainWindow(settings)
    install_excepthook(lambda: window)
    window.show()
    if smoke_test:
        shown = time.perf_counter() - started

        def check() -> None:
            if window.index is None and window.empty_label.isHidden():
                QTimer.singleShot(50, check)  # still loading
                return
            print(f"window shown after {shown * 1000:.0f} ms; index "
                  f"{'loaded' if window.index is not None else 'not loaded'} after "
                  f"{(time.perf_counter() - started) * 1000:.0f} ms", flush=True)
            app.exit(0 if window.index is not None else 1)

        QTimer.singleShot(0, check)
        code = app.exec()
        window.close()
        return code
    return app.exec()
