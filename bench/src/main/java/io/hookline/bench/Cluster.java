package io.hookline.bench;

import io.hookline.devstack.ArtemisBroker;
import io.hookline.devstack.ChildProcess;
import io.hookline.devstack.Database;
import io.hookline.devstack.Directories;
import io.hookline.devstack.HttpProbe;
import io.hookline.devstack.LocalStack;
import io.hookline.devstack.PayaraMicro;
import io.hookline.devstack.Secrets;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Hookline as several nodes run it in production: N Payara Micro nodes behind HAProxy, which routes
 * to ready nodes only, a replicated primary/backup Artemis pair, and PostgreSQL. The last node runs
 * in a {@link NetworkNamespace} of its own, so it can be cut off from PostgreSQL alone. Each node's
 * readiness is watched, to tell the answers of a node that had reported ready from those of one
 * still starting.
 */
final class Cluster implements AutoCloseable {
  /**
   * One node: its process, since when it has reported ready since it last started (0 while it has
   * not), and whether its last readiness check passed.
   */
  static final class Node {
    final String name;
    final PayaraMicro micro;
    final boolean isolated;
    final Path gcLog;
    volatile long readySince;
    volatile boolean readyNow;

    Node(String name, PayaraMicro micro, boolean isolated, Path gcLog) {
      this.name = name;
      this.micro = micro;
      this.isolated = isolated;
      this.gcLog = gcLog;
    }

    String url() {
      return micro.settings().baseUrl();
    }
  }

  private final Path data;
  private final Secrets secrets;
  private final Database database;
  private final NetworkNamespace net;
  private final ArtemisBroker primary;
  private final ArtemisBroker backup;
  private final List<Node> nodes;
  private final Balancer balancer;
  private TcpRelay databaseRelay;
  private Thread watcher;
  private volatile boolean closed;

  private Cluster(
      Path data,
      Secrets secrets,
      Database database,
      NetworkNamespace net,
      ArtemisBroker primary,
      ArtemisBroker backup,
      List<Node> nodes,
      Balancer balancer) {
    this.data = data;
    this.secrets = secrets;
    this.database = database;
    this.net = net;
    this.primary = primary;
    this.backup = backup;
    this.nodes = nodes;
    this.balancer = balancer;
  }

  /**
   * @param setting the crash suite's {@code HOOKLINE_*} settings: its ports, data and database
   * @param applicationSettings more environment for every node
   */
  static Cluster configure(
      int nodeCount,
      boolean brokerPair,
      Function<String, String> setting,
      Map<String, String> applicationSettings) {
    LocalStack base = LocalStack.configure(setting, applicationSettings);
    NetworkNamespace net = new NetworkNamespace();
    ArtemisBroker.Settings single = base.broker().settings();
    ArtemisBroker primary =
        new ArtemisBroker(brokerAt(single, net.hostAddress(), "artemis-primary", 0));
    ArtemisBroker backup =
        brokerPair
            ? new ArtemisBroker(brokerAt(single, net.hostAddress(), "artemis-backup", 1))
                .joinPair(new ArtemisBroker.PairMember(false, single.port()))
            : null;
    if (brokerPair) {
      primary.joinPair(new ArtemisBroker.PairMember(true, single.port() + 1));
    }
    PayaraMicro.Settings template = base.micro().settings();
    Map<String, String> environment = new HashMap<>(template.environment());
    environment.put("HOOKLINE_ARTEMIS_HOST", net.hostAddress());
    environment.put("HOOKLINE_ARTEMIS_PORT", Integer.toString(single.port()));
    environment.put("HOOKLINE_ARTEMIS_BACKUP_HOST", net.hostAddress());
    environment.put(
        "HOOKLINE_ARTEMIS_BACKUP_PORT", Integer.toString(single.port() + (brokerPair ? 1 : 0)));
    List<Node> nodes = new ArrayList<>();
    List<Balancer.Backend> backends = new ArrayList<>();
    for (int i = 1; i <= nodeCount; i++) {
      boolean isolated = i == nodeCount;
      Map<String, String> env = new HashMap<>(environment);
      if (isolated) {
        env.put("HOOKLINE_DB_HOST", net.hostAddress());
      }
      Path gcLog = base.data().resolve("node-" + i + "-gc.log");
      List<String> jvm = new ArrayList<>(template.jvmOptions());
      jvm.add("-Xlog:gc:file=" + gcLog);
      PayaraMicro micro =
          new PayaraMicro(
              new PayaraMicro.Settings(
                  template.jar(),
                  template.rar(),
                  template.war(),
                  isolated ? net.nodeAddress() : "127.0.0.1",
                  template.port() + i,
                  base.data().resolve("node-" + i),
                  env,
                  jvm));
      // The JDK the crash suite's settings choose (HOOKLINE_CHAOS_MICRO_JAVA_HOME among them).
      micro.runningOn(base.micro().java());
      if (isolated) {
        micro.launchVia(net.launcher());
      }
      Node node = new Node("node" + i, micro, isolated, gcLog);
      nodes.add(node);
      backends.add(
          new Balancer.Backend(node.name, micro.settings().host(), micro.settings().port()));
    }
    Balancer balancer = new Balancer(base.data().resolve("haproxy"), template.port(), backends);
    return new Cluster(
        base.data(), base.secrets(), base.database(), net, primary, backup, nodes, balancer);
  }

