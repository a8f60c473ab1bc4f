package com.fieldservice.streams.routing;

import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.TimeoutException;

/**
 * Tells a deserialization failure caused by an unreachable schema registry from one
 * caused by the record's bytes.
 */
final class RegistryOutage {

	private RegistryOutage() {
	}

	/**
	 * Whether {@code failure} comes from the network rather than the payload. Such a
	 * record is fine and must be retried, not dead-lettered; a payload failure (bad magic
	 * byte, truncated Avro, unknown schema id) is final. Plain {@code IOException}s are
	 * not enough: Avro reports truncated data as {@code EOFException}.
	 */
	static boolean isCauseOf(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SocketException || cause instanceof SocketTimeoutException
					|| cause instanceof UnknownHostException || cause instanceof HttpTimeoutException
					|| cause instanceof TimeoutException) {
				return true;
			}
		}
		return false;
	}

}
