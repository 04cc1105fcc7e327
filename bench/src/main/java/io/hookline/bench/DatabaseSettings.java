package io.hookline.bench;

import io.hookline.devstack.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The PostgreSQL settings that change what a commit and a delivered row cost, read from the server
 * the run used, so that figures from machines set up differently are not compared blindly.
 */
public final class DatabaseSettings {
  static final List<String> NAMES =
      List.of(
          "fsync",
          "synchronous_commit",
          "full_page_writes",
          "autovacuum",
          "shared_buffers",
          "max_wal_size",
          "checkpoint_timeout");

  private DatabaseSettings() {}

  /** Each setting by name, in {@link #NAMES}' order; empty (with the reason printed) if unread. */
  public static Map<String, String> read(Database database) {
    Map<String, String> settings = new LinkedHashMap<>();
    try (Connection connection = database.connect();
        PreparedStatement query = connection.prepareStatement("select current_setting(?)")) {
      for (String name : NAMES) {
        query.setString(1, name);
        try (ResultSet row = query.executeQuery()) {
          row.next();
          settings.put(name, row.getString(1));
        }
      }
    } catch (SQLException e) {
      System.out.println("  could not read PostgreSQL's settings: " + e.getMessage());
      return Map.of();
    }
    return settings;
  }

  /** One line for the console: {@code autovacuum off, fsync on, ...}. */
  public static String describe(Map<String, String> settings) {
    return settings.entrySet().stream()
        .map(setting -> setting.getKey() + " " + setting.getValue())
        .collect(Collectors.joining(", "));
  }
}
