package com.fieldservice.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * A real WebSocket client (the JDK's) that collects the JSON frames push-service sends.
 */
final class WebSocketClient implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();

	private final CompletableFuture<Closed> closed = new CompletableFuture<>();

	private final WebSocket socket;

	private WebSocketClient(String url) {
		this.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.buildAsync(URI.create(url), new Collector())
			.join();
	}

	static WebSocketClient connect(String pushServiceUrl, String token) {
		return new WebSocketClient(url(pushServiceUrl, token, ""));
	}

	/**
	 * Connects with further query parameters, e.g. {@code resume=<position>} or
	 * {@code subscribe=dispatcher:north}.
	 */
	static WebSocketClient connect(String pushServiceUrl, String token, String query) {
		return new WebSocketClient(url(pushServiceUrl, token, query));
	}

	/** The HTTP response of a handshake the server refused. */
	static HttpResponse<?> refusal(String pushServiceUrl, String token) {
		try {
			new WebSocketClient(url(pushServiceUrl, token, "")).close();
			throw new AssertionError("The handshake was accepted");
		}
		catch (CompletionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				return refused.getResponse();
			}
			throw ex;
		}
	}

	private static String url(String pushServiceUrl, String token, String query) {
		String base = pushServiceUrl.replaceFirst("^http", "ws") + "/ws";
		String tokenParameter = (token != null) ? "access_token=" + token : "";
		String parameters = Stream.of(tokenParameter, query)
			.filter((part) -> !part.isEmpty())
			.collect(Collectors.joining("&"));
		return parameters.isEmpty() ? base : base + "?" + parameters;
	}

	/**
	 * The next frame of {@code type}, skipping others (pings), or null after the timeout.
	 */
	JsonNode next(String type, Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (frame != null && type.equals(frame.path("type").asString())) {
				return frame;
			}
		}
		return null;
	}

	/**
	 * The frames up to and including the next one of {@code type}; null if none comes
	 * within the timeout.
	 */
	List<JsonNode> until(String type, Duration timeout) throws InterruptedException {
		var received = new ArrayList<JsonNode>();
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			JsonNode frame = frames.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
			if (frame != null) {
				received.add(frame);
				if (type.equals(frame.path("type").asString())) {
					return received;
				}
			}
		}
		return null;
	}

	void send(String text) {
		socket.sendText(text, true).join();
	}

	/** How the server closed the connection, or null if it did not within the timeout. */
	Closed closed(Duration timeout) throws InterruptedException {
		try {
			return closed.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			return null;
		}
	}

	/** The close frame's status code and reason. */
	record Closed(int code, String reason) {
	}

	@Override
	public void close() {
		socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye");
		socket.abort();
	}

	private final class Collector implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			partial.append(data);
			if (last) {
				frames.add(JSON.readTree(partial.toString()));
				partial.setLength(0);
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			closed.complete(new Closed(statusCode, reason));
			return null;
		}

		/** The connection broke without a close frame: 1006, as browsers report it. */
		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			closed.complete(new Closed(1006, String.valueOf(error.getMessage())));
		}

	}

}
