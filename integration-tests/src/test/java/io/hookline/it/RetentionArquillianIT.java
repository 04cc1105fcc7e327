package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hookline.app.control.Apps;
import io.hookline.runtime.Resources;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In-container: a retention batch called the way the retention timer calls it (from an EJB method
 * outside any transaction) runs in a transaction of its own, and removes what is old.
 */
@ExtendWith(ArquillianExtension.class)
class RetentionArquillianIT {

  @Deployment
  static WebArchive deployment() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, TestStack.files().microWar().toFile())
        .addClasses(RetentionFromTimer.class, Eventually.class);
  }

  @Inject RetentionFromTimer timer;
  @Inject Apps apps;
  @Inject io.hookline.message.control.MessageIntake intake;
  @Inject io.hookline.endpoint.control.Endpoints endpoints;

  @Resource UserTransaction transaction;

  @Resource(lookup = Resources.DATASOURCE)
  DataSource dataSource;

  @Test
  void aBatchCalledFromTheTimerRunsInATransactionAndRemovesOldDeliveries() throws Exception {
    transaction.begin();
    String app = apps.create("retention", null).getId();
    endpoints.create(app, "https://hookline-test.invalid/hook", null, java.util.List.of(), null);
    String messageId = intake.accept(app, "arq.retention", null, "{}").getId();
    transaction.commit();
    // The node tries the delivery (its host does not resolve) and, this execution's schedule
    // being two tries, declares it dead. Each try locks the row until it commits, and a batch
    // skips locked rows: made old while a try still holds it, the row would be skipped and the
    // batch remove nothing. Once dead, no message for it is left, so nothing locks it again.
    Eventually.await(
        "delivery of " + messageId + " dead after its tries",
        Duration.ofSeconds(60),
        () -> status(messageId),
        "DEAD"::equals);
    update(
        "update delivery set status = 'DELIVERED', delivered_at = now() - interval '40 days'"
            + " where message_id = ?",
        messageId);

    var removed = timer.run(30, 1000);

    assertTrue(removed.deliveries() >= 1, "removed: " + removed);
    assertTrue(removed.attempts() >= 2, "its two tries' attempts, removed: " + removed);
    assertEquals(0, count("select count(*) from delivery where message_id = ?", messageId));
    assertEquals(0, count("select count(*) from message where id = ?", messageId));
  }

  @Test
  void portalTokensGoADayAfterTheyExpiredAndNotBefore() throws Exception {
    transaction.begin();
    String app = apps.create("retention-portal", null).getId();
    transaction.commit();
    String run = Long.toHexString(System.nanoTime());
    for (String[] token :
        new String[][] {
          {"ptk_old" + run, "now() - interval '25 hours'"},
          {"ptk_recent" + run, "now() - interval '23 hours'"},
          {"ptk_live" + run, "now() + interval '1 hour'"}
        }) {
      update(
          "insert into portal_token (id, app_id, token_hash, capabilities, expires_at, created_at)"
              + " values (?, '"
              + app
              + "', md5(random()::text) || md5(random()::text), 'ViewBase', "
              + token[1]
              + ", now() - interval '2 days')",
          token[0]);
    }

    timer.runPortalTokens(1000);

    assertEquals(0, count("select count(*) from portal_token where id = ?", "ptk_old" + run));
    assertEquals(1, count("select count(*) from portal_token where id = ?", "ptk_recent" + run));
    assertEquals(1, count("select count(*) from portal_token where id = ?", "ptk_live" + run));
  }

  private void update(String sql, String id) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, id);
      statement.executeUpdate();
    }
  }

  private String status(String messageId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement("select status from delivery where message_id = ?")) {
      statement.setString(1, messageId);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private long count(String sql, String id) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, id);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
