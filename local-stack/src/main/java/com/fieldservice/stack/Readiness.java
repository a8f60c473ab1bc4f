package com.fieldservice.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits until a component answers, failing early with its log when its process dies. */
final class Readiness {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private Readiness() {
	}

	static void await(ManagedProcess process, Duration timeout, BooleanSupplier ready) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (process != null && !process.isAlive()) {
				throw new IllegalStateException(process.name() + " exited during start-up. Log " + process.logFile()
						+ ":\n" + process.logTail(40));
			}
			if (ready.getAsBoolean()) {
				return;
			}
			sleep(Duration.ofMillis(200));
		}
		String name = process == null ? "component" : process.name();
		String tail = process == null ? "" : ":\n" + process.logTail(40);
		throw new IllegalStateException(name + " was not ready within " + timeout.toSeconds() + " s" + tail);
	}

	/** True when {@code url} answers 200. */
	static boolean httpOk(String url) {
		try {
			var request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
			return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting", ex);
		}
	}

}
