package com.fieldservice.streams;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Runs the routing topology of the assignment events, with health probes and metrics on
 * the actuator port.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NotificationStreamsApplication {

	public static void main(String[] args) {
		SpringApplication.run(NotificationStreamsApplication.class, args);
	}

}
