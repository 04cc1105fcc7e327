package io.hookline.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Prepares servers before a run where needed, and stops what {@link TestStack} started after it.
 */
public class StackSession implements LauncherSessionListener {
  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (Boolean.getBoolean("hookline.it.arquillian")) {
      ArquillianBroker.prepare();
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    TestStack.stopAll();
  }
}
