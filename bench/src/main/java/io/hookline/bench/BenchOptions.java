package io.hookline.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code ./hookline bench} was asked to do.
 *
 * @param duration how long each measured load phase runs
 * @param young how long each of the young node's two phases runs (single messages from waiting
 *     clients, then the latency rate), first thing after the node started; zero: none
 * @param warmUp how long single sends run, unmeasured, after the young node's phases and before the
 *     settled node's scenarios (Payara's JIT compiles for minutes)
 * @param rate events per second of the latency phase
 * @param sustainRate events per second sent on schedule, whatever the answers' pace (senders that
 *     do not wait for each other), to see whether a node takes that rate and delivers it (0: skip)
 * @param clients concurrent senders of the throughput phases
 * @param batchSize messages per batch request
 * @param fanouts endpoints per message of the fan-out scenarios
 * @param backlog delivered messages put in the tables before the scenarios run again (0: none)
 * @param url a running Hookline to use instead of starting one (null: start one)
 * @param token that Hookline's admin token
 * @param drainLimit the longest wait for deliveries to catch up after a phase
 * @param out where the JSON results go
 */
public record BenchOptions(
    Duration duration,
    Duration young,
    Duration warmUp,
    double rate,
    int sustainRate,
    int clients,
    int batchSize,
    List<Integer> fanouts,
    int backlog,
    String url,
    String token,
    Duration drainLimit,
    Path out,
    boolean smoke) {

  static final String USAGE =
      """
      ./hookline bench [options]
        --duration SECONDS   each load phase (default 10)
        --young SECONDS      the young node's phases, first thing after it starts: single messages
                             from waiting clients, then the latency rate, each this long
                             (default 30: together the node's first minute of load; 0: skip,
                             the default with --url)
        --warm-up SECONDS    unmeasured single sends after them, before the settled node's
                             scenarios (default 300)
        --rate N             events/s of the latency phase (default 200)
        --sustain N          events/s of the sustained phase, sent on schedule (default 2000; 0: skip)
        --clients N          concurrent senders of the throughput phases (default 32)
        --batch-size N       messages per batch request (default 100, at most 1000)
        --fanout LIST        endpoints per message of the fan-out scenarios (default 1,10,100)
        --backlog N          delivered messages put in the tables for the re-run (default 1000000; 0: skip)
        --url URL --token T  use a running Hookline (its admin token) instead of starting one
        --out DIR            where results.json goes (default target/bench)
        --smoke              a short run that checks every part works (CI)
      """;

  public static BenchOptions parse(String... args) {
    Duration duration = Duration.ofSeconds(10);
    Duration young = Duration.ofSeconds(30);
    boolean youngGiven = false;
    Duration warmUp = Duration.ofSeconds(300);
    double rate = 200;
    int sustainRate = 2000;
    int clients = 32;
    int batchSize = 100;
    List<Integer> fanouts = List.of(1, 10, 100);
    int backlog = 1_000_000;
    String url = null;
    String token = null;
    Duration drainLimit = Duration.ofMinutes(2);
    Path out = Path.of("target", "bench");
    boolean smoke = false;
    List<String> rest = List.of(args);
    if (rest.contains("--smoke")) {
      smoke = true;
      duration = Duration.ofSeconds(2);
      young = Duration.ofSeconds(2);
      warmUp = Duration.ofSeconds(2);
      rate = 50;
      sustainRate = 200;
      clients = 8;
      fanouts = List.of(1, 10);
      backlog = 20_000;
      drainLimit = Duration.ofMinutes(1);
    }
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--smoke")) {
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
      }
      String value = args[++i];
      switch (option) {
        case "--duration" -> duration = Duration.ofSeconds(positive(option, value));
        case "--young" -> {
          young = Duration.ofSeconds(zeroOrMore(option, value));
          youngGiven = true;
        }
        case "--warm-up" -> warmUp = Duration.ofSeconds(positive(option, value));
        case "--rate" -> rate = positive(option, value);
        case "--sustain" -> {
          sustainRate = Integer.parseInt(value);
          if (sustainRate < 0) {
            throw new IllegalArgumentException("--sustain: 0 or more events/s");
          }
        }
        case "--clients" -> clients = positive(option, value);
        case "--batch-size" -> {
          batchSize = positive(option, value);
          if (batchSize > 1000) {
            throw new IllegalArgumentException("--batch-size: a batch holds at most 1000 messages");
          }
        }
        case "--fanout" -> {
          List<Integer> parsed = new ArrayList<>();
          for (String part : value.split(",")) {
            parsed.add(positive(option, part.trim()));
          }
          fanouts = List.copyOf(parsed);
        }
        case "--backlog" -> {
          backlog = Integer.parseInt(value);
          if (backlog < 0) {
            throw new IllegalArgumentException("--backlog: 0 or more");
          }
        }
        case "--url" -> url = value.replaceAll("/+$", "");
        case "--token" -> token = value;
        case "--out" -> out = Path.of(value);
        default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
      }
    }
    if ((url == null) != (token == null)) {
      throw new IllegalArgumentException("--url and --token go together\n" + USAGE);
    }
    if (url != null && !youngGiven) {
      // A running Hookline is rarely a node that has just started.
      young = Duration.ZERO;
    }
    return new BenchOptions(
        duration,
        young,
        warmUp,
        rate,
        sustainRate,
        clients,
        batchSize,
        fanouts,
        backlog,
        url,
        token,
        drainLimit,
        out,
        smoke);
  }

  private static int positive(String option, String value) {
    int parsed = zeroOrMore(option, value);
    if (parsed < 1) {
      throw new IllegalArgumentException(option + ": must be at least 1");
    }
    return parsed;
  }

  private static int zeroOrMore(String option, String value) {
    int parsed;
    try {
      parsed = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(option + ": not a number: " + value);
    }
    if (parsed < 0) {
      throw new IllegalArgumentException(option + ": must be 0 or more");
    }
    return parsed;
  }
}
