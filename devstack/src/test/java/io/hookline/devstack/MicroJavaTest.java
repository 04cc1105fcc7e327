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
  void theLatestUpdateOfThePreferredReleaseForThisMachineIsChosen(@TempDir Path jvms)
      throws IOException {
    jdk(jvms, "java-17-openjdk-amd64", "17.0.15", "x86_64");
    jdk(jvms, "java-26-openjdk-amd64", "26.0.1", "x86_64");
    jdk(jvms, "temurin-25-jdk-amd64", "25.0.1+8-LTS", "x86_64");
    Path latest = jdk(jvms, "java-25-openjdk-amd64", "25.0.3+9-Debian", "x86_64");
    jdk(jvms, "java-25-openjdk-i386", "25.0.4", "x86");
    jdk(jvms, "java-25-openjdk-ea", "25.0.5-ea+1", "x86_64");
    Files.createDirectories(jvms.resolve("not-a-jdk"));
    assertEquals(Optional.of(latest), MicroJava.packagedJdk(jvms, 25, "amd64"));
  }

  @Test
  void noneWhenOnlyOtherReleasesOrUnreadableOnesAreInstalled(@TempDir Path jvms)
      throws IOException {
    jdk(jvms, "java-17-openjdk-amd64", "17.0.15", "x86_64");
    jdk(jvms, "java-8-openjdk-amd64", "1.8.0_402", "x86_64");
    Path noRelease = jdk(jvms, "custom", "25", null);
    Files.delete(noRelease.resolve("release"));
    assertEquals(Optional.empty(), MicroJava.packagedJdk(jvms, 25, "amd64"));
    assertEquals(Optional.empty(), MicroJava.packagedJdk(jvms.resolve("missing"), 25, "amd64"));
  }

  @Test
  void theSettingWinsAndMustNameAJdk(@TempDir Path jvms) throws IOException {
    Path home = jdk(jvms, "java-17-openjdk-amd64", "17.0.15", "x86_64");
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
  void theLauncherReadsTheJdkFromItsOwnSettingsWhenMicroStarts(@TempDir Path dir)
      throws IOException {
    Path home = jdk(dir, "java-17-openjdk-amd64", "17.0.15", "x86_64");
    Path stack = Files.createDirectories(dir.resolve("stack"));
    Files.writeString(stack.resolve("stack.properties"), "artemis.home=artemis\n");
    Map<String, String> settings =
        Map.of(
            "HOOKLINE_STACK_DIR", stack.toString(),
            "HOOKLINE_DATA_DIR", dir.resolve("data").toString(),
            "HOOKLINE_MICRO_JAVA_HOME", home.toString());
    assertEquals(home.resolve("bin/java"), LocalStack.configure(settings::get).micro().java());
  }

  @Test
  void aReportNamesTheRelease(@TempDir Path jvms) throws IOException {
    Path java = jdk(jvms, "temurin-25-jdk-amd64", "25.0.3", "x86_64").resolve("bin/java");
    assertEquals("Java 25 (" + java + ")", MicroJava.describe(java));
    assertTrue(MicroJava.describe(Path.of("java")).startsWith("Java of unknown release"));
  }

  private static Path jdk(Path jvms, String name, String version, String arch) throws IOException {
    Path home = Files.createDirectories(jvms.resolve(name));
    Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
    Files.writeString(java, "#!/bin/sh\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    String release = "IMPLEMENTOR=\"x\"\nJAVA_RUNTIME_VERSION=\"" + version + "\"\n";
    Files.writeString(
        home.resolve("release"), arch == null ? release : release + "OS_ARCH=\"" + arch + "\"\n");
    return home;
  }
}
