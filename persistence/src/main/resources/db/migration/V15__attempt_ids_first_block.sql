-- EclipseLink takes a block of 50 attempt ids as the 50 values up to what nextval returns. On a new
-- installation the sequence's first nextval returned 1, a block from -48 that EclipseLink refuses
-- ("sequence setup incorrectly"): the first delivery's transaction failed, and the broker had to
-- redeliver it. A sequence never used now starts at 50, so its first block is 1 to 50. One already
-- in use is left alone: its next block starts above the ids it gave.
do $$
begin
  if not (select is_called from delivery_attempt_id_seq) then
    perform setval('delivery_attempt_id_seq', 50, false);
  end if;
end $$;
