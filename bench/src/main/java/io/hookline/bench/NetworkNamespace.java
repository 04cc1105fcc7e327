package io.hookline.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Linux network namespace of the crash suite's own, joined to this host by a veth pair: a node
 * started inside it reaches PostgreSQL and the brokers only through {@link #hostAddress()}, so
 * nftables rules inside the namespace can cut it off from one of them while it keeps the others.
 * Needs root (CAP_NET_ADMIN), iproute2 and nftables.
 */
final class NetworkNamespace implements AutoCloseable {
  static final String NAME = "hookline-chaos";
  private static final String HOST_LINK = "hlchaos0";
  private static final String NODE_LINK = "hlchaos1";
  private static final String HOST_ADDRESS = "10.231.0.1";
  private static final String NODE_ADDRESS = "10.231.0.2";
  private static final String TABLE = "hookline_chaos";

  /** Makes the namespace anew (one left by a killed run is removed first). */
  void create() {
    run(false, "ip", "netns", "del", NAME);
    run(false, "ip", "link", "del", HOST_LINK);
    run(true, "ip", "netns", "add", NAME);
    run(true, "ip", "link", "add", HOST_LINK, "type", "veth", "peer", "name", NODE_LINK);
    run(true, "ip", "link", "set", NODE_LINK, "netns", NAME);
    run(true, "ip", "addr", "add", HOST_ADDRESS + "/24", "dev", HOST_LINK);
    run(true, "ip", "link", "set", HOST_LINK, "up");
    run(true, "ip", "-n", NAME, "addr", "add", NODE_ADDRESS + "/24", "dev", NODE_LINK);
    run(true, "ip", "-n", NAME, "link", "set", NODE_LINK, "up");
    run(true, "ip", "-n", NAME, "link", "set", "lo", "up");
  }

  /** This host's address on the link: what a node inside reaches everything else at. */
  String hostAddress() {
    return HOST_ADDRESS;
  }

  /** The inside end's address, where a node inside listens. */
  String nodeAddress() {
    return NODE_ADDRESS;
  }

  /** The command that runs a program inside. */
  List<String> launcher() {
    return List.of("ip", "netns", "exec", NAME);
  }

  /**
   * Drops, silently, every packet from inside to the host's {@code port}: open connections hang and
   * new ones time out, as across a partitioned network, while other ports still pass.
   */
  void cut(int port) {
    inside(false, "nft", "delete", "table", "inet", TABLE);
    inside(true, "nft", "add", "table", "inet", TABLE);
    inside(
        true,
        "nft",
        "add",
        "chain",
        "inet",
        TABLE,
        "out",
        "{ type filter hook output priority 0 ; }");
    inside(
        true,
        "nft",
        "add",
        "rule",
        "inet",
        TABLE,
        "out",
        "ip",
        "daddr",
        HOST_ADDRESS,
        "tcp",
        "dport",
        Integer.toString(port),
        "drop");
  }

  /** Lets every packet through again. */
  void heal() {
    inside(true, "nft", "delete", "table", "inet", TABLE);
  }

  @Override
  public void close() {
    run(false, "ip", "netns", "del", NAME);
  }

  private static void inside(boolean mustWork, String... command) {
    List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", NAME));
    full.addAll(List.of(command));
    run(mustWork, full.toArray(String[]::new));
  }

  private static void run(boolean mustWork, String... command) {
    try {
      Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
      String output = new String(process.getInputStream().readAllBytes());
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not finish");
      }
      if (mustWork && process.exitValue() != 0) {
        throw new IllegalStateException(
            String.join(" ", command)
                + " failed ("
                + output.trim()
                + "): the crash suite needs root, iproute2 and nftables");
      }
    } catch (IOException e) {
      if (mustWork) {
        throw new IllegalStateException("could not run " + String.join(" ", command), e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
