-- Transactions in a row that tried a delivery and then failed to record the outcome (a row the
-- database refuses, say). At hookline.delivery.record-failure-limit the delivery is declared dead
-- instead of being tried again without end.
alter table delivery add column unrecorded_tries integer not null default 0;
