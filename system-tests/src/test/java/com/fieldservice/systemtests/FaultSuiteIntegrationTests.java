package com.fieldservice.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.ElectionType;
import org.apache.kafka.common.errors.ElectionNotNeededException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledIfSystemProperty;

import com.fieldservice.events.JobAssigned;
import com.fieldservice.schemas.AvroSerdes;
import com.fieldservice.schemas.TopicSpec;
import com.fieldservice.schemas.Topics;
import com.fieldservice.stack.KafkaBroker;
import com.fieldservice.stack.LocalStack;
import com.fieldservice.stack.SnsEmulator;
import com.fieldservice.stack.SpringService;
import com.fieldservice.stack.StackSettings;
import com.fieldservice.systemtests.SteadyLoad.Accepted;
import com.fieldservice.systemtests.SteadyLoad.Planned;
import com.fieldservice.testsupport.AssignmentApi;
import com.fieldservice.testsupport.Tokens;

/**
 * Nothing lost, whatever dies: the whole system on three brokers with two instances of
 * each service, under a steady 25 assignments/s (Idempotency-Key, retried on the other
 * instance after an error), a resuming dispatcher client per group and a resuming client
 * per contractor. One process is killed (SIGKILL) or stopped at a time and brought back;
 * after each fault what was accepted during it is counted where it must arrive, from the
 * sources of truth: Postgres, the Kafka topics (read_committed), the WebSocket clients,
 * the SQS queue of the FIFO SNS topic and the event archive.
 *
 * <p>
 * Part of the test command (about 25 minutes of it); {@code -Dfault-suite=false} leaves
 * it out, {@code -Dfault-suite.only=<part of a fault's name>} runs one fault.
 */
@DisabledIfSystemProperty(named = "fault-suite", matches = "false")
// Last: it stops the stack the other system tests share, which would start again after.
@Order(Integer.MAX_VALUE)
class FaultSuiteIntegrationTests {

	/**
	 * At 50/s frames never came within 2 s of their POST on 2 cores (five runs in a row,
	 * load average 35 to 50): each fault then measured a backlog, not the fault. At 25/s
	 * they did after 3 to 5 minutes.
	 */
	private static final int RATE = 25;

	private static final List<String> GROUPS = List.of("fault-north", "fault-south", "fault-east");

	private static final int CONTRACTORS = 12;

	/** Jobs seeded up front, one per assignment: more than the suite can use. */
	private static final int JOBS = 150_000;

	/**
	 * Steady load before the first fault: ten JVMs and three brokers just started on 2
	 * cores are still compiling, and a fault then measures the start, not the fault.
	 */
	private static final Duration WARM_UP = Duration.ofSeconds(60);

	/**
	 * Every JVM of the suite's stack compiles with C1 alone. With C2 as well, ten JVMs
	 * and three brokers compiling on 2 cores kept the system seconds behind its load for
	 * 4 to 7 minutes; C1's code costs about a fifth more CPU, which 25 assignments/s can
	 * spare. What is lost or duplicated does not depend on the compiler.
	 */
	private static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1");

	/** How soon frames must follow their POST before the first fault strikes. */
	private static final Duration STEADY = Duration.ofSeconds(2);

	/**
	 * How much longer than {@link #WARM_UP} the load may run until it is steady: this
	 * machine got there after 208-400 s of load, and on slow afternoons not within 6
	 * minutes.
	 */
	private static final Duration STEADY_WAIT = Duration.ofMinutes(8);

	private static final Duration LOAD_BEFORE_FAULT = Duration.ofSeconds(5);

	private static final Duration LOAD_AFTER_RECOVERY = Duration.ofSeconds(5);

	private static final Duration DELIVERY = Duration.ofSeconds(120);

	/**
	 * No fault strikes once the load has run this long: a machine too slow for the suite
	 * fails it with the faults not struck, within CI's time, instead of running on.
	 */
	private static final Duration BUDGET = Duration.ofMinutes(40);

