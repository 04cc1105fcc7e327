-- Ordered endpoints get their messages in the order they were accepted. Each delivery to one
-- carries a sequence number, taken while the endpoint row is locked, so numbers follow commits.
alter table endpoint add column ordered boolean not null default false;
alter table delivery add column seq bigint;
create sequence delivery_seq;
create index delivery_ordered_idx on delivery (endpoint_id, seq) where status = 'PENDING' and seq is not null;
