package com.fieldservice.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fieldservice.events.JobAssigned;
import com.fieldservice.events.JobDetails;
import com.fieldservice.events.ServiceAddress;
import com.fieldservice.events.TimeSlot;
import com.fieldservice.schemas.AvroSerdes;
import com.fieldservice.schemas.TopicSpec;

/**
 * Writes distinct JobAssigned events to a topic keyed by jobId, as the relay writes the
 * outbox topic and notification-streams the canonical one, either as a backlog as fast as
 * possible or at a fixed rate. Not transactional: the benchmarks measure what reads the
 * topic, not the writer's transactions.
 */
final class JobAssignedLoad implements AutoCloseable {

	private final KafkaProducer<String, JobAssigned> producer;

	private final TopicSpec<String, ?> topic;

	private final AtomicReference<Exception> failure = new AtomicReference<>();

	private int next;

	JobAssignedLoad(String bootstrapServers, String registryUrl, TopicSpec<String, ?> topic) {
		this.topic = topic;
		Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0);
		this.producer = new KafkaProducer<>(config, new StringSerializer(),
				AvroSerdes.<JobAssigned>valueSerializer(registryUrl));
	}

	/**
	 * Sends {@code count} events as fast as the producer takes them and waits until all
	 * are written.
	 */
	void backlog(int count) {
		for (int i = 0; i < count; i++) {
			send(nextEvent(), null);
		}
		flush();
	}

	/**
	 * Sends {@code rate} events a second for {@code duration} and returns, for each, when
	 * the broker appended it (the topic's LogAppendTime, in epoch milliseconds).
	 */
	Map<UUID, Long> atFixedRate(int rate, Duration duration) {
		var appended = new ConcurrentHashMap<UUID, Long>();
		int total = (int) (rate * duration.toMillis() / 1000);
		long intervalNanos = 1_000_000_000L / rate;
		long start = System.nanoTime();
		for (int i = 0; i < total; i++) {
			LockSupport.parkNanos(start + i * intervalNanos - System.nanoTime());
			JobAssigned event = nextEvent();
			send(event, appended);
		}
		flush();
		return appended;
	}

	private void send(JobAssigned event, Map<UUID, Long> appended) {
		var record = new ProducerRecord<>(this.topic.name(), event.getJobId(), event);
		this.producer.send(record, (metadata, failed) -> {
			if (failed != null) {
				this.failure.compareAndSet(null, failed);
			}
			else if (appended != null) {
				appended.put(event.getEventId(), metadata.timestamp());
			}
		});
	}

	private void flush() {
		this.producer.flush();
		if (this.failure.get() != null) {
			throw new IllegalStateException("Could not write to " + this.topic.name(), this.failure.get());
		}
	}

	/**
	 * Like the demo data: every job its own, 500 contractors, eight regional groups,
	 * every tenth also emergency.
	 */
	private JobAssigned nextEvent() {
		int i = this.next++;
		String contractorId = "BC-" + (i % 500);
		List<String> groups = (i % 10 == 0) ? List.of("region-" + (i % 8), "emergency") : List.of("region-" + (i % 8));
		Instant start = Instant.parse("2032-01-05T09:00:00Z");
		return JobAssigned.newBuilder()
			.setEventId(UUID.randomUUID())
			.setJobId("BJ-" + i)
			.setAssignmentId("BA-" + i)
			.setContractorId(contractorId)
			.setContractorName("Contractor " + contractorId)
			.setScheduledTimeSlot(new TimeSlot(start, start.plus(Duration.ofHours(2)), "Europe/Berlin"))
			.setOccurredAt(Instant.now())
			.setJob(new JobDetails("Benchmark job", "PLUMBING",
					new ServiceAddress("1 Main St", "Berlin", "10115", null, "DE")))
			.setDispatchGroups(groups)
			.setAssignedBy("D-bench")
			.build();
	}

	@Override
	public void close() {
		this.producer.close(Duration.ofSeconds(5));
	}

}
