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
		var arguments = new ArrayList<>(List.of(document.toString()));
		if (frames != null) {
			arguments.add(frames.toString());
		}
		Output output = run(home, "validate.mjs", arguments);
		return new Result(output.exitCode(), AssignmentApi.JSON.readTree(output.text()));
	}

	/**
	 * Holds the TypeScript declarations of the WebSocket frames in {@code declarations}
	 * against {@code document} ({@code check-types.mjs}): each mismatch a line, then a
	 * summary; exit code 0 when there is none.
	 */
	public static Output checkTypes(Path home, Path document, Path declarations) {
		return run(home, "check-types.mjs", List.of(document.toString(), declarations.toString()));
	}

	/** What a script printed on standard output, and its exit code. */
	public record Output(int exitCode, String text) {
	}

	/**
	 * The Node 22 of {@code push-service/asyncapi-validator}, its packages installed
	 * first if missing: what the validator and the protocol client's tests run on.
	 */
	public static Path node(Path home) {
		Path validator = home.resolve("push-service/asyncapi-validator");
		NpmPackages.installIfMissing(validator, "node_modules/typescript/package.json",
				"the AsyncAPI parser and TypeScript (with the Node 22 they need)",
				validator.resolve("npm-install.log"));
		return NpmPackages.node(validator);
	}

	private static Output run(Path home, String script, List<String> arguments) {
		var command = new ArrayList<>(List.of(node(home).toString(), "--no-warnings",
				home.resolve("push-service/asyncapi-validator").resolve(script).toString()));
		command.addAll(arguments);
		try {
			Path output = Files.createTempFile("asyncapi-", ".out");
			Process process = new ProcessBuilder(command).redirectOutput(output.toFile())
				.redirectError(ProcessBuilder.Redirect.INHERIT)
				.start();
			if (!process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(script + " did not finish within " + TIMEOUT);
			}
			String text = Files.readString(output);
			Files.delete(output);
			return new Output(process.exitValue(), text);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + script, ex);
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
