package io.hookline.devstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MicroJavaTest {
  @Test
  void theNewestPackagedJdkOfThePreferredReleaseOrLaterIsChosen(@TempDir Path jvms)
      throws IOException {
    jdk(jvms, "java-17-openjdk-amd64", "17.0.15");
    Path newest = jdk(jvms, "temurin-26-jdk-amd64", "26.0.1");
    jdk(jvms, "temurin-25-jdk-amd64", "25.0.3");
    Files.createDirectories(jvms.resolve("not-a-jdk"));
    assertEquals(Optional.of(newest), MicroJava.newestJdk(jvms, 25));
  }

  @Test
  void noneWhenOnlyOlderReleasesOrUnreadableOnesAreInstalled(@TempDir Path jvms)
      throws IOException {
    jdk(jvms, "java-17-openjdk-amd64", "17.0.15");
    jdk(jvms, "java-8-openjdk-amd64", "1.8.0_402");
    Path noRelease = jdk(jvms, "custom", "25");
    Files.delete(noRelease.resolve("release"));
    assertEquals(Optional.empty(), MicroJava.newestJdk(jvms, 25));
    assertEquals(Optional.empty(), MicroJava.newestJdk(jvms.resolve("missing"), 25));
  }

  @Test
  void theSettingWinsAndMustNameAJdk(@TempDir Path jvms) throws IOException {
    Path home = jdk(jvms, "java-17-openjdk-amd64", "17.0.15");
    assertEquals(
        home.resolve("bin/java"),
        MicroJava.executable(Map.of("HOOKLINE_MICRO_JAVA_HOME", home.toString())::get));
    IllegalStateException wrong =
        assertThrows(
            IllegalStateException.class,
            () ->
                MicroJava.executable(
                    Map.of("HOOKLINE_MICRO_JAVA_HOME", jvms.resolve("nothing").toString())::get));
    assertTrue(wrong.getMessage().contains("HOOKLINE_MICRO_JAVA_HOME"), wrong.getMessage());
  }

  @Test
  void aReportNamesTheRelease(@TempDir Path jvms) throws IOException {
    Path java = jdk(jvms, "temurin-25-jdk-amd64", "25.0.3").resolve("bin/java");
    assertEquals("Java 25 (" + java + ")", MicroJava.describe(java));
    assertTrue(MicroJava.describe(Path.of("java")).startsWith("Java of unknown release"));
  }

  private static Path jdk(Path jvms, String name, String version) throws IOException {
    Path home = Files.createDirectories(jvms.resolve(name));
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(
        home.resolve("release"), "IMPLEMENTOR=\"x\"\nJAVA_VERSION=\"" + version + "\"\n");
    return home;
  }
}
