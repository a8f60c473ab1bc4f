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

	/**
	 * Over a limit (connections of one subscriber, acks per second): back off before
	 * trying again.
	 */
	static final String TOO_MANY = "too-many";

	/**
	 * Close code of {@link #TOO_MANY}: private use (4000-4999), after HTTP's 429, so a
	 * client can tell it from a refusal to retry at once.
	 */
	static final int TOO_MANY_CLOSE_CODE = 4429;

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

	static Refusal tooMany(String message) {
		return new Refusal(TOO_MANY, message);
	}

	String code() {
		return code;
	}

	/**
	 * 1008 (policy violation) for what the client did; 1013 (try again later) when the
	 * service is not ready; 4429 over a limit.
	 */
	CloseStatus closeStatus() {
		CloseStatus status = switch (code) {
			case UNAVAILABLE -> CloseStatus.SERVICE_OVERLOAD;
			case TOO_MANY -> new CloseStatus(TOO_MANY_CLOSE_CODE);
			default -> CloseStatus.POLICY_VIOLATION;
		};
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
