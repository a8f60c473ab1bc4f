package com.fieldservice.assignment.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.fieldservice.stack.LocalStack;
import com.fieldservice.stack.StackSettings;

/**
 * Real Kafka, schema registry and Postgres for the integration tests, started once per
 * test JVM on free loopback ports (the local stack's launcher, without the services), and
 * the properties that point the service at them.
 */
public final class RealInfrastructure {

	public static final String JWT_SECRET = StackSettings.DEV_JWT_SECRET;

	private static LocalStack infrastructure;

	private RealInfrastructure() {
	}

	public static synchronized LocalStack get() {
		if (infrastructure == null) {
			try {
				Path data = Files.createTempDirectory(Path.of("target"), "infrastructure-").toAbsolutePath();
				infrastructure = LocalStack.startInfrastructure(StackSettings.forTests(data));
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
			Runtime.getRuntime().addShutdownHook(new Thread(infrastructure::close, "infrastructure-shutdown"));
		}
		return infrastructure;
	}

	public static void register(DynamicPropertyRegistry registry) {
		LocalStack stack = get();
		registry.add("spring.datasource.url", () -> stack.postgres().jdbcUrl("assignments"));
		registry.add("spring.kafka.bootstrap-servers", () -> stack.kafka().bootstrapServers());
		registry.add("assignments.schema-registry-url", () -> stack.registry().url());
		registry.add("assignments.security.jwt-secret", () -> JWT_SECRET);
	}

}
