package io.hookline.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The dev stack's secrets, made on first run and kept (owner-only) in the data directory so data
 * and logins survive restarts: the admin token, the master key for endpoint secrets, and the broker
 * password.
 */
public record Secrets(String adminToken, String secretsKey, String brokerPassword) {
  private static final SecureRandom RANDOM = new SecureRandom();

  public static Secrets loadOrCreate(Path file) {
    Properties properties = new Properties();
    try {
      if (Files.exists(file)) {
        try (InputStream in = Files.newInputStream(file)) {
          properties.load(in);
        }
      }
      boolean changed = false;
      changed |= putIfAbsent(properties, "admin-token", "hk_admin_" + random(24, true));
      changed |= putIfAbsent(properties, "secrets-key", random(32, false));
      changed |= putIfAbsent(properties, "broker-password", random(18, true));
      if (changed) {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (OutputStream out = Files.newOutputStream(file)) {
          properties.store(
              out, "Hookline dev stack secrets; delete the data directory to start over");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new Secrets(
        properties.getProperty("admin-token"),
        properties.getProperty("secrets-key"),
        properties.getProperty("broker-password"));
  }

  private static boolean putIfAbsent(Properties properties, String key, String value) {
    return properties.putIfAbsent(key, value) == null;
  }

  static String random(int bytes, boolean urlSafe) {
    byte[] data = new byte[bytes];
    RANDOM.nextBytes(data);
    return urlSafe
        ? Base64.getUrlEncoder().withoutPadding().encodeToString(data)
        : Base64.getEncoder().encodeToString(data);
  }
}
