"""The pytest plugin: collect policy test files (``test*.toml`` with ``[[kasus]]``) as tests.

Installed with meritsys through the ``pytest11`` entry point, so a project that
keeps policy tests beside its Python tests needs no configuration: each case
becomes one test item named after the case, and a failure is reported as the
case's expected-versus-actual diff.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

if TYPE_CHECKING:
    from meritsys.policy import HasilKasus

# Every pytest run of a project that has meritsys installed loads this module:
# it imports nothing of meritsys until it meets a ``test*.toml`` file.

__all__ = ["PolicyFailure", "PolicyFile", "PolicyItem", "pytest_collect_file"]


class PolicyFailure(Exception):
    """A policy case whose expectations did not hold."""

    def __init__(self, result: HasilKasus) -> None:
        super().__init__(result.report())
        self.result = result


def pytest_collect_file(parent: pytest.Collector, file_path: Path) -> PolicyFile | None:
    """Collect ``test*.toml`` files that hold ``[[kasus]]`` tables."""
    if file_path.suffix != ".toml" or not file_path.name.startswith("test"):
        return None
    from meritsys.policy._kasus import is_policy_file

    return PolicyFile.from_parent(parent, path=file_path) if is_policy_file(file_path) else None


class PolicyFile(pytest.File):
    """One policy test file."""

    def collect(self) -> Iterator[PolicyItem]:
        """Yield one item per case (or one failing item if the file is unreadable)."""
        from meritsys.errors import ValidationError
        from meritsys.policy._kasus import load_cases

        try:
            cases = load_cases(self.path)
        except ValidationError as exc:
            yield PolicyItem.from_parent(self, name=self.path.name, case=None, error=str(exc))
            return
        for i, case in enumerate(cases):
            name = str(case.get("nama", f"kasus[{i}]"))
            yield PolicyItem.from_parent(self, name=name, case=case, error=None)


class PolicyItem(pytest.Item):
    """One ``[[kasus]]`` of a policy test file."""

    def __init__(self, *, case: Mapping[str, Any] | None, error: str | None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.case = case
        self.error = error

    def runtest(self) -> None:
        """Run the case; raise :class:`PolicyFailure` if an expectation fails."""
        from meritsys.policy._kasus import HasilKasus, run_case

        if self.case is None:
            raise PolicyFailure(HasilKasus(self.name, str(self.path), galat=self.error))
        result = run_case(self.case, self.path)
        if not result.lulus:
            raise PolicyFailure(result)

    def repr_failure(self, excinfo: pytest.ExceptionInfo[BaseException], style: Any = None) -> str:
        """Show the case's diff instead of a traceback."""
        if isinstance(excinfo.value, PolicyFailure):
            return excinfo.value.result.report()
        return str(super().repr_failure(excinfo))

    def reportinfo(self) -> tuple[Path, int | None, str]:
        """Where the case lives, for pytest's reports."""
        return self.path, None, f"kasus: {self.name}"
