package com.fieldservice.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.fieldservice.stack.LocalStack;
import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.testsupport.AsyncApiValidator;
import com.fieldservice.testsupport.Tokens;
import com.fieldservice.testsupport.WebSocketTestClient;

import tools.jackson.databind.JsonNode;

/**
 * The WebSocket frames of the real push-service held against the AsyncAPI document: a
 * frame of every type the document describes (each server frame as a client receives it,
 * and an ack the server accepts) is checked against its message's schema by the AsyncAPI
 * parser's document. And push-service serves the document as it is in the repository,
 * with the schemas it refers to.
 */
class AsyncApiFramesIntegrationTests {

	private static final Duration FRAME = Duration.ofSeconds(30);

	/** push-service pings every 20 s. */
	private static final Duration PING = Duration.ofSeconds(25);

	private final LocalStack stack = SystemStack.get();

	private final String push = stack.service(LocalStack.PUSH_SERVICE).url();

	@Test
	void framesOfEveryTypeMatchTheDocument() throws Exception {
		var api = new AssignmentApi(stack.service(LocalStack.ASSIGNMENT_SERVICE).url(),
				Tokens.dispatcher("D-1", List.of()));
		var fixture = api.newJobAndContractor();
		String dispatcher = Tokens.dispatcher("D-asyncapi", List.of(fixture.group()));
		var frames = new ArrayList<JsonNode>();
		String resume;

		try (var client = WebSocketTestClient.connect(push, dispatcher)) {
			frames.add(client.next("welcome", FRAME));
			frames.add(client.next("presence", FRAME));
			String assignment = AssignmentApi
				.expect(201, api.assign(fixture.job(), fixture.contractor(), Instant.parse("2031-05-05T08:00:00Z"),
						Duration.ofHours(1), null))
				.get("id")
				.asString();
			JsonNode jobAssigned = client.next("jobAssigned", FRAME);
			frames.add(jobAssigned);
			resume = jobAssigned.get("resume").asString();
			JsonNode ack = AssignmentApi.JSON
				.readTree("{\"type\":\"ack\",\"resume\":\"" + jobAssigned.get("resume").asString() + "\"}");
			client.send(ack.toString());
			frames.add(ack);
			AssignmentApi.expect(200, api.asDispatcherOf(fixture.job()).cancel(assignment));
			frames.add(client.next("assignmentCancelled", FRAME));
			client.send("{\"type\":\"hello\"}");
			frames.add(client.next("error", FRAME));
			frames.add(client.next("ping", PING));
		}
		try (var client = WebSocketTestClient.connect(push, dispatcher, "resume=" + resume)) {
			frames.add(client.next("caughtUp", FRAME));
		}
		frames.forEach((frame) -> assertThat(frame).as("a frame of each kind arrived").isNotNull());

		Path framesFile = Files.createTempFile(Path.of("target"), "frames-", ".json");
		Files.writeString(framesFile, AssignmentApi.JSON.writeValueAsString(frames));
		Path home = stack.settings().home();
		var result = AsyncApiValidator.validate(home, AsyncApiValidator.document(home), framesFile);

		assertThat(result.errors()).isEmpty();
		assertThat(result.invalidFrames()).isEmpty();
		assertThat(frames.stream().map((frame) -> frame.get("type").asString()).toList())
			.as("every message of the WebSocket channel is exercised")
			.containsExactlyInAnyOrderElementsOf(messageTypes(result.document()));
	}

	@Test
	void pushServiceServesTheDocumentAndTheSchemasItRefersTo() throws Exception {
		Path home = stack.settings().home();
		for (var served : Map
			.of("/docs/asyncapi.yaml", "docs/asyncapi.yaml", "/schemas/src/main/avro/JobAssigned.avsc",
					"schemas/src/main/avro/JobAssigned.avsc", "/schemas/src/main/avro/AssignmentCancelled.avsc",
					"schemas/src/main/avro/AssignmentCancelled.avsc")
			.entrySet()) {
			HttpResponse<String> response;
			try (var http = HttpClient.newHttpClient()) {
				response = http.send(HttpRequest.newBuilder(URI.create(push + served.getKey())).build(),
						HttpResponse.BodyHandlers.ofString());
			}
			assertThat(response.statusCode()).as(served.getKey()).isEqualTo(200);
			assertThat(response.body()).as(served.getKey())
				.isEqualTo(Files.readString(home.resolve(served.getValue())));
		}
	}

	/** The {@code type} of every message of the WebSocket channel. */
	private static Set<String> messageTypes(JsonNode document) {
		var types = new TreeSet<String>();
		StreamSupport.stream(document.at("/channels/notifications/messages").spliterator(), false)
			.forEach((message) -> types.add(message.at("/payload/properties/type/const").asString()));
		return types;
	}

}
