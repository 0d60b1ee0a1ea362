# Two commands do everything: `make run` (product with demo data) and `make test` (all tests).
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test install lint check migrate demo bench clean

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "Python 3.11 is required ($(PY) not found)"; exit 1; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py load_demo --if-empty
	$(BIN)/python manage.py load_demo_pages
	$(BIN)/python manage.py load_demo_spk
	$(BIN)/python manage.py rebuild_search_index

run: demo
	@echo ""
	@echo "  Admin:      http://127.0.0.1:8000/admin/"
	@echo "  Demo login: admin / kpmpc-demo   (created by load_demo; change it outside a demo)"
	@echo "  SPK members' area: http://127.0.0.1:8000/members/  (koordinatorius / kpmpc-demo; members:"
	@echo "             e.g. darius.demonas25@spk-demo.example, S08 chair / kpmpc-demo; e-mails print here)"
	@echo ""
	$(BIN)/python manage.py runserver 127.0.0.1:8000 --noreload

test: install
	$(BIN)/python manage.py check
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/ruff check .
	GRAPH_STORE_PATH=:memory: SEARCH_INDEX_PATH=:memory: $(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .

bench: install
	$(BIN)/python benchmarks/bench_graph.py

clean:
	rm -rf $(VENV) var
