package io.hookline.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs on the client before Arquillian deploys anything (from {@link StackSession}, in the
 * "arquillian" failsafe execution only): starts the broker, makes the database that the Micro it
 * launches will use (through the environment that execution sets), and writes the post-boot file
 * that deploys the Artemis RAR ahead of the test WAR.
 */
final class ArquillianBroker {
  static final String DATABASE = "hookline_it_arq";

  private ArquillianBroker() {}

  static void prepare() {
    TestStack.broker();
    TestStack.database(DATABASE);
    Path postBoot = TestStack.itDir().resolve("arquillian-postboot.asadmin");
    try {
      Files.createDirectories(postBoot.getParent());
      Files.writeString(
          postBoot, "deploy --name artemis-rar " + TestStack.files().artemisRar() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