	/** The longest a client may wait after an instance of a service died. */
	private static final Duration LONGEST_WAIT = Duration.ofSeconds(10);

	/** The archive commits every 10 s; querying it more often finds nothing new. */
	private static final Duration ARCHIVE_COUNT_INTERVAL = Duration.ofSeconds(10);

	/** A destination still short this long after recovery has its cause printed. */
	private static final Duration LAGGING = Duration.ofSeconds(20);

	private static final List<String> TOPICS = List.of(Topics.JOB_ASSIGNED_OUTBOX.name(), Topics.JOB_ASSIGNED.name(),
			Topics.DISPATCHER_NOTIFICATIONS.name(), Topics.CONTRACTOR_NOTIFICATIONS.name());

	private static final Duration RESTART = Duration.ofSeconds(240);

	private static final Instant FIRST_SLOT = Instant.parse("2034-01-02T00:00:00Z");

	private static LocalStack stack;

	private static final List<ResumingClient> clients = new ArrayList<>();

	private static final Map<String, ResumingClient> dispatcherOf = new HashMap<>();

	private static final Map<String, ResumingClient> contractorClient = new HashMap<>();

	private static SqsSubscribers sqs;

	private static String fifoQueue;

	private static final Map<String, Integer> fifoCopies = new ConcurrentHashMap<>();

	/**
	 * Receivers of the FIFO topic's queue. One, a receive and a delete per ten messages
	 * on a busy machine, read about 20 a second: the queue, not the sink, fell behind.
	 */
	private static final int FIFO_READERS = 4;

	private static final List<Thread> fifoReaders = new ArrayList<>();

	private static final AtomicLong fifoRead = new AtomicLong();

	private static volatile Instant fifoReadAt;

	private static volatile String fifoReadError;

	private static String run;

	private static final List<TopicCopies<JobAssigned>> topicCopies = new ArrayList<>();

	private static TopicCopies<JobAssigned> onJobAssigned;

	private static TopicCopies<JobAssigned> onDispatcherTopic;

	private static TopicCopies<JobAssigned> onContractorTopic;

	/**
	 * The last count of the archive: querying it in a JVM of its own would compete with
	 * the recovery it measures, so it is counted once every other destination is
	 * complete, at most every {@link #ARCHIVE_COUNT_INTERVAL}.
	 */
	private static Map<String, Integer> archiveCopies = Map.of();

	private static long archiveCountedAt;

	@BeforeAll
	static void start() throws Exception {
		// The other system tests' stack, idle, would still take CPU from the one measured
		// here: on 2 cores a tenth of the machine. The suite runs last, so it is not
		// needed again.
		SystemStack.stop();
		stack = LocalStack.start(StackSettings.forTests(dataDir()).withBrokers(3).withJvmOptions(JVM_OPTIONS));
		for (String service : List.of(LocalStack.ASSIGNMENT_SERVICE, LocalStack.NOTIFICATION_STREAMS,
				LocalStack.PUSH_SERVICE)) {
			stack.startInstance(service, 2);
		}
		run = AssignmentApi.unique("F").replace("-", "");
		seed();
		List<String> pushUrls = urls(LocalStack.PUSH_SERVICE);
		for (String group : GROUPS) {
			var client = new ResumingClient(group, pushUrls, Tokens.dispatcher("FD-" + group, List.of(group)));
			dispatcherOf.put(group, client);
			clients.add(client);
		}
		for (int c = 0; c < CONTRACTORS; c++) {
			String contractor = contractor(c);
			var client = new ResumingClient(contractor, pushUrls, Tokens.contractor(contractor));
			contractorClient.put(contractor, client);
			clients.add(client);
		}
		onJobAssigned = copiesOn(Topics.JOB_ASSIGNED, (record) -> record.value().getEventId().toString());
		onDispatcherTopic = copiesOn(Topics.DISPATCHER_NOTIFICATIONS,
				(record) -> record.value().getEventId() + "@" + record.key());
		onContractorTopic = copiesOn(Topics.CONTRACTOR_NOTIFICATIONS,
				(record) -> record.value().getEventId() + "@" + record.key());
		sqs = new SqsSubscribers(stack.snsEmulator());
		fifoQueue = sqs.subscribe(SnsEmulator.FIFO_TOPIC, null);
		for (int reader = 0; reader < FIFO_READERS; reader++) {
			fifoReaders.add(Thread.ofPlatform()
				.daemon()
				.name("fifo-queue-reader-" + reader)
				.start(FaultSuiteIntegrationTests::readFifoQueue));
		}
		Thread.sleep(3_000);
	}

