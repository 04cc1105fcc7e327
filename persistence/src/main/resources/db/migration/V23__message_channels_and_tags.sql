-- Svix's message channels (which endpoints a message goes to) and tags (what lists filter on):
-- each a JSON array of names as text, null when the message has none. Lists page a message's app
-- by id, newest first.
alter table message add column channels text;
alter table message add column tags text;
create index message_app_id_idx on message (app_id, id);
