"""The public API is exactly ``newsfuse.__all__``; a name added or dropped is a decision."""

from __future__ import annotations

import newsfuse

PUBLIC = {
    "Analysed", "Article", "Brief", "ConfigError", "Duplicate", "Event", "Fact",
    "IngestResult", "InputError", "InputTypeError", "Mention", "ModelError", "NewsfuseError",
    "NotFoundError", "NothingReadError", "Options", "Rejection", "Report", "StoreError",
    "__version__", "brief", "brief_articles", "read",
}


def test_all_is_pinned():
    assert set(newsfuse.__all__) == PUBLIC
    assert len(newsfuse.__all__) == len(PUBLIC)


def test_every_exported_name_exists_and_is_public():
    for name in newsfuse.__all__:
        member = getattr(newsfuse, name)
        if name == "__version__":
            continue
        assert member.__module__.startswith("newsfuse"), name
        assert member.__doc__, f"{name} has no docstring"


def test_the_exception_tree():
    errors = [getattr(newsfuse, n) for n in newsfuse.__all__ if n.endswith("Error")]
    assert all(issubclass(e, newsfuse.NewsfuseError) for e in errors)
    assert issubclass(newsfuse.InputTypeError, newsfuse.InputError)
    assert issubclass(newsfuse.InputTypeError, TypeError)
    assert issubclass(newsfuse.NothingReadError, newsfuse.InputError)
    codes = [e.code for e in errors]
    assert len(set(codes)) == len(codes), "each error has its own code"
    tree = newsfuse.errors.__doc__
    for error in errors:
        assert error.__name__ in tree, f"{error.__name__} is missing from the tree in errors.py"
