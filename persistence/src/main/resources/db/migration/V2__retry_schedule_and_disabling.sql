-- Retries are scheduled by Hookline itself (a delayed JMS message per try), so the row records
-- when the next try is due; an endpoint answering 410 Gone is disabled with the reason kept.
alter table delivery add column next_attempt_at timestamptz;
alter table endpoint add column disabled_reason varchar(1024);
