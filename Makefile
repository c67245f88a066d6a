# Two commands do all the set-up: `make book` builds the site, `make test` runs every test.
# Both create (or refresh, when requirements.txt / pyproject.toml changed) the virtualenv in .venv.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Notebook kernels started by the build and by nbval inherit this environment: a warning raised by
# chapter code (RuntimeWarning, UserWarning, FutureWarning, DeprecationWarning) is an error.
# (No MPLBACKEND here: kernels need their inline backend to show figures; pytest sets Agg itself.)
STRICT := PYTHONWARNINGS=error::RuntimeWarning,error::UserWarning,error::FutureWarning,error::DeprecationWarning:__main__

.PHONY: book test bench bench-peers lock binder clean student student-site site student-branch grade course course-check

$(STAMP): requirements.txt pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $(STAMP)

# Explorer frames are written as files during execution and copied into the site's _static/explorers
# (chapter pages live one folder down, hence the URL).
FRAMES := LECTURECODE_FRAMES_DIR=$(CURDIR)/_build/explorer-frames LECTURECODE_FRAMES_URL=../_static/explorers

# .ci/colab_cell.py first: it writes every notebook's install cell from _config.yml's repository URL
# and the package version, and prints a NOTICE (not a Sphinx warning, which -W makes an error) while
# that URL is still the placeholder; the notice is repeated after the build.
book: $(STAMP)
	@$(BIN)/python .ci/colab_cell.py
	$(STRICT) $(FRAMES) $(BIN)/jupyter-book build . -W -n --keep-going
	$(BIN)/python tests/check_site.py _build/html
	@echo "Open the book: file://$(CURDIR)/_build/html/index.html"
	@$(BIN)/python .ci/colab_cell.py | grep NOTICE || true

# axe-core for the browser test's accessibility check, from package.json / package-lock.json (served to the
# page from node_modules, never from a CDN). Without npm the test skips that check and says why.
AXE := node_modules/.installed
$(AXE): package.json package-lock.json
	@if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "WARNING: npm is missing; the browser test's axe-core check will skip"; fi

test: $(STAMP) $(AXE)
	$(BIN)/ruff check lecturecode tests benchmarks _ext .ci binder coursework
	$(STRICT) $(BIN)/python -m pytest tests lecturecode coursework --nbval-lax chapters appendix \
	    --nbval-sanitize-with tests/nbval_sanitize.cfg

# The student edition, from the same sources: notebooks with stubs and checks in _build/student/,
# and the site without solutions in _build/student/html (built from the executed notebooks that
# `make book` publishes as downloads; it runs `make book` first, and nothing is executed twice).
student: book
	@$(MAKE) --no-print-directory student-site

