package com.fieldservice.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the stack (a JVM running the broker, the registry or a service) with
 * its output in a log file; stopped with SIGTERM first so it can shut down cleanly, then
 * killed if it does not.
 */
public final class ManagedProcess implements AutoCloseable {

	static final Duration GRACE = Duration.ofSeconds(20);

	private final String name;

	private final Process process;

	private final Path logFile;

	private ManagedProcess(String name, Process process, Path logFile) {
		this.name = name;
		this.process = process;
		this.logFile = logFile;
	}

	static ManagedProcess start(String name, List<String> command, Map<String, String> environment, Path logFile) {
		return start(name, command, environment, logFile, null);
	}

	/**
	 * Starts {@code command} in {@code directory} (null: the launcher's working
	 * directory).
	 */
	static ManagedProcess start(String name, List<String> command, Map<String, String> environment, Path logFile,
			Path directory) {
		try {
			Files.createDirectories(logFile.getParent());
			var builder = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
			if (directory != null) {
				builder.directory(directory.toFile());
			}
			builder.environment().putAll(environment);
			return new ManagedProcess(name, builder.start(), logFile);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not start " + name + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * slf4j-simple options of the JVMs started from Kafka's jars (the broker, the Connect
	 * worker): warnings and up, each line with its date and time like the services'
	 * lines.
	 */
	static final List<String> SIMPLE_LOGGER_OPTIONS = List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
			"-Dorg.slf4j.simpleLogger.showDateTime=true",
			"-Dorg.slf4j.simpleLogger.dateTimeFormat=yyyy-MM-dd'T'HH:mm:ss.SSSXXX");

	/**
	 * The java executable of this JVM, so children run on the same JDK as the launcher.
	 */
	public static String javaExecutable() {
		return ProcessHandle.current()
			.info()
			.command()
			.orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
	}

	/**
	 * The start of a child JVM's command line: this JDK's java, its heap, the serial
	 * collector (2 cores), then {@code options}; the caller adds the rest.
	 */
	static List<String> javaCommand(String minHeap, String maxHeap, List<String> options) {
		var command = new ArrayList<>(
				List.of(javaExecutable(), "-Xms" + minHeap, "-Xmx" + maxHeap, "-XX:+UseSerialGC"));
		command.addAll(options);
		return command;
	}

	public String name() {
		return name;
	}

	public boolean isAlive() {
		return process.isAlive();
	}

	public long pid() {
		return process.pid();
	}

	public Path logFile() {
		return logFile;
	}

	/**
	 * How the process ended, or null while it runs. A process killed by signal N exits
	 * with 128 + N on Linux.
	 */
	String exitDescription() {
		if (process.isAlive()) {
			return null;
		}
		int code = process.exitValue();
		return (code > 128 && code < 160) ? "exit code " + code + ", killed by signal " + (code - 128)
				: "exit code " + code;
	}

	/** The last lines of the log, to explain a failed start. */
	public String logTail(int lines) {
		try {
			List<String> all = Files.readAllLines(logFile);
			return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/** Waits for the process to end and returns its exit code. */
	int awaitExit(Duration timeout) {
		if (!waitForExit(timeout)) {
			kill();
			throw new IllegalStateException(name + " did not finish within " + timeout.toSeconds() + " s");
		}
		return process.exitValue();
	}

	/** Simulates a crash: SIGKILL, no shutdown hooks run. */
	public void kill() {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
		waitForExit(Duration.ofSeconds(10));
	}

	@Override
	public void close() {
		close(GRACE);
	}

	/** SIGTERM, then SIGKILL if the process has not ended within {@code grace}. */
	void close(Duration grace) {
		if (!process.isAlive()) {
			return;
		}
		process.destroy();
		if (!waitForExit(grace)) {
			kill();
		}
	}

	private boolean waitForExit(Duration timeout) {
		try {
			return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
