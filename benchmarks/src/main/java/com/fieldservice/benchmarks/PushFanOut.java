package com.fieldservice.benchmarks;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;

import com.fieldservice.stack.LocalStack;
import com.fieldservice.testsupport.Tokens;

/**
 * Fan-out throughput: the same jobAssigned frames broadcast to the same number of
 * connected dispatcher clients of one group, by push-service (records written to its
 * Kafka topic) and by the baseline server (frames sent over its control connection), each
 * after a warm-up, received by the same clients.
 */
final class PushFanOut {

	static final int CLIENTS = 2_000;

	static final int MESSAGES = 200;

	static final int WARMUP_MESSAGES = 400;

	/**
	 * Most messages sent but not yet received by every client. Unpaced, a burst is queued
	 * whole for every client: push-service cuts off (4500) any client with more than 1 MB
	 * waiting, and an earlier version, with a copy of every frame per client, ran out of
	 * its 512 MB heap at 2,000 clients x 100 messages.
	 */
	static final int WINDOW = 5;

	static final String GROUP = "fanout";

	private static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(2);

	private static final Duration STALL = Duration.ofSeconds(15);

	private static final Duration TIMEOUT = Duration.ofMinutes(3);

	private PushFanOut() {
	}

	/**
	 * What one server achieved.
	 *
	 * @param closeCodes connections the server closed during the run, by close code
	 * @param lost connections that dropped without a close frame
	 */
	record Result(String server, long expected, long delivered, Duration span, Map<Integer, Integer> closeCodes,
			int lost) {

		double framesPerSecond() {
			return span.isZero() ? 0 : delivered * 1e9 / span.toNanos();
		}

		String summary() {
			return "%,9.0f frames/s  (%,d of %,d frames in %.2f s; closed by the server: %s; dropped: %d)".formatted(
					framesPerSecond(), delivered, expected, span.toNanos() / 1e9,
					closeCodes.isEmpty() ? "none" : closeCodes, lost);
		}

	}

	/**
	 * A measurement, and the frames its first client received: the baseline sends the
	 * same.
	 */
	record Outcome(Result result, List<String> frames) {
	}

	/** Has the server under test broadcast {@code count} messages. */
	@FunctionalInterface
	interface Messages {

		void send(int count) throws Exception;

	}

	static Outcome pushService(LocalStack stack) throws Exception {
		String url = stack.service(LocalStack.PUSH_SERVICE).url().replace("http://", "ws://");
		try (var records = new DispatcherNotifications(stack.kafka().bootstrapServers(), stack.registry().url(),
				GROUP)) {
			return measure("push-service", client -> URI.create(url + "/ws?access_token=" + token(client)),
					records::send);
		}
	}

	/**
	 * Sends {@code frames} (cycling if push-service's client received fewer than it
	 * should have).
	 */
	static Result baseline(Path home, Path log, List<String> frames) throws Exception {
		if (frames.isEmpty()) {
			throw new IllegalStateException("push-service delivered no frame to copy");
		}
		try (var server = BaselineServer.start(home, log); var control = new WebSocketClients()) {
			Channel channel = control.open(-1, URI.create(server.url() + "/control")).get(30, TimeUnit.SECONDS);
			Messages messages = count -> {
				for (int i = 0; i < count - 1; i++) {
					channel.write(new TextWebSocketFrame(frames.get(i % frames.size())));
				}
				channel.writeAndFlush(new TextWebSocketFrame(frames.get((count - 1) % frames.size()))).sync();
			};
			return measure("ws baseline", client -> URI.create(server.url() + "/ws?access_token=" + token(client)),
					messages)
				.result();
		}
	}

	private static Outcome measure(String server, IntFunction<URI> uris, Messages messages) throws Exception {
		try (var clients = new WebSocketClients()) {
			System.out.printf(">> %s: connecting %,d dispatcher clients ...%n", server, CLIENTS);
			clients.connect(CLIENTS, uris, CONNECT_TIMEOUT);
			System.out.printf(">> %s: %d warm-up messages, then %d measured ...%n", server, WARMUP_MESSAGES, MESSAGES);
			var warm = new FrameCounter(-1);
			clients.listen(warm);
			broadcast(messages, WARMUP_MESSAGES, warm);
			var counter = new FrameCounter(0);
			clients.listen(counter);
			broadcast(messages, MESSAGES, counter);
			var result = new Result(server, (long) CLIENTS * MESSAGES, counter.frames(), counter.span(),
					clients.closeCodes(), clients.lost());
			return new Outcome(result, counter.kept());
		}
	}

	/**
	 * Has {@code count} messages broadcast as fast as the server relays them: never more
	 * than {@link #WINDOW} ahead of what the clients have received. Then waits for the
	 * last frames.
	 */
	private static void broadcast(Messages messages, int count, FrameCounter counter) throws Exception {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		long progressAt = System.nanoTime();
		long seen = 0;
		int sent = 0;
		while (sent < count && System.nanoTime() < deadline && System.nanoTime() - progressAt < STALL.toNanos()) {
			long received = counter.frames();
			int due = (int) Math.min(count - sent, received / CLIENTS + WINDOW - sent);
			if (due > 0) {
				messages.send(due);
				sent += due;
			}
			else {
				LockSupport.parkNanos(200_000);
			}
			if (received != seen) {
				seen = received;
				progressAt = System.nanoTime();
			}
		}
		counter.await((long) CLIENTS * count, STALL, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
	}

	/**
	 * A dispatcher of its own for each client: push-service admits a limited number of
	 * connections per subscriber (PUSH_MAX_CONNECTIONS_PER_SUBSCRIBER).
	 */
	private static String token(int client) {
		return Tokens.dispatcher("D-bench-" + client, List.of(GROUP));
	}

}