# The student edition from an existing `make book` build (what `make student` and `make site` run).
student-site: $(STAMP)
	$(BIN)/python -m lecturecode.student_edition . _build/student _build/html/_sources
	rm -rf _build/student/site
	$(FRAMES) $(BIN)/jupyter-book build _build/student/src --path-output _build/student/site -W -n --keep-going
	rm -rf _build/student/html && mv _build/student/site/_build/html _build/student/html && rm -rf _build/student/site
	cp _build/student/*.ipynb _build/student/html/_sources/chapters/
	$(BIN)/python tests/check_site.py _build/student/html --student
	@echo "Student notebooks: $(CURDIR)/_build/student/*.ipynb"
	@echo "Student site: file://$(CURDIR)/_build/student/html/index.html"

# The site to publish, in _build/public: the edition named by `publish: edition:` in _config.yml,
# `full` (this book: solutions as collapsed dropdowns, downloads with solutions) or `student` (the
# student edition of `make student`: no solution in any page, search index or download; stubs and
# checks kept). STUDENT=1 make site (or STUDENT=0) overrides the key. The site check runs on the result.
site: book
	@edition=$$($(BIN)/python -m lecturecode.student_edition --published-edition .) && \
	if [ "$$edition" = student ]; then $(MAKE) --no-print-directory student-site && from=_build/student/html; \
	else from=_build/html; fi && rm -rf _build/public && cp -r $$from _build/public && \
	$(BIN)/python tests/check_site.py _build/public $$([ "$$edition" = student ] && echo --student) && \
	echo "Publish _build/public (the $$edition edition): file://$(CURDIR)/_build/public/index.html"

# The branch the student site's launch buttons open (default `student`, or $LECTURECODE_STUDENT_BRANCH):
# the student notebooks of the committed HEAD, the package and binder/, committed on that local branch
# with git plumbing on a temporary index (the checkout is never touched; the branch's history never
# includes the book's commits). Publish it with `git push origin student` (coursework/student_branch.py).
student-branch: $(STAMP)
	$(BIN)/python coursework/student_branch.py --repo .

# The lecturer's coursework on nbgrader (coursework/, README "Coursework for credit"): its own pinned
# virtualenv (coursework/requirements.txt; never part of a student's install), with lecturecode installed
# as a package (no checkout next to it for student code to read). `make course` writes the nbgrader
# course directory _build/course (source, release, gradebook) from the chapters; `make course-check`
# grades a simulated class of 38 submissions and asserts every row of the exported CSV.
COURSE_VENV := coursework/.venv
COURSE_STAMP := $(COURSE_VENV)/.installed
$(COURSE_STAMP): coursework/requirements.txt pyproject.toml $(shell find lecturecode -name '*.py')
	@test -x $(COURSE_VENV)/bin/python || $(PYTHON) -m venv $(COURSE_VENV)
	$(COURSE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check -r coursework/requirements.txt
	$(COURSE_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps --force-reinstall .
	@touch $@

course: $(COURSE_STAMP)
	rm -rf _build/course
	$(COURSE_VENV)/bin/python coursework/build.py --out _build/course --release

course-check: course
	$(COURSE_VENV)/bin/python coursework/simulate_class.py --course _build/course --workers 2

# Grade the class: every COURSE/submitted/<student>/<assignment>/ (after `nbgrader collect`) with nbgrader,
# in parallel, into COURSE/grades.csv (coursework/grade_class.py; README "Coursework for credit").
COURSE ?= _build/course
grade: $(COURSE_STAMP)
	$(COURSE_VENV)/bin/python coursework/grade_class.py "$(COURSE)" --workers 2

bench: $(STAMP)
	MPLBACKEND=Agg $(BIN)/python benchmarks/speed.py

# The project next to JAX and PyTorch (benchmarks/peers.py) in an environment of its own: the peers
# are benchmark-only, never dependencies of lecturecode. Pinned (an unpinned torch pulls CUDA wheels);
# the project's runtime at the lock's versions (binder/requirements.txt). PEERS_ARGS=--quick is shorter.
PEERS := benchmarks/.peers-venv
$(PEERS)/.installed: binder/requirements.txt
	@test -x $(PEERS)/bin/python || $(PYTHON) -m venv $(PEERS)
	grep -v '^\.$$' binder/requirements.txt > $(PEERS)/runtime.txt
	$(PEERS)/bin/python -m pip install --quiet --disable-pip-version-check -r $(PEERS)/runtime.txt \
	    torch==2.13.0 jax==0.10.2 jaxlib==0.10.2
	@touch $@

bench-peers: $(PEERS)/.installed
	MPLBACKEND=Agg $(PEERS)/bin/python benchmarks/peers.py $(PEERS_ARGS)

# Re-resolve requirements.in into the exact, complete pin set in requirements.txt.
lock:
	rm -rf /tmp/lecturecode-lock && $(PYTHON) -m venv /tmp/lecturecode-lock
	/tmp/lecturecode-lock/bin/python -m pip install --quiet -r requirements.in
	{ echo "# Exact pins of everything the book and tests need (also what Binder installs)."; \
	  echo "# Generated by 'make lock' from requirements.in; edit that file, not this one."; \
	  /tmp/lecturecode-lock/bin/python -m pip freeze --exclude-editable | grep -v '^lecturecode'; \
	  echo "-e ."; } > requirements.txt
	$(MAKE) binder

# Binder's runtime-only environment (binder/requirements.txt, binder/runtime.txt), pinned from the lock.
binder: $(STAMP)
	$(BIN)/python binder/make_requirements.py > /dev/null

clean:
	rm -rf _build .pytest_cache .hypothesis node_modules
