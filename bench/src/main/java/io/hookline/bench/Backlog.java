package io.hookline.bench;

import io.hookline.devstack.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Fills Hookline's tables with history, straight in SQL: delivered messages of another app, each
 * with its delivery and one successful attempt, spread over the past day. Their ids sort before any
 * real one, as an older id would. Then a scenario run again shows whether the rates sag as the
 * tables grow.
 */
public final class Backlog {
  private static final int CHUNK = 50_000;

  private Backlog() {}

  /**
   * @param appId an app that exists (its messages are the backlog)
   * @param endpointId one of its endpoints
   */
  public static void fill(Database database, String appId, String endpointId, int rows) {
    String payload =
        "{\"phase\":-1,\"note\":\"history, delivered before the benchmark began\",\"sequence\":0}";
    try (Connection connection = database.connect()) {
      connection.setAutoCommit(false);
      for (int from = 1; from <= rows; from += CHUNK) {
        int to = Math.min(rows, from + CHUNK - 1);
        insert(
            connection,
            "insert into message (id, app_id, event_type, payload, created_at)"
                + " select 'msg_00BACKLOG' || lpad(g::text, 12, '0'), ?, 'bench.history', ?,"
                + " now() - interval '1 day' + g * interval '50 ms'"
                + " from generate_series(?, ?) g",
            from,
            to,
            appId,
            payload);
        insert(
            connection,
            "insert into delivery (id, message_id, endpoint_id, status, attempt_count,"
                + " last_attempt_at, delivered_at, created_at)"
                + " select 'dlv_00BACKLOG' || lpad(g::text, 12, '0'),"
                + " 'msg_00BACKLOG' || lpad(g::text, 12, '0'), ?, 'DELIVERED', 1, t, t, t"
                + " from (select g, now() - interval '1 day' + g * interval '50 ms' as t"
                + " from generate_series(?, ?) g) s",
            from,
            to,
            endpointId);
        insert(
            connection,
            "insert into delivery_attempt (delivery_id, message_id, endpoint_id, attempt, status,"
                + " response_status, duration_ms, created_at)"
                + " select 'dlv_00BACKLOG' || lpad(g::text, 12, '0'),"
                + " 'msg_00BACKLOG' || lpad(g::text, 12, '0'), ?, 1, 'SUCCEEDED', 204, 3,"
                + " now() - interval '1 day' + g * interval '50 ms'"
                + " from generate_series(?, ?) g",
            from,
            to,
            endpointId);
        connection.commit();
      }
      connection.setAutoCommit(true);
      try (Statement statement = connection.createStatement()) {
        statement.execute("analyze message");
        statement.execute("analyze delivery");
        statement.execute("analyze delivery_attempt");
      }
    } catch (SQLException e) {
      throw new IllegalStateException("could not fill the backlog: " + e.getMessage(), e);
    }
  }

  private static void insert(Connection connection, String sql, int from, int to, String... texts)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      int index = 1;
      for (String text : texts) {
        statement.setString(index++, text);
      }
      statement.setInt(index++, from);
      statement.setInt(index, to);
      statement.executeUpdate();
    }
  }
}
