package com.fieldservice.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml cannot start on machines without Docker, so the build checks what it
 * can: it runs the same services with the same environment variables as the local stack,
 * on loopback-bound ports, started in health order.
 */
class DockerComposeConsistencyTests {

	/** Containers that run once and exit: nothing to probe for health. */
	private static final Set<String> ONE_SHOTS = Set.of("topics", "connectors");

	/**
	 * Worker settings that name where things are: compared one by one, not with the local
	 * stack's values.
	 */
	private static final Set<String> WORKER_ADDRESSES = Set.of("bootstrap.servers", "listeners",
			"rest.advertised.host.name", "rest.advertised.port", "plugin.path",
			"value.converter.apicurio.registry.url");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

	static Path home;

	static Map<String, Map<String, Object>> services;

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void parse() throws IOException {
		home = StackSettings.findHome();
		Path compose = home.resolve("docker-compose.yml");
		Map<String, Object> document = new Yaml().load(Files.readString(compose));
		services = (Map<String, Map<String, Object>>) document.get("services");
	}

	static List<String> applicationServices() {
		return LocalStack.serviceNames();
	}

	@ParameterizedTest
	@MethodSource("applicationServices")
	void setsEveryVariableTheLocalStackSets(String service) {
		var localStack = new LocalStack(StackSettings.forTests(Path.of("target/unused")));

		assertThat(environment(service)).as(service)
			.containsKeys(localStack.environmentOf(service).keySet().toArray(String[]::new));
	}

	@ParameterizedTest
	@MethodSource("applicationServices")
	void setsOnlyVariablesTheServiceReads(String service) throws IOException {
		String configuration = Files
			.readString(StackSettings.findHome().resolve(service + "/src/main/resources/application.yml"));
		for (String variable : environment(service).keySet()) {
			if (!variable.equals("SPRING_PROFILES_ACTIVE")) {
				assertThat(configuration).as(service + " reads " + variable).contains("${" + variable);
			}
		}
	}

	/**
	 * New topics go into the catalogue only: compose creates them with the same
	 * TopicCreator as the local stack.
	 */
	@Test
	@SuppressWarnings("unchecked")
	void createsEveryTopicOfTheCatalogueWithTheTopicCreatorBeforeAnyServiceStarts() {
		assertThat((List<String>) services.get("topics").get("command")).containsExactly(TopicCreator.class.getName());
		for (String service : Stream.concat(applicationServices().stream(), Stream.of("connect")).toList()) {
			assertThat((Map<String, Object>) services.get(service).get("depends_on")).as(service).containsKey("topics");
		}
	}

	/** The topic container sets the subjects' compatibility, so it needs the registry. */
	@Test
	@SuppressWarnings("unchecked")
	void setsTheSubjectsCompatibilityOnceTheRegistryIsUp() {
		assertThat(environment("topics")).containsEntry("SCHEMA_REGISTRY_URL", "http://schema-registry:8081");
		assertThat((Map<String, Object>) services.get("topics").get("depends_on")).containsKey("schema-registry");
	}

	@Test
	void publishesPortsOnLoopbackOnly() {
		services.forEach((name, service) -> {
			@SuppressWarnings("unchecked")
			var ports = (List<String>) service.getOrDefault("ports", List.of());
			assertThat(ports).as(name).allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
		});
	}

	@Test
	void startsEveryServiceAfterItsDependenciesAreHealthy() {
		services.forEach((name, service) -> {
			if (service.get("depends_on") instanceof Map<?, ?> dependsOn) {
				dependsOn.values()
					.forEach(condition -> assertThat(((Map<?, ?>) condition).get("condition")).as(name)
						.isIn("service_healthy", "service_completed_successfully"));
			}
			if (!ONE_SHOTS.contains(name)) {
				assertThat(service).as(name + " has a healthcheck").containsKey("healthcheck");
			}
		});
	}

	/**
	 * Configured through its environment, the apache/kafka image forgets its default
	 * log.dirs: unset, the data lands outside the volume and dies with the container.
	 */
	@Test
	void keepsTheBrokersLogsInItsVolume() {
		Object logDirs = environment("kafka").get("KAFKA_LOG_DIRS");

		assertThat(logDirs).as("KAFKA_LOG_DIRS").isNotNull();
		for (String logDir : logDirs.toString().split(",")) {
			assertInsideAVolume("kafka", logDir);
		}
	}

	/** The compose broker tunes transactions and sessions as the local stack's do. */
	@Test
	void tunesTheBrokersTimingsLikeTheLocalStack() {
		KafkaBroker.TUNED_TIMINGS.forEach((setting, value) -> {
			String variable = "KAFKA_" + setting.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
			assertThat(String.valueOf(environment("kafka").get(variable))).as(variable).isEqualTo(value);
		});
	}

