package io.hookline.devstack;

/** A server this stack runs as a child process: stop it cleanly, or kill it for crash tests. */
abstract class ServerProcess implements AutoCloseable {
  protected ChildProcess process;

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  public ChildProcess process() {
    return process;
  }

  @Override
  public void close() {
    if (process != null) {
      process.close();
    }
  }

  /** kill -9, for crash tests. */
  public void kill() {
    if (process != null) {
      process.kill();
    }
  }
}