	/** Counts each message of the FIFO topic's queue by eventId until interrupted. */
	private static void readFifoQueue() {
		while (!Thread.currentThread().isInterrupted()) {
			try {
				var batch = sqs.receiveBatch(fifoQueue);
				batch.forEach((message) -> fifoCopies.merge(message.get("eventId").asString(), 1, Integer::sum));
				if (!batch.isEmpty()) {
					fifoRead.addAndGet(batch.size());
					fifoReadAt = Instant.now();
				}
			}
			catch (RuntimeException ex) {
				fifoReadError = Instant.now() + " " + ex;
				// The emulator is not one of the faults; a failed receive is tried again.
			}
		}
	}

	@AfterAll
	static void stop() throws InterruptedException {
		clients.forEach(ResumingClient::close);
		for (var copies : topicCopies) {
			copies.close();
		}
		fifoReaders.forEach(Thread::interrupt);
		if (sqs != null) {
			sqs.close();
		}
		if (stack != null) {
			stack.close();
		}
	}

	@Test
	@Timeout(value = 55, unit = TimeUnit.MINUTES)
	void losesNothingAndDuplicatesNothingWhicheverProcessDies() throws Exception {
		var rows = new ArrayList<FaultRow>();
		var notStruck = new ArrayList<String>();
		Map<String, String> tokens = GROUPS.stream()
			.collect(
					Collectors.toMap(Function.identity(), (group) -> Tokens.dispatcher("FD-" + group, List.of(group))));
		try (var load = new SteadyLoad(urls(LocalStack.ASSIGNMENT_SERVICE), FaultSuiteIntegrationTests::plan, tokens)) {
			load.start(RATE);
			Instant started = Instant.now();
			Thread.sleep(WARM_UP);
			awaitSteady(load, started);
			for (Fault fault : faults()) {
				if (Duration.between(started, Instant.now()).compareTo(BUDGET) > 0) {
					notStruck.add(fault.name());
					continue;
				}
				int from = load.accepted().size();
				Thread.sleep(LOAD_BEFORE_FAULT);
				Instant injected = Instant.now();
				fault.inject().run();
				Duration recovery;
				try (var watch = new StallWatch()) {
					fault.recover().run();
					recovery = Duration.between(injected, Instant.now());
					Thread.sleep(LOAD_AFTER_RECOVERY);
				}
				List<Accepted> window = load.accepted();
				FaultRow row = count(fault.name(), recovery, window.subList(from, window.size()));
				System.out.printf("%s%n%s%n  (%d s into the load)%n", FaultRow.HEADER, row,
						Duration.between(started, Instant.now()).toSeconds());
				rows.add(row);
			}
			load.stop();
			rows.add(count("all, at the end", Duration.ZERO, load.accepted()));
			System.out.printf("%nFault suite: %d assignments sent at %d/s, %d accepted, %d refused%n", load.sent(),
					RATE, load.accepted().size(), load.refused().size());
			System.out.println(FaultRow.HEADER);
			rows.forEach(System.out::println);
			assertThat(load.refused()).as("assignments refused or never answered 201").isEmpty();
		}
		// Each failure carries the whole table: the end of a CI log may be all there is.
		String table = rows.stream().map(FaultRow::toString).collect(Collectors.joining("\n", "\n", ""));
		assertThat(notStruck).as("faults not struck: the load ran past the suite's budget of " + BUDGET + table)
			.isEmpty();
		assertThat(rows).allSatisfy((row) -> {
			assertThat(row.lost()).as(row.fault() + ": lost" + table).isZero();
			assertThat(row.duplicated()).as(row.fault() + ": duplicated after dedupe" + table).isZero();
		});
		// With two instances of each service, the other one serves while one is dead.
		assertThat(rows).filteredOn((row) -> row.fault().endsWith(" instance 1")).allSatisfy((row) -> {
			assertThat(row.longestPost()).as(row.fault() + ": longest POST" + table).isLessThan(LONGEST_WAIT);
			assertThat(row.longestFrame()).as(row.fault() + ": longest POST -> frame" + table).isLessThan(LONGEST_WAIT);
		});
	}

