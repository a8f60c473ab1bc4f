package com.fieldservice.systemtests;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import tools.jackson.databind.JsonNode;

import com.fieldservice.testsupport.AssignmentApi;

/**
 * A WebSocket client as the README tells one to behave: it keeps the {@code resume} of
 * the last frame it processed, and after any close or error reconnects with it, to the
 * next push-service instance in turn. It dedupes by eventId and counts what arrived more
 * than once.
 */
final class ResumingClient implements AutoCloseable {

	private static final Duration RECONNECT_PAUSE = Duration.ofMillis(200);

	private final String name;

	private final List<String> pushUrls;

	private final String token;

	private final HttpClient http = HttpClient.newHttpClient();

	private final Map<String, Integer> copies = new ConcurrentHashMap<>();

	private final Map<String, Instant> firstArrival = new ConcurrentHashMap<>();

	private final AtomicInteger connections = new AtomicInteger();

	/** What happened to its connections, when: to explain a slow frame. */
	private final Deque<Moment> history = new ConcurrentLinkedDeque<>();

	private final Thread thread;

	private volatile String resume;

	private volatile boolean running = true;

	ResumingClient(String name, List<String> pushUrls, String token) {
		this.name = name;
		this.pushUrls = pushUrls;
		this.token = token;
		this.thread = Thread.ofPlatform().name("ws-" + name).daemon().start(this::run);
	}

	String name() {
		return name;
	}

	/**
	 * How many times {@code eventId} arrived. (Read in place: counting an assignment must
	 * not copy what every other one received.)
	 */
	int copiesOf(String eventId) {
		return copies.getOrDefault(eventId, 0);
	}

	Instant firstArrival(String eventId) {
		return firstArrival.get(eventId);
	}

	int connections() {
		return connections.get();
	}

	/** Its connections' openings, closes and failures between two instants. */
	List<String> historyBetween(Instant from, Instant to) {
		return history.stream()
			.filter((moment) -> !moment.at().isBefore(from) && !moment.at().isAfter(to))
			.map(Moment::toString)
			.toList();
	}

	private void record(String what) {
		history.addLast(new Moment(Instant.now(), what));
		while (history.size() > 200) {
			history.pollFirst();
		}
	}

	private record Moment(Instant at, String what) {

		@Override
		public String toString() {
			return at + " " + what;
		}

	}

	private void run() {
		while (running) {
			int instance = connections.getAndIncrement() % pushUrls.size();
			String url = pushUrls.get(instance);
			var closed = new CompletableFuture<Void>();
			try {
				WebSocket socket = http.newWebSocketBuilder()
					.connectTimeout(Duration.ofSeconds(5))
					.buildAsync(uri(url), new Listener(closed, instance + 1))
					.get(10, TimeUnit.SECONDS);
				record("open on instance " + (instance + 1));
				while (running && !closed.isDone()) {
					try {
						closed.get(500, TimeUnit.MILLISECONDS);
					}
					catch (java.util.concurrent.TimeoutException ex) {
						// Still open.
					}
				}
				socket.abort();
			}
			catch (InterruptedException ex) {
				return;
			}
			catch (Exception ex) {
				// Refused or failed (instance down or not ready): try the next one.
				record("could not open on instance " + (instance + 1) + ": " + ex);
			}
			pause();
		}
	}

	private URI uri(String url) {
		String query = "access_token=" + token
				+ ((resume != null) ? "&resume=" + URLEncoder.encode(resume, StandardCharsets.UTF_8) : "");
		return URI.create(url.replaceFirst("^http", "ws") + "/ws?" + query);
	}

	private void pause() {
		try {
			Thread.sleep(RECONNECT_PAUSE);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			running = false;
		}
	}

	private void onFrame(String text) {
		JsonNode frame = AssignmentApi.JSON.readTree(text);
		String type = frame.path("type").asString("");
		if (type.equals("jobAssigned")) {
			String eventId = frame.get("eventId").asString();
			firstArrival.putIfAbsent(eventId, Instant.now());
			copies.merge(eventId, 1, Integer::sum);
		}
		// welcome says where the stream starts: a client that loses its first connection
		// before any notification resumes from there, not from the live end.
		if (frame.hasNonNull("resume") && Set.of("welcome", "jobAssigned", "caughtUp").contains(type)) {
			resume = frame.get("resume").asString();
		}
	}

	/**
	 * Stops at once: {@code HttpClient.close()} would wait for the open WebSocket to end.
	 */
	@Override
	public void close() {
		running = false;
		thread.interrupt();
		http.shutdownNow();
	}

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		private final CompletableFuture<Void> closed;

		private final int instance;

		Listener(CompletableFuture<Void> closed, int instance) {
			this.closed = closed;
			this.instance = instance;
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			partial.append(data);
			if (last) {
				onFrame(partial.toString());
				partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			record("closed by instance " + instance + ": " + statusCode + " " + reason);
			closed.complete(null);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			record("error on instance " + instance + ": " + error);
			closed.complete(null);
		}

	}

}
