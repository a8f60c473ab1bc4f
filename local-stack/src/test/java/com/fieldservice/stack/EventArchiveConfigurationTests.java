package com.fieldservice.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import com.fieldservice.schemas.Topics;

/**
 * The archive sink's routing (event-archive/config/event-archive.json) against the topic
 * catalogue: a record matching no table is written nowhere, so every event type of the
 * canonical topic must have exactly one table.
 */
class EventArchiveConfigurationTests {

	static Map<String, String> config;

	@BeforeAll
	static void parse() throws IOException {
		// JSON is YAML: SnakeYAML reads it.
		config = new Yaml().load(Files.readString(StackSettings.findHome().resolve(Connectors.file("event-archive"))));
	}

	@Test
	void readsTheCanonicalTopic() {
		assertThat(config.get("topics")).isEqualTo(Topics.JOB_ASSIGNED.name());
	}

	@Test
	void routesEveryEventTypeOfTheCanonicalTopicToExactlyOneTable() {
		List<String> tables = Arrays.asList(config.get("iceberg.tables").split(","));
		assertThat(config.get("iceberg.tables.route-field")).isEqualTo("eventType");
		for (Class<?> type : Topics.JOB_ASSIGNED.valueTypes()) {
			assertThat(tables.stream().filter((table) -> routes(table, type.getSimpleName())))
				.as(type.getSimpleName() + " goes to one table")
				.hasSize(1);
		}
		assertThat(tables).as("one table per type")
			.hasSameSizeAs(Topics.JOB_ASSIGNED.valueTypes())
			.containsExactly("archive.job_assigned", "archive.assignment_cancelled");
	}

	private static boolean routes(String table, String eventType) {
		String regex = config.get("iceberg.table." + table + ".route-regex");
		return regex != null && Pattern.compile(regex).matcher(eventType).matches();
	}

}
