package com.fieldservice.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.services.sns.SnsClient;
import software.amazon.awssdk.services.sns.model.MessageAttributeValue;
import software.amazon.awssdk.services.sns.model.PublishBatchRequestEntry;
import software.amazon.awssdk.services.sns.model.PublishBatchResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The SNS throughput baseline: the plainest publisher, one thread calling PublishBatch
 * with 10 messages at a time, each call after the previous one answered, as the
 * connector's single task does. It runs in a JVM of its own ({@link #main}, started by
 * {@link BaselinePublisher}), so that its CPU is its own and its JVM is set up as the
 * Connect worker's.
 */
final class PublishBatchLoop {

	static final int BATCH = 10;

	/** What the parent writes to have every message published once more. */
	static final String PUBLISH = "publish";

	/** What the loop answers once SNS accepted them all. */
	static final String PUBLISHED = "published";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** A message as the connector published it: its JSON body and attributes. */
	record Message(String body, Map<String, MessageAttributeValue> attributes) {

		/**
		 * The message SNS delivered raw to SQS: the body as published, the attributes
		 * with their data types (String.Array included).
		 */
		static Message of(software.amazon.awssdk.services.sqs.model.Message delivered) {
			var attributes = new LinkedHashMap<String, MessageAttributeValue>();
			delivered.messageAttributes()
				.forEach((name, value) -> attributes.put(name, attribute(value.dataType(), value.stringValue())));
			return new Message(delivered.body(), attributes);
		}

	}

	private PublishBatchLoop() {
	}

	/**
	 * Arguments: the emulator's endpoint, the topic ARN, and the file of messages
	 * ({@link #write}), read at the first publish: it may be written after the loop
	 * starts. Publishes them all each time a line {@value #PUBLISH} comes on standard
	 * input, answering {@value #PUBLISHED}; ends with standard input.
	 */
	public static void main(String[] args) throws IOException {
		List<Message> messages = null;
		try (var clients = new EmulatorClients(args[0]);
				var commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
			for (String command = commands.readLine(); command != null; command = commands.readLine()) {
				if (command.equals(PUBLISH)) {
					messages = (messages != null) ? messages : read(Path.of(args[2]));
					publish(clients.sns(), args[1], messages);
					System.out.println(PUBLISHED);
					System.out.flush();
				}
			}
		}
	}

	/** Publishes {@code messages} in order; fails on the first message SNS refuses. */
	static void publish(SnsClient sns, String topicArn, List<Message> messages) {
		for (int from = 0; from < messages.size(); from += BATCH) {
			List<Message> batch = messages.subList(from, Math.min(from + BATCH, messages.size()));
			var entries = new ArrayList<PublishBatchRequestEntry>(batch.size());
			for (int i = 0; i < batch.size(); i++) {
				entries.add(PublishBatchRequestEntry.builder()
					.id(Integer.toString(i))
					.message(batch.get(i).body())
					.messageAttributes(batch.get(i).attributes())
					.build());
			}
			PublishBatchResponse response = sns
				.publishBatch(request -> request.topicArn(topicArn).publishBatchRequestEntries(entries));
			if (!response.failed().isEmpty()) {
				throw new IllegalStateException("SNS refused " + response.failed());
			}
		}
	}

	/** One JSON object a line: the body, and each attribute's data type and value. */
	static void write(List<Message> messages, Path file) throws IOException {
		var lines = new ArrayList<String>(messages.size());
		for (Message message : messages) {
			ObjectNode line = JSON.createObjectNode().put("body", message.body());
			ObjectNode attributes = line.putObject("attributes");
			message.attributes()
				.forEach((name, value) -> attributes.putObject(name)
					.put("dataType", value.dataType())
					.put("stringValue", value.stringValue()));
			lines.add(JSON.writeValueAsString(line));
		}
		Files.write(file, lines);
	}

	private static List<Message> read(Path file) throws IOException {
		var messages = new ArrayList<Message>();
		for (String line : Files.readAllLines(file)) {
			JsonNode message = JSON.readTree(line);
			var attributes = new LinkedHashMap<String, MessageAttributeValue>();
			message.path("attributes")
				.properties()
				.forEach(attribute -> attributes.put(attribute.getKey(),
						attribute(attribute.getValue().path("dataType").asString(),
								attribute.getValue().path("stringValue").asString())));
			messages.add(new Message(message.path("body").asString(), attributes));
		}
		return messages;
	}

	private static MessageAttributeValue attribute(String dataType, String stringValue) {
		return MessageAttributeValue.builder().dataType(dataType).stringValue(stringValue).build();
	}

}
