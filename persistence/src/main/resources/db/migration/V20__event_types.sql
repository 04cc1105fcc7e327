-- The event-type catalogue, global as in Svix: what senders may send and subscribers choose from.
-- Names sort bytewise (collate "C"), the order list pages are cut in. schemas is a JSON object of
-- JSON Schemas per version; feature_flags the flags, comma-separated (a flag has no comma).
create table event_type (
    name           varchar(256) collate "C" primary key,
    description    text         not null,
    schemas        text,
    archived       boolean      not null default false,
    deprecated     boolean      not null default false,
    feature_flags  text,
    group_name     varchar(256),
    created_at     timestamptz  not null,
    updated_at     timestamptz  not null
);
