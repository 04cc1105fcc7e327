package io.hookline.bench;

import java.time.Duration;
import java.util.List;

/**
 * What {@code ./hookline chaos} was asked to do.
 *
 * @param nodes Payara Micro nodes behind the balancer (the last one can be cut off)
 * @param events events per stream (one stream per fault)
 * @param rate events per second
 * @param faults which harmful things to do, in order
 * @param receiverDown how long the receiver stays down
 * @param partition how long a node stays cut off from PostgreSQL
 * @param recovery the longest wait, after a stream, for every accepted event to arrive
 * @param soak how long the soak streams, or null for none
 * @param soakRate the soak's events per second
 * @param brokerPair whether the broker runs as a replicated primary/backup pair (else alone)
 */
public record ChaosOptions(
    int nodes,
    int events,
    double rate,
    List<String> faults,
    Duration receiverDown,
    Duration partition,
    Duration recovery,
    Duration soak,
    double soakRate,
    boolean brokerPair) {
  static final List<String> FAULTS =
      List.of("node", "failover", "postgres", "receiver", "slow", "partition");

  static final String USAGE =
      """
      ./hookline chaos [options]
        --nodes N        Payara Micro nodes behind HAProxy (default 3, at least 2)
        --events N       events per stream, one stream per fault (default 3000)
        --rate N         events per second (default 100; the slow step sends half as many, to six
                         endpoints)
        --faults LIST    of node, failover, postgres, receiver, slow, partition (default all six,
                         in that order); none for the soak alone
        --soak MINUTES   then stream at --soak-rate for MINUTES to three endpoints, one failing
                         10 % of its requests, and report memory, connections, sizes and p99 per
                         window (5 minutes; a quarter of a shorter soak)
        --soak-rate N    the soak's events per second (default 300)
        --single-broker  one broker instead of a replicated pair (no failover step)
        --smoke          500 events at 50/s per fault, receiver down 5 s, a node cut off 10 s,
                         then a 2-minute soak at 20/s (CI)
      """;

  public static ChaosOptions parse(String... args) {
    int nodes = 3;
    int events = 3000;
    double rate = 100;
    List<String> faults = FAULTS;
    Duration receiverDown = Duration.ofSeconds(20);
    Duration partition = Duration.ofSeconds(30);
    Duration soak = null;
    double soakRate = 300;
    boolean brokerPair = true;
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--single-broker")) {
        brokerPair = false;
        continue;
      }
      if (option.equals("--smoke")) {
        events = 500;
        rate = 50;
        receiverDown = Duration.ofSeconds(5);
        partition = Duration.ofSeconds(10);
        soak = Duration.ofMinutes(2);
        soakRate = 20;
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
      }
      String value = args[++i];
      switch (option) {
        case "--nodes" -> nodes = Integer.parseInt(value);
        case "--events" -> events = Integer.parseInt(value);
        case "--rate" -> rate = Double.parseDouble(value);
        case "--soak" -> soak = Duration.ofSeconds(Math.round(Double.parseDouble(value) * 60));
        case "--soak-rate" -> soakRate = Double.parseDouble(value);
        case "--faults" -> {
          faults = value.equals("none") ? List.of() : List.of(value.split(","));
          for (String fault : faults) {
            if (!FAULTS.contains(fault)) {
              throw new IllegalArgumentException("no such fault: " + fault + "\n" + USAGE);
            }
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
      }
    }
    if (events < 10 || rate <= 0 || soakRate <= 0) {
      throw new IllegalArgumentException("at least 10 events, at a rate above 0\n" + USAGE);
    }
    if (!brokerPair && faults.contains("failover")) {
      faults = faults.stream().filter(f -> !f.equals("failover")).toList();
    }
    if (nodes < 2) {
      throw new IllegalArgumentException("at least 2 nodes\n" + USAGE);
    }
    if (soak != null && soak.toSeconds() < 60) {
      throw new IllegalArgumentException("a soak of at least 1 minute\n" + USAGE);
    }
    return new ChaosOptions(
        nodes,
        events,
        rate,
        faults,
        receiverDown,
        partition,
        Duration.ofMinutes(4),
        soak,
        soakRate,
        brokerPair);
  }
}
