package com.fieldservice.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The whole system on this machine: Kafka, the schema registry, Postgres, the SNS/SQS
 * emulator, the three services and the Kafka Connect worker with its connectors (SNS
 * fan-out, event archive), started in dependency order (infrastructure in parallel, then
 * the services and the worker in parallel), all on 127.0.0.1.
 */
public final class LocalStack implements AutoCloseable {

	public static final String ASSIGNMENT_SERVICE = "assignment-service";

	public static final String NOTIFICATION_STREAMS = "notification-streams";

	public static final String PUSH_SERVICE = "push-service";

	private static final Duration INFRA_TIMEOUT = Duration.ofSeconds(120);

	private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(120);

	private final StackSettings settings;

	private final KafkaCluster kafka;

	private final PostgresServer postgres;

	private final SchemaRegistry registry;

	private final SnsEmulator snsEmulator;

	private final ConnectWorker connect;

	private final Set<String> registeredConnectors = new CopyOnWriteArraySet<>();

	private FailedTaskRestarter taskRestarter;

	private final Map<String, SpringService> services = new LinkedHashMap<>();

	LocalStack(StackSettings settings) {
		this.settings = settings;
		var ports = settings.ports();
		Path data = settings.dataDir();
		this.kafka = new KafkaCluster(settings.kafkaNodePorts(), data, settings.jvmOptions());
		this.postgres = new PostgresServer(ports.postgres(), data.resolve("postgres"),
				data.resolve("logs").resolve("postgres.log"));
		this.registry = new SchemaRegistry(settings.home().resolve("local-stack/target/registry"), ports.registry(),
				ports.registryManagement(), data.resolve("logs"), settings.jvmOptions());
		this.snsEmulator = new SnsEmulator(settings.home(), ports.snsEmulator(), data.resolve("sns-emulator"),
				data.resolve("logs"));
		this.connect = new ConnectWorker(settings.home(), ports.connect(), data.resolve("connect"),
				data.resolve("logs"), settings.jvmOptions());
	}

	/**
	 * Starts everything and returns once every component is ready; on failure stops what
	 * started.
	 */
	public static LocalStack start(StackSettings settings) {
		return start(settings, true);
	}

	/**
	 * Starts only Kafka, the registry and Postgres (with the topics), for tests of a
	 * single service.
	 */
	public static LocalStack startInfrastructure(StackSettings settings) {
		return start(settings, false);
	}

