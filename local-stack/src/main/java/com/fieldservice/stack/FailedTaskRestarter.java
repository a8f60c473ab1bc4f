package com.fieldservice.stack;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Restarts the stack's connector tasks that failed, every few seconds. Connect never
 * restarts a task that threw a non-retriable exception: the archive's task fails for good
 * when its catalog database is unreachable, and would stay failed, archiving nothing,
 * after the database is back. Nothing is lost meanwhile (the task's offsets stay where it
 * stopped); this brings it back without an operator.
 */
final class FailedTaskRestarter implements AutoCloseable {

	private static final Duration INTERVAL = Duration.ofSeconds(5);

	private final ConnectWorker worker;

	private final Supplier<Set<String>> connectors;

	private final Consumer<String> notices;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
			(task) -> Thread.ofPlatform().daemon().name("connect-task-restarter").unstarted(task));

	FailedTaskRestarter(ConnectWorker worker, Supplier<Set<String>> connectors, Consumer<String> notices) {
		this.worker = worker;
		this.connectors = connectors;
		this.notices = notices;
		this.timer.scheduleWithFixedDelay(this::restartFailed, INTERVAL.toMillis(), INTERVAL.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private void restartFailed() {
		if (!worker.isRunning()) {
			return;
		}
		for (String name : connectors.get()) {
			try {
				List<Integer> restarted = worker.restartFailedTasks(name);
				if (!restarted.isEmpty()) {
					notices.accept("Connector " + name + ": task " + restarted
							+ " had failed (its reason is in connect.log); restarted it");
				}
			}
			catch (RuntimeException ex) {
				// The worker does not answer (starting, or stopped): next round.
			}
		}
	}

	@Override
	public void close() {
		timer.shutdownNow();
	}

}
