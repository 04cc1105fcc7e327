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
        .addClass(RetentionFromTimer.class);
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
    update(
        "update delivery set status = 'DELIVERED', delivered_at = now() - interval '40 days'"
            + " where message_id = ?",
        messageId);

    var removed = timer.run(30, 1000);

    assertTrue(removed.deliveries() >= 1, "removed: " + removed);
    assertEquals(0, count("select count(*) from delivery where message_id = ?", messageId));
    assertEquals(0, count("select count(*) from message where id = ?", messageId));
  }

  private void update(String sql, String id) throws Exception {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, id);
      statement.executeUpdate();
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
