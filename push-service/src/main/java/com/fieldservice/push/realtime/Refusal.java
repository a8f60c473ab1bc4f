package com.fieldservice.push.realtime;

import java.nio.charset.StandardCharsets;

import org.springframework.web.socket.CloseStatus;

/**
 * Why a connection or a client frame is refused: sent to the client as an error frame,
 * and for a connection also as the close reason, so a client (or its developer) can tell
 * what to change.
 */
final class Refusal extends RuntimeException {

	/** Asked for something the token does not allow. */
	static final String FORBIDDEN = "forbidden";

	/** Sent something this service does not understand. */
	static final String BAD_REQUEST = "bad-request";

	/** Could not be served now; reconnecting later will work. */
	static final String UNAVAILABLE = "unavailable";

	private final String code;

	private Refusal(String code, String message) {
		super(message, null, false, false);
		this.code = code;
	}

	static Refusal forbidden(String message) {
		return new Refusal(FORBIDDEN, message);
	}

	static Refusal badRequest(String message) {
		return new Refusal(BAD_REQUEST, message);
	}

	static Refusal unavailable(String message) {
		return new Refusal(UNAVAILABLE, message);
	}

	String code() {
		return code;
	}

	/**
	 * 1008 (policy violation) for what the client did; 1013 (try again later) when the
	 * service is not ready.
	 */
	CloseStatus closeStatus() {
		CloseStatus status = code.equals(UNAVAILABLE) ? CloseStatus.SERVICE_OVERLOAD : CloseStatus.POLICY_VIOLATION;
		return status.withReason(closeReason(code + ": " + getMessage()));
	}

	/**
	 * A close reason may have at most 123 bytes of UTF-8; the error frame carries the
	 * whole message.
	 */
	private static String closeReason(String reason) {
		if (utf8Length(reason) <= 123) {
			return reason;
		}
		String shortened = reason;
		while (utf8Length(shortened) > 120) {
			shortened = shortened.substring(0, shortened.length() - 1);
		}
		return shortened + "…";
	}

	private static int utf8Length(String text) {
		return text.getBytes(StandardCharsets.UTF_8).length;
	}

}
