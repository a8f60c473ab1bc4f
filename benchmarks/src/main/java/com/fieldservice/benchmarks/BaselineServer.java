package com.fieldservice.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fieldservice.stack.NpmPackages;

/**
 * The baseline of the fan-out benchmark:
 * {@code benchmarks/baseline/broadcast-server.mjs}, the minimal broadcast server of the
 * {@code ws} package on Node, run as a process of its own on 127.0.0.1. Its dependencies
 * are installed from the lock file into {@code benchmarks/baseline/node_modules}
 * (gitignored) when missing.
 */
final class BaselineServer implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	private final Process process;

	private final int port;

	private BaselineServer(Process process, int port) {
		this.process = process;
		this.port = port;
	}

	/** Starts the server; its output goes to {@code log}. */
	static BaselineServer start(Path home, Path log) throws Exception {
		Path dir = home.resolve("benchmarks/baseline");
		NpmPackages.installIfMissing(dir, "node_modules/ws", "the baseline's npm packages", log);
		Process process = new ProcessBuilder("node", "broadcast-server.mjs").directory(dir.toFile())
			.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.start();
		try {
			return new BaselineServer(process, awaitPort(process));
		}
		catch (Exception ex) {
			process.destroyForcibly();
			throw ex;
		}
	}

	/** The server prints {@code listening <port>} once it accepts connections. */
	private static int awaitPort(Process process) throws Exception {
		var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
		String line = CompletableFuture.supplyAsync(() -> {
			try {
				return reader.readLine();
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}).get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		if (line == null || !line.startsWith("listening ")) {
			throw new IllegalStateException("The baseline server did not start: " + line);
		}
		return Integer.parseInt(line.substring("listening ".length()).strip());
	}

	String url() {
		return "ws://127.0.0.1:" + this.port;
	}

	/** SIGTERM, then SIGKILL if it is still running after a few seconds. */
	@Override
	public void close() throws InterruptedException {
		this.process.destroy();
		if (!this.process.waitFor(5, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
			this.process.waitFor(5, TimeUnit.SECONDS);
		}
	}

}
