package com.fieldservice.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import com.fieldservice.stack.NpmPackages;

import tools.jackson.databind.JsonNode;

/**
 * The AsyncAPI document ({@code docs/asyncapi.yaml}) as the AsyncAPI parser reads it:
 * {@code push-service/asyncapi-validator}, run on the Node its npm packages bring. Gives
 * the parser's diagnostics, the document with every {@code $ref} resolved (Avro schemas
 * as JSON Schema), and WebSocket frames checked against the document's message schemas.
 */
public final class AsyncApiValidator {

	private static final Duration TIMEOUT = Duration.ofMinutes(2);

	private AsyncApiValidator() {
	}

	/** The document of the repository at {@code home}. */
	public static Path document(Path home) {
		return home.resolve("docs/asyncapi.yaml");
	}

	/**
	 * Parses {@code document}, checking each frame of {@code frames} (a JSON array file)
	 * if given.
	 */
	public static Result validate(Path home, Path document, Path frames) {
		Path validator = home.resolve("push-service/asyncapi-validator");
		NpmPackages.installIfMissing(validator, "node_modules/@asyncapi/parser/package.json",
				"the AsyncAPI parser (with the Node 22 it needs)", validator.resolve("npm-install.log"));
		var command = new ArrayList<>(List.of(NpmPackages.node(validator).toString(), "--no-warnings",
				validator.resolve("validate.mjs").toString(), document.toString()));
		if (frames != null) {
			command.add(frames.toString());
		}
		try {
			Path output = Files.createTempFile("asyncapi-", ".json");
			Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
			if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("The AsyncAPI parser did not finish within " + TIMEOUT);
			}
			String json = Files.readString(output);
			Files.delete(output);
			return new Result(process.exitValue(), AssignmentApi.JSON.readTree(json));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run the AsyncAPI parser", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What the parser printed: {@code diagnostics}, {@code document} (null when it did
	 * not parse) and {@code frames}.
	 */
	public record Result(int exitCode, JsonNode output) {

		/** Diagnostics of severity error. */
		public List<String> errors() {
			return StreamSupport.stream(output.get("diagnostics").spliterator(), false)
				.filter((diagnostic) -> diagnostic.get("severity").asInt() == 0)
				.map(JsonNode::toString)
				.toList();
		}

		public JsonNode document() {
			return output.get("document");
		}

		/** Frames that did not match their message's schema, with the reasons. */
		public List<String> invalidFrames() {
			return StreamSupport.stream(output.get("frames").spliterator(), false)
				.filter((frame) -> !frame.get("valid").asBoolean())
				.map(JsonNode::toString)
				.toList();
		}

	}

}
