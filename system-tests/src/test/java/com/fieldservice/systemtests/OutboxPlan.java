package com.fieldservice.systemtests;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;

import com.fieldservice.events.JobAssigned;
import com.fieldservice.events.JobDetails;
import com.fieldservice.events.ServiceAddress;
import com.fieldservice.events.TimeSlot;

/**
 * What a test writes to the outbox topic, batch by batch as the relay publishes: distinct
 * JobAssigned events over many jobs, contractors and dispatch groups, plus re-sent copies
 * of one in ten of them (same eventId and payload, as a relay that crashed after
 * publishing re-sends its rows). Half the copies follow their original within a few
 * hundred records; the other half repeat events of the first {@code lateShare} of the run
 * and are sent only after batch {@link #lateCopiesFrom()}, so a test can crash an
 * instance just before that batch.
 */
final class OutboxPlan {

	static final int CONTRACTORS = 40;

	static final int GROUPS = 8;

	/**
	 * Events per job: a job is assigned, reassigned ..., so each job has several events
	 * to keep in order.
	 */
	static final int EVENTS_PER_JOB = 5;

	/** One event of the plan, sent as original or as a re-sent copy. */
	record Send(JobAssigned event, boolean copy) {
	}

	private record Positioned(double position, Send send) {
	}

	private final List<JobAssigned> events;

	private final List<List<Send>> batches;

	private final int lateCopiesFrom;

	private OutboxPlan(List<JobAssigned> events, List<List<Send>> batches, int lateCopiesFrom) {
		this.events = events;
		this.batches = batches;
		this.lateCopiesFrom = lateCopiesFrom;
	}

	static OutboxPlan create(int eventCount, int batchSize, double lateShare, long seed) {
		var random = new Random(seed);
		List<JobAssigned> events = IntStream.range(0, eventCount).mapToObj(i -> event(i, eventCount, random)).toList();
		int lateBoundary = (int) (eventCount * lateShare);
		var order = new ArrayList<Positioned>();
		IntStream.range(0, eventCount).forEach(i -> order.add(new Positioned(i, new Send(events.get(i), false))));
		var early = shuffled(IntStream.range(0, lateBoundary), random);
		var rest = shuffled(IntStream.range(lateBoundary, eventCount), random);
		int copies = eventCount / 10;
		for (int i : early.subList(0, copies / 2)) {
			double after = lateBoundary + random.nextInt(eventCount - lateBoundary);
			order.add(new Positioned(after + 0.5, new Send(events.get(i), true)));
		}
		for (int i : rest.subList(0, copies - copies / 2)) {
			order.add(new Positioned(i + 1 + random.nextInt(300) + 0.5, new Send(events.get(i), true)));
		}
		order.sort(Comparator.comparingDouble(Positioned::position));
		var batches = new ArrayList<List<Send>>();
		int lateCopiesFrom = -1;
		for (int from = 0; from < order.size(); from += batchSize) {
			var batch = order.subList(from, Math.min(order.size(), from + batchSize));
			if (lateCopiesFrom < 0 && batch.getLast().position() >= lateBoundary) {
				lateCopiesFrom = batches.size();
			}
			batches.add(batch.stream().map(Positioned::send).toList());
		}
		return new OutboxPlan(events, batches, lateCopiesFrom);
	}

	/** Every distinct event, in the order of their first copies. */
	List<JobAssigned> events() {
		return events;
	}

	List<List<Send>> batches() {
		return batches;
	}

	/**
	 * The first batch that may hold a late copy; every late copy is in it or after it.
	 */
	int lateCopiesFrom() {
		return lateCopiesFrom;
	}

	long copies() {
		return batches.stream().flatMap(List::stream).filter(Send::copy).count();
	}

	private static List<Integer> shuffled(IntStream indices, Random random) {
		var list = new ArrayList<>(indices.boxed().toList());
		Collections.shuffle(list, random);
		return list;
	}

	private static JobAssigned event(int i, int eventCount, Random random) {
		String jobId = "J-" + (i % (eventCount / EVENTS_PER_JOB));
		String contractorId = "C-" + random.nextInt(CONTRACTORS);
		Instant start = Instant.parse("2031-01-06T08:00:00Z").plus(Duration.ofHours(i));
		return JobAssigned.newBuilder()
			.setEventId(UUID.randomUUID())
			.setJobId(jobId)
			.setAssignmentId("A-" + i)
			.setContractorId(contractorId)
			.setContractorName("Contractor " + contractorId)
			.setScheduledTimeSlot(new TimeSlot(start, start.plus(Duration.ofHours(2)), "Europe/Berlin"))
			.setOccurredAt(Instant.now())
			.setJob(new JobDetails("Service the boiler", "HVAC_REPAIR",
					new ServiceAddress("Hauptstr. " + i, "Berlin", "10115", null, "DE")))
			.setDispatchGroups(groups(random))
			.setAssignedBy("D-1")
			.build();
	}

	/** One to three distinct dispatch groups. */
	private static List<String> groups(Random random) {
		var groups = shuffled(IntStream.range(0, GROUPS), random);
		return groups.subList(0, 1 + random.nextInt(3)).stream().map(g -> "G-" + g).toList();
	}

}