	@Test
	void keepsTheEmulatorsStateInItsVolume() {
		assertInsideAVolume("sns-emulator", environment("sns-emulator").get("FAUXQS_DATA_DIR").toString());
	}

	/** The apache/kafka image ships no curl: such a probe would never pass. */
	@Test
	void probesKafkaImagesWithoutCurl() {
		services.forEach((name, service) -> {
			if (String.valueOf(service.get("image")).startsWith("apache/kafka:")) {
				assertThat(healthcheck(name)).as(name + "'s healthcheck").doesNotContain("curl");
			}
		});
	}

	@Test
	void createsEveryDatabaseOfTheLocalStack() throws IOException {
		var created = new ArrayList<String>();
		created.add(environment("postgres").get("POSTGRES_DB").toString());
		for (String script : mountedFiles("postgres", "/docker-entrypoint-initdb.d/")) {
			Matcher databases = Pattern.compile("CREATE DATABASE (\\w+)")
				.matcher(Files.readString(home.resolve(script)));
			while (databases.find()) {
				created.add(databases.group(1));
			}
		}

		assertThat(created).containsAll(PostgresServer.DATABASES);
	}

	static List<String> connectorNames() {
		return Connectors.NAMES;
	}

	/**
	 * Compose registers the same checked-in file, mounted at the same path under the
	 * registration's working directory.
	 */
	@ParameterizedTest
	@MethodSource("connectorNames")
	@SuppressWarnings("unchecked")
	void registersEveryConnectorOfTheLocalStack(String name) {
		var connectors = services.get("connectors");
		String file = Connectors.file(name);

		assertThat((List<String>) connectors.get("command")).contains(name + "=" + file);
		String directory = Path.of(file).getParent().toString();
		assertThat(volumes("connectors"))
			.contains("./" + directory + ":" + connectors.get("working_dir") + "/" + directory + ":ro");
	}

	@Test
	@SuppressWarnings("unchecked")
	void registersConnectorsWithTheCheckedInScript() {
		var entrypoint = (List<String>) services.get("connectors").get("entrypoint");
		String script = entrypoint.get(entrypoint.size() - 1);

		assertThat(mountedFiles("connectors", script)).containsExactly("connect-worker/config/register-connectors.sh");
		assertThat(home.resolve("connect-worker/config/register-connectors.sh")).isRegularFile();
	}

	@ParameterizedTest
	@MethodSource("connectorNames")
	void givesEveryVariableOfTheConnectorsConfigurationAValue(String name) throws IOException {
		Matcher placeholders = PLACEHOLDER.matcher(Files.readString(home.resolve(Connectors.file(name))));
		var connectors = environment("connectors");

		while (placeholders.find()) {
			assertThat(connectors.get(placeholders.group(1))).as(name + " needs ${" + placeholders.group(1) + "}")
				.isNotNull();
		}
	}

	/** The defaults point at what the emulator's init.json creates. */
	@Test
	void defaultsToTheEmulatorsTopicsAndBucket() throws IOException {
		var connectors = environment("connectors");
		String init = Files.readString(home.resolve("local-stack/sns-emulator/init.json"));

		assertThat(defaultOf(connectors.get("SNS_TOPIC_ARN"))).isEqualTo(SnsEmulator.topicArn(SnsEmulator.TOPIC));
		assertThat(defaultOf(connectors.get("SNS_FIFO_TOPIC_ARN")))
			.isEqualTo(SnsEmulator.topicArn(SnsEmulator.FIFO_TOPIC));
		String bucket = defaultOf(connectors.get("ARCHIVE_WAREHOUSE")).replaceFirst("^s3://([^/]+).*", "$1");
		assertThat(init).contains("\"" + bucket + "\"");
	}

	/**
	 * Both workers convert and store alike: same group, internal topics, converters and
	 * timings; only the addresses differ.
	 */
	@Test
	void runsTheWorkerWithTheLocalStacksSettings() throws IOException {
		Map<String, String> local = ConnectWorker.settings(home, 8084, "local-bootstrap", "local-registry", (short) 1);
		Properties compose = workerProperties();

		assertThat(compose.stringPropertyNames()).containsExactlyInAnyOrderElementsOf(local.keySet());
		local.forEach((key, value) -> {
			if (!WORKER_ADDRESSES.contains(key)) {
				assertThat(compose.getProperty(key)).as(key).isEqualTo(value);
			}
		});
		assertThat(compose.getProperty("bootstrap.servers"))
			.isEqualTo(environment("topics").get("KAFKA_BOOTSTRAP_SERVERS"));
		assertThat(compose.getProperty("value.converter.apicurio.registry.url"))
			.isEqualTo(local.get("value.converter.apicurio.registry.url")
				.replace("local-registry", "http://schema-registry:8081"));
		assertThat(compose.getProperty("listeners")).isEqualTo("http://0.0.0.0:8083");
		assertThat(compose.getProperty("plugin.path")).isEqualTo("/opt/connect-plugins");
	}

