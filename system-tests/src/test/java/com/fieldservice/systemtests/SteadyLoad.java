package com.fieldservice.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import com.fieldservice.testsupport.AssignmentApi;

/**
 * Assignments POSTed at a fixed rate, as a scheduler under faults would send them: each
 * with an Idempotency-Key, sent to the instances in turn, and retried with the same key
 * on the next instance after a connection error, a timeout or a 5xx, until it is answered
 * 201. A 4xx is a refusal and counted, never retried. As a load balancer would, it asks
 * each instance's {@code /readyz} twice a second and sends only to those that answered
 * 200 (to all while none did): a restarted instance gets requests once it is ready. Like
 * a scheduler's HTTP client pool it has at most {@link #MAX_IN_FLIGHT} requests out at
 * once; the rest wait their turn, and that wait counts in their latency.
 */
final class SteadyLoad implements AutoCloseable {

	/**
	 * One assignment to make: a job of its own, its group and contractor, a free slot.
	 */
	record Planned(String job, String group, String contractor, Instant start) {
	}

	/**
	 * An assignment answered 201: its ids, and how long the client waited from the first
	 * attempt (retries included).
	 */
	record Accepted(Planned planned, String assignmentId, String eventId, Instant acceptedAt, Duration waited,
			int attempts) {
	}

	private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration RETRY_PAUSE = Duration.ofMillis(250);

	private static final Duration GIVE_UP = Duration.ofMinutes(3);

	private static final Duration READINESS_INTERVAL = Duration.ofMillis(500);

	/**
	 * Without a bound, requests the service had not answered within their timeout were
	 * sent again while the first attempts still waited in its queue: once behind (the
	 * instances compiling on a busy machine), each instance held 5,000 connections and
	 * answered every request after its client had given up, and none was accepted again.
	 */
	private static final int MAX_IN_FLIGHT = 32;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final Semaphore requestSlots = new Semaphore(MAX_IN_FLIGHT);

	private final List<String> instanceUrls;

	private final IntFunction<Planned> plan;

	private final Map<String, String> tokenOfGroup;

	private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor();

	private final ConcurrentLinkedQueue<Accepted> accepted = new ConcurrentLinkedQueue<>();

	private final ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();

	private final AtomicInteger sent = new AtomicInteger();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final Set<String> unready = ConcurrentHashMap.newKeySet();

	private volatile boolean closed;

	SteadyLoad(List<String> instanceUrls, IntFunction<Planned> plan, Map<String, String> tokenOfGroup) {
		this.instanceUrls = instanceUrls;
		this.plan = plan;
		this.tokenOfGroup = tokenOfGroup;
	}

	void start(int perSecond) {
		Thread.ofVirtual().start(this::watchReadiness);
		ticks.scheduleAtFixedRate(() -> {
			int n = sent.getAndIncrement();
			inFlight.incrementAndGet();
			Thread.ofVirtual().start(() -> {
				try {
					send(n, plan.apply(n));
				}
				finally {
					inFlight.decrementAndGet();
				}
			});
		}, 0, 1_000_000 / perSecond, TimeUnit.MICROSECONDS);
	}

	/** Stops sending and waits until every assignment sent was answered. */
	void stop() throws InterruptedException {
		ticks.shutdown();
		ticks.awaitTermination(10, TimeUnit.SECONDS);
		long deadline = System.nanoTime() + GIVE_UP.toNanos();
		while (inFlight.get() > 0 && System.nanoTime() < deadline) {
			Thread.sleep(100);
		}
	}

	List<Accepted> accepted() {
		return new ArrayList<>(accepted);
	}

	List<String> refused() {
		return new ArrayList<>(refused);
	}

	int sent() {
		return sent.get();
	}

	int inFlight() {
		return inFlight.get();
	}

	private void send(int n, Planned planned) {
		String key = UUID.randomUUID().toString();
		String body = AssignmentApi.JSON.writeValueAsString(Map.of("contractorId", planned.contractor(),
				"scheduledTimeSlot", Map.of("start", planned.start().toString(), "end",
						planned.start().plus(Duration.ofHours(1)).toString(), "timeZone", "Europe/Berlin")));
		long first = System.nanoTime();
		for (int attempt = 1; System.nanoTime() - first < GIVE_UP.toNanos(); attempt++) {
			String url = instance(n + attempt);
			var request = HttpRequest.newBuilder(URI.create(url + "/api/jobs/" + planned.job() + "/assignments"))
				.timeout(ATTEMPT_TIMEOUT)
				.header("Authorization", "Bearer " + tokenOfGroup.get(planned.group()))
				.header("Content-Type", "application/json")
				.header("Idempotency-Key", key)
				.POST(HttpRequest.BodyPublishers.ofString(body))
				.build();
			try {
				HttpResponse<String> response = sendInTurn(request);
				if (response.statusCode() == 201) {
					var assignment = AssignmentApi.JSON.readTree(response.body());
					accepted.add(
							new Accepted(planned, assignment.get("id").asString(), assignment.get("eventId").asString(),
									Instant.now(), Duration.ofNanos(System.nanoTime() - first), attempt));
					return;
				}
				if (response.statusCode() < 500) {
					refused.add(planned.job() + ": " + response.statusCode() + " " + response.body());
					return;
				}
			}
			catch (IOException ex) {
				// Connection refused or reset, or timed out: the instance is down or
				// stuck; the next attempt goes to the other one.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			try {
				Thread.sleep(RETRY_PAUSE);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		refused.add(planned.job() + ": no 201 within " + GIVE_UP);
	}

	private HttpResponse<String> sendInTurn(HttpRequest request) throws IOException, InterruptedException {
		requestSlots.acquire();
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		finally {
			requestSlots.release();
		}
	}

	private String instance(int turn) {
		List<String> ready = instanceUrls.stream().filter((url) -> !unready.contains(url)).toList();
		List<String> candidates = ready.isEmpty() ? instanceUrls : ready;
		return candidates.get(turn % candidates.size());
	}

	private void watchReadiness() {
		while (!closed) {
			for (String url : instanceUrls) {
				if (isReady(url)) {
					unready.remove(url);
				}
				else {
					unready.add(url);
				}
			}
			try {
				Thread.sleep(READINESS_INTERVAL);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	private boolean isReady(String url) {
		var request = HttpRequest.newBuilder(URI.create(url + "/readyz")).timeout(Duration.ofSeconds(1)).GET().build();
		try {
			return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public void close() {
		closed = true;
		ticks.shutdownNow();
		http.close();
	}

}
