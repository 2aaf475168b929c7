from newsfuse.extract.place import lookup


def test_gazetteer_lookup():
    assert lookup("Krasnogorsk")["country"] == "Russia"
    assert lookup("Moscow")["kind"] == "city"
    assert lookup("Russia")["kind"] == "country"
    assert lookup("U.S.")["name"] == "United States"
    assert lookup("Mo.")["region"] == "Missouri"
    assert lookup("Alabama")["kind"] == "region"
    assert lookup("Milwaukee")["region"] == "Wisconsin"
    assert lookup("Nowhereville Xyz") is None
