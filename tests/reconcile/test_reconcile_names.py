import pytest

from newsfuse.reconcile.names import fold, lookup_organisation, root_organisation, same_name


@pytest.mark.parametrize("a,b", [
    ("Andrei Vorobyov", "Andrey Vorobyov"), ("Piknik", "Picnic"), ("Vorobyov", "Andrey Vorobyov"),
    ("Alexey Shaposhnikov", "Aleksei Shaposhnikov"), ("Nikolay Patrushev", "Nikolai Patrushev"),
    ("President Vladimir Putin", "Vladimir Putin"), ("ISIS", "Daesh"), ("The Islamic State", "IS"),
    ("IS-K", "ISIS-K"), ("Islamic State Khorasan", "ISKP"), ("Yevgeny Prigozhin", "Evgeny Prigozhin"),
    ("Tomasz Wierzbicki", "Tomas Vierzbitsky"), ("Yusuf al-Harrani", "Yousef Al Harrany"),
    ("Mahmoud Abbas", "Mahmud Abbas"), ("Pyotr Petrovsky", "Piotr Petrowski"), ("Sergei Shoigu", "Sergey Shoygu"),
])
def test_same_entity(a, b):
    assert same_name(a, b)


@pytest.mark.parametrize("a,b", [
    ("Vladimir Putin", "Nikolai Patrushev"), ("John Smith", "Jane Smith"),
    ("IS-K", "Islamic State"), ("Hamas", "Hezbollah"), ("Mark Jones", "Mark James"),
    # Relatives share a surname: their given names must match as well.
    ("Tom Bradley", "Tim Bradley"), ("Kate Murphy", "Kathy Murphy"), ("Ali Hassan", "Ala Hassan"),
])
def test_different_entities(a, b):
    assert not same_name(a, b)


def test_branch_has_its_root():
    assert lookup_organisation("ISIS-K")[1] == "Islamic State"
    assert root_organisation("IS-K") == "Islamic State"
    assert root_organisation("an unknown group") == "an unknown group"


def test_fold_is_accent_and_case_blind():
    assert fold("Sérgio  CABRAL") == fold("sergio cabral")
