package com.fieldservice.connect.sns;

import java.util.Set;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sns.model.BatchResultErrorEntry;

/**
 * Sorts SNS errors, of one batch entry or of a whole call, into what the connector does
 * about them: retry, dead-letter the record, or stop the task for an operator.
 */
final class SnsErrors {

	/** What to do about an error. */
	enum Kind {

		/** SNS is busy or failing for a while: send again later. */
		RETRIABLE,

		/** This message can never be published as it is: dead-letter it. */
		PERMANENT,

		/**
		 * Credentials, permissions or the topic's key: nothing publishes until an
		 * operator acts.
		 */
		CONFIGURATION

	}

	private static final Set<String> RETRIABLE = Set.of("Throttling", "ThrottlingException", "Throttled",
			"ThrottledException", "RequestThrottled", "TooManyRequestsException", "KMSThrottling", "InternalError",
			"InternalFailure", "ServiceUnavailable", "ServiceUnavailableException", "RequestTimeout",
			"RequestTimeoutException");

	private static final Set<String> PERMANENT = Set.of("InvalidParameter", "InvalidParameterValue",
			"ParameterValueInvalid", "InvalidMessageContents", "NotFound", "ValidationException", "ValidationError",
			"EndpointDisabled", "PlatformApplicationDisabled", "BatchRequestTooLong", "TooManyEntriesInBatchRequest",
			"BatchEntryIdsNotDistinct", "EmptyBatchRequest", "InvalidBatchEntryId");

	private static final Set<String> CONFIGURATION = Set.of("AuthorizationError", "AccessDenied",
			"AccessDeniedException", "InvalidClientTokenId", "SignatureDoesNotMatch", "IncompleteSignature",
			"MissingAuthenticationToken", "ExpiredToken", "ExpiredTokenException", "UnrecognizedClientException",
			"InvalidSecurity", "KMSAccessDenied", "KMSDisabled", "KMSInvalidState", "KMSNotFound", "KMSOptInRequired",
			"OptInRequired");

	private SnsErrors() {
	}

	/**
	 * An entry SNS refused while it accepted the call; an unknown code is retried only
	 * when SNS says the fault is its own.
	 */
	static Kind of(BatchResultErrorEntry entry) {
		String code = entry.code();
		if (CONFIGURATION.contains(code)) {
			return Kind.CONFIGURATION;
		}
		if (RETRIABLE.contains(code)) {
			return Kind.RETRIABLE;
		}
		if (PERMANENT.contains(code)) {
			return Kind.PERMANENT;
		}
		return Boolean.FALSE.equals(entry.senderFault()) ? Kind.RETRIABLE : Kind.PERMANENT;
	}

	/**
	 * A call that failed as a whole: no answer, a throttled or failing SNS (retriable), a
	 * refused request (permanent), or refused credentials (configuration).
	 */
	static Kind of(SdkException ex) {
		if (ex instanceof AwsServiceException service) {
			String code = (service.awsErrorDetails() != null) ? service.awsErrorDetails().errorCode() : null;
			int status = service.statusCode();
			if (CONFIGURATION.contains(code) || status == 401 || status == 403) {
				return Kind.CONFIGURATION;
			}
			if (RETRIABLE.contains(code) || service.isThrottlingException() || status == 429 || status >= 500) {
				return Kind.RETRIABLE;
			}
			return Kind.PERMANENT;
		}
		if (ex instanceof SdkClientException
				&& String.valueOf(ex.getMessage()).contains("Unable to load credentials")) {
			return Kind.CONFIGURATION;
		}
		// Connection refused or reset, timeouts, unreadable answers: SNS may be back
		// soon.
		return Kind.RETRIABLE;
	}

	/** The code and message, for the dead letter queue's reason header and the logs. */
	static String describe(SdkException ex) {
		if (ex instanceof AwsServiceException service && service.awsErrorDetails() != null) {
			return service.awsErrorDetails().errorCode() + ": " + service.awsErrorDetails().errorMessage();
		}
		return ex.getClass().getSimpleName() + ": " + ex.getMessage();
	}

	static String describe(BatchResultErrorEntry entry) {
		return entry.code() + ": " + entry.message();
	}

}
