package io.hookline.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** What the build put in devstack/target/stack: distributions and deployables. */
public record StackFiles(Path dir) {

  public static StackFiles at(Path dir) {
    if (!Files.isRegularFile(dir.resolve("stack.properties"))) {
      throw new IllegalStateException(
          dir + " has no stack.properties: build first (./mvnw install)");
    }
    return new StackFiles(dir.toAbsolutePath());
  }

  private String property(String key) {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(dir.resolve("stack.properties"))) {
      properties.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty(key);
  }

  public Path artemisHome() {
    return dir.resolve(property("artemis.home"));
  }

  public Path brokerXml() {
    return dir.resolve("broker.xml");
  }

  public Path payaraMicroJar() {
    return dir.resolve("payara-micro.jar");
  }

  public Path artemisRar() {
    return dir.resolve("artemis-rar.rar");
  }

  public Path microWar() {
    return dir.resolve("hookline.war");
  }

  public Path ear() {
    return dir.resolve("hookline.ear");
  }
}
