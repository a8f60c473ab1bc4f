package com.fieldservice.assignment;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The AssignJob API with its EventLog outbox and the relay that publishes JobAssigned
 * events to Kafka.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AssignmentServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(AssignmentServiceApplication.class, args);
	}

}
