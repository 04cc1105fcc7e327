package io.hookline.bench;

import java.util.Map;
import java.util.function.Function;

/** Settings for a stack the bench or the crash suite starts for itself, away from `up`'s. */
final class OwnStack {
  private OwnStack() {}

  /**
   * {@code HOOKLINE_<tool>_X} from the environment first (e.g. {@code HOOKLINE_BENCH_STACK_DIR} to
   * measure another build), then the tool's own value, then {@code HOOKLINE_X} as {@code up} reads
   * it.
   */
  static Function<String, String> settings(String tool, Map<String, String> own) {
    return name -> {
      String forTool =
          System.getenv("HOOKLINE_" + tool + "_" + name.substring("HOOKLINE_".length()));
      if (forTool != null) {
        return forTool;
      }
      return own.containsKey(name) ? own.get(name) : System.getenv(name);
    };
  }
}
