package com.fieldservice.systemtests;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real WebSocket client (the JDK's) that collects the JSON frames push-service sends. */
final class WebSocketClient implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();

	private final WebSocket socket;

	private WebSocketClient(String url) {
		this.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.buildAsync(URI.create(url), new Collector())
			.join();
	}

	static WebSocketClient connect(String pushServiceUrl, String token) {
		return new WebSocketClient(pushServiceUrl.replaceFirst("^http", "ws") + "/ws?access_token=" + token);
	}

	/** The next frame of {@code type}, skipping others (pings), or null after the timeout. */
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

	}

}