	/**
	 * Each plugin directory under the local worker's plugin path, mounted as a directory
	 * of the compose worker's.
	 */
	@Test
	void mountsPluginsFromEveryPluginDirectoryOfTheLocalStack() {
		for (String root : localPluginRoots()) {
			var mounts = volumes("connect").stream().filter((volume) -> volume.startsWith("./" + root + "/")).toList();
			assertThat(mounts).as("plugins from " + root).isNotEmpty().allSatisfy((volume) -> {
				String[] parts = volume.split(":");
				assertThat(parts[1]).isEqualTo("/opt/connect-plugins/" + Path.of(parts[0]).getFileName());
				assertThat(parts[parts.length - 1]).isEqualTo("ro");
			});
		}
	}

	@Test
	void mountsEveryBuiltPlugin() throws IOException {
		for (String root : localPluginRoots()) {
			assumeTrue(Files.isDirectory(home.resolve(root)), root + " is built by ./mvnw package");
			try (Stream<Path> plugins = Files.list(home.resolve(root))) {
				for (Path plugin : plugins.filter(Files::isDirectory).toList()) {
					assertThat(volumes("connect")).as(root)
						.anyMatch((volume) -> volume.startsWith("./" + root + "/" + plugin.getFileName() + ":"));
				}
			}
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void loadsTheCheckedInWorkerConfiguration() {
		var command = (List<String>) services.get("connect").get("command");

		assertThat(command.get(0)).endsWith("/connect-distributed.sh");
		assertThat(mountedFiles("connect", command.get(command.size() - 1)))
			.containsExactly("connect-worker/config/connect-distributed.properties");
	}

	/**
	 * The connectors take AWS credentials and region from the worker's environment, the
	 * emulator's unless overridden.
	 */
	@Test
	void givesTheWorkerTheLocalStacksAwsVariablesAsDefaults() {
		var connect = environment("connect");
		Connectors.workerEnvironment()
			.forEach((variable, value) -> assertThat(connect.get(variable)).as(variable)
				.isEqualTo("${" + variable + ":-" + value + "}"));
	}

	private static Properties workerProperties() throws IOException {
		var properties = new Properties();
		try (Reader in = Files
			.newBufferedReader(home.resolve("connect-worker/config/connect-distributed.properties"))) {
			properties.load(in);
		}
		return properties;
	}

	/** The local worker's plugin.path entries, relative to the project root. */
	private static List<String> localPluginRoots() {
		String pluginPath = ConnectWorker.settings(home, 8084, "local-bootstrap", "local-registry", (short) 1)
			.get("plugin.path");
		return Arrays.stream(pluginPath.split(",")).map((root) -> home.relativize(Path.of(root)).toString()).toList();
	}

	private static void assertInsideAVolume(String service, String path) {
		assertThat(volumes(service)).as(path + " in a volume of " + service)
			.anyMatch((volume) -> path.equals(volume.split(":")[1]) || path.startsWith(volume.split(":")[1] + "/"));
	}

	/**
	 * The project files mounted into {@code service} at {@code target} (a file or, ending
	 * with /, a directory).
	 */
	private static List<String> mountedFiles(String service, String target) {
		return volumes(service).stream()
			.map((volume) -> volume.split(":"))
			.filter((parts) -> parts[0].startsWith("./")
					&& (target.endsWith("/") ? parts[1].startsWith(target) : parts[1].equals(target)))
			.map((parts) -> parts[0].substring(2))
			.toList();
	}

	@SuppressWarnings("unchecked")
	private static List<String> volumes(String service) {
		return (List<String>) services.get(service).getOrDefault("volumes", List.of());
	}

	private static String healthcheck(String service) {
		Object test = ((Map<?, ?>) services.get(service).get("healthcheck")).get("test");
		return (test instanceof List<?> words) ? String.join(" ", words.stream().map(String::valueOf).toList())
				: String.valueOf(test);
	}

	/** The default of a compose value {@code ${VARIABLE:-default}}. */
	private static String defaultOf(Object value) {
		return value.toString().replaceFirst("^\\$\\{\\w+:?-(.*)}$", "$1");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> environment(String service) {
		assertThat(services).containsKey(service);
		return (Map<String, Object>) services.get(service).get("environment");
	}

}
