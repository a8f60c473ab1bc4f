package com.fieldservice.systemtests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 written byte by byte over a socket: for requests no well-behaved client would
 * send (a NUL in a path, a header the JDK's client refuses to set), so a test can see
 * what the server makes of them. One request per connection.
 */
final class RawHttp {

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private RawHttp() {
	}

	/**
	 * A response: status, headers (names in lower case), body; status 0 when the server
	 * closed without one.
	 */
	record Response(int status, Map<String, String> headers, String body, long millis) {

		String contentType() {
			return this.headers.getOrDefault("content-type", "");
		}

	}

	/**
	 * Sends {@code head} (request line and headers, CRLF-separated, without the blank
	 * line) and {@code body}.
	 */
	static Response send(int port, String head, byte[] body) {
		long started = System.nanoTime();
		try (var socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(Math.toIntExact(TIMEOUT.toMillis()));
			var request = new ByteArrayOutputStream();
			request.writeBytes((head + "\r\nContent-Length: " + body.length + "\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.UTF_8));
			request.writeBytes(body);
			socket.getOutputStream().write(request.toByteArray());
			socket.getOutputStream().flush();
			byte[] raw = readAll(socket.getInputStream());
			return parse(raw, (System.nanoTime() - started) / 1_000_000);
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("No response within " + TIMEOUT + " to: " + abbreviate(head));
		}
		catch (IOException ex) {
			// The server closed the connection on a request it would not read.
			return new Response(0, Map.of(), String.valueOf(ex.getMessage()),
					(System.nanoTime() - started) / 1_000_000);
		}
	}

	private static byte[] readAll(InputStream in) throws IOException {
		var out = new ByteArrayOutputStream();
		in.transferTo(out);
		return out.toByteArray();
	}

	private static Response parse(byte[] raw, long millis) {
		String text = new String(raw, StandardCharsets.ISO_8859_1);
		int end = text.indexOf("\r\n\r\n");
		if (end < 0 || !text.startsWith("HTTP/1.1 ")) {
			return new Response(0, Map.of(), new String(raw, StandardCharsets.UTF_8), millis);
		}
		String[] lines = text.substring(0, end).split("\r\n");
		var headers = new LinkedHashMap<String, String>();
		for (int i = 1; i < lines.length; i++) {
			int colon = lines[i].indexOf(':');
			if (colon > 0) {
				headers.put(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
						lines[i].substring(colon + 1).strip());
			}
		}
		// ISO-8859-1 maps each byte to one char, so chunk sizes (in bytes) index the
		// text.
		String body = text.substring(end + 4);
		if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
			body = unchunked(body);
		}
		return new Response(Integer.parseInt(lines[0].substring(9, 12)), headers,
				new String(body.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8), millis);
	}

	private static String unchunked(String chunked) {
		var body = new StringBuilder();
		int at = 0;
		while (at < chunked.length()) {
			int lineEnd = chunked.indexOf("\r\n", at);
			if (lineEnd < 0) {
				break;
			}
			int size = Integer.parseInt(chunked.substring(at, lineEnd).strip(), 16);
			if (size == 0) {
				break;
			}
			body.append(chunked, lineEnd + 2, Math.min(chunked.length(), lineEnd + 2 + size));
			at = lineEnd + 2 + size + 2;
		}
		return body.toString();
	}

	static String abbreviate(String text) {
		String oneLine = text.replace("\r\n", " | ");
		return (oneLine.length() <= 200) ? oneLine : oneLine.substring(0, 200) + "…";
	}

}
