package com.fieldservice.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The connectors the stack registers with its Connect worker, from the JSON
 * configurations checked in beside each (the same files docker compose registers), with
 * their {@code ${VARIABLE}} placeholders filled in.
 */
final class Connectors {

	/**
	 * The SNS sink to the standard topic, the one to the FIFO topic, and the event
	 * archive.
	 */
	static final List<String> NAMES = List.of("sns-sink", "sns-sink-fifo", "event-archive");

	private static final Map<String, String> FILES = Map.of("sns-sink", "sns-sink-connector/config/sns-sink.json",
			"sns-sink-fifo", "sns-sink-connector/config/sns-sink-fifo.json", "event-archive",
			"event-archive/config/event-archive.json");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)}");

	private final Map<String, String> variables;

	Connectors(Map<String, String> variables) {
		this.variables = variables;
	}

	/**
	 * The configuration of connector {@code name} as JSON, its placeholders filled in.
	 */
	String config(Path home, String name) {
		Path file = home.resolve(file(name));
		try {
			return fill(Files.readString(file));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not read the configuration of connector " + name + ": " + file, ex);
		}
	}

	/**
	 * The checked-in configuration of connector {@code name}, relative to the project
	 * root.
	 */
	static String file(String name) {
		return FILES.get(name);
	}

	String fill(String template) {
		Matcher placeholders = PLACEHOLDER.matcher(template);
		var filled = new StringBuilder();
		while (placeholders.find()) {
			String value = this.variables.get(placeholders.group(1));
			if (value == null) {
				throw new IllegalArgumentException("No value for ${" + placeholders.group(1) + "}");
			}
			placeholders.appendReplacement(filled, Matcher.quoteReplacement(value.replace("\"", "\\\"")));
		}
		placeholders.appendTail(filled);
		return filled.toString();
	}

	/**
	 * What the worker's environment gives the connectors: credentials for the emulator,
	 * taken by the SNS sink through AWS's default credential chain as it would take a
	 * real account's.
	 */
	static Map<String, String> workerEnvironment() {
		return Map.of("AWS_ACCESS_KEY_ID", SnsEmulator.ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SnsEmulator.SECRET_KEY,
				"AWS_REGION", SnsEmulator.REGION);
	}

}
