package io.hookline.devstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which Java runs Payara Micro. On Java 25 a node needs less memory and is faster in its first
 * minute than on Java 17 (docs/performance.md has the figures), so a JDK 25 is used where one is
 * installed, and the launcher's own Java otherwise.
 */
public final class MicroJava {
  /**
   * The feature release preferred over the launcher's own Java: the one Hookline is measured on.
   */
  static final int PREFERRED = 25;

  /** Where Debian's and Temurin's packages install their JDKs. */
  static final Path PACKAGED_JDKS = Path.of("/usr/lib/jvm");

  private static final Pattern VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"([^\"]+)\"");
  private static final Pattern RUNTIME = Pattern.compile("(?m)^JAVA_RUNTIME_VERSION=\"([^\"]+)\"");
  private static final Pattern ARCH = Pattern.compile("(?m)^OS_ARCH=\"([^\"]+)\"");

  private MicroJava() {}

  /**
   * The {@code java} executable for Payara Micro: {@code HOOKLINE_MICRO_JAVA_HOME}'s when set, else
   * the latest update of a packaged JDK {@value #PREFERRED} for this machine's architecture, else
   * this JVM's own.
   *
   * @param settings the launcher's settings ({@code HOOKLINE_*}), null when not set
   */
  public static Path executable(Function<String, String> settings) {
    String home = settings.apply("HOOKLINE_MICRO_JAVA_HOME");
    if (home != null && !home.isBlank()) {
      Path java = Path.of(home, "bin", "java");
      if (!Files.isExecutable(java)) {
        throw new IllegalStateException("HOOKLINE_MICRO_JAVA_HOME has no bin/java: " + home);
      }
      return java;
    }
    return packagedJdk(PACKAGED_JDKS, PREFERRED, System.getProperty("os.arch"))
        .orElse(Path.of(System.getProperty("java.home")))
        .resolve("bin")
        .resolve("java");
  }

  /**
   * The home of the latest general-availability update of JDK {@code feature} in {@code dir} built
   * for {@code arch} (as {@code os.arch} names it); of two equal ones, the same one every time.
   */
  static Optional<Path> packagedJdk(Path dir, int feature, String arch) {
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    List<Path> homes;
    try (Stream<Path> entries = Files.list(dir)) {
      homes = entries.filter(home -> Files.isExecutable(home.resolve("bin/java"))).toList();
    } catch (IOException | UncheckedIOException e) {
      return Optional.empty();
    }
    return homes.stream()
        .map(home -> Map.entry(home, release(home)))
        .filter(jdk -> jdk.getValue().isPresent())
        .filter(jdk -> jdk.getValue().get().version().feature() == feature)
        .filter(jdk -> jdk.getValue().get().version().pre().isEmpty())
        .filter(jdk -> jdk.getValue().get().builtFor(arch))
        .max(
            Comparator.<Map.Entry<Path, Optional<Release>>, Runtime.Version>comparing(
                    jdk -> jdk.getValue().get().version())
                .thenComparing(jdk -> jdk.getKey().toString()))
        .map(Map.Entry::getKey);
  }

  /**
   * What a JDK home's {@code release} file says.
   *
   * @param arch its {@code OS_ARCH}, or null when not given
   */
  record Release(Runtime.Version version, String arch) {
    /** Debian's and the JDK's names for the same machine differ: x86_64 is amd64. */
    boolean builtFor(String osArch) {
      return arch == null || normal(arch).equals(normal(osArch));
    }

    private static String normal(String arch) {
      return arch.equals("x86_64") ? "amd64" : arch;
    }
  }

  /** A JDK home's release, from its {@code release} file; empty when that cannot be read. */
  static Optional<Release> release(Path home) {
    try {
      String text = Files.readString(home.resolve("release"), StandardCharsets.UTF_8);
      Matcher runtime = RUNTIME.matcher(text);
      Matcher version = VERSION.matcher(text);
      String given = runtime.find() ? runtime.group(1) : version.find() ? version.group(1) : null;
      if (given == null) {
        return Optional.empty();
      }
      Matcher arch = ARCH.matcher(text);
      return Optional.of(
          new Release(Runtime.Version.parse(given), arch.find() ? arch.group(1) : null));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** The executable with its JDK's release, for reports: "Java 25 (/usr/lib/jvm/...)". */
  public static String describe(Path java) {
    Path home = java.getParent() == null ? null : java.getParent().getParent();
    Optional<Release> release = home == null ? Optional.empty() : release(home);
    return release.map(r -> "Java " + r.version().feature()).orElse("Java of unknown release")
        + " ("
        + java
        + ")";
  }
}