	/**
	 * While a fault lasts, prints every 10 s the partitions whose last stable offset did
	 * not move, with the open transactions holding it: what read_committed readers (and
	 * notification-streams, reading the outbox) wait for.
	 */
	private static final class StallWatch implements AutoCloseable {

		private final Thread thread = Thread.ofPlatform().daemon().name("stall-watch").start(() -> {
			try (var transactions = new OpenTransactions(stack.kafka().bootstrapServers(), TOPICS)) {
				while (!Thread.currentThread().isInterrupted()) {
					transactions.stalls(LAGGING)
						.forEach((line) -> System.out.println("  " + Instant.now() + " " + line));
					Thread.sleep(10_000);
				}
			}
			catch (InterruptedException ex) {
				// The fault is over.
			}
		});

		@Override
		public void close() {
			thread.interrupt();
		}

	}

	/**
	 * Waits until the system keeps up with the load: every assignment accepted between 10
	 * and 5 s ago reached its clients within {@link #STEADY} of its POST. Ten JVMs and
	 * three brokers just started on 2 cores compile for minutes and fall behind; a fault
	 * struck then would be measured with that backlog.
	 */
	private static void awaitSteady(SteadyLoad load, Instant started) throws InterruptedException {
		long deadline = System.nanoTime() + STEADY_WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			Instant now = Instant.now();
			List<Accepted> recent = load.accepted()
				.stream()
				.filter((a) -> a.acceptedAt().isAfter(now.minusSeconds(10))
						&& a.acceptedAt().isBefore(now.minusSeconds(5)))
				.toList();
			boolean keepsUp = !recent.isEmpty()
					&& recent.stream().allMatch((a) -> clientsOf(a).stream().allMatch((client) -> {
						Instant arrival = client.firstArrival(a.eventId());
						return arrival != null
								&& Duration.between(a.acceptedAt().minus(a.waited()), arrival).compareTo(STEADY) < 0;
					}));
			if (keepsUp) {
				System.out.println("Steady after " + Duration.between(started, now).toSeconds() + " s of load");
				return;
			}
			Thread.sleep(2_000);
		}
		System.out.println(
				"Not steady after " + STEADY_WAIT.toMinutes() + " minutes more of load: faults strike a system behind");
	}

	/** One fault: how it strikes, and what brings the system back. */
	record Fault(String name, Runnable inject, Runnable recover) {
	}

	private static List<Fault> faults() {
		var faults = new ArrayList<Fault>();
		for (String service : List.of(LocalStack.ASSIGNMENT_SERVICE, LocalStack.NOTIFICATION_STREAMS,
				LocalStack.PUSH_SERVICE)) {
			SpringService instance = stack.service(service);
			faults.add(new Fault("SIGKILL " + service + " instance 1", instance::kill, () -> {
				instance.start();
				instance.awaitReady(RESTART);
				if (service.equals(LocalStack.NOTIFICATION_STREAMS)) {
					awaitTasksOnEveryStreamsInstance();
				}
			}));
		}
		faults.add(new Fault("SIGKILL Connect worker", () -> stack.connect().kill(), stack::restartConnect));
		var broker = new KafkaBroker[1];
		faults.add(new Fault("SIGKILL broker leading job-assigned.v1-0", () -> {
			broker[0] = stack.kafka().leaderOf(Topics.JOB_ASSIGNED.name(), 0);
			broker[0].kill();
		}, () -> restartBroker(broker[0])));
		faults.add(new Fault("SIGKILL broker coordinating the relay's transactions", () -> {
			broker[0] = stack.kafka().broker(relayCoordinator());
			broker[0].kill();
		}, () -> restartBroker(broker[0])));
		faults.add(new Fault("SIGKILL postmaster", () -> stack.postgres().kill(), () -> stack.postgres().restart()));
		faults.add(new Fault("registry stopped for 30 s", () -> stack.registry().stop(), () -> {
			sleep(Duration.ofSeconds(30));
			stack.registry().start(stack.postgres().jdbcUrl("registry"));
			stack.registry().awaitReady(RESTART);
		}));
		// -Dfault-suite.only=<part of a fault's name> runs that fault alone, to study it.
		String only = System.getProperty("fault-suite.only", "");
		return faults.stream().filter((fault) -> fault.name().contains(only)).toList();
	}

	/**
	 * Kept down 10 s, so its partitions move and the clients notice; back, it leads its
	 * partitions again. Kafka would move the leadership back by itself within 5 minutes
	 * ({@code leader.imbalance.check.interval.seconds}), in the middle of a later fault.
	 */
	private static void restartBroker(KafkaBroker broker) {
		sleep(Duration.ofSeconds(10));
		stack.kafka().start(broker.nodeId());
		broker.awaitReady(RESTART);
		long deadline = System.nanoTime() + RESTART.toNanos();
		try (Admin admin = admin()) {
			while (true) {
				var failed = admin.electLeaders(ElectionType.PREFERRED, null)
					.partitions()
					.get(30, TimeUnit.SECONDS)
					.values()
					.stream()
					.flatMap(Optional::stream)
					.filter((error) -> !(error instanceof ElectionNotNeededException))
					.toList();
				if (failed.isEmpty() || System.nanoTime() > deadline) {
					return;
				}
				sleep(Duration.ofSeconds(2));
			}
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not restore the preferred leaders", ex);
		}
	}

	/**
	 * The restarted notification-streams instance warms its stores up as a standby and
	 * takes tasks back at a probing rebalance a minute later; until then the recovery is
	 * not over, and the hand-over would fall in the next fault.
	 */
	private static void awaitTasksOnEveryStreamsInstance() {
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		try (Admin admin = admin()) {
			while (System.nanoTime() < deadline) {
				var group = admin.describeConsumerGroups(List.of(LocalStack.NOTIFICATION_STREAMS))
					.all()
					.get(10, TimeUnit.SECONDS)
					.get(LocalStack.NOTIFICATION_STREAMS);
				if (group.members().size() == 2
						&& group.members().stream().noneMatch((m) -> m.assignment().topicPartitions().isEmpty())) {
					return;
				}
				sleep(Duration.ofSeconds(2));
			}
			System.out.println("  notification-streams: an instance still has no task after 3 minutes");
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not describe the notification-streams group", ex);
		}
	}

	private static String statusOf(String connector) {
		try {
			return stack.connect().status(connector);
		}
		catch (RuntimeException ex) {
			return "not read: " + ex;
		}
	}

	private static Admin admin() {
		return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.kafka().bootstrapServers()));
	}

	/** The broker that coordinates the relay's transactional ids. */
	private static int relayCoordinator() {
		try (Admin admin = admin()) {
			String relayId = admin.listTransactions()
				.all()
				.get(10, TimeUnit.SECONDS)
				.stream()
				.map((listing) -> listing.transactionalId())
				.filter((id) -> id.startsWith("assignment-relay-"))
				.findFirst()
				.orElseThrow();
			return admin.describeTransactions(List.of(relayId))
				.description(relayId)
				.get(10, TimeUnit.SECONDS)
				.coordinatorId();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not find the relay's transaction coordinator", ex);
		}
	}

	/**
	 * What became of {@code accepted}, waiting until every destination holds all of it or
	 * {@link #DELIVERY} passed.
	 */
	private static FaultRow count(String fault, Duration recovery, List<Accepted> accepted) throws Exception {
		long deadline = System.nanoTime() + DELIVERY.toNanos();
		long explainAt = System.nanoTime() + LAGGING.toNanos();
		Tally tally;
		do {
			tally = tally(accepted, false);
			if (tally.complete()) {
				break;
			}
			if (System.nanoTime() > explainAt) {
				explainAt = Long.MAX_VALUE;
				System.out.println("  still missing after " + LAGGING + " of " + fault + ": " + tally.missing()
						+ " (the archive is counted once the rest is complete)");
				try (var transactions = new OpenTransactions(stack.kafka().bootstrapServers(), TOPICS)) {
					transactions.stalls(LAGGING);
					Thread.sleep(5_000);
					transactions.stalls(LAGGING).forEach((line) -> System.out.println("    " + line));
					// Where the AWS fan-out stands: the connector's lag, its state, the
					// queue's reader.
					System.out.println("    " + transactions.lagOf("connect-sns-sink-fifo"));
					System.out.println("    " + transactions.lagOf("connect-event-archive"));
					System.out.println("    sns-sink-fifo: " + statusOf("sns-sink-fifo"));
					System.out.println("    FIFO queue: " + sqs.waiting(fifoQueue) + " messages waiting; its readers: "
							+ fifoRead + " messages, the last batch at " + fifoReadAt
							+ (fifoReadError == null ? "" : ", last error " + fifoReadError));
				}
			}
			Thread.sleep(2_000);
		}
		while (System.nanoTime() < deadline);
		if (!tally.complete()) {
			// The archive counted afresh, not from a count taken before the deadline.
			archiveCountedAt = 0;
			tally = tally(accepted, true);
		}
		Duration longestPost = accepted.stream().map(Accepted::waited).max(Duration::compareTo).orElse(Duration.ZERO);
		Duration longestFrame = Duration.ZERO;
		String slowest = "";
		List<String> slowestHistory = List.of();
		for (Accepted a : accepted) {
			Instant posted = a.acceptedAt().minus(a.waited());
			for (ResumingClient client : clientsOf(a)) {
				Instant arrival = client.firstArrival(a.eventId());
				if (arrival != null && Duration.between(posted, arrival).compareTo(longestFrame) > 0) {
					longestFrame = Duration.between(posted, arrival);
					slowest = "event " + a.eventId() + " of job " + a.planned().job() + " to client " + client.name()
							+ ": posted " + posted + ", 201 at " + a.acceptedAt() + ", frame at " + arrival;
					slowestHistory = client.historyBetween(posted.minusSeconds(60), arrival);
				}
			}
		}
		System.out.println("  slowest frame after " + fault + ": " + slowest);
		slowestHistory.forEach((moment) -> System.out.println("    its client: " + moment));
		return new FaultRow(fault, recovery, accepted.size(), tally, longestPost, longestFrame);
	}

	private static List<ResumingClient> clientsOf(Accepted accepted) {
		return List.of(dispatcherOf.get(accepted.planned().group()),
				contractorClient.get(accepted.planned().contractor()));
	}

	/** How many accepted assignments a destination holds, and the extra copies. */
	record Found(int found, int duplicated) {
	}

	/** Found and duplicated per destination. */
	record Tally(int expected, Map<String, Found> byDestination, int duplicateFrames) {

		boolean complete() {
			return byDestination.values().stream().allMatch((found) -> found.found() == expected);
		}

		int lost() {
			return byDestination.values().stream().mapToInt((found) -> expected - found.found()).sum();
		}

		int duplicated() {
			return byDestination.values().stream().mapToInt(Found::duplicated).sum();
		}

		Map<String, Integer> missing() {
			return byDestination.entrySet()
				.stream()
				.filter((entry) -> entry.getValue().found() < expected)
				.collect(Collectors.toMap(Map.Entry::getKey, (entry) -> expected - entry.getValue().found()));
		}

	}

	/**
	 * Counts every destination; the archive only once every other one is complete, or
	 * when {@code archiveAnyway}.
	 */
	private static Tally tally(List<Accepted> accepted, boolean archiveAnyway) throws Exception {
		var byDestination = new LinkedHashMap<String, Found>();
		Set<String> ids = accepted.stream().map(Accepted::assignmentId).collect(Collectors.toSet());
		byDestination.put("Postgres", new Found(storedAssignments(ids), 0));
		// Clients dedupe by eventId: their extra copies are duplicate frames, not
		// duplicates after dedupe.
		Found dispatchers = counted(accepted, (a) -> dispatcherOf.get(a.planned().group()).copiesOf(a.eventId()));
		Found contractors = counted(accepted,
				(a) -> contractorClient.get(a.planned().contractor()).copiesOf(a.eventId()));
		byDestination.put("WebSocket dispatchers", new Found(dispatchers.found(), 0));
		byDestination.put("WebSocket contractors", new Found(contractors.found(), 0));
		byDestination.put("SQS (FIFO topic)", counted(accepted, (a) -> fifoCopies.getOrDefault(a.eventId(), 0)));
		byDestination.put("job-assigned.v1", counted(accepted, (a) -> onJobAssigned.copiesOf(a.eventId())));
		byDestination.put("dispatcher topic",
				counted(accepted, (a) -> onDispatcherTopic.copiesOf(a.eventId() + "@" + a.planned().group())));
		byDestination.put("contractor topic",
				counted(accepted, (a) -> onContractorTopic.copiesOf(a.eventId() + "@" + a.planned().contractor())));
		boolean restComplete = byDestination.values().stream().allMatch((found) -> found.found() == accepted.size());
		if ((restComplete || archiveAnyway)
				&& System.nanoTime() - archiveCountedAt > ARCHIVE_COUNT_INTERVAL.toNanos()) {
			archiveCopies = archived();
			archiveCountedAt = System.nanoTime();
		}
		var archive = archiveCopies;
		byDestination.put("archive", counted(accepted, (a) -> archive.getOrDefault(a.eventId(), 0)));
		return new Tally(accepted.size(), byDestination, dispatchers.duplicated() + contractors.duplicated());
	}

	/**
	 * Found and extra copies, given how many copies of each accepted assignment arrived.
	 */
	private static Found counted(List<Accepted> accepted, ToIntFunction<Accepted> copies) {
		int found = 0;
		int duplicated = 0;
		for (Accepted a : accepted) {
			int n = copies.applyAsInt(a);
			found += (n > 0) ? 1 : 0;
			duplicated += Math.max(0, n - 1);
		}
		return new Found(found, duplicated);
	}

	private static TopicCopies<JobAssigned> copiesOn(TopicSpec<String, ?> topic,
			Function<ConsumerRecord<String, JobAssigned>, String> identity) {
		var copies = new TopicCopies<>(stack.kafka().bootstrapServers(), topic.name(),
				AvroSerdes.<JobAssigned>valueDeserializer(stack.registry().url()), identity);
		topicCopies.add(copies);
		return copies;
	}

	private static Map<String, Integer> archived() {
		var copies = new HashMap<String, Integer>();
		ArchiveQueryCommand
			.sql(stack,
					"SELECT eventId, count(*) AS n FROM job_assigned WHERE jobId LIKE '" + run + "%' GROUP BY eventId")
			.forEach((row) -> copies.put(row.get("eventId").asString(), row.get("n").asInt()));
		return copies;
	}

	private static int storedAssignments(Set<String> ids) throws SQLException {
		try (var db = DriverManager.getConnection(stack.postgres().jdbcUrl("assignments"), "postgres", "postgres");
				var query = db.prepareStatement("SELECT count(*) FROM assignment WHERE id::text = ANY (?)")) {
			query.setArray(1, db.createArrayOf("text", ids.toArray()));
			var rows = query.executeQuery();
			rows.next();
			return rows.getInt(1);
		}
	}

	/**
	 * Assignment n: job n of this run, its group, a contractor, and a slot nobody else
	 * takes.
	 */
	private static Planned plan(int n) {
		return new Planned(run + "-" + n, GROUPS.get(n % GROUPS.size()), contractor(n % CONTRACTORS),
				FIRST_SLOT.plus(Duration.ofHours(n / CONTRACTORS)));
	}

	private static String contractor(int c) {
		return run + "-C" + c;
	}

	/**
	 * Groups and contractors through the API; the jobs (one per assignment) in one
	 * statement, as a bulk import would.
	 */
	private static void seed() throws SQLException {
		var admin = new AssignmentApi(stack.service(LocalStack.ASSIGNMENT_SERVICE).url(), null).asAdmin();
		GROUPS.forEach(admin::createGroup);
		IntStream.range(0, CONTRACTORS).forEach((c) -> admin.createContractor(contractor(c), "Contractor " + c));
		try (var db = DriverManager.getConnection(stack.postgres().jdbcUrl("assignments"), "postgres", "postgres");
				var statement = db.createStatement()) {
			statement.execute("""
					INSERT INTO job (id, title, job_type, street, city, postal_code, country, time_zone)
					SELECT '%1$s-' || n, 'Fault suite job', 'PLUMBING', '1 Main St', 'Berlin', '10115', 'DE',
					       'Europe/Berlin'
					FROM generate_series(0, %2$d) n""".formatted(run, JOBS));
			statement.execute("""
					INSERT INTO job_dispatch_group
					SELECT '%1$s-' || n, (ARRAY['%3$s'])[n %% %2$d + 1] FROM generate_series(0, %4$d) n"""
				.formatted(run, GROUPS.size(), String.join("','", GROUPS), JOBS));
		}
	}

	private static List<String> urls(String service) {
		return List.of(stack.service(service).url(), stack.service(service, 2).url());
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static Path dataDir() throws IOException {
		return Files.createTempDirectory(Path.of("target"), "fault-stack-").toAbsolutePath();
	}

	/** A line of the table: what one fault cost. */
	record FaultRow(String fault, Duration recovery, int accepted, Tally tally, Duration longestPost,
			Duration longestFrame) {

		static final String HEADER = String.format("%-52s %8s %8s  %s", "fault", "recovery", "accepted",
				"found per destination / lost / duplicated after dedupe / duplicate frames / longest POST, POST->frame");

		int lost() {
			return tally.lost();
		}

		int duplicated() {
			return tally.duplicated();
		}

		@Override
		public String toString() {
			String found = tally.byDestination()
				.entrySet()
				.stream()
				.map((entry) -> entry.getKey() + " " + entry.getValue().found())
				.collect(Collectors.joining(", "));
			return String.format("%-52s %7.1fs %8d  %s / lost %d / duplicated %d / %d / %.1f s, %.1f s", fault,
					recovery.toMillis() / 1000.0, accepted, found, lost(), duplicated(), tally.duplicateFrames(),
					longestPost.toMillis() / 1000.0, longestFrame.toMillis() / 1000.0);
		}

	}

}
