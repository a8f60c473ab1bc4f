package com.fieldservice.assignment.assignment;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.fieldservice.assignment.outbox.EventTypes;
import com.fieldservice.schemas.Topics;

/**
 * Registers the assignment events (JobAssigned, AssignmentCancelled) with the outbox
 * relay.
 */
@Configuration(proxyBeanMethods = false)
class AssignmentConfiguration {

	@Bean
	EventTypes eventTypes() {
		// One topic for both, keyed by jobId: a cancellation follows its assignment in
		// every consumer.
		return new EventTypes(Map.of(JobAssignedEvent.TYPE,
				new EventTypes.Registration(JobAssignedEvent.class, Topics.JOB_ASSIGNED_OUTBOX.name()),
				AssignmentCancelledEvent.TYPE,
				new EventTypes.Registration(AssignmentCancelledEvent.class, Topics.JOB_ASSIGNED_OUTBOX.name())));
	}

}
