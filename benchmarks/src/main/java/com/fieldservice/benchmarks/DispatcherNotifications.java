package com.fieldservice.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fieldservice.events.JobAssigned;
import com.fieldservice.events.JobDetails;
import com.fieldservice.events.ServiceAddress;
import com.fieldservice.events.TimeSlot;
import com.fieldservice.schemas.AvroSerdes;
import com.fieldservice.schemas.Topics;

/**
 * Writes distinct JobAssigned records straight to the dispatcher notification topic,
 * keyed by one dispatch group, as notification-streams would route them: the fan-out
 * benchmark measures push-service alone.
 */
final class DispatcherNotifications implements AutoCloseable {

	private final KafkaProducer<String, JobAssigned> producer;

	private final String group;

	private final AtomicReference<Exception> failure = new AtomicReference<>();

	private int next;

	DispatcherNotifications(String bootstrapServers, String registryUrl, String group) {
		// Idempotent, so no retry writes a copy.
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
				ProducerConfig.LINGER_MS_CONFIG, 5);
		this.producer = new KafkaProducer<>(config, new StringSerializer(),
				AvroSerdes.<JobAssigned>valueSerializer(registryUrl));
		this.group = group;
	}

	/**
	 * Sends {@code count} records as fast as the producer takes them and waits until all
	 * are written.
	 */
	void send(int count) {
		for (int i = 0; i < count; i++) {
			JobAssigned event = nextEvent();
			this.producer.send(new ProducerRecord<>(Topics.DISPATCHER_NOTIFICATIONS.name(), this.group, event),
					(metadata, failed) -> {
						if (failed != null) {
							this.failure.compareAndSet(null, failed);
						}
					});
		}
		this.producer.flush();
		if (this.failure.get() != null) {
			throw new IllegalStateException("Could not write the notifications", this.failure.get());
		}
	}

	private JobAssigned nextEvent() {
		int i = this.next++;
		Instant start = Instant.parse("2032-01-05T09:00:00Z");
		return JobAssigned.newBuilder()
			.setEventId(UUID.randomUUID())
			.setJobId("FJ-" + i)
			.setAssignmentId("FA-" + i)
			.setContractorId("FC-" + i)
			.setContractorName("Contractor FC-" + i)
			.setScheduledTimeSlot(new TimeSlot(start, start.plus(Duration.ofHours(2)), "Europe/Berlin"))
			.setOccurredAt(Instant.now())
			.setJob(new JobDetails("Fan-out job", "PLUMBING",
					new ServiceAddress("1 Main St", "Berlin", "10115", null, "DE")))
			.setDispatchGroups(List.of(this.group))
			.setAssignedBy("D-bench")
			.build();
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(5));
	}

}
