package com.fieldservice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

	static Map<String, Map<String, Object>> services;

	@BeforeAll
	@SuppressWarnings("unchecked")
	static void parse() throws IOException {
		Path compose = StackSettings.findHome().resolve("docker-compose.yml");
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
		for (String service : applicationServices()) {
			assertThat((Map<String, Object>) services.get(service).get("depends_on")).as(service).containsKey("topics");
		}
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
			if (!name.equals("topics")) {
				assertThat(service).as(name + " has a healthcheck").containsKey("healthcheck");
			}
		});
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> environment(String service) {
		assertThat(services).containsKey(service);
		return (Map<String, Object>) services.get(service).get("environment");
	}

}
