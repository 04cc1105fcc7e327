package io.hookline.it;

import io.hookline.it.fault.FailAfterSend;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/** The production WAR with the test-only fault observer added to WEB-INF/classes. */
final class TestWar {
  private TestWar() {}

  static Path build(Path productionWar, Path target) {
    String observer = FailAfterSend.class.getName().replace('.', '/') + ".class";
    try {
      Files.createDirectories(target.getParent());
      try (ZipFile in = new ZipFile(productionWar.toFile());
          OutputStream file = Files.newOutputStream(target);
          ZipOutputStream out = new ZipOutputStream(file)) {
        Enumeration<? extends ZipEntry> entries = in.entries();
        while (entries.hasMoreElements()) {
          ZipEntry entry = entries.nextElement();
          out.putNextEntry(new ZipEntry(entry.getName()));
          try (InputStream data = in.getInputStream(entry)) {
            data.transferTo(out);
          }
          out.closeEntry();
        }
        out.putNextEntry(new ZipEntry("WEB-INF/classes/" + observer));
        try (InputStream data = TestWar.class.getClassLoader().getResourceAsStream(observer)) {
          data.transferTo(out);
        }
        out.closeEntry();
      }
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
