package com.fieldservice.stack;

import java.time.Duration;

/**
 * What the run command prints once the stack is up: where everything is and a request to
 * try.
 */
final class Banner {

	private Banner() {
	}

	static String ready(LocalStack stack, Duration startup) {
		String assignments = stack.service(LocalStack.ASSIGNMENT_SERVICE).url();
		String push = stack.service(LocalStack.PUSH_SERVICE).url();
		var example = TryItRequest.find(stack.postgres());
		return """

				Job assignment notifications are running (ready in %.1f s).

				  Dispatcher dashboard  %s/   (pick a demo dispatcher or contractor)
				  Assignment API        %s/api
				  Kafka                 %s
				  Schema registry       %s/apis/ccompat/v7/subjects
				  Postgres              jdbc:postgresql://127.0.0.1:%d/assignments (user postgres)
				  Kafka Connect         %s/connectors   (SNS sink, event archive)
				  SNS/SQS emulator      %s   (topics job-assigned, job-assigned.fifo)
				  Logs                  %s

				Try it: assign demo job %s to contractor %s and watch the dashboard:

				  curl -s -X POST %s/api/jobs/%s/assignments \\
				    -H 'Content-Type: application/json' -H "Authorization: Bearer $(curl -s '%s/dev/tokens/dispatcher?groups=north')" \\
				    -d '{"contractorId":"%s","scheduledTimeSlot":{"start":"%s","end":"%s","timeZone":"Europe/Berlin"}}'

				Then see it reach AWS subscribers (an SQS queue filtered on contractorId) and the archive (within 10 s):

				  ./scripts/sqs-receive job-assigned-contractor-%s
				  ./scripts/archive contractor %s 2020-01-01 2100-01-01

				Press Ctrl-C to stop everything.
				"""
			.formatted(startup.toMillis() / 1000.0, push, assignments, stack.kafka().bootstrapServers(),
					stack.registry().url(), stack.postgres().port(), stack.connect().url(),
					stack.snsEmulator().endpoint(), stack.settings().dataDir().resolve("logs"), example.jobId(),
					TryItRequest.CONTRACTOR, assignments, example.jobId(), push, TryItRequest.CONTRACTOR,
					example.slotStart(), example.slotEnd(), TryItRequest.CONTRACTOR, TryItRequest.CONTRACTOR);
	}

}