  /** A member of the pair at {@code host}, {@code offset} ports up, in an instance of its own. */
  private static ArtemisBroker.Settings brokerAt(
      ArtemisBroker.Settings single, String host, String instance, int offset) {
    return new ArtemisBroker.Settings(
        single.home(),
        single.instance().resolveSibling(instance),
        single.brokerXml(),
        host,
        single.port() + offset,
        single.consolePort() + offset,
        single.user(),
        single.password(),
        single.systemProperties());
  }

  /** Starts everything on an empty database; the first node alone, so it migrates the schema. */
  Cluster start() {
    net.create();
    database.ensureExists(true);
    // The database is new: messages a journal kept from an earlier run would name rows it lacks.
    for (ArtemisBroker broker : brokers()) {
      Directories.deleteRecursively(broker.settings().instance().resolve("data"));
    }
    databaseRelay =
        new TcpRelay(
            new InetSocketAddress(net.hostAddress(), database.port()),
            new InetSocketAddress(database.host(), database.port()));
    for (ArtemisBroker broker : brokers()) {
      broker.start();
    }
    watcher = new Thread(this::watchReadiness, "cluster-readiness");
    watcher.setDaemon(true);
    watcher.start();
    nodes.get(0).micro.start();
    CompletableFuture.allOf(
            nodes.stream()
                .skip(1)
                .map(node -> CompletableFuture.runAsync(node.micro::start))
                .toArray(CompletableFuture[]::new))
        .join();
    balancer.start();
    return this;
  }

  private void watchReadiness() {
    while (!closed) {
      for (Node node : nodes) {
        // Running before and after the check: a check begun before a kill may pass after it.
        boolean ready = node.micro.isRunning() && ready(node.url()) && node.micro.isRunning();
        node.readyNow = ready;
        if (ready && node.readySince == 0) {
          node.readySince = System.nanoTime();
        }
      }
      try {
        Thread.sleep(250);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static boolean ready(String baseUrl) {
    HttpProbe.Answer answer = HttpProbe.get(baseUrl + "/health/ready", 1000, 1500);
    return answer != null && answer.status() == 200;
  }

  /**
   * Whether the node of this name had reported ready, since it last started, before {@code atNanos}
   * (a {@link System#nanoTime()}), whether or not its checks have passed since.
   */
  boolean reportedReady(String nodeName, long atNanos) {
    for (Node node : nodes) {
      if (node.name.equals(nodeName)) {
        long since = node.readySince;
        return since != 0 && since <= atNanos;
      }
    }
    return false;
  }

  /** Whether the node's last readiness check passed. */
  boolean readyNow(String nodeName) {
    return nodes.stream().anyMatch(node -> node.name.equals(nodeName) && node.readyNow);
  }

  /** kill -9 of a node; from then on it counts as starting until it reports ready again. */
  void kill(Node node) {
    node.micro.kill();
    node.readySince = 0;
    node.readyNow = false;
  }

  /** The value of a query that counts, with string parameters. */
  long count(String sql, String... parameters) {
    try (Connection connection = database.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setString(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The app's deliveries not yet delivered, once there are none or {@code deadline} (a nanoTime)
   * has passed: the receiver counts an arrival before it answers, so a row may still be settling.
   */
  long awaitSettled(String appId, long deadline) throws InterruptedException {
    long pending;
    do {
      pending =
          count(
              "select count(*) from delivery d join message m on m.id = d.message_id"
                  + " where m.app_id = ? and d.status <> 'DELIVERED'",
              appId);
      if (pending > 0) {
        Thread.sleep(200);
      }
    } while (pending > 0 && System.nanoTime() < deadline);
    return pending;
  }

  /** Cuts the isolated node off from PostgreSQL (packets dropped), keeping the brokers. */
  void cutFromDatabase() {
    net.cut(database.port());
  }

  void heal() {
    net.heal();
  }

  List<Node> nodes() {
    return nodes;
  }

  Node isolatedNode() {
    return nodes.get(nodes.size() - 1);
  }

  ArtemisBroker primary() {
    return primary;
  }

  /** The backup, or null when the broker runs alone. */
  ArtemisBroker backup() {
    return backup;
  }

  /** The primary, then the backup if there is one. */
  List<ArtemisBroker> brokers() {
    return backup == null ? List.of(primary) : List.of(primary, backup);
  }

  Database database() {
    return database;
  }

  String url() {
    return balancer.url();
  }

  String adminToken() {
    return secrets.adminToken();
  }

  /** Where the receiver listens: an address every node, the isolated one too, reaches. */
  String hostAddress() {
    return net.hostAddress();
  }

  Path data() {
    return data;
  }

  /**
   * Nodes first (in parallel), then the backup and the primary, then anything still running, then
   * the network.
   */
  @Override
  public void close() {
    closed = true;
    if (watcher != null) {
      watcher.interrupt();
    }
    balancer.close();
    CompletableFuture.allOf(
            nodes.stream()
                .map(node -> CompletableFuture.runAsync(node.micro::close))
                .toArray(CompletableFuture[]::new))
        .join();
    if (backup != null) {
      backup.close();
    }
    primary.close();
    if (databaseRelay != null) {
      databaseRelay.close();
    }
    // A node the injector or the start was launching as this ran would be left running.
    ChildProcess.stopEverything();
    net.close();
  }
}
