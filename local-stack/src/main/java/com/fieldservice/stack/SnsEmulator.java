package com.fieldservice.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The AWS SNS, SQS and S3 emulator ({@code fauxqs}, an npm package) in its own Node 22
 * process on 127.0.0.1, with the topics, queues and subscriptions of
 * {@code local-stack/sns-emulator/init.json}. Its state lives in its data directory, so a
 * restart keeps queued messages. Installed from the lock file with npm on first use.
 */
public final class SnsEmulator implements AutoCloseable {

	/** The region and account every ARN of the emulator names. */
	public static final String REGION = "us-east-1";

	public static final String ACCOUNT = "000000000000";

	/**
	 * Credentials the emulator accepts (it checks none); clients need some to sign with.
	 */
	public static final String ACCESS_KEY = "local";

	public static final String SECRET_KEY = "local-secret";

	/** The standard and FIFO topics the SNS sink connectors publish to. */
	public static final String TOPIC = "job-assigned";

	public static final String FIFO_TOPIC = "job-assigned.fifo";

	/**
	 * Demo queues: every event; C-7's events only (a filter policy); every event of the
	 * FIFO topic.
	 */
	public static final String QUEUE_ALL = "job-assigned-all";

	public static final String QUEUE_CONTRACTOR_C7 = "job-assigned-contractor-C-7";

	public static final String QUEUE_ALL_FIFO = "job-assigned-all.fifo";

	private final Path directory;

	private final int port;

	private final Path dataDir;

	private final Path logDir;

	private ManagedProcess process;

	SnsEmulator(Path home, int port, Path dataDir, Path logDir) {
		this.directory = home.resolve("local-stack/sns-emulator");
		this.port = port;
		this.dataDir = dataDir;
		this.logDir = logDir;
	}

	/**
	 * The endpoint AWS clients override theirs with, e.g. {@code http://127.0.0.1:4566}.
	 */
	public String endpoint() {
		return "http://127.0.0.1:" + this.port;
	}

	public static String topicArn(String topic) {
		return "arn:aws:sns:" + REGION + ":" + ACCOUNT + ":" + topic;
	}

	/**
	 * Starts the emulator (installing it first if needed); {@link #awaitReady} waits for
	 * it.
	 */
	public void start() {
		NpmPackages.installIfMissing(this.directory, "node_modules/fauxqs/package.json",
				"the SNS/SQS emulator (fauxqs, with the Node 22 it needs)",
				this.logDir.resolve("sns-emulator-install.log"));
		try {
			Files.createDirectories(this.dataDir);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not create " + this.dataDir, ex);
		}
		List<String> command = List.of(NpmPackages.node(this.directory).toString(), "--no-warnings",
				this.directory.resolve("start.mjs").toString());
		Map<String, String> environment = Map.of("FAUXQS_PORT", Integer.toString(this.port), "FAUXQS_HOST", "127.0.0.1",
				"FAUXQS_INIT", this.directory.resolve("init.json").toString(), "FAUXQS_DATA_DIR",
				this.dataDir.toString());
		this.process = ManagedProcess.start("sns-emulator", command, environment,
				this.logDir.resolve("sns-emulator.log"));
	}

	public void awaitReady(Duration timeout) {
		Readiness.await(this.process, timeout, () -> Readiness.httpOk(endpoint() + "/health"));
	}

	/** Stops the emulator (SIGTERM), as an outage of SNS and SQS. */
	public void stop() {
		if (this.process != null) {
			this.process.close();
		}
	}

	public boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	@Override
	public void close() {
		stop();
	}

	/** The running (or last) process, for the run command's supervisor. */
	ManagedProcess process() {
		return this.process;
	}

}