	private static LocalStack start(StackSettings settings, boolean withServices) {
		var stack = new LocalStack(settings);
		try {
			stack.startAll(withServices);
			return stack;
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	/**
	 * Kafka and Postgres first; the services and the Connect worker as soon as the topics
	 * exist, while the registry is still starting: they reach the registry only when they
	 * first (de)serialize, and the stack is declared ready once all are and the
	 * connectors run.
	 */
	void startAll(boolean withServices) {
		if (settings.clean()) {
			deleteRecursively(settings.dataDir());
		}
		kafka.start();
		postgres.start();
		registry.start(postgres.jdbcUrl("registry"));
		if (withServices) {
			snsEmulator.start();
		}
		kafka.awaitReady(INFRA_TIMEOUT);
		TopicCreator.createAll(kafka.bootstrapServers(), kafka.replicationFactor());
		if (withServices) {
			startServices();
			startWorker();
		}
		registry.awaitReady(INFRA_TIMEOUT);
		SubjectCompatibility.enforce(registry.url());
		if (withServices) {
			snsEmulator.awaitReady(INFRA_TIMEOUT);
			awaitServices();
			awaitWorkerAndRegisterConnectors(Connectors.NAMES);
		}
	}

	/**
	 * Starts the SNS/SQS emulator, the Connect worker and its connectors (for stacks
	 * started with {@link #startInfrastructure}), and waits until the connectors run.
	 */
	public ConnectWorker startConnect() {
		return startConnect(Connectors.NAMES);
	}

	/**
	 * As {@link #startConnect()}, registering only the named connectors (of
	 * {@code sns-sink}, {@code sns-sink-fifo}, {@code event-archive}), e.g. to measure
	 * one alone.
	 */
	public ConnectWorker startConnect(List<String> connectors) {
		if (!snsEmulator.isRunning()) {
			snsEmulator.start();
			snsEmulator.awaitReady(INFRA_TIMEOUT);
		}
		startWorker();
		awaitWorkerAndRegisterConnectors(connectors);
		return connect;
	}

	/**
	 * Starts the Connect worker again after it was stopped or killed, with the same
	 * connectors.
	 */
	public void restartConnect() {
		startWorker();
		connect.awaitReady(SERVICE_TIMEOUT);
		registeredConnectors.forEach((name) -> connect.awaitRunning(name, SERVICE_TIMEOUT));
	}

	private void startWorker() {
		connect.start(kafka.bootstrapServers(), registry.url(), kafka.replicationFactor(),
				Connectors.workerEnvironment());
	}

	private void awaitWorkerAndRegisterConnectors(List<String> names) {
		connect.awaitReady(SERVICE_TIMEOUT);
		var connectors = new Connectors(connectorVariables());
		names.forEach((name) -> connect.register(name, connectors.config(settings.home(), name)));
		names.forEach((name) -> connect.awaitRunning(name, SERVICE_TIMEOUT));
		registeredConnectors.addAll(names);
		if (taskRestarter == null) {
			taskRestarter = new FailedTaskRestarter(connect, () -> registeredConnectors, System.out::println);
		}
	}

	/** The values of the placeholders in the connectors' checked-in configurations. */
	Map<String, String> connectorVariables() {
		return Map.ofEntries(Map.entry("SNS_TOPIC_ARN", SnsEmulator.topicArn(SnsEmulator.TOPIC)),
				Map.entry("SNS_FIFO_TOPIC_ARN", SnsEmulator.topicArn(SnsEmulator.FIFO_TOPIC)),
				Map.entry("AWS_REGION", SnsEmulator.REGION), Map.entry("AWS_ENDPOINT_URL_SNS", snsEmulator.endpoint()),
				Map.entry("AWS_ENDPOINT_URL_S3", snsEmulator.endpoint()),
				Map.entry("ARCHIVE_CATALOG_URI", postgres.jdbcUrl("archive")),
				Map.entry("ARCHIVE_CATALOG_USER", "postgres"), Map.entry("ARCHIVE_CATALOG_PASSWORD", "postgres"),
				Map.entry("ARCHIVE_WAREHOUSE", archiveWarehouse().toUri().toString()),
				Map.entry("ARCHIVE_IO_IMPL", "org.apache.iceberg.hadoop.HadoopFileIO"),
				Map.entry("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers()));
	}

	/** The directory of the event archive's Iceberg tables. */
	public Path archiveWarehouse() {
		return settings.dataDir().resolve("archive-warehouse");
	}

	private void startServices() {
		for (String name : serviceNames()) {
			services.put(name, newService(name));
		}
		services.values().forEach(SpringService::start);
	}

	private void awaitServices() {
		var ready = services.values()
			.stream()
			.map(service -> CompletableFuture.runAsync(() -> service.awaitReady(SERVICE_TIMEOUT)))
			.toArray(CompletableFuture[]::new);
		CompletableFuture.allOf(ready).join();
	}

	private SpringService newService(String name) {
		var ports = settings.ports();
		int port = switch (name) {
			case ASSIGNMENT_SERVICE -> ports.assignmentService();
			case NOTIFICATION_STREAMS -> ports.notificationStreams();
			case PUSH_SERVICE -> ports.pushService();
			default -> throw new IllegalArgumentException("Unknown service " + name);
		};
		int management = switch (name) {
			case ASSIGNMENT_SERVICE -> ports.assignmentServiceManagement();
			case NOTIFICATION_STREAMS -> ports.notificationStreamsManagement();
			default -> ports.pushServiceManagement();
		};
		return new SpringService(name, name, settings.home(), port, management, environmentOf(name),
				settings.dataDir().resolve("logs"), settings.recordAotCache(), settings.jvmOptions());
	}

	/**
	 * Starts instance {@code n} (2, 3, ...) of a service beside the first, as a
	 * scaled-out deployment runs it: same configuration and consumer group, its own port,
	 * Streams state directory and log file.
	 */
	public SpringService startInstance(String name, int n) {
		return startInstance(name, n, Map.of());
	}

	/**
	 * Starts instance {@code n} as {@link #startInstance(String, int)} does, with
	 * {@code variables} added to its environment (e.g. another
	 * {@code STREAMS_APPLICATION_ID} to run it as a separate application).
	 */
	public SpringService startInstance(String name, int n, Map<String, String> variables) {
		if (n < 2) {
			throw new IllegalArgumentException("Instance 1 is the service itself; use startService");
		}
		String instance = name + "-" + n;
		SpringService service = services.computeIfAbsent(instance, key -> {
			var environment = environmentOf(name);
			environment.computeIfPresent("STREAMS_STATE_DIR", (variable, dir) -> dir + "-" + n);
			environment.putAll(variables);
			return new SpringService(name, instance, settings.home(), StackSettings.freePort(),
					StackSettings.freePort(), environment, settings.dataDir().resolve("logs"), false,
					settings.jvmOptions());
		});
		service.start();
		service.awaitReady(SERVICE_TIMEOUT);
		return service;
	}

	/**
	 * The environment a service runs with; docker-compose.yml sets the same variables.
	 */
	Map<String, String> environmentOf(String name) {
		var environment = new LinkedHashMap<String, String>();
		environment.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
		environment.put("SCHEMA_REGISTRY_URL", registry.url());
		environment.put("SPRING_PROFILES_ACTIVE", "dev");
		switch (name) {
			case ASSIGNMENT_SERVICE -> {
				environment.put("POSTGRES_URL", postgres.jdbcUrl("assignments"));
				environment.put("POSTGRES_USER", "postgres");
				environment.put("POSTGRES_PASSWORD", "postgres");
				environment.put("JWT_SECRET", settings.jwtSecret());
				environment.put("DASHBOARD_ORIGINS", "http://127.0.0.1:" + settings.ports().pushService());
			}
			case NOTIFICATION_STREAMS -> {
				environment.put("STREAMS_STATE_DIR", settings.dataDir().resolve("streams-state").toString());
				environment.put("STREAMS_REPLICATION_FACTOR", Short.toString(kafka.replicationFactor()));
			}
			case PUSH_SERVICE -> {
				environment.put("JWT_SECRET", settings.jwtSecret());
				environment.put("ASSIGNMENT_SERVICE_URL", "http://127.0.0.1:" + settings.ports().assignmentService());
			}
			default -> throw new IllegalArgumentException("Unknown service " + name);
		}
		return environment;
	}

	static List<String> serviceNames() {
		return List.of(ASSIGNMENT_SERVICE, NOTIFICATION_STREAMS, PUSH_SERVICE);
	}

	/**
	 * Starts one more service (for stacks started with {@link #startInfrastructure}) and
	 * waits until it is ready.
	 */
	public SpringService startService(String name) {
		SpringService service = services.computeIfAbsent(name, this::newService);
		service.start();
		service.awaitReady(SERVICE_TIMEOUT);
		return service;
	}

	/**
	 * A supervisor of every process this stack started, which restarts one that dies and
	 * stops the stack (through {@code stopStack}) when that fails; call
	 * {@link Supervisor#start()} once the stack is up.
	 */
	Supervisor supervisor(Consumer<String> notices, Runnable stopStack) {
		var components = new ArrayList<Supervisor.Component>();
		for (KafkaBroker broker : kafka.brokers()) {
			components.add(Supervisor.Component.of(broker::process, () -> {
				kafka.start(broker.nodeId());
				broker.awaitReady(INFRA_TIMEOUT);
			}));
		}
		components.add(postgresComponent());
		components.add(Supervisor.Component.of(registry::process, () -> {
			registry.start(postgres.jdbcUrl("registry"));
			registry.awaitReady(INFRA_TIMEOUT);
		}));
		if (snsEmulator.process() != null) {
			components.add(Supervisor.Component.of(snsEmulator::process, () -> {
				snsEmulator.start();
				snsEmulator.awaitReady(INFRA_TIMEOUT);
			}));
		}
		for (SpringService service : services.values()) {
			components.add(Supervisor.Component.of(service::process, () -> {
				service.start();
				service.awaitReady(SERVICE_TIMEOUT);
			}));
		}
		if (connect.process() != null) {
			components.add(Supervisor.Component.of(connect::process, this::restartConnect));
		}
		return new Supervisor(components, notices, stopStack, Clock.systemUTC());
	}

	private Supervisor.Component postgresComponent() {
		return new Supervisor.Component() {

			@Override
			public String name() {
				return "postgres";
			}

			@Override
			public String exit() {
				return postgres.isRunning() ? null : "the postmaster is gone";
			}

			@Override
			public Path log() {
				return postgres.logFile();
			}

			@Override
			public void restart() {
				postgres.restart();
			}

		};
	}

	public KafkaCluster kafka() {
		return kafka;
	}

	public SchemaRegistry registry() {
		return registry;
	}

	public PostgresServer postgres() {
		return postgres;
	}

	public SnsEmulator snsEmulator() {
		return snsEmulator;
	}

	public ConnectWorker connect() {
		return connect;
	}

	public SpringService service(String name) {
		return services.get(name);
	}

	/**
	 * Instance {@code n} of a service started with {@link #startInstance}, or the service
	 * itself for 1.
	 */
	public SpringService service(String name, int n) {
		return services.get(n == 1 ? name : name + "-" + n);
	}

	public StackSettings settings() {
		return settings;
	}

	/**
	 * Stops services and the Connect worker first, then the emulator, registry, broker
	 * and Postgres.
	 */
	@Override
	public void close() {
		if (taskRestarter != null) {
			taskRestarter.close();
		}
		services.values().stream().toList().reversed().forEach(SpringService::close);
		connect.close();
		snsEmulator.close();
		registry.close();
		kafka.close();
		postgres.close();
	}

	private static void deleteRecursively(Path dir) {
		if (!Files.exists(dir)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(dir)) {
			paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not clean " + dir, ex);
		}
	}

}
