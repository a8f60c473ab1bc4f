package com.fieldservice.assignment;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** Binding and validation of the EventLog retention settings. */
class AssignmentPropertiesTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(Settings.class)
		.withPropertyValues("assignments.event-log-retention.max-age=30d",
				"assignments.event-log-retention.batch-size=1000", "assignments.event-log-retention.interval=1h",
				"assignments.event-log-retention.pause=100ms");

	@Test
	void bindsTheRetention() {
		context.run(started -> assertThat(started.getBean(AssignmentProperties.class).eventLogRetention())
			.isEqualTo(new AssignmentProperties.Retention(Duration.ofDays(30), 1000, Duration.ofHours(1),
					Duration.ofMillis(100))));
	}

	@Test
	void acceptsNoPauseBetweenBatches() {
		context.withPropertyValues("assignments.event-log-retention.pause=0s")
			.run(started -> assertThat(started).hasNotFailed());
	}

	@Nested
	class Rejects {

		@Test
		void aMissingRetention() {
			new ApplicationContextRunner().withUserConfiguration(Settings.class)
				.run(started -> assertInvalid(started, "eventLogRetention"));
		}

		@Test
		void aZeroMaxAge() {
			context.withPropertyValues("assignments.event-log-retention.max-age=0s")
				.run(started -> assertInvalid(started, "eventLogRetention.maxAge"));
		}

		@Test
		void aNegativeInterval() {
			context.withPropertyValues("assignments.event-log-retention.interval=-1h")
				.run(started -> assertInvalid(started, "eventLogRetention.interval"));
		}

		@Test
		void aZeroBatchSize() {
			context.withPropertyValues("assignments.event-log-retention.batch-size=0")
				.run(started -> assertInvalid(started, "eventLogRetention.batchSize"));
		}

		@Test
		void aNegativePause() {
			context.withPropertyValues("assignments.event-log-retention.pause=-1ms")
				.run(started -> assertInvalid(started, "eventLogRetention.pause"));
		}

	}

	private static void assertInvalid(AssertableApplicationContext started, String field) {
		assertThat(started).getFailure()
			.rootCause()
			.isInstanceOf(BindValidationException.class)
			.hasMessageContaining("on field '" + field + "'");
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AssignmentProperties.class)
	static class Settings {

	}

}
