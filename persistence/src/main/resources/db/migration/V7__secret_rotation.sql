-- After a rotation the previous secret keeps signing (beside the new one) until it expires, so
-- subscribers can switch over without dropping a delivery.
alter table endpoint add column previous_secret_ciphertext text;
alter table endpoint add column previous_secret_key_id varchar(64);
alter table endpoint add column previous_secret_expires_at timestamptz;
