package com.fieldservice.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.HdrHistogram.Histogram;

import com.fieldservice.schemas.Topics;
import com.fieldservice.stack.LocalStack;
import com.fieldservice.stack.StackSettings;

import tools.jackson.databind.JsonNode;

/**
 * The event archive: JobAssigned events written straight to its input,
 * {@code job-assigned.v1}, at a fixed rate, with the Iceberg sink the only connector of
 * the worker; prints events archived per second, the lag from the broker's append to the
 * commit that made each event queryable, and the worker's CPU per event, then checks that
 * the table holds exactly the events written. Run: {@code ./scripts/benchmark archive}.
 */
public final class ArchiveBenchmark {

	static final int RATE = 500;

	/** Enough for the sink's first commits at full rate: the JIT and its writers warm. */
	static final Duration WARMUP = Duration.ofSeconds(20);

	static final Duration MEASURE = Duration.ofSeconds(60);

	private ArchiveBenchmark() {
	}

	/**
	 * @param lag milliseconds from append to visible, one value per measured event
	 * @param missing measured events the table does not hold
	 * @param commits the sink's commits while the measured events were written
	 * @param workerCpuPer1000 CPU seconds of the Connect worker per 1,000 measured events
	 * @param machineCores cores the whole machine kept busy meanwhile, anything else
	 * running included
	 * @param otherCores of these, the cores busy with processes other than the stack's
	 * @param written every event written, warm-up included
	 * @param found events in the table by the benchmark's reading of its snapshots
	 * @param duplicates rows of the table repeating an event
	 * @param queried what the query command counts: rows, then distinct eventIds
	 */
	record Result(Histogram lag, int measured, int missing, List<ArchiveSnapshots.Commit> commits,
			double workerCpuPer1000, double machineCores, double otherCores, long written, long found, int duplicates,
			long[] queried) {

		/**
		 * Events per second the sink committed between the first and the last commit of
		 * the measured part.
		 */
		double eventsPerSecond() {
			long events = this.commits.stream().skip(1).mapToLong(ArchiveSnapshots.Commit::addedEvents).sum();
			long millis = this.commits.getLast().committedAt() - this.commits.getFirst().committedAt();
			return events * 1000.0 / millis;
		}

	}

