package com.fieldservice.push.dashboard;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings the dashboard page reads from {@code /config.json}.
 *
 * @param assignmentServiceUrl base URL of assignment-service, whose EventLog entries the
 * dashboard links to
 */
@ConfigurationProperties("push.dashboard")
record DashboardProperties(String assignmentServiceUrl) {
}
