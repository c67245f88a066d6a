"""The grading kernel: an IPython kernel with a memory limit and a guard for the test cells
(installed by `make course` as the kernelspec ``lecturecode-graded``, which nbgrader's autograde uses).

    python kernel.py --memory-mb 1536 -f CONNECTION_FILE

``resource.setrlimit(RLIMIT_AS)`` caps the kernel's address space, so an allocation beyond it
raises ``MemoryError`` in the student's cell instead of taking the grading machine down.

**The guard.** nbgrader runs the autograder tests in the student's kernel, after the student's
cells, and IPython lets any cell rewrite the cells that follow it: an input transformer
(``get_ipython().input_transformers_post``, ``input_transformers_cleanup``, the transformer
manager's line and token transforms), an AST transformer (``ast_transformers``), a replaced
``transform_cell``/``run_cell``/compiler, a ``pre_run_cell`` callback, a tracer
(``sys.settrace``), a patched ``compile``/``exec``/``importlib``/NumPy function, a fake module in
``sys.modules`` or a finder in ``sys.meta_path`` that serves a fake ``lecturecode``. A test cell
rewritten that way would pass whatever the answer. Before the kernel runs its first cell,
:func:`install_guard` records IPython's state (those lists, the shell's, transformer manager's,
compiler's and kernel's classes and instances, the event callbacks, the import system's finders
and paths, and the modules the tests rely on, in ``sys.modules`` and their namespaces) and wraps
the kernel's ``do_execute`` (class, instance and dispatch table) so that every cell starting
with :data:`MARKER` (every nbgrader test cell this course writes; the test cells are read-only
and nbgrader restores their source from its database, so a student cannot remove the marker)
is transformed and run with that recorded state put back (so whatever a
student's cell registered is gone from then on).

The tests still run in the student's process (nbgrader's design): the guard restores what a
student's cell can change through IPython's and Python's documented hooks; it is not a sandbox.

References
----------
IPython documentation, "Custom input transformation" and "Integrating with the AST":
https://ipython.readthedocs.io/en/stable/config/inputtransforms.html
"""

import os
import resource
import sys

#: The first line of every autograder test cell (coursework/exercises.py ``cell_source``).
MARKER = "# Autograder test:"

#: Modules whose namespace a test cell relies on; their functions are put back before a test.
_MODULES = ("builtins", "importlib", "gc", "math", "numpy", "sys", "IPython.core.interactiveshell",
            "IPython.core.inputtransformer2", "IPython.core.compilerop", "codeop", "ast")


def _callable(value) -> bool:
    return callable(value) or isinstance(value, (property, staticmethod, classmethod))


class _State:
    """What a student's cell may change to rewrite a later cell, as recorded at kernel start."""

    def __init__(self, kernel):
        shell = kernel.shell
        self.shell, self.kernel = shell, kernel
        self.manager = shell.input_transformer_manager
        self.compiler = shell.compile
        self.lists = [(obj, name, list(getattr(obj, name))) for obj, name in (
            (shell, "input_transformers_post"), (shell, "ast_transformers"),
            (self.manager, "cleanup_transforms"), (self.manager, "line_transforms"),
            (self.manager, "token_transformers"))]
        self.events = {k: list(v) for k, v in shell.events.callbacks.items()}
        self.objects = [(o, dict(vars(o))) for o in (shell, self.manager, self.compiler, kernel)]
        classes = {c for o in (shell, self.manager, self.compiler, kernel) for c in type(o).__mro__
                   if c is not object}
        self.classes = [(c, dict(vars(c))) for c in classes]
        self.modules = [(m, dict(vars(m))) for m in (sys.modules.get(n) for n in _MODULES) if m is not None]
        self.imports = [(name, list(getattr(sys, name))) for name in ("meta_path", "path_hooks", "path")]

    def restore(self) -> None:
        """Put every recorded hook back and drop what was added since."""
        shell = self.shell
        sys.settrace(None)
        sys.setprofile(None)
        shell.input_transformer_manager, shell.compile = self.manager, self.compiler
        for obj, name, items in self.lists:
            current = getattr(obj, name)
            if not isinstance(current, list):
                setattr(obj, name, list(items))
            else:
                current[:] = items
        for key in list(shell.events.callbacks):
            shell.events.callbacks[key] = list(self.events.get(key, []))
        shell.CustomTB, shell.custom_exceptions = None, ()
        for name, items in self.imports:            # the import system: no finder or path of the student's
            getattr(sys, name)[:] = items
        sys.path_importer_cache.clear()
        for module, _ in self.modules:              # and the real modules under their names
            sys.modules[module.__name__] = module
        for owner, saved in self.objects + self.modules:
            space = vars(owner)
            for name in [n for n, v in space.items() if n not in saved and _callable(v)]:
                del space[name]
            for name, value in saved.items():
                if _callable(value) and space.get(name) is not value:
                    space[name] = value
        for cls, saved in self.classes:
            for name in [n for n, v in vars(cls).items() if n not in saved and _callable(v)]:
                delattr(cls, name)
            for name, value in saved.items():
                if _callable(value) and vars(cls).get(name) is not value:
                    setattr(cls, name, value)


def install_guard(kernel) -> _State:
    """Wrap ``kernel.do_execute`` so that a test cell (source starting with :data:`MARKER`) runs
    with IPython's recorded state (see the module's text); returns that state."""
    cls = type(kernel)
    original = cls.do_execute

    async def do_execute(self, code, silent, store_history=True, user_expressions=None, allow_stdin=False,
                         *, cell_meta=None, cell_id=None):
        if isinstance(code, str) and code.lstrip().startswith(MARKER):
            state.restore()
        return await original(self, code, silent, store_history, user_expressions, allow_stdin,
                              cell_meta=cell_meta, cell_id=cell_id)

    cls.do_execute = do_execute
    handlers = kernel.shell_handlers
    plain_execute_request = handlers["execute_request"]

    async def execute_request(*args, **kwargs):
        if "do_execute" in vars(kernel):           # an instance-level replacement would bypass the class
            del vars(kernel)["do_execute"]
        if type(kernel).do_execute is not do_execute:
            type(kernel).do_execute = do_execute
        return await plain_execute_request(*args, **kwargs)

    handlers["execute_request"] = execute_request
    state = _State(kernel)
    return state


def main(argv: list) -> None:
    """Set the limit named by ``--memory-mb``, start the kernel with the other arguments, and
    install the guard before the first cell runs."""
    if "--memory-mb" in argv:
        i = argv.index("--memory-mb")
        megabytes = int(argv[i + 1])
        del argv[i:i + 2]
        limit = megabytes * 2**20
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    os.environ.setdefault("MPLBACKEND", "Agg")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    sys.argv = [sys.argv[0]] + argv
    import numpy  # noqa: F401  (imported before the first cell, so the guard records its namespace)
    from ipykernel.kernelapp import IPKernelApp

    app = IPKernelApp.instance()
    app.initialize()
    install_guard(app.kernel)
    app.start()


if __name__ == "__main__":
    main(sys.argv[1:])