	public static void main(String[] args) throws Exception {
		Path data = Files.createTempDirectory("archive-benchmark-");
		try (LocalStack stack = LocalStack.startInfrastructure(StackSettings.forTests(data));
				var kafka = new KafkaProbe(stack.kafka().bootstrapServers());
				var load = new JobAssignedLoad(stack.kafka().bootstrapServers(), stack.registry().url(),
						Topics.JOB_ASSIGNED)) {
			// Ctrl-C stops the stack's processes too, not only this JVM.
			Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "benchmark-stack-shutdown"));
			// The broker stamps each record: the lag needs no clock of the producer's.
			kafka.useLogAppendTime(Topics.JOB_ASSIGNED);
			System.out.println(">> starting the Connect worker with the event-archive connector alone ...");
			stack.startConnect(List.of("event-archive"));
			try (var archive = ArchiveSnapshots.of(stack)) {
				print(run(stack, load, archive), archive);
			}
		}
	}

	private static Result run(LocalStack stack, JobAssignedLoad load, ArchiveSnapshots archive) throws Exception {
		var worker = ProcessCpu.connectWorker();
		// The first event makes the sink create the table and its converter fetch the
		// schema: before the clock starts.
		load.backlog(1);
		archive.awaitEvents(1, Duration.ofMinutes(2));
		System.out.printf(">> %d events/s to %s: %d s warm-up, %d s measured ...%n", RATE, Topics.JOB_ASSIGNED.name(),
				WARMUP.toSeconds(), MEASURE.toSeconds());
		load.atFixedRate(RATE, WARMUP);
		// Listed now, the sink's catalog connections (Postgres backends) included.
		var machine = ProcessCpu.machine();
		var all = ProcessCpu.stack(stack.settings().dataDir());
		long cpuFrom = worker.cpu().toNanos();
		long machineFrom = machine.cpu().toNanos();
		long stackFrom = all.cpu().toNanos();
		long from = System.currentTimeMillis();
		Map<UUID, Long> appended = load.atFixedRate(RATE, MEASURE);
		long to = System.currentTimeMillis();
		long cpuTo = worker.cpu().toNanos();
		double machineCores = (machine.cpu().toNanos() - machineFrom) / 1e6 / (to - from);
		// Both counted in 10 ms ticks: the difference may dip just below zero.
		double otherCores = Math.max(0, machineCores - (all.cpu().toNanos() - stackFrom) / 1e6 / (to - from));
		long written = 1 + RATE * (WARMUP.toSeconds() + MEASURE.toSeconds());
		archive.awaitEvents(written, Duration.ofMinutes(2));

		ArchiveSnapshots.Visibility visibility = archive.visibility();
		var lag = new Histogram(3_600_000L, 3);
		int missing = lags(appended, visibility, lag);
		List<ArchiveSnapshots.Commit> commits = archive.commits()
			.stream()
			.filter(commit -> commit.committedAt() >= from && commit.committedAt() <= to)
			.toList();
		return new Result(lag, appended.size(), missing, commits, (cpuTo - cpuFrom) / 1e9 / (appended.size() / 1000.0),
				machineCores, otherCores, written, visibility.committedAt().size(), visibility.duplicates(),
				queried(stack));
	}

	/**
	 * Records the lag of each appended event in {@code lag} (milliseconds, append time to
	 * commit time); returns how many the table does not hold.
	 */
	private static int lags(Map<UUID, Long> appended, ArchiveSnapshots.Visibility visibility, Histogram lag) {
		int missing = 0;
		for (var event : appended.entrySet()) {
			Long committedAt = visibility.committedAt().get(event.getKey().toString());
			if (committedAt == null) {
				missing++;
				continue;
			}
			lag.recordValue(Math.clamp(committedAt - event.getValue(), 0, lag.getHighestTrackableValue()));
		}
		return missing;
	}

	/** Rows and distinct eventIds of the table, as the query command counts them. */
	private static long[] queried(LocalStack stack) throws Exception {
		JsonNode counted = ArchiveQueryCommand
			.sql(stack, "SELECT count(*) AS events, count(DISTINCT eventId) AS distinct_events FROM job_assigned")
			.getFirst();
		return new long[] { counted.path("events").asLong(), counted.path("distinct_events").asLong() };
	}

	private static void print(Result result, ArchiveSnapshots archive) {
		System.out.printf(
				"%nEvent archive: JobAssigned written to %s (LogAppendTime) at a fixed %d events/s for %d s "
						+ "(after %d s warm-up), the Iceberg sink alone in the worker (tasks.max=1)%n",
				Topics.JOB_ASSIGNED.name(), RATE, MEASURE.toSeconds(), WARMUP.toSeconds());
		System.out.printf(
				"  The sink commits every %d s (iceberg.control.commit.interval-ms in %s): that interval "
						+ "dominates the lag.%n",
				archive.commitInterval().toSeconds(), ArchiveSnapshots.CONNECTOR_CONFIG);
		System.out.printf(
				"  archived                %,8.0f events/s  (%d commits in the measured part, %.1f s apart on "
						+ "average)%n",
				result.eventsPerSecond(), result.commits().size(), meanInterval(result.commits()));
		System.out.printf(
				"  append -> visible       p50 %6.2f s  p99 %6.2f s  max %6.2f s  (%,d events; visible = the "
						+ "snapshot commit that holds it, timestamp-ms)%n",
				result.lag().getValueAtPercentile(50) / 1000.0, result.lag().getValueAtPercentile(99) / 1000.0,
				result.lag().getMaxValue() / 1000.0, result.lag().getTotalCount());
		System.out.printf(
				"  Connect worker CPU      %.3f s per 1,000 events  (machine busy %.2f of %d cores, %.2f not by the stack)%n",
				result.workerCpuPer1000(), result.machineCores(), Runtime.getRuntime().availableProcessors(),
				result.otherCores());
		System.out.printf(
				"  table                   %,d events written; snapshots add %,d distinct (%d repeated, %d of "
						+ "the measured missing);%n",
				result.written(), result.found(), result.duplicates(), result.missing());
		System.out.printf("                          the query command counts %,d rows, %,d distinct eventIds: %s%n",
				result.queried()[0], result.queried()[1],
				exactly(result) ? "exactly the events written" : "NOT exactly the events written");
	}

	private static boolean exactly(Result result) {
		return result.queried()[0] == result.written() && result.queried()[1] == result.written()
				&& result.found() == result.written() && result.duplicates() == 0 && result.missing() == 0;
	}

	private static double meanInterval(List<ArchiveSnapshots.Commit> commits) {
		if (commits.size() < 2) {
			return Double.NaN;
		}
		return (commits.getLast().committedAt() - commits.getFirst().committedAt()) / 1000.0 / (commits.size() - 1);
	}

}
