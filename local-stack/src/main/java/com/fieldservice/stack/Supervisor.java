package com.fieldservice.stack;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Keeps the run command's processes alive: checks each every second and, when one has
 * died, says so at once (which one, how it ended, where its log is) and starts it again.
 * A component that dies too often, or cannot be started again, stops the whole stack: it
 * never carries on with a part missing.
 */
final class Supervisor implements AutoCloseable {

	static final int MAX_RESTARTS = 3;

	static final Duration RESTART_WINDOW = Duration.ofMinutes(10);

	private static final Duration CHECK_INTERVAL = Duration.ofSeconds(1);

	private static final Duration GRACE = Duration.ofMillis(500);

	/** A process of the stack, as the supervisor sees it. */
	interface Component {

		String name();

		/** How the process ended, or null while it runs. */
		String exit();

		Path log();

		/** Starts the process again and waits until it is ready. */
		void restart();

		/** A component whose process is a {@link ManagedProcess}. */
		static Component of(Supplier<ManagedProcess> process, Runnable restart) {
			return new Component() {

				@Override
				public String name() {
					return process.get().name();
				}

				@Override
				public String exit() {
					return process.get().exitDescription();
				}

				@Override
				public Path log() {
					return process.get().logFile();
				}

				@Override
				public void restart() {
					restart.run();
				}

			};
		}

	}

	private final List<Component> components;

	private final Consumer<String> notices;

	private final Runnable stopStack;

	private final Clock clock;

	private final Map<String, Deque<Instant>> restarts = new HashMap<>();

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((task) -> {
		var thread = new Thread(task, "stack-supervisor");
		thread.setDaemon(true);
		return thread;
	});

	private volatile boolean closed;

	/**
	 * @param notices where to say what happened (the run command's console)
	 * @param stopStack stops the stack and the run command; called on its own thread
	 */
	Supervisor(List<Component> components, Consumer<String> notices, Runnable stopStack, Clock clock) {
		this.components = List.copyOf(components);
		this.notices = notices;
		this.stopStack = stopStack;
		this.clock = clock;
	}

	void start() {
		timer.scheduleWithFixedDelay(this::checkAll, CHECK_INTERVAL.toMillis(), CHECK_INTERVAL.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	/** Checks every component once; the timer calls this every second. */
	void checkAll() {
		for (Component component : components) {
			if (closed) {
				return;
			}
			String exit = component.exit();
			if (exit != null && stillWatching() && !recover(component, exit)) {
				closed = true;
				Thread.ofPlatform().name("stack-stop").start(stopStack);
				return;
			}
		}
	}

	/**
	 * Ctrl-C reaches the stack's processes as well as the run command: give its shutdown
	 * a moment to begin before taking an ended process for a crash.
	 */
	private boolean stillWatching() {
		try {
			Thread.sleep(GRACE);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		return !closed;
	}

	/** Says what died and starts it again; false when the stack must stop instead. */
	private boolean recover(Component component, String exit) {
		notices.accept("!! " + component.name() + " stopped unexpectedly (" + exit + "); log: " + component.log());
		int attempt = recordRestart(component.name());
		if (attempt > MAX_RESTARTS) {
			notices.accept("!! " + component.name() + " stopped " + attempt + " times within "
					+ RESTART_WINDOW.toMinutes() + " min: stopping the stack");
			return false;
		}
		notices.accept("   restarting " + component.name() + " (" + attempt + " of " + MAX_RESTARTS + " within "
				+ RESTART_WINDOW.toMinutes() + " min) ...");
		Instant started = clock.instant();
		try {
			component.restart();
		}
		catch (RuntimeException ex) {
			if (closed) {
				return true;
			}
			notices.accept("!! " + component.name() + " could not be restarted: " + firstLine(ex.getMessage())
					+ "; log: " + component.log() + ". Stopping the stack");
			return false;
		}
		notices.accept("   " + component.name() + " is back ("
				+ Duration.between(started, clock.instant()).toMillis() / 1000.0 + " s)");
		return true;
	}

	private int recordRestart(String name) {
		Instant now = clock.instant();
		Deque<Instant> times = restarts.computeIfAbsent(name, (key) -> new ArrayDeque<>());
		while (!times.isEmpty() && times.peekFirst().isBefore(now.minus(RESTART_WINDOW))) {
			times.removeFirst();
		}
		times.addLast(now);
		return times.size();
	}

	private static String firstLine(String message) {
		return (message == null) ? "no reason given" : message.lines().findFirst().orElse(message);
	}

	/** Stops watching: the stack is being stopped on purpose. */
	@Override
	public void close() {
		closed = true;
		timer.shutdownNow();
	}

}
