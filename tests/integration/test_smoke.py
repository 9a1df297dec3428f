from spark_grpc.client import SparkClient


def test_record_and_list_round_trip(client: SparkClient):
    response = client.record_event("task_posted", "hello", agent_id="a1")
    assert response.event.sequence == 1
    assert response.event.importance == 0.4
    events = client.list_events()
    assert [e.id for e in events] == [response.event.id]
