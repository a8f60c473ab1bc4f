package com.fieldservice.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The SNS throughput baseline's JVM ({@link PublishBatchLoop}), started once and kept
 * running, so that its JIT warms up over the passes as the Connect worker's does. It gets
 * the worker's heap and collector: the loop's client CPU lies on the path of every call,
 * as the task's does, and this JVM's G1 and large default heap cost more of it.
 */
final class BaselinePublisher implements AutoCloseable {

	/** As the local stack starts the Connect worker. */
	private static final List<String> WORKER_JVM_OPTIONS = List.of("-Xms128m", "-Xmx512m", "-XX:+UseSerialGC");

	private final Process process;

	private final PrintWriter commands;

	private final BufferedReader answers;

	/**
	 * Starts the loop against the emulator at {@code endpoint} with the messages
	 * {@link PublishBatchLoop#write} writes to {@code messages} before the first
	 * {@link #publishAll}; its errors go to {@code log}.
	 */
	BaselinePublisher(String endpoint, String topicArn, Path messages, Path log) throws IOException {
		var command = new ArrayList<String>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(WORKER_JVM_OPTIONS);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), PublishBatchLoop.class.getName(), endpoint,
				topicArn, messages.toString()));
		this.process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		this.commands = new PrintWriter(this.process.outputWriter(StandardCharsets.UTF_8), true);
		this.answers = new BufferedReader(new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8));
	}

	/** The loop's JVM, for its CPU time. */
	ProcessHandle handle() {
		return this.process.toHandle();
	}

	/** Publishes every message once, returning when SNS accepted them all. */
	void publishAll() {
		this.commands.println(PublishBatchLoop.PUBLISH);
		try {
			String answer = this.answers.readLine();
			if (!PublishBatchLoop.PUBLISHED.equals(answer)) {
				throw new IllegalStateException("The baseline loop failed (" + answer + "): see its log");
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("The baseline loop did not answer", ex);
		}
	}

	/** Ends the loop: its standard input closes. */
	@Override
	public void close() throws InterruptedException {
		this.commands.close();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

}
