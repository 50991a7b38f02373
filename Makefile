# CoachKit: the two commands of the README.
#   make start  - install everything into .venv/ and open the kit in Voila on localhost
#   make test   - install everything (test tools and the browser too) and run every test

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 8866

.PHONY: start test install install-test browser bytecode clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed bytecode

# Compile the kit's modules once: an editable install leaves them as source, and where
# PYTHONDONTWRITEBYTECODE is set (as on these machines) every process - each `coachkit score`,
# each Voila kernel - would compile them again (about 50 ms of a 0.2 s start-up).
bytecode: | $(VENV)/.installed
	$(BIN)/python -m compileall -q coachkit

install-test: $(VENV)/.installed-test bytecode browser

# Debian's Chromium drives the real-browser tests (browsers cannot be downloaded by Playwright here).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

start: install
	$(BIN)/coachkit serve --port $(PORT)

test: install-test
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build *.egg-info coachkit-work test-artifacts
