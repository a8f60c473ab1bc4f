package com.fieldservice.push.realtime;

/**
 * How far a client may fall behind before it is cut off.
 *
 * @param sendTimeLimitMillis longest a single write to the client may take
 * @param bufferSizeLimitBytes most bytes waiting for the client while a write is in
 * progress
 * @param maxWaitingFrames most live frames kept for the client while it catches up
 */
record SendLimits(int sendTimeLimitMillis, int bufferSizeLimitBytes, int maxWaitingFrames) {

	SendLimits(int sendTimeLimitMillis, int bufferSizeLimitBytes) {
		this(sendTimeLimitMillis, bufferSizeLimitBytes, 10_000);
	}

}
