from newsfuse.grouping import connected


def test_linked_ids_share_the_first_id_of_their_group():
    groups = connected(["a", "b", "c", "d", "e"], [("d", "b"), ("e", "d"), ("c", "zz")])
    assert groups == {"a": "a", "b": "b", "c": "c", "d": "b", "e": "b"}


def test_no_pairs_leaves_every_id_alone():
    assert connected(["x", "y"], []) == {"x": "x", "y": "y"}
