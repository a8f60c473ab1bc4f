package com.fieldservice.systemtests;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import com.fieldservice.stack.ManagedProcess;
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

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private ArchiveQueryCommand() {
	}

	/** The rows of {@code sql} over the archive's views, as JSON objects. */
	static List<JsonNode> sql(LocalStack stack, String sql) {
		return run(stack, "--json", "sql", sql).stream().map(AssignmentApi.JSON::readTree).toList();
	}

	/** What the command prints for {@code arguments}, line by line. */
	static List<String> run(LocalStack stack, String... arguments) {
		Path home = stack.settings().home();
		var command = new ArrayList<>(
				List.of(ManagedProcess.javaExecutable(), "--enable-native-access=ALL-UNNAMED", "-Xmx256m",
						"-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
						home.resolve("event-archive/target/event-archive-0.1.0-SNAPSHOT.jar") + ":"
								+ home.resolve("event-archive/target/lib") + "/*",
						"com.fieldservice.archive.ArchiveQuery"));
		command.addAll(List.of(arguments));
		try {
			// Written to a file, not read from a pipe, so that a command that hangs is
			// given
			// up on after TIMEOUT instead of blocking the read.
			Path output = Files.createTempFile("archive-query-", ".out");
			var builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT)
				.redirectOutput(output.toFile());
			builder.environment().put("ARCHIVE_CATALOG_URI", stack.postgres().jdbcUrl("archive"));
			Process process = builder.start();
			boolean exited = process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
			if (!exited) {
				process.destroyForcibly();
			}
			List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8);
			Files.delete(output);
			if (!exited || process.exitValue() != 0) {
				throw new AssertionError("The query command " + (exited ? "failed" : "did not end within " + TIMEOUT)
						+ ": " + String.join(" ", arguments) + "\n" + String.join("\n", lines));
			}
			return lines;
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

}
