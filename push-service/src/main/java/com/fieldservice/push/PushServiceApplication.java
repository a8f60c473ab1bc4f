package com.fieldservice.push;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Pushes assignment notifications (JobAssigned, AssignmentCancelled) from Kafka to the
 * WebSocket clients of dispatchers and contractors.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PushServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(PushServiceApplication.class, args);
	}

}
