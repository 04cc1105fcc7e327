package io.hookline.runtime;

import jakarta.annotation.sql.DataSourceDefinition;
import jakarta.ejb.Singleton;
import jakarta.jms.JMSConnectionFactoryDefinition;
import jakarta.jms.JMSDestinationDefinition;

/**
 * The application's resources, defined once here and looked up by these JNDI names everywhere else.
 * Payara resolves {@code ${ENV=NAME:default}} when it creates them; MicroProfile Config sources
 * inside the application are read too late for that, hence environment variables.
 *
 * <p>The datasource is non-XA on purpose: with the XA JMS connection factory it joins one JTA
 * transaction through last-agent optimisation, and stock PostgreSQL has prepared transactions off.
 */
@Singleton
@DataSourceDefinition(
    name = Resources.DATASOURCE,
    className = "org.postgresql.ds.PGSimpleDataSource",
    user = "${ENV=HOOKLINE_DB_USER:postgres}",
    password = "${ENV=HOOKLINE_DB_PASSWORD:postgres}",
    minPoolSize = 2,
    maxPoolSize = 40,
    properties = {
      "serverName=${ENV=HOOKLINE_DB_HOST:127.0.0.1}",
      "portNumber=${ENV=HOOKLINE_DB_PORT:5432}",
      "databaseName=${ENV=HOOKLINE_DB_NAME:hookline}",
      "reWriteBatchedInserts=true",
      "fish.payara.is-connection-validation-required=true",
      "fish.payara.connection-validation-method=auto-commit",
      "fish.payara.fail-all-connections=true"
    })
@JMSConnectionFactoryDefinition(
    name = Resources.CONNECTION_FACTORY,
    interfaceName = "jakarta.jms.ConnectionFactory",
    resourceAdapter = Resources.RESOURCE_ADAPTER,
    user = "${ENV=HOOKLINE_ARTEMIS_USER:hookline}",
    password = "${ENV=HOOKLINE_ARTEMIS_PASSWORD:hookline}",
    transactional = true,
    minPoolSize = 0,
    maxPoolSize = 40,
    properties = {
      "ConnectorClassName=" + Resources.CONNECTORS,
      "ConnectionParameters=" + Resources.BROKER_ADDRESSES,
      "HA=true",
      "CallTimeout=" + Resources.BROKER_CALL_TIMEOUT_MS,
      "CallFailoverTimeout=" + Resources.BROKER_CALL_TIMEOUT_MS
    })
@JMSDestinationDefinition(
    name = Resources.DELIVERY_QUEUE,
    interfaceName = "jakarta.jms.Queue",
    resourceAdapter = Resources.RESOURCE_ADAPTER,
    destinationName = Resources.DELIVERY_ADDRESS,
    properties = {"Address=" + Resources.DELIVERY_ADDRESS})
@JMSDestinationDefinition(
    name = Resources.DEAD_LETTER_QUEUE,
    interfaceName = "jakarta.jms.Queue",
    resourceAdapter = Resources.RESOURCE_ADAPTER,
    destinationName = Resources.DEAD_LETTER_ADDRESS,
    properties = {"Address=" + Resources.DEAD_LETTER_ADDRESS})
public class Resources {
  public static final String DATASOURCE = "java:app/jdbc/hookline";
  public static final String CONNECTION_FACTORY = "java:app/jms/hookline";
  public static final String DELIVERY_QUEUE = "java:app/jms/deliveries";
  public static final String DEAD_LETTER_QUEUE = "java:app/jms/dead-letters";

  /**
   * The broker, then its backup: the resource adapter makes one connector of each comma-separated
   * entry, with the connector class at the same place in {@link #CONNECTORS}. Without a backup the
   * second entry is the default address (Payara's placeholders cannot default one variable to
   * another), and the adapter picks among the entries for each new connection: with one broker
   * elsewhere, the backup variables must name it too (docs/configuration.md).
   */
  public static final String BROKER_ADDRESSES =
      "host=${ENV=HOOKLINE_ARTEMIS_HOST:127.0.0.1};port=${ENV=HOOKLINE_ARTEMIS_PORT:61616},"
          + "host=${ENV=HOOKLINE_ARTEMIS_BACKUP_HOST:127.0.0.1};"
          + "port=${ENV=HOOKLINE_ARTEMIS_BACKUP_PORT:61616}";

  /**
   * How long a call to the broker may wait for its answer, and for a failover to finish. Artemis
   * waits 30 s for each; a primary killed and restarted at once (failover, then fail-back) left
   * requests waiting for two of them, which no API client waits for, so it gives up sooner and the
   * request is answered 503.
   */
  public static final String BROKER_CALL_TIMEOUT_MS = "10000";

  /** One connector class per entry of {@link #BROKER_ADDRESSES}. */
  public static final String CONNECTORS =
      "org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory,"
          + "org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory";

  /** The Artemis resource adapter, deployed as its own module named after its file. */
  public static final String RESOURCE_ADAPTER = "artemis-rar";

  /** Broker address (anycast queue of the same name) of delivery work, due now or later. */
  public static final String DELIVERY_ADDRESS = "hookline.deliveries";

  /** Dead deliveries: Hookline puts one here in the transaction that marks the row DEAD. */
  public static final String DEAD_LETTER_ADDRESS = "hookline.dlq";
}
