package com.fieldservice.push.dashboard;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Serves {@code /config.json}: what the static dashboard page needs to know about its
 * environment.
 */
@RestController
class DashboardConfigController {

	private final DashboardProperties properties;

	DashboardConfigController(DashboardProperties properties) {
		this.properties = properties;
	}

	@GetMapping(path = "/config.json", produces = MediaType.APPLICATION_JSON_VALUE)
	DashboardConfig config() {
		return new DashboardConfig(properties.assignmentServiceUrl());
	}

	/**
	 * @param assignmentServiceUrl where links to EventLog entries point
	 */
	record DashboardConfig(String assignmentServiceUrl) {
	}

}
