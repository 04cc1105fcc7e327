package io.hookline.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hookline.app.control.Apps;
import io.hookline.endpoint.control.Endpoints;
import io.hookline.runtime.Resources;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * In-container, on Payara Micro with the real WAR, Artemis and PostgreSQL: the JMS send of an
 * accepted message is part of the same JTA transaction as its rows.
 */
@ExtendWith(ArquillianExtension.class)
class TransactionArquillianIT {

  @Deployment
  static WebArchive deployment() {
    return ShrinkWrap.createFromZipFile(WebArchive.class, TestStack.files().microWar().toFile());
  }

  @Inject Apps apps;
  @Inject Endpoints endpoints;
  @Inject io.hookline.message.control.MessageIntake intake;
  @Inject io.hookline.delivery.outbound.OutboundCall outbound;

  @Resource UserTransaction transaction;

  @Resource(lookup = Resources.DATASOURCE)
  DataSource dataSource;

  @Resource(lookup = Resources.CONNECTION_FACTORY)
  ConnectionFactory connectionFactory;

  @Resource(lookup = Resources.DELIVERY_QUEUE)
  Queue deliveries;

  @Resource ManagedExecutorService executor;

  private String newAppWithUnreachableEndpoint() throws Exception {
    transaction.begin();
    String app = apps.create("in-container", null).getId();
    // .invalid never resolves: the endpoint can be saved, and every try fails without a packet
    // leaving the machine. This execution runs with the secure defaults.
    endpoints.create(app, "https://hookline-test.invalid/hook", null, List.of(), null);
    transaction.commit();
    return app;
  }

  @Test
  void aRolledBackAcceptanceLeavesNoRowsAndItsJmsMessageIsNeverSeen() throws Exception {
    String app = newAppWithUnreachableEndpoint();

    transaction.begin();
    String messageId = intake.accept(app, "arq.rollback", null, "{}").getId();
    assertEquals(
        1,
        count("select count(*) from message where id = ?", messageId),
        "visible inside its own transaction");
    // Another thread, outside the transaction, must not see the uncommitted JMS message.
    assertEquals(
        0, executor.submit(() -> queued(messageId)).get(), "JMS message visible before commit");
    transaction.rollback();

    assertEquals(0, count("select count(*) from message where id = ?", messageId));
    assertEquals(0, count("select count(*) from delivery where message_id = ?", messageId));
    assertEquals(0, queued(messageId), "JMS message left after rollback");
  }

  @Test
  void aCommittedAcceptanceLeavesRowsAndAMessageTheListenerConsumes() throws Exception {
    String app = newAppWithUnreachableEndpoint();

    transaction.begin();
    String messageId = intake.accept(app, "arq.commit", null, "{}").getId();
    transaction.commit();

    assertEquals(1, count("select count(*) from message where id = ?", messageId));
    assertEquals(1, count("select count(*) from delivery where message_id = ?", messageId));
    // The listener received the committed JMS message: it tried the endpoint and recorded it.
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (count("select count(*) from delivery_attempt where message_id = ?", messageId) == 0) {
      assertTrue(System.nanoTime() < deadline, "no attempt recorded within 30 s");
      Thread.sleep(100);
    }
  }

  @Test
  void withTheDefaultsInternalAndPlainHttpTargetsAreRefused() throws Exception {
    transaction.begin();
    String app = apps.create("targets", null).getId();
    transaction.commit();
    for (String url :
        List.of(
            "https://127.0.0.1/hook",
            "https://localhost/hook",
            "https://[::1]/",
            "https://169.254.169.254/",
            "https://2130706433/",
            "http://hookline-test.invalid/")) {
      io.hookline.platform.Refusal refused =
          org.junit.jupiter.api.Assertions.assertThrows(
              io.hookline.platform.Refusal.class,
              () -> endpoints.create(app, url, null, List.of(), null),
              url);
      assertEquals(io.hookline.platform.Refusal.Kind.INVALID, refused.kind(), url);
      assertEquals("url", refused.field(), url);
    }
  }

  @Test
  void theOutboundCallItselfNeverConnectsToAnInternalAddress() {
    // Below the delivery's own check: the HTTP client resolves through the target check, so
    // even a call that skipped it (or a DNS answer that changed since) cannot reach loopback.
    io.hookline.delivery.outbound.HttpOutcome outcome =
        outbound.post("https://localhost:1/hook", java.util.Map.of(), new byte[0]);
    assertEquals(null, outcome.status());
    // localhost is refused by its name, before any lookup.
    assertTrue(
        outcome.error().startsWith("not sent: host localhost is a loopback name"), outcome.error());
  }

  @Test
  void aRefusedTargetIsRecordedAsAFailedTryThatSaysWhy() throws Exception {
    String app = newAppWithUnreachableEndpoint();
    transaction.begin();
    String messageId = intake.accept(app, "arq.refused", null, "{}").getId();
    transaction.commit();
    long deadline = System.nanoTime() + 30_000_000_000L;
    String error = null;
    while (error == null) {
      assertTrue(System.nanoTime() < deadline, "no attempt recorded within 30 s");
      Thread.sleep(100);
      try (Connection connection = dataSource.getConnection();
          PreparedStatement statement =
              connection.prepareStatement(
                  "select error from delivery_attempt where message_id = ?")) {
        statement.setString(1, messageId);
        try (ResultSet rows = statement.executeQuery()) {
          error = rows.next() ? rows.getString(1) : null;
        }
      }
    }
    assertTrue(error.contains("does not resolve"), error);
  }

  private long queued(String messageId) throws Exception {
    try (JMSContext context = connectionFactory.createContext(JMSContext.AUTO_ACKNOWLEDGE);
        QueueBrowser browser =
            context.createBrowser(deliveries, "hooklineMessageId = '" + messageId + "'")) {
      return Collections.list(browser.getEnumeration()).size();
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
