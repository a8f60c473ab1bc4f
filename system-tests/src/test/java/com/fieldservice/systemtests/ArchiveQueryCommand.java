package com.fieldservice.systemtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fieldservice.stack.LocalStack;
import com.fieldservice.testsupport.AssignmentApi;

import tools.jackson.databind.JsonNode;

/**
 * The archive's query command run as the data team runs it: its own JVM (the same class
 * path as {@code ./scripts/archive}), reading the table through the Iceberg catalog of a
 * test stack, each row back as JSON.
 */
final class ArchiveQueryCommand {

	/** How DuckDB writes a TIMESTAMPTZ in JSON: {@code 2030-01-07 09:00:00.123+00}. */
	private static final DateTimeFormatter DUCKDB_TIMESTAMP = new DateTimeFormatterBuilder()
		.appendPattern("yyyy-MM-dd HH:mm:ss")
		.optionalStart()
		.appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
		.optionalEnd()
		.appendOffset("+HH:mm", "+00")
		.toFormatter();

	private ArchiveQueryCommand() {
	}

	/** The rows of {@code sql} over the view {@code job_assigned}, as JSON objects. */
	static List<JsonNode> sql(LocalStack stack, String sql) {
		return run(stack, "--json", "sql", sql).stream().map(AssignmentApi.JSON::readTree).toList();
	}

	/** What the command prints for {@code arguments}, line by line. */
	static List<String> run(LocalStack stack, String... arguments) {
		Path home = stack.settings().home();
		var command = new ArrayList<>(
				List.of(javaExecutable(), "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
						"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
						home.resolve("event-archive/target/event-archive-0.1.0-SNAPSHOT.jar") + ":"
								+ home.resolve("event-archive/target/lib") + "/*",
						"com.fieldservice.archive.ArchiveQuery"));
		command.addAll(List.of(arguments));
		try {
			var builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
			builder.environment().put("ARCHIVE_CATALOG_URI", stack.postgres().jdbcUrl("archive"));
			Process process = builder.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(Duration.ofSeconds(60).toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
				throw new AssertionError("The query command failed: " + String.join(" ", arguments) + "\n" + output);
			}
			return output.lines().toList();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** An instant the command printed for a TIMESTAMPTZ column. */
	static Instant instant(JsonNode value) {
		return OffsetDateTime.parse(value.asString(), DUCKDB_TIMESTAMP).toInstant();
	}

	private static String javaExecutable() {
		return ProcessHandle.current().info().command().orElse("java");
	}

}
