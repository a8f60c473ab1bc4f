package com.fieldservice.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import com.fieldservice.stack.LocalStack;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The archive's query command run as the data team runs it ({@code ./scripts/archive}):
 * its own JVM reading the table's current snapshot through the stack's catalog, a reader
 * other than the benchmark's, to check what the table holds.
 */
final class ArchiveQueryCommand {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private ArchiveQueryCommand() {
	}

	/** The rows of {@code sql} over the view {@code job_assigned}, as JSON objects. */
	static List<JsonNode> sql(LocalStack stack, String sql) throws IOException, InterruptedException {
		Path home = stack.settings().home();
		var command = new ArrayList<>(
				List.of(ProcessHandle.current().info().command().orElse("java"), "--enable-native-access=ALL-UNNAMED",
						"-Xmx256m", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp",
						home.resolve("event-archive/target/event-archive-0.1.0-SNAPSHOT.jar") + ":"
								+ home.resolve("event-archive/target/lib") + "/*",
						"com.fieldservice.archive.ArchiveQuery", "--json", "sql", sql));
		// Its log (the snapshot it read) and errors go with the rows, which are the JSON
		// lines.
		var builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("ARCHIVE_CATALOG_URI", stack.postgres().jdbcUrl("archive"));
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
			process.destroyForcibly();
			throw new IllegalStateException("The query command failed on " + sql + ":\n" + output);
		}
		return output.lines().filter(line -> line.startsWith("{")).map(JSON::readTree).toList();
	}

}
