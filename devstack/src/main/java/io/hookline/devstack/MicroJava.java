package io.hookline.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which Java runs Payara Micro. On Java 25 a node measured 19 % less peak memory than on Java 17
 * (763 against 937 MiB through the default benchmark), delivered its first minute's events at 200/s
 * with a p99 of 115 ms against 313 ms, and took batches 25 % faster; so a JDK 25 or later is used
 * where one is installed, and the Java running the launcher otherwise.
 */
public final class MicroJava {
  /** The oldest feature release preferred over the launcher's own Java. */
  static final int PREFERRED = 25;

  /** Where Debian's and Temurin's packages install their JDKs. */
  static final Path PACKAGED_JDKS = Path.of("/usr/lib/jvm");

  private static final Pattern VERSION = Pattern.compile("JAVA_VERSION=\"(\\d+)");

  private MicroJava() {}

  /**
   * The {@code java} executable for Payara Micro: {@code HOOKLINE_MICRO_JAVA_HOME}'s when set, else
   * the newest packaged JDK of release {@value #PREFERRED} or later, else this JVM's own.
   */
  public static Path executable(Function<String, String> environment) {
    String home = environment.apply("HOOKLINE_MICRO_JAVA_HOME");
    if (home != null && !home.isBlank()) {
      Path java = Path.of(home, "bin", "java");
      if (!Files.isExecutable(java)) {
        throw new IllegalStateException("HOOKLINE_MICRO_JAVA_HOME has no bin/java: " + home);
      }
      return java;
    }
    return newestJdk(PACKAGED_JDKS, PREFERRED)
        .orElse(Path.of(System.getProperty("java.home")))
        .resolve("bin")
        .resolve("java");
  }

  /** The executable with its JDK's release, for reports: "Java 25 (/usr/lib/jvm/...)". */
  public static String describe(Path java) {
    Path home = java.getParent() == null ? null : java.getParent().getParent();
    int feature = home == null ? 0 : feature(home);
    return (feature > 0 ? "Java " + feature : "Java of unknown release") + " (" + java + ")";
  }

  /** The home of the newest JDK in {@code dir} whose release is at least {@code atLeast}. */
  static Optional<Path> newestJdk(Path dir, int atLeast) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    List<Path> homes;
    try (Stream<Path> entries = Files.list(dir)) {
      homes = entries.filter(home -> Files.isExecutable(home.resolve("bin/java"))).toList();
    } catch (IOException e) {
      return Optional.empty();
    }
    return homes.stream()
        .filter(home -> feature(home) >= atLeast)
        // The newest release, and of two with the same, the same one every time.
        .max(Comparator.comparingInt(MicroJava::feature).thenComparing(Path::toString));
  }

  /** A JDK's feature release from its {@code release} file; 0 when it cannot be read. */
  static int feature(Path home) {
    try {
      Matcher version =
          VERSION.matcher(Files.readString(home.resolve("release"), StandardCharsets.UTF_8));
      return version.find() ? Integer.parseInt(version.group(1)) : 0;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
