"""The JSON API with FastAPI's test client."""

from __future__ import annotations

import pytest

from fastapi.testclient import TestClient

from newsfuse.web import create_app


def test_events_listing_filters_and_pagination(client):
    page = client.get("/api/events").json()
    assert page["total"] == 3 and len(page["events"]) == 3
    assert client.get("/api/events", params={"q": "warehouse"}).json()["total"] == 1
    assert client.get("/api/events", params={"date_from": "2024-06-01"}).json()["total"] == 2
    assert client.get("/api/events", params={"limit": 1, "offset": 1}).json()["events"][0]["id"] \
        == page["events"][1]["id"]
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert client.get("/api/events", params={"date_from": "soon"}).status_code == 422


def test_text_search_through_the_api(client):
    assert client.get("/api/events", params={"q": "walkers crossing"}).json()["total"] == 1
    assert client.get("/api/events", params={"q": "footbr*"}).json()["total"] == 1
    assert client.get("/api/events", params={"q": 'x" OR "y'}).json()["total"] == 0
    too_many = client.get("/api/events", params={"q": " ".join("w" * 21)})
    assert too_many.status_code == 422 and "at most 20 words" in too_many.json()["detail"]
    assert client.get("/", params={"q": " ".join("w" * 21)}).status_code == 422


def test_event_article_and_missing_things(client, event_of):
    fire = event_of(client, "valdane-1")
    brief = client.get(f"/api/events/{fire}").json()
    assert brief["article_ids"] == ["valdane-1", "valdane-2", "valdane-3"]
    assert "killed" in brief["facts"]
    articles = client.get(f"/api/events/{fire}/articles").json()
    assert [a["id"] for a in articles] == brief["article_ids"]
    stored = client.get("/api/articles/valdane-2").json()
    assert [m["id"] for m in stored["mentions"]] == ["valdane-2:1", "valdane-2:2"]
    assert client.get("/api/events/nope").status_code == 404
    assert client.get("/api/articles/nope").status_code == 404
    assert client.get("/api/stats").json()["articles"] == 5


def test_post_articles_ingests_and_is_idempotent(client):
    body = {"title": "Second footbridge closed on the Orrin River",
            "text": "County engineers closed a second footbridge over the Orrin River on Monday "
                    "after the collapse of a wooden footbridge on Sunday.",
            "url": "https://orrintimes.example/second-bridge", "published": "2024-06-03T08:00:00Z"}
    first = client.post("/api/articles", json=body)
    assert first.status_code == 200, first.text
    assert first.json()["added"] == 1
    again = client.post("/api/articles", json=[body])
    assert again.json()["unchanged"] == 1 and again.json()["added"] == 0
    assert client.get("/api/stats").json()["articles"] == 6
    assert client.post("/api/articles", json={"text": ""}).status_code == 422


def test_writes_need_a_json_body(client):
    # A plain form post from another site must not reach a write.
    response = client.post("/api/events/merge", content='{"event_ids": ["a", "b"]}',
                           headers={"Content-Type": "text/plain"})
    assert response.status_code == 422


def test_merge_and_split_through_the_api(client, event_of):
    fire, bridge = event_of(client, "valdane-1"), event_of(client, "orrin-1")
    merged = client.post("/api/events/merge", json={"event_ids": [fire, bridge]})
    assert merged.json() == {"event_id": fire}
    assert client.get(f"/api/events/{bridge}").json()["id"] == fire  # alias
    split = client.post(f"/api/events/{fire}/split", json={"article_ids": ["orrin-1"]})
    assert split.status_code == 200
    assert event_of(client, "orrin-1") == split.json()["event_id"]
    assert [c["action"] for c in client.get("/api/corrections").json()] == ["merge", "split"]
    assert client.post("/api/events/merge", json={"event_ids": [fire, "nope"]}).status_code == 404
    assert client.post(f"/api/events/{fire}/split",
                       json={"article_ids": ["orrin-1"]}).status_code == 404


def test_token_is_required_for_every_write(filled_store, web_stages, event_of):
    client = TestClient(create_app(filled_store, stages=web_stages, token="s3cret"))
    fire, bridge = event_of(client, "valdane-1"), event_of(client, "orrin-1")
    writes = [
        ("/api/articles", {"text": "A kiosk caught fire in Valdane."}),
        ("/api/events/merge", {"event_ids": [fire, bridge]}),
        (f"/api/events/{fire}/split", {"article_ids": ["valdane-3"]}),
    ]
    for url, body in writes:
        assert client.post(url, json=body).status_code == 401
        assert client.post(url, json=body, headers={"Authorization": "Bearer wrong"}
                           ).status_code == 401
    assert client.get("/api/events").status_code == 200  # reads stay open
    ok = client.post("/api/events/merge", json={"event_ids": [fire, bridge]},
                     headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 200
    ok = client.post("/api/articles", json={"text": "A kiosk caught fire in Valdane."},
                     headers={"X-Newsfuse-Token": "s3cret"})
    assert ok.status_code == 200


def test_host_check_on_loopback(filled_store, web_stages):
    client = TestClient(create_app(filled_store, stages=web_stages,
                                   allowed_hosts=["127.0.0.1", "localhost"]),
                        base_url="http://127.0.0.1")
    assert client.get("/api/events").status_code == 200
    assert client.get("/api/events", headers={"Host": "evil.example"}).status_code == 400


def test_openapi_documents_the_api(client):
    schema = client.get("/openapi.json").json()
    for path in ("/api/events", "/api/events/{event_id}", "/api/articles",
                 "/api/articles/{article_id}", "/api/events/merge",
                 "/api/events/{event_id}/split"):
        assert path in schema["paths"]
    page = client.get("/docs")
    assert page.status_code == 200 and "/api/events/merge" in page.text
    assert "cdn" not in page.text.lower()


@pytest.mark.parametrize("params", [{"offset": 2**63}, {"min_sources": 2**63}, {"place": "x" * 65_000},
                                    {"type": "y" * 1_000}])
def test_out_of_range_values_are_422_with_a_message_not_500(client, params):
    for path in ("/api/events", "/") if "offset" not in params else ("/api/events",):
        response = client.get(path, params=params)
        assert response.status_code == 422, (path, params, response.status_code)


def test_an_event_whose_id_holds_a_slash_is_reachable(client, filled_store, web_stages, event_of):
    from newsfuse.model import Article
    from newsfuse.live import ingest_articles

    article = Article(id="wire/2024/07", title="Lighthouse keeper retires",
                      text="The last keeper of the northern lighthouse retired on Friday after "
                           "forty years, the coast authority said.")
    ingest_articles(filled_store, [article], web_stages)
    event_id = event_of(client, "wire/2024/07")
    assert "/" in event_id
    assert client.get(f"/api/events/{event_id}").json()["id"] == event_id
    assert [a["id"] for a in client.get(f"/api/events/{event_id}/articles").json()] == ["wire/2024/07"]
    assert "Lighthouse keeper" in client.get(f"/events/{event_id}").text
