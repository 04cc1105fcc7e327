-- Why a delivery died, and where its current round of tries started: a resend begins a new
-- round, and the retry schedule counts from there.
alter table delivery add column dead_reason varchar(1024);
alter table delivery add column round_start integer not null default 0;
create index delivery_dead_idx on delivery (endpoint_id, id) where status = 'DEAD';
