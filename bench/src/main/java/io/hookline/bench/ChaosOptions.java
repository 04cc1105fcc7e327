package io.hookline.bench;

import java.time.Duration;
import java.util.List;

/**
 * What {@code ./hookline chaos} was asked to do.
 *
 * @param events events per stream (one stream per fault)
 * @param rate events per second
 * @param faults which harmful things to do, in order
 * @param receiverDown how long the receiver stays down
 * @param recovery the longest wait, after a stream, for every accepted event to arrive
 */
public record ChaosOptions(
    int events, double rate, List<String> faults, Duration receiverDown, Duration recovery) {
  static final List<String> FAULTS = List.of("node", "broker", "postgres", "receiver", "failover");

  static final String USAGE =
      """
      ./hookline chaos [options]
        --events N       events per stream, one stream per fault (default 3000)
        --rate N         events per second (default 100)
        --faults LIST    of node, broker, postgres, receiver, failover (default all five, in
                         that order; failover turns the broker into a replicated pair for good)
        --smoke          300 events at 50/s per fault, receiver down 5 s (CI)
      """;

  public static ChaosOptions parse(String... args) {
    int events = 3000;
    double rate = 100;
    List<String> faults = FAULTS;
    Duration receiverDown = Duration.ofSeconds(20);
    for (int i = 0; i < args.length; i++) {
      String option = args[i];
      if (option.equals("--smoke")) {
        events = 300;
        rate = 50;
        receiverDown = Duration.ofSeconds(5);
        continue;
      }
      if (i + 1 >= args.length) {
        throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
      }
      String value = args[++i];
      switch (option) {
        case "--events" -> events = Integer.parseInt(value);
        case "--rate" -> rate = Double.parseDouble(value);
        case "--faults" -> {
          faults = List.of(value.split(","));
          for (String fault : faults) {
            if (!FAULTS.contains(fault)) {
              throw new IllegalArgumentException("no such fault: " + fault + "\n" + USAGE);
            }
          }
        }
        default -> throw new IllegalArgumentException("unknown option " + option + "\n" + USAGE);
      }
    }
    if (events < 10 || rate <= 0) {
      throw new IllegalArgumentException("at least 10 events, at a rate above 0\n" + USAGE);
    }
    return new ChaosOptions(events, rate, faults, receiverDown, Duration.ofMinutes(4));
  }
}
