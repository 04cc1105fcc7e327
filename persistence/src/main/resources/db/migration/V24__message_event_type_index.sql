-- Message lists filtered by event type page the app's messages by id: this index serves
-- "app_id = ? and event_type = ? order by id" without walking the app's other messages.
-- A plain CREATE INDEX (it blocks writes to message while it builds): CREATE INDEX CONCURRENTLY
-- cannot run here, as Flyway's transactional advisory lock keeps a transaction open that the
-- concurrent build waits for.
create index message_app_event_type_id_idx on message (app_id, event_type, id);
