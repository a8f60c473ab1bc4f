package com.fieldservice.assignment.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fieldservice.events.JobAssigned;
import com.fieldservice.schemas.AvroSerdes;
import com.fieldservice.schemas.Topics;
import com.fieldservice.stack.LocalStack;

/** Reads what the relay published, as a read_committed consumer downstream would. */
public final class OutboxTopic {

	private OutboxTopic() {
	}

	/**
	 * Every committed JobAssigned of {@code jobs}, in topic order, waiting until at least
	 * {@code expected} arrived.
	 */
	public static List<JobAssigned> read(LocalStack stack, Set<String> jobs, int expected, Duration timeout) {
		return read(stack, jobs, expected, timeout, JobAssigned.class::isInstance).stream()
			.map(JobAssigned.class::cast)
			.toList();
	}

	/**
	 * Every committed event of {@code jobs} (JobAssigned, AssignmentCancelled), in topic
	 * order, waiting until at least {@code expected} arrived.
	 */
	public static List<SpecificRecord> readEvents(LocalStack stack, Set<String> jobs, int expected, Duration timeout) {
		return read(stack, jobs, expected, timeout, (event) -> true);
	}

	/**
	 * Where each committed event of {@code jobs} lies: event id to
	 * {@code topic/partition/offset}, as the EventLog records it.
	 */
	public static Map<UUID, String> positions(LocalStack stack, Set<String> jobs, int expected, Duration timeout) {
		var positions = new HashMap<UUID, String>();
		consume(stack, jobs, expected, timeout,
				(record) -> positions.put(
						UUID.fromString(String.valueOf(((GenericRecord) record.value()).get("eventId"))),
						record.topic() + "/" + record.partition() + "/" + record.offset()),
				positions::size);
		return positions;
	}

	private static List<SpecificRecord> read(LocalStack stack, Set<String> jobs, int expected, Duration timeout,
			Predicate<SpecificRecord> wanted) {
		var found = new ArrayList<SpecificRecord>();
		consume(stack, jobs, expected, timeout, (record) -> {
			if (wanted.test(record.value())) {
				found.add(record.value());
			}
		}, found::size);
		return found;
	}

	private static void consume(LocalStack stack, Set<String> jobs, int expected, Duration timeout,
			Consumer<ConsumerRecord<String, SpecificRecord>> sink, IntSupplier found) {
		var config = Map.<String, Object>of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers(),
				ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest", ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
		try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				AvroSerdes.<SpecificRecord>valueDeserializer(stack.registry().url()))) {
			consumer.subscribe(List.of(Topics.JOB_ASSIGNED_OUTBOX.name()));
			long deadline = System.nanoTime() + timeout.toNanos();
			while (System.nanoTime() < deadline && found.getAsInt() < expected) {
				consumer.poll(Duration.ofMillis(300)).forEach(record -> {
					if (jobs.contains(record.key())) {
						sink.accept(record);
					}
				});
			}
			// A short extra read catches copies beyond the expected count.
			consumer.poll(Duration.ofSeconds(1)).forEach(record -> {
				if (jobs.contains(record.key())) {
					sink.accept(record);
				}
			});
		}
	}

}
