import pytest

import meritsys
import meritsys.io
import meritsys.model
import meritsys.policy
import meritsys.scoring


class TestExports:
    def test_all_is_sorted(self):
        """The public names are listed once each, constants first, then classes, then functions."""

        def key(name: str) -> tuple[int, str]:
            return (0 if name.isupper() else 1 if name[0].isupper() else 2, name)

        for module in (meritsys, meritsys.model, meritsys.scoring, meritsys.io, meritsys.policy):
            names = list(module.__all__)
            assert names == sorted(names, key=key), module.__name__
            assert len(names) == len(set(names)), module.__name__

    def test_all_matches_public_names(self):
        """Every public attribute of the package is in __all__ and every name in __all__ exists."""
        # (pytest adds "@py_builtins" when it rewrites asserts in a plugin's package)
        public = {n for n in dir(meritsys) if not n.startswith(("_", "@"))} - {
            "analysis", "errors", "io", "model", "policy", "rubrics", "scoring", "testing", "cli", "version", "PackageNotFoundError"
        }
        assert public == set(meritsys.__all__) - {"__version__"}
        for name in meritsys.__all__:
            assert hasattr(meritsys, name)

    def test_version_comes_from_metadata(self):
        """__version__ is the installed distribution's version."""
        from importlib.metadata import version

        assert meritsys.__version__ == version("meritsys")

    def test_model_has_no_heavy_imports(self):
        """The model layer imports neither numpy, cattrs nor any I/O module (json only for the content hash)."""
        import ast
        from pathlib import Path

        root = Path(meritsys.model.__file__).parent
        for path in root.glob("*.py"):
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                names = []
                if isinstance(node, ast.Import):
                    names = [a.name for a in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    names = [node.module]
                for name in names:
                    assert not name.startswith(("numpy", "cattrs", "meritsys.io", "tomllib")), (path, name)
                    # the content hash serialises the rubric canonically; nothing else in the model does
                    assert not name.startswith("json") or path.name == "_fingerprint.py", (path, name)


PACKAGES = (
    "meritsys",
    "meritsys.model",
    "meritsys.io",
    "meritsys.rubrics",
    "meritsys.scoring",
    "meritsys.policy",
    "meritsys.analysis",
    "meritsys.errors",
    "meritsys.cli",
    "meritsys.testing.generators",
    "meritsys.testing.properties",
)


class TestSubpackageSurfaces:
    @staticmethod
    def _module(name):
        import importlib

        return importlib.import_module(name)

    def test_every_name_in_every_all_is_public_and_resolves(self):
        """Each public module's __all__ is sorted, unique, names no private helper, and every name resolves to a meritsys object."""
        import inspect
        import typing

        for name in PACKAGES:
            module = self._module(name)
            names = list(module.__all__)
            assert names == sorted(names, key=lambda n: (0 if n.isupper() else 1 if n[0].isupper() else 2, n)), name
            assert len(names) == len(set(names)), name
            for public in names:
                assert not public.startswith("_") or public == "__version__", (name, public)
                obj = getattr(module, public)
                if typing.get_origin(obj) is not None:
                    continue  # a type alias (Progress = Callable[...])
                home = getattr(obj, "__module__", None) or (inspect.getmodule(obj).__name__ if inspect.getmodule(obj) else name)
                assert home.startswith("meritsys"), (name, public, home)

    def test_implementation_modules_are_private(self):
        """Apart from the subpackages and the documented public modules, every module file is underscored."""
        from pathlib import Path

        root = Path(meritsys.__file__).parent
        public = sorted(
            str(p.relative_to(root))
            for p in root.rglob("*.py")
            if not p.name.startswith("_") and "build" not in p.parts
        )
        assert public == ["errors.py", "testing/generators.py", "testing/properties.py", "testing/pytest_plugin.py"]

    def test_io_lists_every_function_and_constant_it_offers(self):
        """Every meritsys function meritsys.io makes available, the JSON Schemas' schema() and SCHEMAS among them, is in its __all__."""
        import meritsys.errors
        import meritsys.io

        offered = {
            n for n in dir(meritsys.io)
            if not n.startswith("_") and getattr(getattr(meritsys.io, n), "__module__", "").startswith("meritsys.io")
        }
        assert offered <= set(meritsys.io.__all__)
        assert {"SCHEMAS", "schema"} <= set(meritsys.io.__all__)
        assert "SchemaNotFoundError" in meritsys.errors.__all__

    @pytest.mark.parametrize("package", ["meritsys", "meritsys.model", "meritsys.io", "meritsys.scoring"])
    def test_lazy_packages_hide_their_import_hook_from_type_checkers(self, package):
        """A type checker sees only a lazy package's explicit names, so a misspelt one is still an error there.

        A module-level ``__getattr__`` that a type checker can see makes every
        unknown attribute of the module ``Any`` (``meritsys.model.Rubrk``
        would pass mypy --strict); the hook is bound under ``if not TYPE_CHECKING``.
        """
        import ast
        import importlib
        from pathlib import Path

        module = importlib.import_module(package)
        tree = ast.parse(Path(module.__file__).read_text(encoding="utf-8"))

        def binds_hook(node: ast.stmt) -> bool:
            targets = node.targets if isinstance(node, ast.Assign) else []
            names = {n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name)}
            return "__getattr__" in names or (isinstance(node, ast.FunctionDef) and node.name == "__getattr__")

        assert not any(binds_hook(node) for node in tree.body)
        hidden = [
            node for node in tree.body
            if isinstance(node, ast.If) and ast.unparse(node.test) == "not TYPE_CHECKING" and any(binds_hook(n) for n in node.body)
        ]
        assert len(hidden) == 1
        # still bound at run time
        first = sorted(module.__all__)[-1]
        assert first in dir(module)
        assert getattr(module, first) is not None

    def test_lazy_packages_list_what_they_export(self):
        """dir() of a lazily importing package shows its public names (tab completion works)."""
        for name in ("meritsys", "meritsys.scoring"):
            module = self._module(name)
            assert set(module.__all__) <= set(dir(module)), name


class TestConsequenceNames:
    def test_consequence_api_is_public(self):
        """The consequence policies, the schedule, the award list, the JPT exemption, the national share and the rubric of a cycle are importable where users look for them."""
        import meritsys.analysis
        import meritsys.rubrics

        policy = {
            "AturanKategori", "AturanSiklus", "BarisRiwayat", "Jadwal", "KebijakanKonsekuensi", "Kelayakan", "Riwayat",
            "StatusAturan", "award_list", "due_for_assessment", "get_konsekuensi", "jpt_exemption", "konsekuensi_for_cycle",
            "list_konsekuensi", "load_konsekuensi",
        }
        assert policy <= set(meritsys.policy.__all__)
        assert {"PersentaseNasional", "national_share"} <= set(meritsys.analysis.__all__)
        assert "rubrik_for_cycle" in meritsys.rubrics.__all__
        top = {"KebijakanKonsekuensi", "Riwayat", "award_list", "due_for_assessment", "jpt_exemption", "load_konsekuensi", "national_share", "rubrik_for_cycle"}
        assert top <= set(meritsys.__all__)
        for name in top:
            assert getattr(meritsys, name) is (getattr(meritsys.analysis, name, None) or getattr(meritsys.policy, name, None) or getattr(meritsys.rubrics, name))
