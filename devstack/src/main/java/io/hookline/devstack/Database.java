package io.hookline.devstack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/** The PostgreSQL that Hookline uses: where it is, and making sure its database exists. */
public record Database(String host, int port, String name, String user, String password) {

  public String jdbcUrl() {
    return jdbcUrl(name);
  }

  private String jdbcUrl(String database) {
    return "jdbc:postgresql://" + host + ":" + port + "/" + database;
  }

  public Connection connect() throws SQLException {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    return DriverManager.getConnection(jdbcUrl(), props);
  }

  /** Creates the database if missing; with {@code fresh}, drops it first (tests). */
  public void ensureExists(boolean fresh) {
    if (fresh) {
      drop();
    }
    asAdmin(
        admin -> {
          try (Statement statement = admin.createStatement()) {
            boolean exists;
            try (PreparedStatement query =
                admin.prepareStatement("select 1 from pg_database where datname = ?")) {
              query.setString(1, name);
              exists = query.executeQuery().next();
            }
            if (!exists) {
              statement.execute("create database \"" + name + "\"");
            }
          }
        });
  }

  /** Drops the database, if it exists, with whoever is still connected. */
  public void drop() {
    asAdmin(
        admin -> {
          try (Statement statement = admin.createStatement()) {
            statement.execute("drop database if exists \"" + name + "\" with (force)");
          }
        });
  }

  private interface AdminWork {
    void run(Connection admin) throws SQLException;
  }

  private void asAdmin(AdminWork work) {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    try (Connection admin = DriverManager.getConnection(jdbcUrl("postgres"), props)) {
      work.run(admin);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "PostgreSQL at "
              + host
              + ":"
              + port
              + " (user "
              + user
              + ") is not usable: "
              + e.getMessage(),
          e);
    }
  }

  /** Environment variables that point Hookline at this database. */
  public java.util.Map<String, String> environment() {
    return java.util.Map.of(
        "HOOKLINE_DB_HOST", host,
        "HOOKLINE_DB_PORT", Integer.toString(port),
        "HOOKLINE_DB_NAME", name,
        "HOOKLINE_DB_USER", user,
        "HOOKLINE_DB_PASSWORD", password);
  }
}
