package io.hookline.it;

import io.hookline.devstack.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Reads Hookline's tables directly, to check what the API alone cannot show. */
final class Sql {
  private Sql() {}

  static List<String> strings(Database db, String sql, Object... params) {
    try (Connection connection = db.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      List<String> values = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          values.add(rows.getString(1));
        }
      }
      return values;
    } catch (SQLException e) {
      throw new AssertionError(sql, e);
    }
  }

  /** Runs a statement that returns no rows (DDL, or a change a test makes on purpose). */
  static void execute(Database db, String sql, Object... params) {
    try (Connection connection = db.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      statement.execute();
    } catch (SQLException e) {
      throw new AssertionError(sql, e);
    }
  }

  static long count(Database db, String sql, Object... params) {
    return Long.parseLong(strings(db, sql, params).get(0));
  }

  /** The rows as column-to-text maps, in the query's order. */
  static List<java.util.Map<String, String>> rows(Database db, String sql, Object... params) {
    try (Connection connection = db.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      List<java.util.Map<String, String>> rows = new ArrayList<>();
      try (ResultSet result = statement.executeQuery()) {
        int columns = result.getMetaData().getColumnCount();
        while (result.next()) {
          java.util.Map<String, String> row = new java.util.LinkedHashMap<>();
          for (int c = 1; c <= columns; c++) {
            row.put(result.getMetaData().getColumnLabel(c), result.getString(c));
          }
          rows.add(row);
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new AssertionError(sql, e);
    }
  }

  static int update(Database db, String sql, Object... params) {
    try (Connection connection = db.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        statement.setObject(i + 1, params[i]);
      }
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new AssertionError(sql, e);
    }
  }
}
