package com.example.jobassigned;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.apicurio.registry.serde.Default4ByteIdHandler;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;

/**
 * A downstream team's consumer of {@code job-assigned.v1}, printing a line per assignment
 * and per cancellation.
 *
 * <ul>
 * <li>{@code read_committed}: only what notification-streams committed, never a record of
 * an aborted transaction.</li>
 * <li>Offsets committed after each batch is handled: at least once. A crash between
 * handling and commit hands the batch over again, so the handler skips an {@code eventId}
 * it has seen.</li>
 * <li>Values read through the schema registry as generic Avro records: no generated
 * class, and a newer, backward-compatible schema is read without a rebuild.</li>
 * </ul>
 *
 * Settings from the environment: {@code BOOTSTRAP_SERVERS} (127.0.0.1:9092),
 * {@code SCHEMA_REGISTRY_URL} (http://127.0.0.1:8081), {@code GROUP_ID}
 * (example.job-assigned-printer).
 */
public final class JobAssignedConsumer {

	static final String TOPIC = "job-assigned.v1";

	private JobAssignedConsumer() {
	}

	public static void main(String[] args) throws InterruptedException {
		Map<String, Object> config = config(env("BOOTSTRAP_SERVERS", "127.0.0.1:9092"),
				env("SCHEMA_REGISTRY_URL", "http://127.0.0.1:8081"), env("GROUP_ID", "example.job-assigned-printer"));
		var consumer = new KafkaConsumer<String, GenericRecord>(config);
		Thread main = Thread.currentThread();
		// On SIGTERM or Ctrl-C: leave the poll, commit what was handled, leave the group.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			consumer.wakeup();
			try {
				main.join(Duration.ofSeconds(10));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}));
		var seen = new RecentEventIds(100_000);
		try (consumer) {
			consumer.subscribe(List.of(TOPIC));
			System.out.println("consuming " + TOPIC + " as group " + config.get(ConsumerConfig.GROUP_ID_CONFIG));
			while (true) {
				var records = consumer.poll(Duration.ofSeconds(1));
				for (ConsumerRecord<String, GenericRecord> record : records) {
					if (seen.firstTime(record.value().get("eventId").toString())) {
						handle(record);
					}
				}
				if (!records.isEmpty()) {
					consumer.commitSync();
				}
			}
		}
		catch (WakeupException ex) {
			// Shutting down: the try block closed the consumer, committing nothing
			// unhandled.
		}
	}

	/**
	 * Here a team would write to its own store, keyed by eventId. The topic carries two
	 * event types, told apart by the name of the schema the record was written with; a
	 * cancellation always follows its assignment (same key, same partition).
	 */
	private static void handle(ConsumerRecord<String, GenericRecord> record) {
		GenericRecord event = record.value();
		String where = record.topic() + "-" + record.partition() + "@" + record.offset();
		switch (event.getSchema().getName()) {
			case "JobAssigned" ->
				System.out.printf("assigned %s job=%s contractor=%s groups=%s at=%s%n", event.get("eventId"),
						event.get("jobId"), event.get("contractorId"), event.get("dispatchGroups"), where);
			case "AssignmentCancelled" -> System.out.printf("cancelled %s job=%s assignment=%s ends=%s by=%s at=%s%n",
					event.get("eventId"), event.get("jobId"), event.get("assignmentId"), event.get("assignedEventId"),
					event.get("cancelledBy"), where);
			// A type added later: a consumer skips what it does not know, as Avro skips
			// a field it does not know.
			default ->
				System.out.printf("skipped %s %s at=%s%n", event.getSchema().getName(), event.get("eventId"), where);
		}
	}

	static Map<String, Object> config(String bootstrapServers, String registryUrl, String groupId) {
		var config = new HashMap<String, Object>();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
		config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
		config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		// A new group starts from the oldest retained event (30 days), not from now.
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
		config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroKafkaDeserializer.class);
		// Confluent's wire format: magic byte, then a 4-byte schema id, which is the
		// registry's content id.
		config.put("apicurio.registry.url", registryUrl + "/apis/registry/v3");
		config.put("apicurio.registry.headers.enabled", false);
		config.put("apicurio.registry.id-handler", Default4ByteIdHandler.class.getName());
		config.put("apicurio.registry.use-id", "contentId");
		config.put("apicurio.registry.use-specific-avro-reader", false);
		return config;
	}

	private static String env(String name, String fallback) {
		String value = System.getenv(name);
		return (value != null && !value.isBlank()) ? value : fallback;
	}

}
