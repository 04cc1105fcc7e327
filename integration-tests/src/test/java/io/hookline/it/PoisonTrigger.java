package io.hookline.it;

/**
 * A trigger that makes the database refuse to record any try at a message whose event type starts
 * with {@link #EVENT_TYPE_PREFIX}: a realistic stand-in for an outcome that cannot be stored.
 */
final class PoisonTrigger {
  static final String EVENT_TYPE_PREFIX = "poison.";

  private PoisonTrigger() {}

  static void install() {
    var db = TestStack.microDatabase();
    Sql.execute(
        db,
        "create or replace function it_refuse_poison_attempt() returns trigger language plpgsql as $$"
            + " begin"
            + " if exists (select 1 from message m where m.id = new.message_id"
            + " and m.event_type like '"
            + EVENT_TYPE_PREFIX
            + "%') then"
            + " raise exception 'test trigger: try at delivery % not recorded', new.delivery_id;"
            + " end if;"
            + " return new;"
            + " end $$");
    Sql.execute(db, "drop trigger if exists it_refuse_poison_attempt on delivery_attempt");
    Sql.execute(
        db,
        "create trigger it_refuse_poison_attempt before insert on delivery_attempt"
            + " for each row execute function it_refuse_poison_attempt()");
  }

  static void remove() {
    Sql.execute(
        TestStack.microDatabase(),
        "drop trigger if exists it_refuse_poison_attempt on delivery_attempt");
  }
}
