import pytest

from newsfuse.extract.attribution import nearest_hedge, source_kind
from newsfuse.model import SourceKind


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ("RIA Novosti", SourceKind.NEWS_AGENCY),
        ("CNN", SourceKind.MEDIA),
        ("the Russian Health Ministry", SourceKind.MINISTRY),
        ("Harris County Sheriff's Office", SourceKind.POLICE),
        ("the Investigative Committee", SourceKind.POLICE),
        ("US officials", SourceKind.OFFICIAL),
        ("a hospital spokesperson", SourceKind.HOSPITAL),
        ("neighbors", SourceKind.WITNESS),
        ("Colin P Clarke, a counterterrorism analyst at the Soufan Group", SourceKind.OTHER),
    ],
)
def test_source_kinds(source, kind):
    assert source_kind(source) == kind


def test_nearest_hedge():
    hedges = [(0, 10, "reportedly"), (50, 66, "expected to rise")]
    assert nearest_hedge(hedges, 40, 48) == "expected to rise"
    assert nearest_hedge([], 0, 1) is None
