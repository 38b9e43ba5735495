"""RegLens: offline search over regulation PDFs with exact citations."""

import os as _os
import sys as _sys

__version__ = "0.1.0"

# PyMuPDF 2 imports its page-layout add-on (``pymupdf.layout``, an ONNX model run by
# onnxruntime) and ``pymupdf4llm`` (Markdown export) every time PyMuPDF itself is
# imported, when they are installed (PyMuPDF 2 wheels depend on them). RegLens reads a
# page's text lines itself and calls neither ``Page.get_layout`` nor the Markdown export,
# and the two took ~1.1 s of each import: of the window's launch (PyMuPDF supplies the
# CJK font where the system has none), of every PDF parser process and of the first
# sentence located for an answer. Recorded as absent, their imports fail at once, which
# PyMuPDF handles; the frozen build leaves them out likewise. Set here because every
# process that reads PDFs, the spawned parser workers included, imports this package
# before PyMuPDF.
for _addon in ("pymupdf.layout", "pymupdf4llm"):
    _sys.modules.setdefault(_addon, None)  # type: ignore[arg-type]
_os.environ.setdefault("PYMUPDF_SUGGEST_LAYOUT_ANALYZER", "0")  # and no advice to install it
