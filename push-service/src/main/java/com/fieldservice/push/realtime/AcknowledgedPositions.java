package com.fieldservice.push.realtime;

import com.fieldservice.push.security.Subscriber;

/**
 * The resume position each subscriber last acknowledged, shared by all instances: a
 * client that connects without a position (a new device, a cleared browser) resumes from
 * there, so nothing that arrived while it was away is lost.
 */
public interface AcknowledgedPositions {

	/** Nothing stored: used when Kafka is off. */
	AcknowledgedPositions NONE = new AcknowledgedPositions() {

		@Override
		public Cursor of(Subscriber subscriber) {
			return Cursor.NONE;
		}

		@Override
		public void acknowledge(Subscriber subscriber, Cursor position) {
		}

	};

	/**
	 * The position {@code subscriber} last acknowledged, on any device;
	 * {@link Cursor#NONE} if none.
	 */
	Cursor of(Subscriber subscriber);

	/**
	 * Records that {@code subscriber} has everything before {@code position}; positions
	 * only ever move forward.
	 */
	void acknowledge(Subscriber subscriber, Cursor position);

}
