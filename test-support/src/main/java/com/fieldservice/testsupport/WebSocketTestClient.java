package com.fieldservice.testsupport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real WebSocket client (the JDK's) of push-service's {@code /ws}, collecting the JSON
 * frames it receives and how the connection closed.
 */
public final class WebSocketTestClient implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();

	private final CompletableFuture<Closed> closed = new CompletableFuture<>();

	private final WebSocket socket;

	private WebSocketTestClient(URI uri, Map<String, String> headers) {
		var builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT);
		headers.forEach(builder::header);
		this.socket = builder.buildAsync(uri, new Collector()).orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS).join();
	}

	/**
	 * Connects to {@code pushServiceUrl} (http://host:port) with the token as a query
	 * parameter.
	 */
	public static WebSocketTestClient connect(String pushServiceUrl, String token) {
		return connect(pushServiceUrl, token, "");
	}

	/**
	 * Connects with further query parameters, e.g. {@code resume=<position>} or
	 * {@code subscribe=dispatcher:north}.
	 */
	public static WebSocketTestClient connect(String pushServiceUrl, String token, String query) {
		return connect(uri(pushServiceUrl, token, query), Map.of());
	}

	/** Connects to {@code uri} sending {@code headers} with the handshake. */
	public static WebSocketTestClient connect(URI uri, Map<String, String> headers) {
		return new WebSocketTestClient(uri, headers);
	}

	/** The HTTP response of a handshake the server refused. */
	public static HttpResponse<?> refusal(String pushServiceUrl, String token) {
		return refusal(uri(pushServiceUrl, token, ""), Map.of());
	}

	/** The HTTP response of a handshake the server refused. */
	public static HttpResponse<?> refusal(URI uri, Map<String, String> headers) {
		try {
			connect(uri, headers).close();
			throw new AssertionError("The handshake was accepted");
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				return refused.getResponse();
			}
			throw ex;
		}
	}

	/**
	 * {@code ws://host:port/ws?access_token=...&query} for a push-service at
	 * {@code http://host:port}.
	 */
	public static URI uri(String pushServiceUrl, String token, String query) {
		String base = pushServiceUrl.replaceFirst("^http", "ws") + "/ws";
		String tokenParameter = (token != null) ? "access_token=" + token : "";
		String parameters = Stream.of(tokenParameter, query)
			.filter((part) -> !part.isEmpty())
			.collect(Collectors.joining("&"));
		return URI.create(parameters.isEmpty() ? base : base + "?" + parameters);
	}

	/**
	 * The next frame of {@code type}, skipping others (pings), or null after the timeout.
	 */
	public JsonNode next(String type, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode frame = this.frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (frame != null && type.equals(frame.path("type").asString())) {
				return frame;
			}
		}
		return null;
	}

	/** The next frame of any type, waiting up to 10 s, or an AssertionError. */
	public JsonNode nextFrame() throws InterruptedException {
		JsonNode frame = this.frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		if (frame == null) {
			throw new AssertionError("No frame within " + TIMEOUT);
		}
		return frame;
	}

	/**
	 * The frames up to and including the next one of {@code type}; null if none comes in
	 * time.
	 */
	public List<JsonNode> until(String type, Duration timeout) throws InterruptedException {
		var received = new ArrayList<JsonNode>();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode frame = this.frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (frame != null) {
				received.add(frame);
				if (type.equals(frame.path("type").asString())) {
					return received;
				}
			}
		}
		return null;
	}

	public void send(String text) {
		this.socket.sendText(text, true).join();
	}

	public void sendBinary(byte[] bytes) {
		this.socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
	}

	public void sendPing(byte[] payload) {
		this.socket.sendPing(ByteBuffer.wrap(payload)).join();
	}

	/** How the server closed the connection, or null if it did not within the timeout. */
	public Closed closed(Duration timeout) throws InterruptedException {
		try {
			return this.closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			return null;
		}
	}

	/** How the server closed the connection, waiting up to 10 s, or an AssertionError. */
	public Closed closed() throws InterruptedException {
		Closed result = closed(TIMEOUT);
		if (result == null) {
			throw new AssertionError("Not closed within " + TIMEOUT);
		}
		return result;
	}

	public boolean isClosed() {
		return this.closed.isDone();
	}

	/** The close frame's status code and reason. */
	public record Closed(int code, String reason) {
	}

	@Override
	public void close() {
		if (!this.socket.isOutputClosed()) {
			this.socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
		this.socket.abort();
	}

	private final class Collector implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (last) {
				WebSocketTestClient.this.frames.add(JSON.readTree(this.partial.toString()));
				this.partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			WebSocketTestClient.this.closed.complete(new Closed(statusCode, reason));
			return null;
		}

		/** The connection broke without a close frame: 1006, as browsers report it. */
		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			WebSocketTestClient.this.closed.complete(new Closed(1006, String.valueOf(error.getMessage())));
		}

	}

}
