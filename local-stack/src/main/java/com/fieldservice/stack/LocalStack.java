package com.fieldservice.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * The whole system on this machine: Kafka, the schema registry, Postgres and the three
 * services, started in dependency order (infrastructure in parallel, then the services in
 * parallel), all on 127.0.0.1.
 */
public final class LocalStack implements AutoCloseable {

	public static final String ASSIGNMENT_SERVICE = "assignment-service";

	public static final String NOTIFICATION_STREAMS = "notification-streams";

	public static final String PUSH_SERVICE = "push-service";

	private static final Duration INFRA_TIMEOUT = Duration.ofSeconds(120);

	private static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(120);

	private final StackSettings settings;

	private final KafkaBroker kafka;

	private final PostgresServer postgres;

	private final SchemaRegistry registry;

	private final Map<String, SpringService> services = new LinkedHashMap<>();

	LocalStack(StackSettings settings) {
		this.settings = settings;
		var ports = settings.ports();
		Path data = settings.dataDir();
		this.kafka = new KafkaBroker(ports.kafka(), ports.kafkaController(), data.resolve("kafka"));
		this.postgres = new PostgresServer(ports.postgres(), data.resolve("postgres"), settings.clean());
		this.registry = new SchemaRegistry(settings.home().resolve("local-stack/target/registry"), ports.registry(),
				ports.registryManagement(), data.resolve("logs"));
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
	 * Kafka and Postgres first; the services as soon as the topics exist, while the
	 * registry is still starting: they reach the registry only when they first
	 * (de)serialize, and the stack is declared ready once all are.
	 */
	void startAll(boolean withServices) {
		if (settings.clean()) {
			deleteRecursively(settings.dataDir());
		}
		kafka.start();
		postgres.start();
		registry.start(postgres.jdbcUrl("registry"));
		kafka.awaitReady(INFRA_TIMEOUT);
		TopicCreator.createAll(kafka.bootstrapServers(), (short) 1);
		if (withServices) {
			startServices();
		}
		registry.awaitReady(INFRA_TIMEOUT);
		if (withServices) {
			awaitServices();
		}
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
		return new SpringService(name, name, settings.home(), port, environmentOf(name),
				settings.dataDir().resolve("logs"), settings.recordAotCache());
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
			return new SpringService(name, instance, settings.home(), StackSettings.freePort(), environment,
					settings.dataDir().resolve("logs"), false);
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
			}
			case NOTIFICATION_STREAMS ->
				environment.put("STREAMS_STATE_DIR", settings.dataDir().resolve("streams-state").toString());
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

	public KafkaBroker kafka() {
		return kafka;
	}

	public SchemaRegistry registry() {
		return registry;
	}

	public PostgresServer postgres() {
		return postgres;
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

	/** Stops services first, then the registry, the broker and Postgres. */
	@Override
	public void close() {
		services.values().stream().toList().reversed().forEach(SpringService::close);
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
