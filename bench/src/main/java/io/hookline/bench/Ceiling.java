package io.hookline.bench;

import io.hookline.devstack.Database;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * This machine's ceiling for one durable commit per event: pgbench inserting the benchmark's own
 * payload, one row per transaction, from 32 clients, into a scratch database beside Hookline's.
 * Hookline's accepted events per second are reported as a share of it.
 */
public final class Ceiling {
  private static final Pattern TPS =
      Pattern.compile("tps = ([0-9.]+) \\(without initial connection time\\)");
  private static final Pattern COMMITS =
      Pattern.compile("number of transactions actually processed: ([0-9]+)");

  /**
   * What pgbench reached and what a commit cost the machine.
   *
   * @param cpuMsPerCommit CPU milliseconds PostgreSQL and pgbench used per commit (NaN when they
   *     could not be read): a message's CPU is reported as a multiple of it
   */
  public record Measured(double commitsPerSecond, double cpuMsPerCommit) {
    /** {@code cpuMs} as a number of pgbench commits; NaN when either is unknown. */
    public double inCommits(double cpuMs) {
      return cpuMs / cpuMsPerCommit;
    }

    /** A commit's CPU for people: "0.100 ms", or "unknown". */
    public String cpuPerCommit() {
      return Double.isFinite(cpuMsPerCommit) ? String.format("%.3f ms", cpuMsPerCommit) : "unknown";
    }
  }

  private Ceiling() {}

  /**
   * Commits per second and their CPU, or empty (with the reason printed) when pgbench is not
   * installed.
   *
   * @param cpuSeconds CPU seconds used so far by PostgreSQL and by this JVM with the children it
   *     has waited for (pgbench among them)
   */
  public static Optional<Measured> measure(
      Database hookline, int clients, Duration duration, Path work, DoubleSupplier cpuSeconds) {
    Database scratch =
        new Database(
            hookline.host(),
            hookline.port(),
            hookline.name() + "_ceiling",
            hookline.user(),
            hookline.password());
    scratch.ensureExists(true);
    try (Connection connection = scratch.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(
          "create table event (id bigint generated always as identity primary key,"
              + " payload text not null, created_at timestamptz not null default now())");
    } catch (SQLException e) {
      throw new IllegalStateException("could not prepare the ceiling's table", e);
    }
    try {
      Files.createDirectories(work);
      Path script = work.resolve("ceiling.sql");
      Files.writeString(
          script,
          "insert into event (payload) values ('"
              + Payloads.of(0, 0, 0).replace("'", "''")
              + "');\n",
          StandardCharsets.UTF_8);
      Path output = work.resolve("ceiling.out");
      ProcessBuilder pgbench =
          new ProcessBuilder(
                  List.of(
                      "pgbench",
                      "-n",
                      "-c",
                      Integer.toString(clients),
                      "-j",
                      Integer.toString(Runtime.getRuntime().availableProcessors()),
                      "-T",
                      Long.toString(Math.max(1, duration.toSeconds())),
                      "-f",
                      script.toString(),
                      "-h",
                      scratch.host(),
                      "-p",
                      Integer.toString(scratch.port()),
                      "-U",
                      scratch.user(),
                      scratch.name()))
              .redirectErrorStream(true)
              .redirectOutput(output.toFile());
      pgbench.environment().put("PGPASSWORD", scratch.password());
      Process process;
      double cpuBefore = cpuSeconds.getAsDouble();
      try {
        process = pgbench.start();
      } catch (IOException notInstalled) {
        System.out.println(
            "  pgbench is not installed: no ceiling measured (" + notInstalled.getMessage() + ")");
        return Optional.empty();
      }
      if (!process.waitFor(duration.toSeconds() + 60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException("pgbench did not finish; see " + output);
      }
      String printed = Files.readString(output);
      Matcher tps = TPS.matcher(printed);
      if (process.exitValue() != 0 || !tps.find()) {
        throw new IllegalStateException(
            "pgbench failed (exit " + process.exitValue() + "):\n" + printed);
      }
      // Read once pgbench has been waited for, so that its CPU counts as this JVM's children's.
      double cpu = cpuSeconds.getAsDouble() - cpuBefore;
      Matcher commits = COMMITS.matcher(printed);
      double perCommit =
          commits.find() && Long.parseLong(commits.group(1)) > 0 && cpu > 0
              ? 1000 * cpu / Long.parseLong(commits.group(1))
              : Double.NaN;
      return Optional.of(new Measured(Double.parseDouble(tps.group(1)), perCommit));
    } catch (IOException e) {
      throw new IllegalStateException("could not run pgbench", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      scratch.drop();
    }
  }
}
