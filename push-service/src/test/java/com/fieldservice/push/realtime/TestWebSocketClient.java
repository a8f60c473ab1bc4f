package com.fieldservice.push.realtime;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A client of {@code /ws} on the JDK's WebSocket client, collecting the text frames it
 * receives.
 */
final class TestWebSocketClient implements WebSocket.Listener, AutoCloseable {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final BlockingQueue<String> frames = new LinkedBlockingQueue<>();

	private final CompletableFuture<Closed> closed = new CompletableFuture<>();

	private final StringBuilder partial = new StringBuilder();

	private WebSocket socket;

	private TestWebSocketClient() {
	}

	/** Connects; returns the client, or throws the handshake's refusal. */
	static TestWebSocketClient connect(URI uri, Map<String, String> headers) throws Exception {
		var client = new TestWebSocketClient();
		var builder = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(TIMEOUT);
		headers.forEach(builder::header);
		client.socket = builder.buildAsync(uri, client).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		return client;
	}

	/** The HTTP status a refused handshake answered with. */
	static int refusalStatus(URI uri, Map<String, String> headers) throws Exception {
		return refusal(uri, headers).statusCode();
	}

	/** The response a refused handshake answered with. */
	static java.net.http.HttpResponse<?> refusal(URI uri, Map<String, String> headers) throws Exception {
		try {
			connect(uri, headers).close();
			throw new AssertionError("The handshake was accepted");
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof WebSocketHandshakeException refused) {
				return refused.getResponse();
			}
			throw ex;
		}
	}

	void send(String text) {
		socket.sendText(text, true).join();
	}

	/** How the server closed the connection, waiting up to 10 s. */
	Closed closed() throws Exception {
		return closed.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
	}

	/** Whether the server has closed the connection. */
	boolean isClosed() {
		return closed.isDone();
	}

	/** The next text frame, waiting up to 10 s. */
	String nextFrame() throws InterruptedException {
		String frame = frames.poll(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		if (frame == null) {
			throw new AssertionError("No frame within " + TIMEOUT);
		}
		return frame;
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		partial.append(data);
		if (last) {
			frames.add(partial.toString());
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

	/** The close frame's status code and reason. */
	record Closed(int code, String reason) {
	}

	@Override
	public void close() {
		if (socket != null && !socket.isOutputClosed()) {
			socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
		}
	}

}
