package com.fieldservice.connect.sns;

import org.apache.kafka.connect.errors.ConnectException;

/**
 * Why SNS did not take a record: the reason that goes with it to the dead letter queue
 * (the {@code __connect.errors.exception.message} header).
 */
class UndeliverableRecordException extends ConnectException {

	UndeliverableRecordException(String message) {
		super(message);
	}

	UndeliverableRecordException(String message, Throwable cause) {
		super(message, cause);
	}

}
